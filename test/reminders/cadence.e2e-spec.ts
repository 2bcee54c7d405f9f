import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, isWorkingDay, workingDaysBetween } from '#deadlines';
import { Action, Team } from '#database';
import {
  ActionReminderState,
  AuthorityContact,
  Reminder,
  BLANK_MEMORY,
  isEscalationDue,
  LSCB_ADDRESSEES,
  ReminderPlanner,
  rememberDigest,
  rememberEscalation,
  sweepWindow,
  teamDigestReason,
  type CadenceRules,
  type ReminderMemory,
} from '#reminders';
import { ReminderFixtures } from './support/fixtures.js';
import { createReminderTestEnv, type ReminderTestEnv } from './support/reminder-test-env.js';
import { SmtpSink, type SinkMessage } from './support/smtp-sink.js';
import { startTestWorker, type TestWorker } from './support/test-worker.js';
import type { Addressee, IsoDate } from '#core';

/** The latest due date that is exactly `n` working days overdue on `day`. */
function dueDateOverdueBy(day: IsoDate, n: number): IsoDate {
  let due = addCalendarDays(day, -1);
  while (workingDaysBetween(due, day) < n) due = addCalendarDays(due, -1);
  while (workingDaysBetween(addCalendarDays(due, 1), day) === n) due = addCalendarDays(due, 1);
  return due;
}

describe('escalation threshold, through the real worker and mail', () => {
  // Tuesday 6 May 2025: the 20 working days before it span the Easter and early May bank holidays.
  const DAY = '2025-05-06';
  let testEnv: ReminderTestEnv;
  let sink: SmtpSink;
  let worker: TestWorker;
  let fixtures: ReminderFixtures;
  const ids: Record<string, number> = {};
  const nextDay = addCalendarDays(DAY, 1);
  const weekLater = addCalendarDays(DAY, 7);
  /** The days are swept once, in order, before the tests; each test reads the days it is about, whichever runs first. */
  const sent = new Map<string, SinkMessage[]>();
  const to = (day: string, address: string) => (sent.get(day) ?? []).filter((message) => message.to.includes(address));

  beforeAll(async () => {
    testEnv = await createReminderTestEnv();
    sink = await SmtpSink.start();
    worker = await startTestWorker({ ...testEnv.env, SMTP_URL: sink.url }, DAY);
    fixtures = new ReminderFixtures(worker.dataSource);
    await fixtures.authority('E06000001', 'Hartlepool', [
      { role: 'board_chair', name: 'Board Chair', email: 'board@hartlepool.example' },
      { role: 'lscb_chair', name: 'LSCB Chair', email: 'lscb@hartlepool.example' },
    ]);
    const team = await fixtures.team('E06000001', 'Front door', ['front.door@hartlepool.example']);
    const due = (n: number) => dueDateOverdueBy(DAY, n);
    ids.at20 = (await fixtures.action({ authorityCode: 'E06000001', teamId: team.id, dueDate: due(20), title: 'Exactly twenty working days late' })).id;
    ids.at21 = (await fixtures.action({ authorityCode: 'E06000001', teamId: team.id, dueDate: due(21), title: 'Twenty-one working days late' })).id;
    ids.lscbAt21 = (await fixtures.action({ authorityCode: 'E06000001', teamId: team.id, dueDate: due(21), addressee: 'lscb', title: 'LSCB action' })).id;
    ids.partnershipAt30 = (await fixtures.action({ authorityCode: 'E06000001', teamId: null, dueDate: due(30), addressee: 'partnership', title: 'Partnership action' })).id;
    ids.lscbAt20 = (await fixtures.action({ authorityCode: 'E06000001', teamId: team.id, dueDate: due(20), addressee: 'lscb', title: 'LSCB action not late enough' })).id;
    ids.doneAt40 = (await fixtures.action({ authorityCode: 'E06000001', teamId: team.id, dueDate: due(40), status: 'signed_off', title: 'Done' })).id;
    for (let day = DAY; day <= weekLater; day = addCalendarDays(day, 1)) {
      const before = sink.messages.length;
      await worker.sweep(day);
      sent.set(day, sink.messages.slice(before));
    }
  });

  afterAll(async () => {
    await worker?.close();
    await sink?.close();
    await testEnv?.cleanup();
  });

  it('escalates only what is overdue by more than 20 working days, bank holidays not counted', async () => {
    expect(workingDaysBetween(dueDateOverdueBy(DAY, 20), DAY)).toBe(20);
    // 20 working days back from 6 May 2025 is more than four calendar weeks because of three bank holidays.
    expect(dueDateOverdueBy(DAY, 20) < addCalendarDays(DAY, -28)).toBe(true);
    const [board] = to(DAY, 'board@hartlepool.example');
    const [lscb] = to(DAY, 'lscb@hartlepool.example');
    expect(board.actionIds.sort()).toEqual([ids.at21, ids.lscbAt21, ids.partnershipAt30].sort());
    expect(lscb.actionIds.sort()).toEqual([ids.lscbAt21, ids.partnershipAt30].sort());
    expect(board.headers.subject).toBe('Hartlepool: 3 improvement actions overdue by more than 20 working days');
    expect(board.text).toContain('NO TEAM YET: THE BOARD NEEDS TO ASSIGN ONE');
    expect(board.text).toMatch(/, 21 working days overdue \(\d+ days\)/);
  });

  it('escalates an action on the day it crosses the line, and the others again a week later', async () => {
    const [board] = to(nextDay, 'board@hartlepool.example');
    expect(board.actionIds.sort()).toEqual([ids.at20, ids.lscbAt20].sort());
    expect(to(nextDay, 'lscb@hartlepool.example').map((message) => message.actionIds)).toEqual([[ids.lscbAt20]]);
    for (let day = addCalendarDays(nextDay, 1); day < weekLater; day = addCalendarDays(day, 1)) expect(to(day, 'board@hartlepool.example')).toEqual([]);
    const [again] = to(weekLater, 'board@hartlepool.example');
    expect(again.actionIds.sort()).toEqual([ids.at21, ids.lscbAt21, ids.partnershipAt30].sort());
    const reminders = await worker.dataSource.getRepository(Reminder).find({ where: { kind: 'board_escalation' }, order: { id: 'ASC' } });
    expect(reminders.map((reminder) => reminder.digestDate)).toEqual([DAY, nextDay, weekLater]);
  });
});

describe('the planner agrees with the cadence rules', () => {
  // Three weeks of sweeps around the August 2025 bank holiday, over random actions that change as they go.
  const START = '2025-08-04';
  const END = '2025-09-05';
  const RULES: CadenceRules = { dueSoonDays: 10, overdueRepeatDays: 7, escalationWorkingDays: 5, escalationRepeatDays: 3 };
  let testEnv: ReminderTestEnv;
  let worker: TestWorker;

  beforeAll(async () => {
    testEnv = await createReminderTestEnv({
      env: { DUE_SOON_DAYS: '10', OVERDUE_REPEAT_DAYS: '7', ESCALATION_WORKING_DAYS: '5', ESCALATION_REPEAT_DAYS: '3' },
    });
    worker = await startTestWorker(testEnv.env, START);
  });

  afterAll(async () => {
    await worker?.close();
    await testEnv?.cleanup();
  });

  it('marks the same actions, for the same reasons, and plans the same digests, day after day', async () => {
    const random = seededRandom(20250804);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const fixtures = new ReminderFixtures(worker.dataSource);
    const authorities = [
      { code: 'E09000001', contacts: ['board_chair', 'lscb_chair'] },
      { code: 'E09000002', contacts: ['board_chair'] },
      { code: 'E09000003', contacts: ['lscb_chair'] },
      { code: 'E09000004', contacts: [] },
    ] as const;
    const teamsOf = new Map<string, Team[]>();
    for (const authority of authorities) {
      await fixtures.authority(
        authority.code,
        `Council ${authority.code}`,
        authority.contacts.map((role) => ({ role, name: `${role} ${authority.code}`, email: `${role}@${authority.code}.example` })),
      );
      teamsOf.set(authority.code, [
        await fixtures.team(authority.code, 'Team with two addresses', [`a@${authority.code}.example`, `b@${authority.code}.example`]),
        await fixtures.team(authority.code, 'Team with one address', [`c@${authority.code}.example`]),
        await fixtures.team(authority.code, 'Team without an address', []),
      ]);
    }
    const addressees: Addressee[] = ['local_authority', 'local_authority', 'lscb', 'partnership'];
    const actions: Action[] = [];
    for (let index = 0; index < 240; index += 1) {
      const authority = pick(authorities);
      actions.push(
        await fixtures.action({
          authorityCode: authority.code,
          teamId: random() < 0.1 ? null : pick(teamsOf.get(authority.code)!).id,
          dueDate: addCalendarDays(START, Math.floor(random() * 120) - 80),
          addressee: pick(addressees),
          status: random() < 0.1 ? 'signed_off' : pick(['not_started', 'in_progress', 'blocked'] as const),
        }),
      );
    }
    const contacts = await worker.dataSource.getRepository(AuthorityContact).find();
    const teams = new Map([...teamsOf.values()].flat().map((team) => [team.id, team]));
    const memories = new Map<number, ReminderMemory>(actions.map((action) => [action.id, BLANK_MEMORY]));
    const planner = worker.app.get(ReminderPlanner);
    let workingDays = 0;
    let digestsSeen = 0;
    let escalationsSeen = 0;

    for (let day = START; day <= END; day = addCalendarDays(day, 1)) {
      // Life goes on: some actions are completed, re-programmed or handed to another team.
      for (const action of actions) {
        const roll = random();
        const changes: Partial<Action> = {};
        if (roll < 0.01) changes.status = 'signed_off';
        else if (roll < 0.03) changes.dueDate = addCalendarDays(day, Math.floor(random() * 30) - 10);
        else if (roll < 0.04) changes.teamId = pick(teamsOf.get(action.authorityCode)!).id;
        if (Object.keys(changes).length > 0) {
          Object.assign(action, changes);
          await fixtures.update(action.id, changes);
        }
      }
      if (!isWorkingDay(day)) continue;
      workingDays += 1;

      const window = sweepWindow(day, RULES);
      const expectedDigests = new Map<number, string>();
      const expectedEscalations = new Set<number>();
      for (const action of actions.filter((candidate) => candidate.status !== 'signed_off')) {
        let memory = memories.get(action.id)!;
        const team = action.teamId === null ? undefined : teams.get(action.teamId);
        const reason = team && team.emails.length > 0 ? teamDigestReason(action.dueDate, memory, window) : null;
        if (reason) {
          expectedDigests.set(action.id, reason);
          memory = rememberDigest(memory, action.dueDate, reason, window);
        }
        const roles = contacts.filter((contact) => contact.authorityCode === action.authorityCode).map((contact) => contact.role);
        const someoneToTell = roles.includes('board_chair') || (roles.includes('lscb_chair') && (LSCB_ADDRESSEES as readonly string[]).includes(action.addressee));
        if (someoneToTell && isEscalationDue(action.dueDate, memory, window)) {
          expectedEscalations.add(action.id);
          memory = rememberEscalation(memory, action.dueDate, window);
        }
        memories.set(action.id, memory);
      }

      await planner.plan(day);
      // A second plan of the same day must change nothing.
      expect(await planner.plan(day)).toEqual({ date: day, teamDigestsPlanned: 0, escalationDigestsPlanned: 0 });

      const states = await worker.dataSource.getRepository(ActionReminderState).find();
      const actualDigests = new Map(states.filter((state) => state.lastDigestOn === day).map((state) => [state.actionId, state.lastDigestReason!]));
      const actualEscalations = new Set(states.filter((state) => state.escalationLastNotifiedOn === day).map((state) => state.actionId));
      expect(sortedEntries(actualDigests), `team digests on ${day}`).toEqual(sortedEntries(expectedDigests));
      expect([...actualEscalations].sort(), `escalations on ${day}`).toEqual([...expectedEscalations].sort());

      const reminders = await worker.dataSource.getRepository(Reminder).find({ where: { digestDate: day } });
      const expectedTeams = new Set([...expectedDigests.keys()].map((id) => actions.find((action) => action.id === id)!.teamId));
      expect(reminders.filter((reminder) => reminder.kind === 'team_digest').map((reminder) => reminder.teamId).sort()).toEqual([...expectedTeams].sort());
      const escalated = actions.filter((action) => expectedEscalations.has(action.id));
      const expectedContacts = contacts.filter((contact) =>
        escalated.some((action) => action.authorityCode === contact.authorityCode && (contact.role === 'board_chair' || (LSCB_ADDRESSEES as readonly string[]).includes(action.addressee))),
      );
      expect(reminders.filter((reminder) => reminder.kind !== 'team_digest').map((reminder) => reminder.contactId).sort()).toEqual(expectedContacts.map((contact) => contact.id).sort());
      for (const reminder of reminders.filter((candidate) => candidate.teamId !== null)) expect(reminder.recipients).toEqual(teams.get(reminder.teamId!)!.emails);
      digestsSeen += expectedDigests.size;
      escalationsSeen += expectedEscalations.size;
    }
    // The run must have exercised the rules, not passed on empty days.
    expect(workingDays).toBe(24);
    expect(digestsSeen).toBeGreaterThan(150);
    expect(escalationsSeen).toBeGreaterThan(150);
  });
});

function sortedEntries(map: Map<number, string>): [number, string][] {
  return [...map].sort(([a], [b]) => a - b);
}

/** A small deterministic generator, so a failure can be replayed. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
