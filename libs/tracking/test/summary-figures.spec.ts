import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { standingOf } from '#governance';
import { ACTION_STATUSES, RAGS, TIMEFRAMES, type ActionStatus, type Rag, type Timeframe } from '#core';
import { summaryFigures, type SummaryActionGroup, type SummaryInput, type SummaryReport } from '../src/summary-figures.js';

const today = '2025-03-01';
const authority = { code: 'E09000005', name: 'Brent' };
const reports: SummaryReport[] = [
  { id: 1, format: 'ilacs_2018', baselineDate: '2024-06-01', publishedOn: '2024-06-20', judgements: [], ofstedPlanDueDate: null },
  { id: 2, format: 'ilacs_2018', baselineDate: '2025-01-10', publishedOn: null, judgements: [], ofstedPlanDueDate: '2025-04-01' },
];

const group = (overrides: Partial<SummaryActionGroup>): SummaryActionGroup => ({
  status: 'in_progress',
  dueDate: '2025-06-01',
  originalDueDate: '2025-06-01',
  ragOverride: null,
  timeframe: 'three_months',
  reportId: 1,
  teamId: 7,
  teamName: 'Early help',
  count: 1,
  ...overrides,
});

const input = (groups: SummaryActionGroup[], extra: Partial<SummaryInput> = {}): SummaryInput => ({
  authority,
  today,
  basis: 'current',
  groups,
  reports,
  openChallenges: 0,
  pendingDateRequests: 0,
  ...extra,
});

describe('summaryFigures', () => {
  it('counts each group as many times as it holds actions, by the standing every list reads', () => {
    const summary = summaryFigures(
      input(
        [
          group({ count: 3, dueDate: '2025-02-01', originalDueDate: '2025-02-01' }), // overdue
          group({ count: 2, dueDate: '2025-03-10', originalDueDate: '2025-01-01', teamId: null, teamName: null, reportId: 2 }), // due soon, re-programmed
          group({ count: 4, status: 'awaiting_sign_off', dueDate: '2025-02-15', originalDueDate: '2025-02-15', ragOverride: 'green', timeframe: 'immediate' }),
          group({ count: 5, status: 'signed_off', dueDate: '2024-12-01', originalDueDate: '2024-12-01', teamId: 3, teamName: 'Adoption' }),
        ],
        { openChallenges: 2, pendingDateRequests: 1 },
      ),
    );
    expect(summary).toMatchObject({ authority, today, total: 14, overdue: 7, dueSoon: 2, awaitingSignOff: 4, signedOff: 5, reprogrammed: 2, openChallenges: 2, pendingDateRequests: 1 });
    expect(summary.byStatus).toEqual({ not_started: 0, in_progress: 5, blocked: 0, awaiting_sign_off: 4, signed_off: 5 });
    // The override shows in the RAG counts; overdue still comes from the date.
    expect(summary.byRag).toEqual({ green: 4, amber: 2, red: 3, complete: 5 });
    expect(summary.byTimeframe).toEqual({ immediate: 4, three_months: 10, six_months: 0, unspecified: 0 });
    expect(summary.byTeam.map((team) => [team.teamName, team.total, team.overdue, team.dueSoon, team.inProgress, team.awaitingSignOff, team.signedOff, team.reprogrammed])).toEqual([
      ['Adoption', 5, 0, 0, 0, 0, 5, 0],
      ['Early help', 7, 7, 0, 3, 4, 0, 0],
      ['Unassigned', 2, 0, 2, 2, 0, 0, 2],
    ]);
    expect(summary.reports.map(({ id, total, awaitingSignOff, signedOff, overdue, percentComplete }) => ({ id, total, awaitingSignOff, signedOff, overdue, percentComplete }))).toEqual([
      { id: 1, total: 12, awaitingSignOff: 4, signedOff: 5, overdue: 7, percentComplete: 42 },
      { id: 2, total: 2, awaitingSignOff: 0, signedOff: 0, overdue: 0, percentComplete: 0 },
    ]);
    expect(summary.reports[1].ofstedPlan).toMatchObject({ dueDate: '2025-04-01', source: 'set', passed: false });
    expect(summary.timeframes.map((row) => row.timeframe)).toEqual([...TIMEFRAMES]);
  });

  it('lists every report and timeframe with zeroes when the council has no actions', () => {
    const summary = summaryFigures(input([]));
    expect(summary.total).toBe(0);
    expect(summary.byTeam).toEqual([]);
    expect(summary.reports.map((report) => [report.id, report.total, report.percentComplete])).toEqual([
      [1, 0, 0],
      [2, 0, 0],
    ]);
    expect(summary.timeframes.every((row) => row.total === 0)).toBe(true);
  });

  it('rates against the original date when the council says so', () => {
    const moved = group({ count: 2, originalDueDate: '2024-01-01', dueDate: '2026-01-01' });
    expect(summaryFigures(input([moved])).overdue).toBe(0);
    expect(summaryFigures(input([moved], { basis: 'original' })).overdue).toBe(2);
  });

  it('says what counting the actions one by one says, however they are grouped', () => {
    const dates = fc.integer({ min: 0, max: 800 }).map((day) => new Date(Date.UTC(2024, 6, 1) + day * 86_400_000).toISOString().slice(0, 10));
    const action = fc.record({
      status: fc.constantFrom<ActionStatus>(...ACTION_STATUSES),
      dueDate: dates,
      originalDueDate: dates,
      ragOverride: fc.constantFrom<Rag | null>(null, ...RAGS),
      timeframe: fc.constantFrom<Timeframe>(...TIMEFRAMES),
      reportId: fc.constantFrom(1, 2),
      team: fc.constantFrom<[number | null, string | null]>([null, null], [3, 'Adoption'], [7, 'Early help'], [9, 'Unassigned']),
      count: fc.integer({ min: 1, max: 4 }),
    });
    fc.assert(
      fc.property(fc.array(action, { maxLength: 40 }), fc.constantFrom<'current' | 'original'>('current', 'original'), (actions, basis) => {
        const groups = actions.map(({ team: [teamId, teamName], ...rest }) => ({ ...rest, teamId, teamName }));
        const oneByOne = groups.flatMap((row) => Array.from({ length: row.count }, () => ({ ...row, count: 1 })));
        const folded = summaryFigures(input(groups, { basis }));
        expect(summaryFigures(input(oneByOne, { basis }))).toEqual(folded);
        expect(folded).toEqual(countedOneByOne(oneByOne, basis));
      }),
      { numRuns: 200 },
    );
  });
});

/** The figures as the dashboard used to count them: one action at a time. */
function countedOneByOne(actions: SummaryActionGroup[], basis: 'current' | 'original') {
  const reference = summaryFigures(input([], { basis }));
  const perTeam = new Map<number | null, (typeof reference.byTeam)[number]>();
  const perReport = new Map(reference.reports.map((report) => [report.id, report]));
  for (const action of actions) {
    const standing = standingOf(action, today, basis);
    reference.total += 1;
    reference.byStatus[action.status] += 1;
    reference.byRag[standing.rag] += 1;
    reference.byTimeframe[action.timeframe] += 1;
    if (standing.overdue) reference.overdue += 1;
    if (standing.dueSoon) reference.dueSoon += 1;
    if (standing.awaitingSignOff) reference.awaitingSignOff += 1;
    if (standing.signedOff) reference.signedOff += 1;
    if (standing.reprogrammed) reference.reprogrammed += 1;
    const report = perReport.get(action.reportId)!;
    report.total += 1;
    if (standing.awaitingSignOff) report.awaitingSignOff += 1;
    if (standing.signedOff) report.signedOff += 1;
    if (standing.overdue) report.overdue += 1;
    const team = perTeam.get(action.teamId) ?? { teamId: action.teamId, teamName: action.teamName ?? 'Unassigned', total: 0, overdue: 0, dueSoon: 0, inProgress: 0, awaitingSignOff: 0, signedOff: 0, reprogrammed: 0 };
    perTeam.set(action.teamId, team);
    for (const row of [team, reference.timeframes.find((candidate) => candidate.timeframe === action.timeframe)!]) {
      row.total += 1;
      if (standing.overdue) row.overdue += 1;
      if (standing.dueSoon) row.dueSoon += 1;
      if (action.status === 'in_progress') row.inProgress += 1;
      if (standing.awaitingSignOff) row.awaitingSignOff += 1;
      if (standing.signedOff) row.signedOff += 1;
      if (standing.reprogrammed) row.reprogrammed += 1;
    }
  }
  reference.byTeam = [...perTeam.values()].sort((a, b) => a.teamName.localeCompare(b.teamName) || (a.teamId ?? 0) - (b.teamId ?? 0));
  for (const report of reference.reports) report.percentComplete = report.total === 0 ? 0 : Math.round((100 * report.signedOff) / report.total);
  return reference;
}
