import { Injectable } from '@nestjs/common';
import type { Report } from '#database';
import { actionPlanCsv, actionPlanWorkbook, ACTION_PLAN_CONTENT_TYPES, type ActionPlanFormat } from './action-plan-files.js';
import { ActionPlanRepository, type ActionPlanScope } from './action-plan.repository.js';
import { ActionPlanSupplements } from './action-plan-supplements.js';
import {
  actionPlanFileStem,
  actionPlanRecords,
  actionPlanReportLabel,
  actionPlanRow,
  inPlanOrder,
  NO_RECORDS,
  reportDateOf,
  type ActionPlan,
  type ActionPlanRecords,
} from './action-plan.js';
import { toActionView } from './action-view.js';
import { TrackingException } from './tracking.exception.js';
import { canSeeAuthority, Clock, type RequestContext } from '#core';
import { reportFormatTitle } from '#extraction';

export interface ActionPlanFile {
  fileName: string;
  contentType: string;
  content: Buffer;
}

/**
 * A report's or an authority's action plan as a spreadsheet for board papers: one row per action,
 * by report, then in the report's own order. The caller gets only what the API would show them;
 * another authority's report or authority is not found, as on every other read.
 */
@Injectable()
export class ActionPlanExportService {
  constructor(
    private readonly plans: ActionPlanRepository,
    private readonly clock: Clock,
    private readonly supplements: ActionPlanSupplements,
  ) {}

  async forReport(id: number, format: ActionPlanFormat, context: RequestContext): Promise<ActionPlanFile> {
    const report = await this.plans.report(id);
    if (!report || !canSeeAuthority(context, report.authorityCode)) throw TrackingException.notFound('Report', id);
    const authority = await this.plans.authority(report.authorityCode);
    if (!authority) throw TrackingException.notFound('Authority', report.authorityCode);
    const plan = await this.planOf({ reportId: id }, report.authorityCode, [report], false, context);
    return this.file(plan, format, [authority.name, reportFormatTitle(report.format), reportDateOf(report)]);
  }

  async forAuthority(code: string, format: ActionPlanFormat, context: RequestContext): Promise<ActionPlanFile> {
    // Another council's authority is "not found", exactly like one that does not exist.
    const authority = canSeeAuthority(context, code) ? await this.plans.authority(code) : null;
    if (!authority) throw TrackingException.notFound('Authority', code);
    const reports = await this.plans.reportsOf(code);
    const plan = await this.planOf({ authorityCode: code }, code, reports, true, context);
    return this.file(plan, format, [authority.name]);
  }

  /**
   * A handful of statements whatever the size (more only past 500 actions, in slices): the actions
   * with their teams and recommendations, every action's latest progress note, milestones, open
   * challenges and evidence, then what other libraries add.
   */
  private async planOf(
    scope: ActionPlanScope,
    authorityCode: string,
    reports: Report[],
    showsReport: boolean,
    context: RequestContext,
  ): Promise<ActionPlan> {
    const today = this.clock.today();
    const actions = await this.plans.actions(scope);
    const records = await this.recordsOf(scope, actions.map((action) => action.id));
    const supplements = await this.supplements.supplementsFor({ authorityCode, actions: actions.map((action) => ({ id: action.id, recommendationId: action.recommendationId })) }, context);
    const labels = new Map(reports.map((report) => [report.id, actionPlanReportLabel(report)]));
    return {
      showsReport,
      rows: inPlanOrder(actions, reports.map((report) => report.id)).map((action) =>
        actionPlanRow(toActionView(action, today), records.get(action.id) ?? NO_RECORDS, labels.get(action.reportId) ?? '', supplements.get(action.id)),
      ),
    };
  }

  /** Tracking's own records of each action: latest progress note, milestones, evidence and open challenges. */
  private async recordsOf(scope: ActionPlanScope, ids: number[]): Promise<Map<number, ActionPlanRecords>> {
    const [latestNotes, evidence] = await Promise.all([this.plans.latestNotes(scope), this.plans.evidenceCounts(ids)]);
    const milestones = await this.plans.milestonesOf(ids);
    const openChallenges = await this.plans.openChallengesOf(ids);
    return actionPlanRecords(ids, { latestNotes, evidence, milestones, openChallenges });
  }

  private async file(plan: ActionPlan, format: ActionPlanFormat, nameParts: string[]): Promise<ActionPlanFile> {
    const stem = actionPlanFileStem(nameParts, this.clock.today());
    const content = format === 'xlsx' ? await actionPlanWorkbook(plan, this.clock.now()) : actionPlanCsv(plan);
    return { fileName: `${stem}.${format}`, contentType: ACTION_PLAN_CONTENT_TYPES[format], content };
  }
}
