import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { deriveRag, ofstedPlanDeadline, type OfstedPlanDeadline } from '#deadlines';
import { Action, Authority, Report } from '#database';
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
  reports: {
    id: number;
    format: string;
    baselineDate: string;
    publishedOn: string | null;
    total: number;
    completed: number;
    overdue: number;
    percentComplete: number;
    /** When the report's action plan is due to Ofsted; null when none is. */
    ofstedPlan: OfstedPlanDeadline | null;
  }[];
}

/** Counts a board reads across a group of actions; overdue and due soon use the derived RAG, never an override. */
export interface Breakdown {
  total: number;
  overdue: number;
  dueSoon: number;
  inProgress: number;
  completed: number;
}

const emptyBreakdown = (): Breakdown => ({ total: 0, overdue: 0, dueSoon: 0, inProgress: 0, completed: 0 });

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/** What a board sees first: where the authority's action plan stands today. */
@Injectable()
export class SummaryService {
  constructor(
    @InjectRepository(Action) private readonly actions: Repository<Action>,
    @InjectRepository(Authority) private readonly authorities: Repository<Authority>,
    @InjectRepository(Report) private readonly reports: Repository<Report>,
    private readonly clock: Clock,
  ) {}

  async forAuthority(code: string, context: RequestContext): Promise<AuthoritySummary> {
    const authority = await findVisibleAuthority(this.authorities, context, code);
    const today = this.clock.today();
    // One authority holds hundreds of actions at most, so the figures are folded in memory with the
    // same deriveRag the lists use, rather than re-stated in SQL.
    const rows = await this.actions.find({
      where: { authorityCode: code },
      select: { id: true, status: true, dueDate: true, ragOverride: true, timeframe: true, reportId: true, teamId: true },
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
    };
    const perReport = new Map(reports.map((report) => [report.id, { total: 0, completed: 0, overdue: 0 }]));
    const perTeam = new Map<number | null, AuthoritySummary['byTeam'][number]>();
    for (const action of rows) {
      const derived = deriveRag({ status: action.status, dueDate: action.dueDate, today });
      const overdue = derived === 'red';
      summary.byStatus[action.status] += 1;
      summary.byRag[deriveRag({ status: action.status, dueDate: action.dueDate, today, override: action.ragOverride })] += 1;
      summary.byTimeframe[action.timeframe] += 1;
      if (overdue) summary.overdue += 1;
      if (derived === 'amber') summary.dueSoon += 1;
      const report = perReport.get(action.reportId);
      if (report) {
        report.total += 1;
        if (action.status === 'completed') report.completed += 1;
        if (overdue) report.overdue += 1;
      }
      const team = perTeam.get(action.teamId) ?? { teamId: action.teamId, teamName: action.team?.name ?? 'Unassigned', ...emptyBreakdown() };
      perTeam.set(action.teamId, team);
      for (const group of [team, summary.timeframes.find((row) => row.timeframe === action.timeframe)!]) {
        group.total += 1;
        if (overdue) group.overdue += 1;
        if (derived === 'amber') group.dueSoon += 1;
        if (action.status === 'in_progress') group.inProgress += 1;
        if (action.status === 'completed') group.completed += 1;
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
        percentComplete: counts.total === 0 ? 0 : Math.round((100 * counts.completed) / counts.total),
        ofstedPlan: ofstedPlanDeadline(report, today),
      };
    });
    return summary;
  }
}
