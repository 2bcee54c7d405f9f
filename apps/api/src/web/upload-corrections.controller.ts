import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import type { PendingUpload } from '#database';
import { PendingUploadsService, TrackingException, type TeamView } from '#tracking';
import { ExtractionError, type CorrectedRecommendation, type DraftCorrections } from '#extraction';
import { ADDRESSEE_WORDING, ADDRESSEES, TIMEFRAME_WORDING, TIMEFRAMES } from '#core';
import { Permission } from '../auth/access.decorators.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { PageShell } from './page-shell.service.js';
import { UploadPreview, type PreviewItem, type UploadState } from './upload-preview.service.js';
import { BaselineForm, formProblem, NO_PROBLEMS, readForm, RecommendationForm, SplitForm, type FormProblems } from './web-forms.js';

/** What the success banner on the preview says after each correction. */
const NOTICES: Record<string, string> = {
  changed: 'The recommendation was changed.',
  added: 'The recommendation was added at the end of the list.',
  split: 'The recommendation was split in two.',
  removed: 'The recommendation was removed.',
  baseline: 'The date the due dates count from was changed.',
};

type Typed = Record<string, unknown>;

/**
 * Correcting an upload's recommendations before confirming them: change an item's text,
 * timeframe, addressee, theme or owning team; split one in two; remove one (after confirming);
 * add one the extractor missed; move the date the due dates count from. Each change is kept with
 * the upload (never with the report until it is confirmed), and the preview shows the list as it
 * will be confirmed and what was changed by hand.
 */
@ApiExcludeController()
@Controller('reports/uploads/:upload')
export class UploadCorrectionsController {
  constructor(
    private readonly shell: PageShell,
    private readonly pendingUploads: PendingUploadsService,
    private readonly preview: UploadPreview,
  ) {}

  @Get()
  @Permission('report.ingest')
  async show(@Param('upload') id: string, @Query('changed') changed: string | undefined, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const upload = await this.pendingUploads.find(id, request.caller!.context);
    await this.preview.render(request, response, upload, changed ? NOTICES[changed] : undefined);
  }

  @Get('recommendations/:position')
  @Permission('report.ingest')
  async editForm(@Param('upload') id: string, @Param('position') position: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const state = await this.stateOf(id, request);
    const item = itemAt(state, position);
    const typed = { text: item.text, theme: item.theme ?? '', timeframe: item.timeframe, addressee: item.addressee, teamId: item.team ? String(item.team.id) : '' };
    await this.renderItemForm(request, response, state, item, typed, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post('recommendations/:position')
  @Permission('report.ingest')
  async edit(@Param('upload') id: string, @Param('position') position: string, @Body() body: Typed, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const state = await this.stateOf(id, request);
    const item = itemAt(state, position);
    const { form, problems } = await readForm(RecommendationForm, body, ITEM_FIELDS);
    checkTeam(form.teamId, state.teams, problems);
    if (problems.list.length > 0) return this.renderItemForm(request, response, state, item, body, problems, HttpStatus.BAD_REQUEST);
    const index = item.position - 1;
    const before = state.list[index];
    // The team shown was routing's choice: keeping it leaves the action to be routed as usual.
    const routed = before.teamId === undefined ? (item.team?.id ?? null) : undefined;
    const teamId = form.teamId === undefined ? before.teamId : routed !== undefined && form.teamId === routed ? undefined : form.teamId;
    const list = [...state.list];
    list[index] = { ...before, text: form.text, timeframe: form.timeframe, addressee: form.addressee, theme: form.theme || null, teamId };
    await this.save(request, response, state, { recommendations: list }, 'changed', item.position, (message) =>
      this.renderItemForm(request, response, state, item, body, formProblem(message, '#text'), HttpStatus.BAD_REQUEST),
    );
  }

  @Get('add')
  @Permission('report.ingest')
  async addForm(@Param('upload') id: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const state = await this.stateOf(id, request);
    await this.renderItemForm(request, response, state, null, { teamId: '' }, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post('add')
  @Permission('report.ingest')
  async add(@Param('upload') id: string, @Body() body: Typed, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const state = await this.stateOf(id, request);
    const { form, problems } = await readForm(RecommendationForm, body, ITEM_FIELDS);
    checkTeam(form.teamId, state.teams, problems);
    if (problems.list.length > 0) return this.renderItemForm(request, response, state, null, body, problems, HttpStatus.BAD_REQUEST);
    // Left on "no team", an added recommendation is routed by its text like any other.
    const added: CorrectedRecommendation = { text: form.text, timeframe: form.timeframe, addressee: form.addressee, theme: form.theme || null, teamId: form.teamId ?? undefined };
    await this.save(request, response, state, { recommendations: [...state.list, added] }, 'added', state.list.length + 1, (message) =>
      this.renderItemForm(request, response, state, null, body, formProblem(message, '#text'), HttpStatus.BAD_REQUEST),
    );
  }

  @Get('recommendations/:position/split')
  @Permission('report.ingest')
  async splitForm(@Param('upload') id: string, @Param('position') position: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const state = await this.stateOf(id, request);
    const item = itemAt(state, position);
    await this.renderSplitForm(request, response, state, item, { first: item.text, second: '' }, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post('recommendations/:position/split')
  @Permission('report.ingest')
  async split(@Param('upload') id: string, @Param('position') position: string, @Body() body: Typed, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const state = await this.stateOf(id, request);
    const item = itemAt(state, position);
    const { form, problems } = await readForm(SplitForm, body, ['first', 'second']);
    if (problems.list.length > 0) return this.renderSplitForm(request, response, state, item, body, problems, HttpStatus.BAD_REQUEST);
    const index = item.position - 1;
    const before = state.list[index];
    const list = [...state.list];
    list.splice(index, 1, { ...before, reference: undefined, text: form.first }, { ...before, reference: undefined, text: form.second });
    await this.save(request, response, state, { recommendations: list }, 'split', item.position, (message) =>
      this.renderSplitForm(request, response, state, item, body, formProblem(message, '#first'), HttpStatus.BAD_REQUEST),
    );
  }

  @Get('recommendations/:position/remove')
  @Permission('report.ingest')
  async removeForm(@Param('upload') id: string, @Param('position') position: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const state = await this.stateOf(id, request);
    const item = itemAt(state, position);
    response.status(HttpStatus.OK).render('upload-remove', { ...(await this.page(request, state, `Remove recommendation ${item.reference}`)), item, problems: NO_PROBLEMS });
  }

  @Post('recommendations/:position/remove')
  @Permission('report.ingest')
  async remove(@Param('upload') id: string, @Param('position') position: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const state = await this.stateOf(id, request);
    const item = itemAt(state, position);
    const list = state.list.filter((_, index) => index !== item.position - 1);
    await this.save(request, response, state, { recommendations: list }, 'removed', null, async (message) => {
      response.status(HttpStatus.BAD_REQUEST).render('upload-remove', {
        ...(await this.page(request, state, `Remove recommendation ${item.reference}`)),
        item,
        problems: formProblem(message),
      });
    });
  }

  @Get('baseline')
  @Permission('report.ingest')
  async baselineForm(@Param('upload') id: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const state = await this.stateOf(id, request);
    const current = state.upload.corrections?.baselineDate ?? state.upload.draft.baselineDate;
    const [year, month, day] = current.split('-');
    await this.renderBaselineForm(request, response, state, { baselineDay: String(Number(day)), baselineMonth: String(Number(month)), baselineYear: year }, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post('baseline')
  @Permission('report.ingest')
  async baseline(@Param('upload') id: string, @Body() body: Typed, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const state = await this.stateOf(id, request);
    const { form, problems } = await readForm(BaselineForm, body, ['baselineDay']);
    const date = problems.list.length === 0 ? form.baselineDate() : null;
    if (!date) {
      const message = problems.byField.baselineDay ?? problems.byField.baselineMonth ?? problems.byField.baselineYear ?? BaselineForm.INVALID;
      return this.renderBaselineForm(request, response, state, body, { byField: { baselineDay: message }, list: [{ href: '#baselineDay', text: message }] }, HttpStatus.BAD_REQUEST);
    }
    await this.save(request, response, state, { ...state.upload.corrections, baselineDate: date }, 'baseline', null, (message) =>
      this.renderBaselineForm(request, response, state, body, formProblem(message, '#baselineDay'), HttpStatus.BAD_REQUEST),
    );
  }

  private async stateOf(id: string, request: AuthenticatedRequest): Promise<UploadState> {
    const upload: PendingUpload = await this.pendingUploads.find(id, request.caller!.context);
    return this.preview.state(upload, request);
  }

  /**
   * Keeps the corrections with the upload and goes back to the preview, at the item changed. A
   * list the corrections refuse re-shows the form with what to fix.
   */
  private async save(
    request: AuthenticatedRequest,
    response: Response,
    state: UploadState,
    changes: DraftCorrections,
    change: keyof typeof NOTICES,
    position: number | null,
    refused: (message: string) => Promise<void> | void,
  ): Promise<void> {
    const corrections: DraftCorrections = { baselineDate: state.upload.corrections?.baselineDate, recommendations: state.list, ...changes };
    try {
      await this.pendingUploads.correct(state.upload.id, corrections, request.caller!.context);
    } catch (error) {
      // What the corrections refuse (a list over the longest a report may have) is for the person to fix.
      if (!(error instanceof ExtractionError)) throw error;
      return refused(error.message);
    }
    const anchor = position ? `#recommendation-${position}` : '';
    response.redirect(303, `/reports/uploads/${encodeURIComponent(state.upload.id)}?changed=${change}${anchor}`);
  }

  private async page(request: AuthenticatedRequest, state: UploadState, title: string) {
    const known = await this.shell.knownAuthority(request.caller!.context, state.upload.authorityCode);
    return { title, layout: this.shell.layout(request, 'upload', known), uploadId: state.upload.id, fileName: state.upload.fileName };
  }

  private async renderItemForm(
    request: AuthenticatedRequest,
    response: Response,
    state: UploadState,
    item: PreviewItem | null,
    typed: Typed,
    problems: FormProblems,
    status: number,
  ): Promise<void> {
    const title = item ? `Change recommendation ${item.reference}` : 'Add a recommendation';
    response.status(status).render('upload-recommendation', {
      ...(await this.page(request, state, title)),
      item,
      typed: textValues(typed),
      timeframes: TIMEFRAMES.map((value) => ({ value, text: TIMEFRAME_WORDING[value] })),
      addressees: ADDRESSEES.map((value) => ({ value, text: ADDRESSEE_WORDING[value] })),
      teams: state.teams.map((team) => ({ value: String(team.id), text: team.name })),
      action: item ? `/reports/uploads/${state.upload.id}/recommendations/${item.position}` : `/reports/uploads/${state.upload.id}/add`,
      problems,
    });
  }

  private async renderSplitForm(request: AuthenticatedRequest, response: Response, state: UploadState, item: PreviewItem, typed: Typed, problems: FormProblems, status: number): Promise<void> {
    response.status(status).render('upload-split', { ...(await this.page(request, state, `Split recommendation ${item.reference}`)), item, typed: textValues(typed), problems });
  }

  private async renderBaselineForm(request: AuthenticatedRequest, response: Response, state: UploadState, typed: Typed, problems: FormProblems, status: number): Promise<void> {
    response.status(status).render('upload-baseline', {
      ...(await this.page(request, state, 'When do the due dates count from?')),
      draft: state.upload.draft,
      typed: textValues(typed),
      problems,
    });
  }
}

const ITEM_FIELDS = ['text', 'theme', 'timeframe', 'addressee', 'teamId'];

/** The item at a position of the list; any other position is a page that does not exist. */
function itemAt(state: UploadState, position: string): PreviewItem {
  const index = /^\d{1,4}$/.test(position) ? Number(position) - 1 : -1;
  const item = state.items[index];
  if (!item) throw TrackingException.notFound('Recommendation', position);
  return item;
}

/** Only the council's own teams may own its actions. */
function checkTeam(teamId: number | null | undefined, teams: readonly TeamView[], problems: FormProblems): void {
  if (typeof teamId !== 'number' || teams.some((team) => team.id === teamId) || problems.byField.teamId) return;
  problems.byField.teamId = 'Select one of the council’s teams, or no team yet';
  problems.list.push({ href: '#teamId', text: problems.byField.teamId });
}

/** What a re-shown form keeps of what was typed: text only, so a template never echoes anything else. */
function textValues(typed: Typed): Record<string, string> {
  return Object.fromEntries(Object.entries(typed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}
