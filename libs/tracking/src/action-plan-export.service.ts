import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { type DataSource, type FindOptionsWhere, In, Not, type Repository } from 'typeorm';
import { Action, ActionChallenge, ActionMilestone, Authority, Report, runSql } from '#database';
import { actionPlanCsv, actionPlanWorkbook, ACTION_PLAN_CONTENT_TYPES, type ActionPlanFormat } from './action-plan-files.js';
import { ActionPlanSupplements } from './action-plan-supplements.js';
import { actionPlanFileStem, actionPlanReportLabel, actionPlanRow, NO_RECORDS, reportDateOf, type ActionPlan, type ActionPlanRecords } from './action-plan.js';
import { evidenceCountsOf } from './evidence-counts.js';
import { toActionView } from './action-view.js';
import { findVisibleAuthority } from './authorities.js';
import { TrackingException } from './tracking.exception.js';
import { canSeeAuthority, Clock, type RequestContext } from '#core';
import { reportFormatTitle } from '#extraction';

export interface ActionPlanFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/**
 * Journal entries whose note says how the work is going: progress notes only. A status change's
 * note ("Signed off by the board") says why the status moved, and the status column says that.
 */
const NOTE_KINDS = ['progress'];

/** Ids per statement: well inside every driver's limit on bound parameters. */
const CHUNK = 500;

/**
 * A report's or an authority's action plan as a spreadsheet for board papers: one row per action,
 * by report, then in the report's own order. The caller gets only what the API would show them;
 * another authority's report or authority is not found, as on every other read.
 */
@Injectable()
export class ActionPlanExportService {
  constructor(
    @InjectRepository(Action) private readonly actions: Repository<Action>,
    @InjectRepository(Report) private readonly reports: Repository<Report>,
    @InjectRepository(Authority) private readonly authorities: Repository<Authority>,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly supplements: ActionPlanSupplements,
  ) {}

  async forReport(id: number, format: ActionPlanFormat, context: RequestContext): Promise<ActionPlanFile> {
    const report = await this.reports.findOne({ where: { id } });
    if (!report || !canSeeAuthority(context, report.authorityCode)) throw TrackingException.notFound('Report', id);
    const authority = await this.authorities.findOneOrFail({ where: { code: report.authorityCode } });
    const plan = await this.planOf({ reportId: id }, report.authorityCode, [report], false, context);
    return this.file(plan, format, [authority.name, reportFormatTitle(report.format), reportDateOf(report)]);
  }

  async forAuthority(code: string, format: ActionPlanFormat, context: RequestContext): Promise<ActionPlanFile> {
    const authority = await findVisibleAuthority(this.authorities, context, code);
    const reports = await this.reports.find({ where: { authorityCode: code }, order: { baselineDate: 'ASC', id: 'ASC' } });
    const plan = await this.planOf({ authorityCode: code }, code, reports, true, context);
    return this.file(plan, format, [authority.name]);
  }

  /**
   * A handful of statements whatever the size (more only past 500 actions, in slices): the actions
   * with their teams and recommendations, every action's latest progress note, milestones, open
   * challenges and evidence, then what other libraries add.
   */
  private async planOf(
    scope: { reportId: number } | { authorityCode: string },
    authorityCode: string,
    reports: Report[],
    showsReport: boolean,
    context: RequestContext,
  ): Promise<ActionPlan> {
    const today = this.clock.today();
    const actions = await this.actions.find({ where: scope as FindOptionsWhere<Action>, relations: { team: true, recommendation: true } });
    const records = await this.recordsOf(scope, actions.map((action) => action.id));
    const supplements = await this.supplements.supplementsFor({ authorityCode, actions: actions.map((action) => ({ id: action.id, recommendationId: action.recommendationId })) }, context);
    const reportOrder = new Map(reports.map((report, index) => [report.id, index]));
    const labels = new Map(reports.map((report) => [report.id, actionPlanReportLabel(report)]));
    actions.sort(
      (a, b) =>
        (reportOrder.get(a.reportId) ?? Number.MAX_SAFE_INTEGER) - (reportOrder.get(b.reportId) ?? Number.MAX_SAFE_INTEGER) ||
        (a.recommendation?.ordinal ?? 0) - (b.recommendation?.ordinal ?? 0) ||
        a.id - b.id,
    );
    return {
      showsReport,
      rows: actions.map((action) =>
        actionPlanRow(toActionView(action, today), records.get(action.id) ?? NO_RECORDS, labels.get(action.reportId) ?? '', supplements.get(action.id)),
      ),
    };
  }

  /** Tracking's own records of each action: latest progress note, milestones, evidence and open challenges. */
  private async recordsOf(scope: { reportId: number } | { authorityCode: string }, ids: number[]): Promise<Map<number, ActionPlanRecords>> {
    const [notes, evidence] = await Promise.all([this.latestNotes(scope), evidenceCountsOf(this.dataSource, ids)]);
    const milestones: ActionMilestone[] = [];
    const challenges: ActionChallenge[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      const slice = ids.slice(start, start + CHUNK);
      milestones.push(...(await this.dataSource.getRepository(ActionMilestone).find({ where: { actionId: In(slice) }, order: { dueDate: 'ASC', id: 'ASC' } })));
      challenges.push(...(await this.dataSource.getRepository(ActionChallenge).find({ where: { actionId: In(slice), state: Not('closed' as const) }, order: { id: 'ASC' } })));
    }
    const records = new Map<number, ActionPlanRecords>();
    const of = (id: number) => {
      let record = records.get(id);
      if (!record) records.set(id, (record = { latestProgressNote: notes.get(id) ?? null, milestones: [], evidenceCount: evidence.get(id) ?? 0, openChallenges: [] }));
      return record as { latestProgressNote: string | null; milestones: ActionPlanRecords['milestones'][number][]; evidenceCount: number; openChallenges: ActionPlanRecords['openChallenges'][number][] };
    };
    for (const id of ids) of(id);
    for (const milestone of milestones) of(milestone.actionId).milestones.push({ title: milestone.title, dueDate: milestone.dueDate, metOn: milestone.metOn });
    for (const challenge of challenges) of(challenge.actionId).openChallenges.push({ question: challenge.question, response: challenge.response });
    return records;
  }

  /**
   * The newest progress note of every action in scope, in one statement. Newest by id,
   * not by time: ids follow insertion order, while two entries written within the same second
   * share a timestamp on SQLite.
   */
  private async latestNotes(scope: { reportId: number } | { authorityCode: string }): Promise<Map<number, string>> {
    const [condition, parameters] =
      'reportId' in scope ? ['a.report_id = :reportId', { reportId: scope.reportId }] : ['a.authority_code = :authorityCode', { authorityCode: scope.authorityCode }];
    const rows = await runSql<{ action_id: number | string; note: string }>(
      this.dataSource,
      `SELECT u.action_id, u.note FROM action_updates u WHERE u.id IN (
         SELECT MAX(latest.id) FROM action_updates latest JOIN actions a ON a.id = latest.action_id
         WHERE ${condition} AND latest.kind IN (:...kinds) AND latest.note IS NOT NULL AND TRIM(latest.note) <> ''
         GROUP BY latest.action_id)`,
      { ...parameters, kinds: NOTE_KINDS },
    );
    return new Map(rows.map((row) => [Number(row.action_id), row.note]));
  }

  private async file(plan: ActionPlan, format: ActionPlanFormat, nameParts: string[]): Promise<ActionPlanFile> {
    const stem = actionPlanFileStem(nameParts, this.clock.today());
    const content = format === 'xlsx' ? await actionPlanWorkbook(plan, this.clock.now()) : actionPlanCsv(plan);
    return { fileName: `${stem}.${format}`, contentType: ACTION_PLAN_CONTENT_TYPES[format], content };
  }
}
