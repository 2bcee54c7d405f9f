import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarDays, workingDaysBetween } from '#deadlines';
import { Action, Team } from '#database';
import { AuthorityContact, Reminder, ReminderSweepService } from '#reminders';
import { SeedService } from '#tracking';
import { createReminderTestEnv, type ReminderTestEnv } from './support/reminder-test-env.js';
import { SmtpSink, type SinkMessage } from './support/smtp-sink.js';
import { startTestWorker, waitUntilSettled, type TestWorker } from './support/test-worker.js';

// Monday 12 January 2015: the 2012-2013 reports' actions are long overdue, the 2014 single
// inspection's first deadlines (20 January 2015) are due soon, its later ones are a year away.
const FIRST_DAY = '2015-01-12';
const LSCB_ADDRESSEES = new Set(['lscb', 'partnership']);

describe('daily reminder sweep over the seeded authorities', () => {
  let testEnv: ReminderTestEnv;
  let sink: SmtpSink;
  let worker: TestWorker;
  let actions: Action[];
  let teams: Team[];
  let contacts: AuthorityContact[];
  /**
   * The cadence is a story over days, so the days are swept once, in order, before the tests; each
   * test then reads what its own day sent and recorded, whichever order the tests run in.
   */
  const days = {} as {
    holidays: { skipped: unknown[]; messages: SinkMessage[]; reminders: number };
    first: { messages: SinkMessage[]; reminders: Reminder[] };
    firstAgain: { messages: SinkMessage[]; reminders: number };
    restOfWeek: SinkMessage[];
    weekLater: SinkMessage[];
    dueDay: SinkMessage[];
    dayAfterDue: SinkMessage[];
  };

  const openActions = () => actions.filter((action) => action.status !== 'signed_off');
  const sorted = (ids: Iterable<number>) => [...ids].sort((a, b) => a - b);
  const messagesSince = (count: number) => sink.messages.slice(count);
  const messagesTo = (messages: SinkMessage[], address: string) => messages.filter((message) => message.to.includes(address));
  const teamOf = (message: SinkMessage) => teams.filter((team) => team.emails.length > 0 && sameAddresses(team.emails, message.to));
  const groupByTeam = (predicate: (action: Action) => boolean) => {
    const groups = new Map<number, number[]>();
    for (const action of openActions().filter((action) => action.teamId !== null && predicate(action))) {
      groups.set(action.teamId!, [...(groups.get(action.teamId!) ?? []), action.id]);
    }
    return new Map([...groups].map(([teamId, ids]) => [teamId, sorted(ids)]));
  };
  const teamMessages = (messages: SinkMessage[]) =>
    new Map(
      messages
        .filter((message) => message.headers['x-improvement-tracker-reminder']?.startsWith('team_digest/'))
        .map((message) => {
          const [team] = teamOf(message);
          return [team.id, sorted(message.actionIds)] as const;
        }),
    );

  beforeAll(async () => {
    testEnv = await createReminderTestEnv();
    sink = await SmtpSink.start();
    worker = await startTestWorker({ ...testEnv.env, SMTP_URL: sink.url }, FIRST_DAY);
    const seeded = await worker.app.get(SeedService).seed();
    expect(seeded.contactsCreated).toBe(8);
    actions = await worker.dataSource.getRepository(Action).find({ order: { id: 'ASC' } });
    teams = await worker.dataSource.getRepository(Team).find();
    contacts = await worker.dataSource.getRepository(AuthorityContact).find();

    const sweeps = worker.app.get(ReminderSweepService);
    const reminders = worker.dataSource.getRepository(Reminder);
    // New Year's Day, Christmas Day, the summer bank holiday, a Saturday and a Sunday.
    const skipped = [await sweeps.sweep('2015-01-01'), await sweeps.sweep('2014-12-25'), await sweeps.sweep('2014-08-25'), await sweeps.sweep('2015-01-10')];
    await worker.sweep('2015-01-11');
    await waitUntilSettled(worker.queues);
    days.holidays = { skipped, messages: messagesSince(0), reminders: await reminders.count() };

    let before = sink.messages.length;
    await worker.sweep(FIRST_DAY);
    days.first = { messages: messagesSince(before), reminders: await reminders.find() };

    before = sink.messages.length;
    await worker.sweep(FIRST_DAY);
    await sweeps.sweep(FIRST_DAY);
    await waitUntilSettled(worker.queues);
    days.firstAgain = { messages: messagesSince(before), reminders: await reminders.count() };

    before = sink.messages.length;
    for (const day of ['2015-01-13', '2015-01-14', '2015-01-15', '2015-01-16']) await worker.sweep(day);
    days.restOfWeek = messagesSince(before);

    before = sink.messages.length;
    await worker.sweep(addCalendarDays(FIRST_DAY, 7));
    days.weekLater = messagesSince(before);

    before = sink.messages.length;
    await worker.sweep('2015-01-20');
    days.dueDay = messagesSince(before);
    before = sink.messages.length;
    await worker.sweep('2015-01-21');
    days.dayAfterDue = messagesSince(before);
  });

  afterAll(async () => {
    await worker?.close();
    await sink?.close();
    await testEnv?.cleanup();
  });

  it('sends nothing on bank holidays and weekends', async () => {
    expect(days.holidays.skipped).toEqual([
      { date: '2015-01-01', skipped: 'bank_holiday' },
      { date: '2014-12-25', skipped: 'bank_holiday' },
      { date: '2014-08-25', skipped: 'bank_holiday' },
      { date: '2015-01-10', skipped: 'weekend' },
    ]);
    expect(days.holidays.messages).toHaveLength(0);
    expect(days.holidays.reminders).toBe(0);
  });

  it('sends each team one digest of its overdue actions and those entering the due-soon window', async () => {
    const windowEnd = addCalendarDays(FIRST_DAY, 14);
    const expected = groupByTeam((action) => action.dueDate <= windowEnd);
    const dueSoon = openActions().filter((action) => action.teamId !== null && action.dueDate >= FIRST_DAY && action.dueDate <= windowEnd);
    // The seeds must exercise both kinds of reminder for this test to mean anything.
    expect(dueSoon.length).toBeGreaterThan(0);
    expect(expected.size).toBeGreaterThan(10);

    const teamDigests = days.first.messages.filter((message) => message.headers['x-improvement-tracker-reminder']?.startsWith('team_digest/'));
    expect(teamDigests).toHaveLength(expected.size);
    for (const message of teamDigests) expect(teamOf(message)).toHaveLength(1);
    expect(teamMessages(teamDigests)).toEqual(expected);
  });

  it('writes the title, report, due date, lateness and a link for every action', async () => {
    const dueSoon = openActions().find((action) => action.teamId !== null && action.dueDate >= FIRST_DAY && action.dueDate <= addCalendarDays(FIRST_DAY, 14))!;
    const message = days.first.messages.find((candidate) => candidate.actionIds.includes(dueSoon.id) && candidate.headers['x-improvement-tracker-reminder'].startsWith('team_digest/'))!;
    const team = teams.find((candidate) => candidate.id === dueSoon.teamId)!;
    expect(message.headers.subject).toContain(team.name);
    expect(message.headers.subject).toMatch(/\d+ due soon/);
    expect(message.text).toContain(dueSoon.title);
    expect(message.text).toContain('Due: 20 January 2015');
    expect(message.text).toContain('due in 8 days');
    expect(message.text).toMatch(/Report: .+ single inspection report of/);
    expect(message.text).toContain(`https://tracker.council.example/actions/${dueSoon.id}`);
    expect(message.raw).toMatch(/Content-Type: text\/html/);

    const overdue = openActions().find((action) => action.teamId !== null && action.dueDate === '2012-10-31')!;
    const late = days.first.messages.find((candidate) => candidate.actionIds.includes(overdue.id) && candidate.headers['x-improvement-tracker-reminder'].startsWith('team_digest/'))!;
    expect(late.text).toContain('NOW OVERDUE');
    expect(late.text).toContain('803 days overdue');
  });

  it("escalates long-overdue actions to each authority's board chair, and the LSCB's and partnership's to the LSCB chair", async () => {
    const escalated = openActions().filter((action) => workingDaysBetween(action.dueDate, FIRST_DAY) > 20);
    for (const contact of contacts) {
      const expected = sorted(
        escalated
          .filter((action) => action.authorityCode === contact.authorityCode)
          .filter((action) => contact.role === 'board_chair' || LSCB_ADDRESSEES.has(action.addressee))
          .map((action) => action.id),
      );
      const received = messagesTo(days.first.messages, contact.email);
      if (expected.length === 0) {
        expect(received).toHaveLength(0);
      } else {
        expect(received).toHaveLength(1);
        expect(sorted(received[0].actionIds)).toEqual(expected);
        expect(received[0].to).toEqual([contact.email]);
      }
    }
    // Unassigned actions are escalated too: the board must triage them.
    expect(escalated.some((action) => action.teamId === null)).toBe(true);
    expect(contacts.filter((contact) => contact.role === 'lscb_chair').some((contact) => messagesTo(days.first.messages, contact.email).length === 1)).toBe(true);
  });

  it('records one sent reminder per message, with its recipients, actions and message id', async () => {
    const { reminders, messages } = days.first;
    expect(reminders).toHaveLength(messages.length);
    for (const reminder of reminders) {
      expect(reminder).toMatchObject({ status: 'sent', attempts: 1, error: null, digestDate: FIRST_DAY });
      const message = messages.find((candidate) => candidate.headers['message-id'] === reminder.messageId)!;
      expect(message).toBeDefined();
      expect(sorted(reminder.actionIds)).toEqual(sorted(message.actionIds));
      expect(sameAddresses(reminder.recipients, message.to)).toBe(true);
    }
  });

  it('sends nothing more when the same day is swept again', async () => {
    expect(days.firstAgain.messages).toEqual([]);
    expect(days.firstAgain.reminders).toBe(days.first.reminders.length);
  });

  it('sends nothing on the following days of the week', async () => {
    expect(days.restOfWeek).toEqual([]);
  });

  it('lists the overdue actions again a week later, to the teams and the chairs', async () => {
    const fresh = days.weekLater;
    // Only what was overdue last week: the 20 January deadlines are not overdue yet.
    expect(teamMessages(fresh)).toEqual(groupByTeam((action) => action.dueDate < FIRST_DAY));
    for (const message of fresh.filter((candidate) => candidate.headers['x-improvement-tracker-reminder'].startsWith('team_digest/'))) {
      expect(message.text).toContain('STILL OVERDUE');
    }
    // Every chair told last week is told again, about the same actions (nothing new crossed the line).
    const chairs = fresh.filter((message) => /escalation\//.test(message.headers['x-improvement-tracker-reminder']));
    const toldLastWeek = contacts.filter((contact) => messagesTo(days.first.messages, contact.email).length > 0);
    expect(chairs).toHaveLength(toldLastWeek.length);
    for (const contact of toldLastWeek) {
      const [lastWeek] = messagesTo(days.first.messages, contact.email);
      const [thisWeek] = messagesTo(fresh, contact.email);
      expect(sorted(thisWeek.actionIds)).toEqual(sorted(lastWeek.actionIds));
    }
  });

  it('lists an action on the first working day it is overdue', async () => {
    expect(days.dueDay).toEqual([]);
    const expected = groupByTeam((action) => action.dueDate === '2015-01-20');
    expect(expected.size).toBeGreaterThan(0);
    expect(teamMessages(days.dayAfterDue)).toEqual(expected);
    for (const message of days.dayAfterDue) expect(message.text).toContain('NOW OVERDUE');
  });
});

function sameAddresses(a: readonly string[], b: readonly string[]): boolean {
  const normalise = (list: readonly string[]) => [...list].map((address) => address.toLowerCase()).sort().join(',');
  return normalise(a) === normalise(b);
}
