import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Not, type Repository } from 'typeorm';
import { ofstedPlanDeadline, type OfstedPlanDeadline } from '#deadlines';
import { standingOf } from '#governance';
import { AppConfig } from '#config';
import { Action, ActionChallenge, ActionDateRequest, Authority, Report } from '#database';
import { findVisibleAuthority } from './authorities.js';
import { ACTION_STATUSES, type ActionStatus, Clock, type Rag, RAGS, type RequestContext, type Timeframe, TIMEFRAMES } from '#core';

export interface AuthoritySummary {
  authority: { code: string; name: string };
  today: string;
  total: number;
  overdue: number;
  dueSoon: number;
  byStatus: Record<ActionStatus, number>;
  byRag: Record<Rag, number>;
  byTimeframe: Record<Timeframe, number>;
  byTeam: ({ teamId: number | null; teamName: string } & Breakdown)[];
  /** The dashboard's figures for each timeframe, every timeframe listed. */
  timeframes: ({ timeframe: Timeframe } & Breakdown)[];
  /** Signed off as a share of the total: only the board's sign-off counts as done. */
  reports: {
    id: number;
    format: string;
    baselineDate: string;
    publishedOn: string | null;
    total: number;
    awaitingSignOff: number;
    signedOff: number;
    overdue: number;
    percentComplete: number;
    /** When the report's action plan is due to Ofsted; null when none is. */
    ofstedPlan: OfstedPlanDeadline | null;
  }[];
  /** Completion proposed, waiting for the board: never counted as done. */
  awaitingSignOff: number;
  signedOff: number;
  /** Actions whose due date is no longer the original one. */
  reprogrammed: number;
  /** Challenges raised and not yet closed by their challenger. */
  openChallenges: number;
  /** Date change requests waiting for the board. */
  pendingDateRequests: number;
}

/** Counts a board reads across a group of actions; overdue and due soon use the derived RAG, never an override. */
export interface Breakdown {
  total: number;
  overdue: number;
  dueSoon: number;
  inProgress: number;
  awaitingSignOff: number;
  signedOff: number;
  reprogrammed: number;
}

const emptyBreakdown = (): Breakdown => ({ total: 0, overdue: 0, dueSoon: 0, inProgress: 0, awaitingSignOff: 0, signedOff: 0, reprogrammed: 0 });

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** What a board sees first: where the authority's action plan stands today. */
@Injectable()
export class SummaryService {
  constructor(
    @InjectRepository(Action) private readonly actions: Repository<Action>,
    @InjectRepository(Authority) private readonly authorities: Repository<Authority>,
    @InjectRepository(Report) private readonly reports: Repository<Report>,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async forAuthority(code: string, context: RequestContext): Promise<AuthoritySummary> {
    const authority = await findVisibleAuthority(this.authorities, context, code);
    const today = this.clock.today();
    // One authority holds hundreds of actions at most, so the figures are folded in memory with the
    // same standing the lists use, rather than re-stated in SQL.
    const rows = await this.actions.find({
      where: { authorityCode: code },
      select: { id: true, status: true, dueDate: true, originalDueDate: true, ragOverride: true, timeframe: true, reportId: true, teamId: true },
      relations: { team: true },
    });
    const reports = await this.reports.find({ where: { authorityCode: code }, order: { baselineDate: 'ASC', id: 'ASC' } });

    const summary: AuthoritySummary = {
      authority: { code, name: authority.name },
      today,
      total: rows.length,
      overdue: 0,
      dueSoon: 0,
      byStatus: zeroes(ACTION_STATUSES),
      byRag: zeroes(RAGS),
      byTimeframe: zeroes(TIMEFRAMES),
      byTeam: [],
      timeframes: TIMEFRAMES.map((timeframe) => ({ timeframe, ...emptyBreakdown() })),
      reports: [],
      awaitingSignOff: 0,
      signedOff: 0,
      reprogrammed: 0,
      openChallenges: await this.actions.manager.count(ActionChallenge, { where: { authorityCode: code, state: Not('closed' as const) } }),
      pendingDateRequests: await this.actions.manager.count(ActionDateRequest, { where: { authorityCode: code, state: 'pending' } }),
    };
    const perReport = new Map(reports.map((report) => [report.id, { total: 0, awaitingSignOff: 0, signedOff: 0, overdue: 0 }]));
    const perTeam = new Map<number | null, AuthoritySummary['byTeam'][number]>();
    for (const action of rows) {
      const standing = standingOf(action, today, this.config.RAG_BASIS);
      const { overdue, dueSoon } = standing;
      summary.byStatus[action.status] += 1;
      summary.byRag[standing.rag] += 1;
      summary.byTimeframe[action.timeframe] += 1;
      if (overdue) summary.overdue += 1;
      if (dueSoon) summary.dueSoon += 1;
      if (standing.awaitingSignOff) summary.awaitingSignOff += 1;
      if (standing.signedOff) summary.signedOff += 1;
      if (standing.reprogrammed) summary.reprogrammed += 1;
      const report = perReport.get(action.reportId);
      if (report) {
        report.total += 1;
        if (standing.awaitingSignOff) report.awaitingSignOff += 1;
        if (standing.signedOff) report.signedOff += 1;
        if (overdue) report.overdue += 1;
      }
      const team = perTeam.get(action.teamId) ?? { teamId: action.teamId, teamName: action.team?.name ?? 'Unassigned', ...emptyBreakdown() };
      perTeam.set(action.teamId, team);
      for (const group of [team, summary.timeframes.find((row) => row.timeframe === action.timeframe)!]) {
        group.total += 1;
        if (overdue) group.overdue += 1;
        if (dueSoon) group.dueSoon += 1;
        if (action.status === 'in_progress') group.inProgress += 1;
        if (standing.awaitingSignOff) group.awaitingSignOff += 1;
        if (standing.signedOff) group.signedOff += 1;
        if (standing.reprogrammed) group.reprogrammed += 1;
      }
    }
    summary.byTeam = [...perTeam.values()].sort((a, b) => a.teamName.localeCompare(b.teamName));
    summary.reports = reports.map((report) => {
      const counts = perReport.get(report.id)!;
      return {
        id: report.id,
        format: report.format,
        baselineDate: report.baselineDate,
        publishedOn: report.publishedOn,
        ...counts,
        percentComplete: counts.total === 0 ? 0 : Math.round((100 * counts.signedOff) / counts.total),
        ofstedPlan: ofstedPlanDeadline(report, today),
      };
    });
    return summary;
  }
}
