import { Injectable } from '@nestjs/common';
import type { Response } from 'express';
import { RepeatLinksService } from '#board';
import type { PendingUpload } from '#database';
import { applyCorrections, correctableList, describeEdit, type CorrectedRecommendation, type RecommendationDraft } from '#extraction';
import { ReportsService, routeToTeam, TeamsService, type TeamView } from '#tracking';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { PageShell } from './page-shell.service.js';
import { NO_PROBLEMS } from './web-forms.js';

/** One recommendation as the preview lists it: as it would be confirmed, with the team that would own it. */
export interface PreviewItem extends RecommendationDraft {
  /** 1..n in the list being corrected: what the Change, Split and Remove links name. */
  position: number;
  team: TeamView | null;
  /** True when the team was chosen by hand, false when routing chose it from the text. */
  teamChosen: boolean;
  addedByHand: boolean;
}

/** An upload's list as it stands, with everything its pages need to show or change one item. */
export interface UploadState {
  upload: PendingUpload;
  list: CorrectedRecommendation[];
  items: PreviewItem[];
  teams: TeamView[];
}

/**
 * The upload preview: the draft with the corrections made so far, each recommendation with the
 * team routing would give it (or the one chosen by hand), and what was changed by hand. Shown
 * after an upload and after each correction, so a board sees exactly what it will confirm.
 */
@Injectable()
export class UploadPreview {
  constructor(
    private readonly shell: PageShell,
    private readonly reports: ReportsService,
    private readonly teams: TeamsService,
    private readonly repeatLinks: RepeatLinksService,
  ) {}

  async state(upload: PendingUpload, request: AuthenticatedRequest): Promise<UploadState> {
    const context = request.caller!.context;
    const corrected = applyCorrections(upload.draft, upload.corrections ?? undefined);
    const list = correctableList(upload.draft, upload.corrections);
    const teams = await this.teams.list(context, upload.authorityCode);
    const items = corrected.draft.recommendations.map((recommendation, index): PreviewItem => {
      const chosen = list[index].teamId;
      const team = chosen === undefined ? routeToTeam(recommendation, teams) : chosen === null ? null : (teams.find((candidate) => candidate.id === chosen) ?? null);
      return { ...recommendation, position: index + 1, team, teamChosen: chosen !== undefined, addedByHand: list[index].from === undefined };
    });
    return { upload, list, items, teams };
  }

  async render(request: AuthenticatedRequest, response: Response, upload: PendingUpload, notice?: string): Promise<void> {
    const context = request.caller!.context;
    const { items } = await this.state(upload, request);
    const corrected = applyCorrections(upload.draft, upload.corrections ?? undefined);
    const known = await this.shell.knownAuthority(context, upload.authorityCode);
    response.status(200).render('upload-preview', {
      title: 'Check the recommendations',
      layout: this.shell.layout(request, 'upload', known),
      authority: { code: upload.authorityCode, name: known?.name ?? upload.draft.authority },
      draft: corrected.draft,
      items,
      // Recommendations Ofsted made the council before, as they will be linked once confirmed.
      repeats: await this.repeatLinks.forDraft(upload.authorityCode, items.map((item) => ({ ordinal: item.position, text: item.text }))),
      // The extractor's own doubts are about what it read, so they are shown whatever was corrected since.
      warnings: upload.draft.warnings,
      changes: corrected.edits.map(describeEdit),
      uploadId: upload.id,
      fileName: upload.fileName,
      existingReportId: await this.reports.existingReportId(upload.authorityCode, upload.textSha256),
      notice,
      problems: NO_PROBLEMS,
    });
  }
}
