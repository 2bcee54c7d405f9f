import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type Recommendation, type Report, UnitOfWork } from '#database';
import { applyCorrections, describeEdit, ExtractionPool, type DraftCorrections, type DraftEdit, type ExtractionWarning, type ReportDraft } from '#extraction';
import { assertMay } from '#access';
import { ActionRepository } from './action.repository.js';
import { IngestHooks } from './ingest-hooks.js';
import { journalEntry } from './journal-entry.js';
import { ReportRepository } from './report.repository.js';
import { chosenTeamIds, foreignTeam, planBaselineMove, planReportActions, reportAuthority, tooManyRecommendations, type ConfirmedDraft } from './report-rules.js';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { refusalException } from './workflow-errors.js';
import { canSeeAuthority, Clock, type IsoDate, type RequestContext } from '#core';

export interface IngestInput {
  /** The report's text (markdown or plain) or the bytes of an uploaded .txt/.md/.pdf file. */
  content: string | Uint8Array;
  fileName?: string;
  baselineDate?: IsoDate;
  /** Required when the report names no recognisable authority; must agree with it otherwise. */
  authorityCode?: string;
  /** What a board corrected before confirming (the pages' preview and `POST /api/reports` alike). */
  corrections?: DraftCorrections;
  dryRun?: boolean;
}

export interface ReportView {
  id: number;
  authorityCode: string;
  authorityName: string;
  format: string;
  inspectionStart: IsoDate | null;
  inspectionEnd: IsoDate | null;
  publishedOn: IsoDate | null;
  baselineDate: IsoDate;
  judgements: Report['judgements'];
  sourceFileName: string | null;
  textSha256: string;
  createdAt: string;
  recommendationCount?: number;
  /** Set when the report makes no recommendations: it is kept, with no actions, so the council's record is complete. */
  noRecommendations: { reason: string } | null;
  /** Where the extractor said its draft needed checking. */
  warnings: ExtractionWarning[];
  /** What was changed by hand before confirming. */
  edits: DraftEdit[];
}

/** What the extractor read and what people changed before confirming: the report's journal of its own draft. */
export interface ReportExtraction {
  reportId: number;
  /** The draft as extracted; null for a report stored before drafts were kept. */
  extracted: ReportDraft | null;
  edits: DraftEdit[];
  /** Each edit as a sentence, in order. */
  journal: string[];
}

export type IngestResult =
  | {
      dryRun: true;
      /** The draft as it would be confirmed: the extracted one with any corrections applied. */
      draft: ReportDraft;
      /** What the corrections changed, if any were given. */
      edits: DraftEdit[];
      authorityCode: string;
      /** The text the draft was read from (a PDF's text layer), to confirm the same text later. */
      text: string;
      /** The council's report already made from this very text, if any: confirming would be refused. */
      existingReportId: number | null;
    }
  | { dryRun: false; report: ReportView; actionCount: number };

@Injectable()
export class ReportsService {
  constructor(
    private readonly reports: ReportRepository,
    private readonly actions: ActionRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly ingestHooks: IngestHooks,
    private readonly extraction: ExtractionPool,
    private readonly clock: Clock,
  ) {}

  /**
   * Extracts the report and stores it, its recommendations and one action per recommendation in
   * one transaction. The same text ingested twice for one council is refused with that council's
   * existing report's id; another council's copy of the text is no concern of this one's.
   */
  async ingest(input: IngestInput, context: RequestContext): Promise<IngestResult> {
    // NUL characters (a PDF's broken font, a pasted text) carry nothing, and PostgreSQL cannot store them.
    const text = (typeof input.content === 'string' ? input.content : await this.extraction.readReportText(input.content, input.fileName ?? 'report')).replaceAll('\u0000', '');
    const extracted = await this.extraction.extractReport(text, { baselineDate: input.baselineDate, fileName: input.fileName });
    const authority = reportAuthority(extracted, input.authorityCode);
    if (!authority.ok) throw refusalException(authority);
    const authorityCode = authority.code;
    if (!canSeeAuthority(context, authorityCode)) {
      throw new TrackingException(TrackingErrorCode.FORBIDDEN, `You may not add reports for authority ${authorityCode}`);
    }
    assertMay(context, 'report.ingest', { authorityCode });
    const corrected = applyCorrections(extracted, input.corrections);
    const tooMany = tooManyRecommendations(corrected.draft.recommendations.length);
    if (tooMany) throw refusalException(tooMany);
    const foreign = foreignTeam(corrected.teams, await this.reports.teamsOfCouncil(chosenTeamIds(corrected.teams), authorityCode), authorityCode);
    if (foreign) throw refusalException(foreign);
    const textSha256 = createHash('sha256').update(text).digest('hex');
    if (input.dryRun) {
      return { dryRun: true, draft: corrected.draft, edits: corrected.edits, authorityCode, text, existingReportId: await this.existingReportId(authorityCode, textSha256) };
    }

    await this.refuseDuplicate(authorityCode, textSha256);
    try {
      const reportId = await this.unitOfWork.run((manager) =>
        this.store(manager, { extracted, ...corrected }, authorityCode, text, textSha256, input.fileName ?? null, context),
      );
      return { dryRun: false, report: await this.get(reportId, context), actionCount: corrected.draft.recommendations.length };
    } catch (error) {
      // Two uploads of the same text at once: the unique index lets one through.
      await this.refuseDuplicate(authorityCode, textSha256);
      throw error;
    }
  }

  async list(context: RequestContext, authority?: string): Promise<ReportView[]> {
    const rows = await this.reports.listWithCounts(context, authority);
    return rows.map(({ report, recommendationCount }) => ({ ...toReportView(report), recommendationCount }));
  }

  async get(id: number, context: RequestContext): Promise<ReportView> {
    const report = await this.findVisible(id, context);
    const recommendationCount = await this.reports.countRecommendations(id);
    return { ...toReportView(report), recommendationCount };
  }

  /** A report as get gives it, without counting its recommendations (for pages that do not show the count). */
  async heading(id: number, context: RequestContext): Promise<Omit<ReportView, 'recommendationCount'>> {
    return toReportView(await this.findVisible(id, context));
  }

  /** The draft as the extractor read it, and every change made by hand before the report was confirmed. */
  async extractionOf(id: number, context: RequestContext): Promise<ReportExtraction> {
    const report = await this.findVisible(id, context);
    const edits = report.draftEdits ?? [];
    return { reportId: id, extracted: await this.reports.extractedDraft(id), edits, journal: edits.map(describeEdit) };
  }

  async recommendationsOf(id: number, context: RequestContext): Promise<Recommendation[]> {
    await this.findVisible(id, context);
    return this.reports.recommendationsOf(id);
  }

  /**
   * Moves the baseline and with it every derived due date. Dates re-programmed by hand keep their
   * value: the board decided them, the report did not.
   *
   * The actions move in one statement, before the report: on PostgreSQL every write to an
   * authority's data also updates its revision row (a trigger), so a transaction must take its
   * action rows before that row, as single-action edits do, or two of them could deadlock.
   */
  async changeBaseline(id: number, baselineDate: IsoDate, context: RequestContext): Promise<ReportView> {
    await this.unitOfWork.run(async (manager) => {
      const report = await this.findVisible(id, context, manager);
      assertMay(context, 'report.update', report);
      if (report.baselineDate === baselineDate) return;
      const move = planBaselineMove(await this.reports.actionsOf(manager, id), report.baselineDate, baselineDate);
      const now = this.clock.now();
      await this.reports.moveDerivedDates(manager, id, move.derived, now);
      await this.actions.appendJournal(manager, ...move.journal.map((entry) => journalEntry(entry.actionId, 'changed', context, now, entry.changes, entry.note)));
      await this.reports.setBaseline(manager, id, baselineDate);
    });
    return this.get(id, context);
  }

  private async findVisible(id: number, context: RequestContext, manager?: EntityManager): Promise<Report> {
    const report = await this.reports.find(id, manager);
    if (!report || !canSeeAuthority(context, report.authorityCode)) throw TrackingException.notFound('Report', id);
    return report;
  }

  /** The council's report already made from this very text, if any. Other councils' reports are never looked at. */
  async existingReportId(authorityCode: string, textSha256: string): Promise<number | null> {
    return this.reports.idOfText(authorityCode, textSha256);
  }

  private async refuseDuplicate(authorityCode: string, textSha256: string): Promise<void> {
    const existing = await this.existingReportId(authorityCode, textSha256);
    if (existing !== null) {
      throw new TrackingException(TrackingErrorCode.DUPLICATE_REPORT, `This report was already ingested as report ${existing}`, { reportId: existing });
    }
  }

  private async store(
    manager: EntityManager,
    confirmed: ConfirmedDraft & { extracted: ReportDraft },
    authorityCode: string,
    text: string,
    textSha256: string,
    sourceFileName: string | null,
    context: RequestContext,
  ): Promise<number> {
    const { draft, extracted, edits } = confirmed;
    const now = this.clock.now();
    await this.reports.ensureAuthority(manager, authorityCode);
    const reportId = await this.reports.insert(
      manager,
      {
        authorityCode,
        authorityName: draft.authority,
        format: draft.format,
        inspectionStart: draft.inspectionStart,
        inspectionEnd: draft.inspectionEnd,
        publishedOn: draft.publishedOn,
        baselineDate: draft.baselineDate,
        judgements: draft.judgements,
        sourceFileName,
        textSha256,
        rawText: text,
        extractedDraft: extracted,
        draftEdits: edits.length > 0 ? edits : null,
        warnings: extracted.warnings,
        noRecommendationsReason: draft.noRecommendations?.reason.slice(0, 500) ?? null,
        createdBy: context.actorName,
      },
      now,
    );
    const planned = planReportActions(confirmed, authorityCode, await this.reports.councilTeams(manager, authorityCode));
    for (const item of planned) {
      const recommendationId = await this.reports.insertRecommendation(manager, { ...item.recommendation, reportId });
      const actionId = await this.actions.insert(manager, { ...item.action, recommendationId, reportId }, now);
      await this.actions.appendJournal(manager, journalEntry(actionId, 'created', context, now, [], item.note));
    }
    await this.ingestHooks.reportStored(manager, { id: reportId, authorityCode });
    return reportId;
  }
}

function toReportView(report: Report): ReportView {
  return {
    id: report.id,
    authorityCode: report.authorityCode,
    authorityName: report.authorityName,
    format: report.format,
    inspectionStart: report.inspectionStart,
    inspectionEnd: report.inspectionEnd,
    publishedOn: report.publishedOn,
    baselineDate: report.baselineDate,
    judgements: report.judgements,
    sourceFileName: report.sourceFileName,
    textSha256: report.textSha256,
    createdAt: new Date(report.createdAt).toISOString(),
    noRecommendations: report.noRecommendationsReason ? { reason: report.noRecommendationsReason } : null,
    warnings: report.warnings ?? [],
    edits: report.draftEdits ?? [],
  };
}
