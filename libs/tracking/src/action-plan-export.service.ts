import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, FindOptionsWhere, Repository } from 'typeorm';
import { Action, Authority, Report, runSql } from '#database';
import { actionPlanCsv, actionPlanWorkbook, ACTION_PLAN_CONTENT_TYPES, type ActionPlanFormat } from './action-plan-files.js';
import { actionPlanFileStem, actionPlanReportLabel, actionPlanRow, reportDateOf, type ActionPlan } from './action-plan.js';
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

/** Journal entries whose note says how the work is going; the 'created' note only says where the action came from. */
const NOTE_KINDS = ['progress', 'changed'];

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
  ) {}

  async forReport(id: number, format: ActionPlanFormat, context: RequestContext): Promise<ActionPlanFile> {
    const report = await this.reports.findOne({ where: { id } });
    if (!report || !canSeeAuthority(context, report.authorityCode)) throw TrackingException.notFound('Report', id);
    const authority = await this.authorities.findOneOrFail({ where: { code: report.authorityCode } });
    const plan = await this.planOf({ reportId: id }, [report], false);
    return this.file(plan, format, [authority.name, reportFormatTitle(report.format), reportDateOf(report)]);
  }

  async forAuthority(code: string, format: ActionPlanFormat, context: RequestContext): Promise<ActionPlanFile> {
    const authority = await findVisibleAuthority(this.authorities, context, code);
    const reports = await this.reports.find({ where: { authorityCode: code }, order: { baselineDate: 'ASC', id: 'ASC' } });
    const plan = await this.planOf({ authorityCode: code }, reports, true);
    return this.file(plan, format, [authority.name]);
  }

  /** Two statements whatever the size: the actions with their teams and recommendations, then every action's latest note. */
  private async planOf(scope: { reportId: number } | { authorityCode: string }, reports: Report[], showsReport: boolean): Promise<ActionPlan> {
    const today = this.clock.today();
    const actions = await this.actions.find({ where: scope as FindOptionsWhere<Action>, relations: { team: true, recommendation: true } });
    const notes = await this.latestNotes(scope);
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
      rows: actions.map((action) => actionPlanRow(toActionView(action, today), notes.get(action.id) ?? null, labels.get(action.reportId) ?? '')),
    };
  }

  /**
   * The newest progress or change note of every action in scope, in one statement. Newest by id,
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
