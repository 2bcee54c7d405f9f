import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team } from '#database';
import { Reminder } from '#reminders';
import { ReminderFixtures } from './support/fixtures.js';
import { createReminderTestEnv, type ReminderTestEnv } from './support/reminder-test-env.js';
import { SmtpSink, type SinkMessage } from './support/smtp-sink.js';
import { startTestWorker, type TestWorker } from './support/test-worker.js';

const MONDAY = '2025-06-02';
const TUESDAY = '2025-06-03';
const FRIDAY = '2025-06-06';
const AUTHORITY = 'E06000002';

/**
 * Who a day's digests reach: the team's own addresses, its members, and lead officers who are users.
 * The days are swept once, in order, in beforeAll (Monday, Monday again, Tuesday, Friday), and each
 * test reads what its own day sent, so the tests pass in any order.
 */
describe('digest recipients and preferences (real SMTP server)', () => {
  let testEnv: ReminderTestEnv;
  let sink: SmtpSink;
  let worker: TestWorker;
  let fixtures: ReminderFixtures;
  const teams: Record<string, Team> = {};
  const people: Record<string, number> = {};
  /** What each day's sweep sent. */
  const sentOn: Record<'monday' | 'rerun' | 'friday', SinkMessage[]> = { monday: [], rerun: [], friday: [] };
  const sentTo = (day: keyof typeof sentOn, address: string) => sink.messagesTo(address, sentOn[day]);
  const titlesTo = (day: keyof typeof sentOn, address: string) => sentTo(day, address).map((message) => message.text);
  /** Sweeps the day, and answers the messages that sweep sent. */
  const sweep = async (day: string): Promise<SinkMessage[]> => {
    const before = sink.messages.length;
    worker.clock.set(day);
    await worker.sweep(day);
    return sink.messages.slice(before);
  };

  beforeAll(async () => {
    testEnv = await createReminderTestEnv();
    sink = await SmtpSink.start();
    worker = await startTestWorker({ ...testEnv.env, SMTP_URL: sink.url }, MONDAY);
    fixtures = new ReminderFixtures(worker.dataSource);
    await fixtures.authority(AUTHORITY, 'Middlesbrough');
    // The front door team's shared mailbox lists one member's own address as well.
    teams.front = await fixtures.team(AUTHORITY, 'Front door', ['front.door@middlesbrough.example', 'ana@middlesbrough.example']);
    teams.quality = await fixtures.team(AUTHORITY, 'Quality', []);
    teams.nobody = await fixtures.team(AUTHORITY, 'Nobody yet', []);
    // Ana: a member of the front door team and lead officer of one of its actions (two ways, one digest).
    people.ana = await fixtures.person({ email: 'ana@middlesbrough.example', name: 'Ana Patel', authorityCode: AUTHORITY, teamIds: [teams.front.id] });
    // Ben: a member of Quality, and lead officer (by name) of a front door action.
    people.ben = await fixtures.person({ email: 'ben@middlesbrough.example', name: 'Ben Okafor', authorityCode: AUTHORITY, teamIds: [teams.quality.id] });
    // Cat wants a weekly digest on Fridays; Dev none at all; Eve has left.
    await fixtures.person({ email: 'cat@middlesbrough.example', name: 'Cat Jones', authorityCode: AUTHORITY, teamIds: [teams.front.id], digest: 'weekly', weekday: 5 });
    await fixtures.person({ email: 'dev@middlesbrough.example', name: 'Dev Shah', authorityCode: AUTHORITY, teamIds: [teams.front.id], digest: 'none' });
    await fixtures.person({ email: 'eve@middlesbrough.example', name: 'Eve Long', authorityCode: AUTHORITY, teamIds: [teams.front.id], deactivated: true });
    await fixtures.action({ authorityCode: AUTHORITY, teamId: teams.front.id, dueDate: '2025-05-30', title: 'Audit the front door', leadOfficer: 'ana@middlesbrough.example' });
    await fixtures.action({ authorityCode: AUTHORITY, teamId: teams.front.id, dueDate: '2025-06-10', title: 'Train the duty desk', leadOfficer: 'ben okafor' });
    await fixtures.action({ authorityCode: AUTHORITY, teamId: teams.quality.id, dueDate: '2025-05-29', title: 'Audit case files' });
    await fixtures.action({ authorityCode: AUTHORITY, teamId: teams.nobody.id, dueDate: '2025-05-29', title: 'Nobody to tell' });
    sentOn.monday = await sweep(MONDAY);
    // A re-run of the day, then the next day: nothing more.
    sentOn.rerun = [...(await sweep(MONDAY)), ...(await sweep(TUESDAY))];
    // Cat's weekday.
    sentOn.friday = await sweep(FRIDAY);
  });

  afterAll(async () => {
    await worker?.close();
    await sink?.close();
    await testEnv?.cleanup();
  });

  it('sends a member who also leads one of the team’s actions exactly one digest, and leaves their address off the team’s', () => {
    expect(sentTo('monday', 'ana@middlesbrough.example')).toHaveLength(1);
    const [team] = sentTo('monday', 'front.door@middlesbrough.example');
    expect(team.to).toEqual(['front.door@middlesbrough.example']);
    expect(team.text).toContain('Audit the front door');
    expect(team.text).toContain('Train the duty desk');
  });

  it('sends a lead officer of another team’s action one digest with both', () => {
    const [text, ...more] = titlesTo('monday', 'ben@middlesbrough.example');
    expect(more).toHaveLength(0);
    expect(text).toContain('Audit case files');
    expect(text).toContain('Train the duty desk');
    expect(text).not.toContain('Audit the front door');
  });

  it('sends nothing to a weekly reader on another weekday, to someone who chose none, or to a deactivated account', () => {
    for (const address of ['cat@middlesbrough.example', 'dev@middlesbrough.example', 'eve@middlesbrough.example']) expect(sentTo('monday', address), address).toHaveLength(0);
  });

  it('does not mark the actions of a team with nobody to tell', async () => {
    const reminders = await worker.dataSource.getRepository(Reminder).find({ where: { digestDate: MONDAY } });
    expect(reminders.map((reminder) => reminder.recipientKey).sort()).toEqual([`team:${teams.front.id}`, `user:${people.ana}`, `user:${people.ben}`].sort());
  });

  it('sends nothing more on a re-run of the day, nor the next day', () => {
    expect(sentOn.monday.length).toBeGreaterThan(0);
    expect(sentOn.rerun).toEqual([]);
  });

  it('sends the weekly reader everything of theirs that needs attention, on their weekday only', () => {
    const [text, ...more] = titlesTo('friday', 'cat@middlesbrough.example');
    expect(more).toHaveLength(0);
    expect(text).toContain('Audit the front door');
    expect(text).toContain('Train the duty desk');
    expect(sink.messagesTo('dev@middlesbrough.example')).toHaveLength(0);
    expect(sink.messagesTo('eve@middlesbrough.example')).toHaveLength(0);
  });
});
