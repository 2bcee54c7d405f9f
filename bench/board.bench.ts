/**
 * The board's heavy work: drawing the board pack PDF for 200 and 2,000 open actions, and the repeat
 * detector comparing a council's 20 reports (each report's recommendations against every earlier
 * one's, as ingestion does). Median of several runs after a warm-up.
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/board.bench.js [--runs 7]
 *
 * The pack is timed from its data (summary, actions, changes) to the finished PDF bytes: reading the
 * data is a handful of queries, timed by the API tests' own figures; the drawing is what grows.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { findRepeats, renderBoardPack, type BoardPackData, type PackAction } from '#board';
import { extractReport } from '#extraction';
import { RAGS, TIMEFRAMES, type Rag } from '#core';

const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

async function median(runs: number, work: () => unknown): Promise<number> {
  await work();
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    await work();
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

function packOf(actionCount: number): BoardPackData {
  const rags: Rag[] = ['red', 'amber', 'green', 'green'];
  const actions: PackAction[] = Array.from({ length: actionCount }, (_, index) => ({
    id: index + 1,
    reference: `${1 + (index % 40)}`,
    recommendation: 'Ensure that all children subject to child protection plans have a plan that is specific, measurable and reviewed at every core group, with the views of the child recorded.',
    theme: ['Help and protection', 'Children looked after', 'Leadership'][index % 3],
    reportId: 1 + (index % 4),
    owner: ['Front door', 'Children in care', 'Quality assurance', 'Unassigned'][index % 4],
    leadOfficer: index % 2 ? 'Sam Lee' : null,
    originalDueDate: '2015-06-30',
    dueDate: index % 5 ? '2015-06-30' : '2015-09-30',
    dueDateReason: index % 5 ? null : 'Waiting for the new case system',
    status: ['not_started', 'in_progress', 'blocked', 'awaiting_sign_off'][index % 4],
    rag: rags[index % 4],
    cycleUpdate: index % 3 ? 'Audit of 40 cases done; findings to the practice forum in April, with an action plan for each team.' : null,
    evidenceCount: index % 4,
    openChallenges: index % 7 === 0 ? 1 : 0,
    latestOpenChallenge: index % 7 === 0 ? 'Where is the evidence that plans are reviewed at every core group? Answer: The March audit, attached.' : null,
    raisedBefore: index % 9 === 0 ? ['Raised before: 2013 report, A2, signed off March 2014 (confirmed)'] : [],
  }));
  const breakdown = { total: actionCount, overdue: actionCount / 4, dueSoon: actionCount / 4, inProgress: actionCount / 4, awaitingSignOff: actionCount / 4, signedOff: 0, reprogrammed: actionCount / 5 };
  return {
    authority: { code: 'E09000031', name: 'Waltham Forest' },
    today: '2015-05-01',
    meeting: { id: 2, authorityCode: 'E09000031', meetingDate: '2015-05-06', title: 'May board', updateReminderWorkingDays: 5, previousMeetingDate: '2015-03-04' },
    summary: {
      authority: { code: 'E09000031', name: 'Waltham Forest' }, today: '2015-05-01', total: actionCount, overdue: breakdown.overdue, dueSoon: breakdown.dueSoon,
      byStatus: { not_started: 0, in_progress: 0, blocked: 0, awaiting_sign_off: 0, signed_off: 0 }, byRag: Object.fromEntries(RAGS.map((rag) => [rag, actionCount / 4])) as Record<Rag, number>,
      byTimeframe: Object.fromEntries(TIMEFRAMES.map((timeframe) => [timeframe, actionCount / 4])) as never,
      byTeam: ['Front door', 'Children in care', 'Quality assurance', 'Unassigned'].map((teamName, teamId) => ({ teamId, teamName, ...breakdown })),
      timeframes: TIMEFRAMES.map((timeframe) => ({ timeframe, ...breakdown })), reports: [], awaitingSignOff: breakdown.awaitingSignOff, signedOff: 0, reprogrammed: breakdown.reprogrammed, openChallenges: 10, pendingDateRequests: 0,
    } as unknown as BoardPackData['summary'],
    reports: [1, 2, 3, 4].map((id) => ({ id, label: `Single inspection (${2012 + id})`, ofstedPlanDue: id === 4 ? '2015-04-30' : null })),
    actions,
    since: {
      authorityCode: 'E09000031', meeting: null, window: { from: '2015-03-05', to: '2015-05-06' },
      counts: { status: 40, signed_off: 5, reprogrammed: 10, evidence: 30, challenge_opened: 4, challenge_closed: 2, became_overdue: 20 },
      groups: [1, 2, 3, 4].map((reportId) => ({ reportId, teamId: reportId, reportLabel: `Single inspection (${2012 + reportId})`, teamName: 'Front door', changes: actions.slice(0, 25).map((action) => ({ kind: 'status' as const, actionId: action.id, on: '2015-04-01', detail: 'In progress → Awaiting sign-off', actor: 'Sam Lee', reference: action.reference, title: action.recommendation })) })),
    },
  };
}

const runs = option('runs', 7);
console.log(`board: ${cpus().length} cores, ${cpus()[0]?.model ?? 'unknown CPU'}, load ${loadavg().map((load) => load.toFixed(2)).join(' ')}, median of ${runs} runs`);
for (const count of [200, 2000]) {
  const data = packOf(count);
  let bytes = 0;
  const ms = await median(runs, async () => {
    bytes = (await renderBoardPack(data)).length;
  });
  console.log(`board pack, ${count} open actions: ${ms.toFixed(0)} ms, ${(bytes / 1024).toFixed(0)} KB`);
}

// 20 reports: the 5 seed reports and the corpus texts, read as ingestion reads them.
const texts = [
  ...readdirSync(`${REPO_ROOT}seeds/reports/`).map((name) => `${REPO_ROOT}seeds/reports/${name}`),
  ...readdirSync(`${REPO_ROOT}test/fixtures/corpus/`).filter((name) => name.endsWith('.txt')).map((name) => `${REPO_ROOT}test/fixtures/corpus/${name}`),
];
const reports = texts
  .map((path) => extractReport(readFileSync(path, 'utf8')).recommendations.map((item) => item.text))
  .filter((items) => items.length > 0)
  .slice(0, 20);
let nextId = 1;
const council = reports.map((items) => items.map((text) => ({ id: nextId++, text })));
const recommendationCount = council.reduce((sum, items) => sum + items.length, 0);
let links = 0;
const allMs = await median(runs, () => {
  links = 0;
  for (let index = 1; index < council.length; index += 1) links += findRepeats(council[index], council.slice(0, index).flat()).length;
});
const lastMs = await median(runs, () => findRepeats(council.at(-1)!, council.slice(0, -1).flat()));
console.log(`repeat detector, a council with ${council.length} reports (${recommendationCount} recommendations): ${lastMs.toFixed(1)} ms to ingest the 20th against the 19 before, ${allMs.toFixed(0)} ms for all 20 in turn (${links} links)`);
