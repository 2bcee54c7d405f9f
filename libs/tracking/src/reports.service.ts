import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { dueDateFor } from '#deadlines';
import { Action, ActionUpdate, Recommendation, Report, runSql, sqlDate, Team, UnitOfWork } from '#database';
import {
  applyCorrections,
  AUTHORITY_DIRECTORY,
  describeEdit,
  ExtractionPool,
  type DraftCorrections,
  type DraftEdit,
  type ExtractionWarning,
  type RecommendationDraft,
  type ReportDraft,
} from '#extraction';
import { assertMay } from '#access';
import { actionTitleFrom } from './action-title.js';
import { ensureAuthority } from './authorities.js';
import { journalEntry } from './actions.service.js';
import { IngestHooks } from './ingest-hooks.js';
import { routeToTeam } from './team-routing.js';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { canSeeAuthority, MAX_REPORT_RECOMMENDATIONS, type IsoDate, type RequestContext, type Timeframe, TIMEFRAMES } from '#core';

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
    @InjectRepository(Report) private readonly reports: Repository<Report>,
    @InjectRepository(Recommendation) private readonly recommendations: Repository<Recommendation>,
    private readonly unitOfWork: UnitOfWork,
    private readonly ingestHooks: IngestHooks,
    private readonly extraction: ExtractionPool,
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
    const authorityCode = this.authorityOf(extracted, input.authorityCode);
    if (!canSeeAuthority(context, authorityCode)) {
      throw new TrackingException(TrackingErrorCode.FORBIDDEN, `You may not add reports for authority ${authorityCode}`);
    }
    assertMay(context, 'report.ingest', { authorityCode });
    const corrected = applyCorrections(extracted, input.corrections);
    const count = corrected.draft.recommendations.length;
    if (count > MAX_REPORT_RECOMMENDATIONS) {
      throw new TrackingException(
        TrackingErrorCode.TOO_MANY_RECOMMENDATIONS,
        `The report reads as ${count} recommendations, more than the ${MAX_REPORT_RECOMMENDATIONS} a report may hold: upload one inspection report at a time`,
        { recommendationCount: count, limit: MAX_REPORT_RECOMMENDATIONS },
      );
    }
    await this.checkTeams(corrected.teams, authorityCode);
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
    const query = this.reports
      .createQueryBuilder('report')
      .orderBy('report.baselineDate', 'DESC')
      .addOrderBy('report.id', 'DESC');
    if (context.authorities !== 'all') query.andWhere('report.authorityCode IN (:...scope)', { scope: context.authorities.length ? context.authorities : [''] });
    if (authority) query.andWhere('report.authorityCode = :authority', { authority });
    const reports = await query.getMany();
    if (reports.length === 0) return [];
    const counts = await this.recommendations
      .createQueryBuilder('recommendation')
      .select('recommendation.reportId', 'reportId')
      .addSelect('COUNT(*)', 'count')
      .where('recommendation.reportId IN (:...ids)', { ids: reports.map((report) => report.id) })
      .groupBy('recommendation.reportId')
      .getRawMany<{ reportId: number; count: string | number }>();
    const countOf = new Map(counts.map((row) => [Number(row.reportId), Number(row.count)]));
    return reports.map((report) => ({ ...toReportView(report), recommendationCount: countOf.get(report.id) ?? 0 }));
  }

  async get(id: number, context: RequestContext): Promise<ReportView> {
    const report = await this.findVisible(id, context);
    const recommendationCount = await this.recommendations.count({ where: { reportId: id } });
    return { ...toReportView(report), recommendationCount };
  }

  /** The draft as the extractor read it, and every change made by hand before the report was confirmed. */
  async extractionOf(id: number, context: RequestContext): Promise<ReportExtraction> {
    const report = await this.findVisible(id, context);
    const stored = await this.reports.findOne({ where: { id }, select: { id: true, extractedDraft: true } });
    const edits = report.draftEdits ?? [];
    return { reportId: id, extracted: stored?.extractedDraft ?? null, edits, journal: edits.map(describeEdit) };
  }

  /** Teams chosen by hand must be the council's own. */
  private async checkTeams(teams: readonly (number | null | undefined)[], authorityCode: string): Promise<void> {
    const chosen = [...new Set(teams.filter((team): team is number => typeof team === 'number'))];
    if (chosen.length === 0) return;
    const found = await this.reports.manager.find(Team, { where: chosen.map((id) => ({ id, authorityCode })), select: { id: true } });
    const known = new Set(found.map((team) => team.id));
    const position = teams.findIndex((team) => typeof team === 'number' && !known.has(team));
    if (position >= 0) {
      throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `recommendations[${position}].teamId ${teams[position]} is not one of the teams of authority ${authorityCode}`);
    }
  }

  async recommendationsOf(id: number, context: RequestContext): Promise<Recommendation[]> {
    await this.findVisible(id, context);
    return this.recommendations.find({ where: { reportId: id }, order: { ordinal: 'ASC' } });
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
      const actions = await manager.find(Action, { where: { reportId: id }, order: { id: 'ASC' } });
      const derived = Object.fromEntries(TIMEFRAMES.map((timeframe) => [timeframe, dueDateFor(timeframe, baselineDate).dueDate])) as Record<Timeframe, IsoDate>;
      const derivedSql = `CASE timeframe ${TIMEFRAMES.map((timeframe) => `WHEN '${timeframe}' THEN ${sqlDate(manager, `:${timeframe}`)}`).join(' ')} END`;
      await runSql(
        manager,
        `UPDATE actions SET original_due_date = ${derivedSql},
           due_date = CASE WHEN due_date_reason IS NULL THEN ${derivedSql} ELSE due_date END,
           version = version + 1, updated_at = CURRENT_TIMESTAMP
         WHERE report_id = :reportId`,
        { ...derived, reportId: id },
      );
      const note = `Report baseline moved from ${report.baselineDate} to ${baselineDate}`;
      for (const action of actions) {
        const changes = [{ field: 'originalDueDate', from: action.originalDueDate, to: derived[action.timeframe] }];
        if (action.dueDateReason === null) changes.push({ field: 'dueDate', from: action.dueDate, to: derived[action.timeframe] });
        await manager.insert(ActionUpdate, journalEntry(action.id, 'changed', context, changes, note));
      }
      await manager.update(Report, { id }, { baselineDate });
    });
    return this.get(id, context);
  }

  private async findVisible(id: number, context: RequestContext, manager?: EntityManager): Promise<Report> {
    const report = await (manager ? manager.getRepository(Report) : this.reports).findOne({ where: { id } });
    if (!report || !canSeeAuthority(context, report.authorityCode)) throw TrackingException.notFound('Report', id);
    return report;
  }

  private authorityOf(draft: ReportDraft, requested: string | undefined): string {
    if (requested && !AUTHORITY_DIRECTORY.some((row) => row.onsCode === requested)) {
      throw new TrackingException(TrackingErrorCode.UNKNOWN_AUTHORITY, `authorityCode ${requested} is not the ONS code of an English local authority`);
    }
    if (requested && draft.authorityCode && draft.authorityCode !== requested) {
      throw new TrackingException(
        TrackingErrorCode.AUTHORITY_MISMATCH,
        `The report is about ${draft.authority} (${draft.authorityCode}), not authority ${requested}`,
      );
    }
    const code = draft.authorityCode ?? requested;
    if (!code) {
      throw new TrackingException(
        TrackingErrorCode.UNKNOWN_AUTHORITY,
        `The report names "${draft.authority}", which is not a known English local authority: pass authorityCode with the council's ONS code`,
      );
    }
    return code;
  }

  /** The council's report already made from this very text, if any. Other councils' reports are never looked at. */
  async existingReportId(authorityCode: string, textSha256: string): Promise<number | null> {
    const existing = await this.reports.findOne({ where: { authorityCode, textSha256 }, select: { id: true } });
    return existing?.id ?? null;
  }

  private async refuseDuplicate(authorityCode: string, textSha256: string): Promise<void> {
    const existing = await this.existingReportId(authorityCode, textSha256);
    if (existing !== null) {
      throw new TrackingException(TrackingErrorCode.DUPLICATE_REPORT, `This report was already ingested as report ${existing}`, { reportId: existing });
    }
  }

  private async store(
    manager: EntityManager,
    confirmed: { extracted: ReportDraft; draft: ReportDraft; edits: DraftEdit[]; teams: (number | null | undefined)[]; sources: (RecommendationDraft | null)[] },
    authorityCode: string,
    text: string,
    textSha256: string,
    sourceFileName: string | null,
    context: RequestContext,
  ): Promise<number> {
    const { draft, extracted, edits } = confirmed;
    await ensureAuthority(manager, authorityCode);
    const report = await manager.save(
      manager.create(Report, {
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
      }),
    );
    const teams = await manager.find(Team, { where: { authorityCode }, order: { name: 'ASC' } });
    const editedFields = new Map<number, Set<string>>();
    for (const edit of edits) if (edit.change === 'changed') editedFields.set(edit.ordinal, (editedFields.get(edit.ordinal) ?? new Set()).add(edit.field));
    for (const [index, item] of draft.recommendations.entries()) {
      const recommendation = await manager.save(
        manager.create(Recommendation, {
          reportId: report.id,
          ordinal: item.ordinal,
          reference: item.reference,
          text: item.text,
          timeframe: item.timeframe,
          theme: item.theme,
          addressee: item.addressee,
          mentionedBodies: item.mentionedBodies,
        }),
      );
      const chosen = confirmed.teams[index];
      const team = chosen === undefined ? routeToTeam(item, teams) : chosen === null ? null : (teams.find((candidate) => candidate.id === chosen) ?? null);
      const action = await manager.save(
        manager.create(Action, {
          recommendationId: recommendation.id,
          reportId: report.id,
          authorityCode,
          timeframe: item.timeframe,
          addressee: item.addressee,
          title: actionTitleFrom(item.text),
          teamId: team?.id ?? null,
          leadOfficer: null,
          status: 'not_started',
          ragOverride: null,
          ragOverrideNote: null,
          originalDueDate: item.dueDate,
          dueDate: item.dueDate,
          dueDateAssumed: item.dueDateAssumed,
          dueDateReason: null,
          completedAt: null,
        }),
      );
      const source = confirmed.sources[index];
      const handEdits = !source
        ? ' (added by hand before confirming)'
        : draft.recommendations.filter((_, other) => confirmed.sources[other] === source).length > 1
          ? ` (split by hand from ${source.reference} before confirming)`
          : editedFields.has(source.ordinal)
            ? ` (${[...editedFields.get(source.ordinal)!].join(', ')} corrected by hand before confirming)`
            : '';
      const owner =
        chosen !== undefined
          ? team
            ? `owning team ${team.name} chosen by hand`
            : 'no team chosen, awaiting triage'
          : team
            ? `routed to ${team.name}`
            : 'no team matched, awaiting triage';
      const note = `Created from recommendation ${item.reference}${handEdits}; ${owner}`;
      await manager.insert(ActionUpdate, journalEntry(action.id, 'created', context, [], note));
    }
    await this.ingestHooks.reportStored(manager, { id: report.id, authorityCode });
    return report.id;
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
