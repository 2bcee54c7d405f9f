import { ofstedPlanDeadline, type OfstedPlanDeadline } from '#deadlines';
import { standingOf, type ActionStanding, type RagBasis } from '#governance';
import { ACTION_STATUSES, type ActionStatus, type IsoDate, type Judgement, type Rag, RAGS, type Timeframe, TIMEFRAMES } from '#core';

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

/** Actions alike in everything the figures count them by, and how many there are. */
export interface SummaryActionGroup {
  status: ActionStatus;
  dueDate: IsoDate;
  originalDueDate: IsoDate;
  ragOverride: Rag | null;
  timeframe: Timeframe;
  reportId: number;
  teamId: number | null;
  /** Null when the action has no team. */
  teamName: string | null;
  count: number;
}

/** What the figures need of a report. */
export interface SummaryReport {
  id: number;
  format: string;
  baselineDate: IsoDate;
  publishedOn: IsoDate | null;
  judgements: readonly Judgement[];
  ofstedPlanDueDate: IsoDate | null;
}

export interface SummaryInput {
  authority: { code: string; name: string };
  today: IsoDate;
  basis: RagBasis;
  /** The council's actions, grouped (see SummaryActionGroup); in any order. */
  groups: readonly SummaryActionGroup[];
  /** The council's reports, in the order the summary lists them. */
  reports: readonly SummaryReport[];
  openChallenges: number;
  pendingDateRequests: number;
}

const emptyBreakdown = (): Breakdown => ({ total: 0, overdue: 0, dueSoon: 0, inProgress: 0, awaitingSignOff: 0, signedOff: 0, reprogrammed: 0 });

const zeroes = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((key) => [key, 0])) as Record<K, number>;

/**
 * Where the council's action plan stands today, folded from its grouped actions with the same
 * standing (standingOf) every list, page and export reads, so the figures cannot disagree with
 * them. Each group's standing is worked out once for all the actions in it.
 */
export function summaryFigures(input: SummaryInput): AuthoritySummary {
  const { today, basis } = input;
  const summary: AuthoritySummary = {
    authority: input.authority,
    today,
    total: 0,
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
    openChallenges: input.openChallenges,
    pendingDateRequests: input.pendingDateRequests,
  };
  const perReport = new Map(input.reports.map((report) => [report.id, { total: 0, awaitingSignOff: 0, signedOff: 0, overdue: 0 }]));
  const perTeam = new Map<number | null, AuthoritySummary['byTeam'][number]>();
  const perTimeframe = new Map(summary.timeframes.map((row) => [row.timeframe, row]));
  // Groups differ in team, timeframe or report while sharing dates and status: the day arithmetic is done once for each.
  const standings = new Map<string, ActionStanding>();
  for (const group of input.groups) {
    const n = group.count;
    const key = `${group.status} ${group.dueDate} ${group.originalDueDate} ${group.ragOverride ?? ''}`;
    let standing = standings.get(key);
    if (!standing) {
      standing = standingOf(group, today, basis);
      standings.set(key, standing);
    }
    const { overdue, dueSoon } = standing;
    summary.total += n;
    summary.byStatus[group.status] += n;
    summary.byRag[standing.rag] += n;
    summary.byTimeframe[group.timeframe] += n;
    if (overdue) summary.overdue += n;
    if (dueSoon) summary.dueSoon += n;
    if (standing.awaitingSignOff) summary.awaitingSignOff += n;
    if (standing.signedOff) summary.signedOff += n;
    if (standing.reprogrammed) summary.reprogrammed += n;
    const report = perReport.get(group.reportId);
    if (report) {
      report.total += n;
      if (standing.awaitingSignOff) report.awaitingSignOff += n;
      if (standing.signedOff) report.signedOff += n;
      if (overdue) report.overdue += n;
    }
    let team = perTeam.get(group.teamId);
    if (!team) {
      team = { teamId: group.teamId, teamName: group.teamName ?? 'Unassigned', ...emptyBreakdown() };
      perTeam.set(group.teamId, team);
    }
    for (const row of [team, perTimeframe.get(group.timeframe)!]) {
      row.total += n;
      if (overdue) row.overdue += n;
      if (dueSoon) row.dueSoon += n;
      if (group.status === 'in_progress') row.inProgress += n;
      if (standing.awaitingSignOff) row.awaitingSignOff += n;
      if (standing.signedOff) row.signedOff += n;
      if (standing.reprogrammed) row.reprogrammed += n;
    }
  }
  // By name; two teams of one name (or a team called "Unassigned") keep a fixed order by id, no team first.
  summary.byTeam = [...perTeam.values()].sort((a, b) => a.teamName.localeCompare(b.teamName) || (a.teamId ?? 0) - (b.teamId ?? 0));
  summary.reports = input.reports.map((report) => {
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
