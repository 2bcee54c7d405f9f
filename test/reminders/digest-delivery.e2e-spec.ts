import { readdir, readFile } from 'node:fs/promises';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Team } from '#database';
import { DigestDeliveryService, reminderJob, Reminder, ReminderErrorCode, ReminderException, ReminderPlanner } from '#reminders';
import { waitFor } from './support/worker-process.js';
import { ReminderFixtures } from './support/fixtures.js';
import { createReminderTestEnv, type ReminderTestEnv } from './support/reminder-test-env.js';
import { SmtpSink } from './support/smtp-sink.js';
import { startTestWorker, type TestWorker } from './support/test-worker.js';

const DAY = '2025-06-02';
const AUTHORITY = 'E06000002';

async function reminderOf(worker: TestWorker, team: Team, date = DAY): Promise<Reminder> {
  return worker.dataSource.getRepository(Reminder).findOneByOrFail({ teamId: team.id, kind: 'team_digest', digestDate: date });
}

describe('delivery over SMTP', () => {
  let testEnv: ReminderTestEnv;
  let sink: SmtpSink;
  let worker: TestWorker;
  let fixtures: ReminderFixtures;
  const teams: Record<string, Team> = {};

  beforeAll(async () => {
    testEnv = await createReminderTestEnv({ env: { MAIL_ATTEMPTS: '5', MAIL_BACKOFF_MS: '100' } });
    sink = await SmtpSink.start();
    worker = await startTestWorker({ ...testEnv.env, SMTP_URL: sink.url }, DAY);
    fixtures = new ReminderFixtures(worker.dataSource);
    await fixtures.authority(AUTHORITY, 'Middlesbrough');
    const team = async (key: string, emails: string[]) => {
      teams[key] = await fixtures.team(AUTHORITY, key, emails);
      await fixtures.action({ authorityCode: AUTHORITY, teamId: teams[key].id, dueDate: '2025-05-30', title: `Late action of ${key}` });
    };
    await team('busy', ['busy@middlesbrough.example']);
    await team('gone', ['gone@middlesbrough.example']);
    await team('half', ['here@middlesbrough.example', 'left@middlesbrough.example']);
    await team('calm', ['calm@middlesbrough.example']);
    sink.refuse('busy@middlesbrough.example', [421, 421]);
    sink.refuse('gone@middlesbrough.example', [550, 550, 550, 550, 550]);
    sink.refuse('left@middlesbrough.example', [550]);
    await worker.sweep(DAY);
  });

  afterAll(async () => {
    await worker?.close();
    await sink?.close();
    await testEnv?.cleanup();
  });

  it('delivers once, on the third attempt, to a server that answers 421 twice', async () => {
    expect(sink.rcptAttempts.get('busy@middlesbrough.example')).toBe(3);
    expect(sink.messagesTo('busy@middlesbrough.example')).toHaveLength(1);
    const reminder = await reminderOf(worker, teams.busy);
    expect(reminder).toMatchObject({ status: 'sent', attempts: 3, error: null });
    expect(reminder.messageId).toBe(sink.messagesTo('busy@middlesbrough.example')[0].headers['message-id']);
  });

  it('marks a reminder failed with the reason on a 550, without retrying', async () => {
    expect(sink.rcptAttempts.get('gone@middlesbrough.example')).toBe(1);
    expect(sink.messagesTo('gone@middlesbrough.example')).toHaveLength(0);
    const reminder = await reminderOf(worker, teams.gone);
    expect(reminder).toMatchObject({ status: 'failed', attempts: 1, sentAt: null, messageId: null });
    expect(reminder.error).toMatch(/^550 .*mailbox unavailable/);
    expect(reminder.actionIds).toHaveLength(1);
    const job = await worker.queues.mail.getJob(reminderJob('team-digest', { reminderId: (await reminderOf(worker, teams.gone)).id }).jobId);
    expect(await job!.getState()).toBe('failed');
    expect(job!.attemptsMade).toBe(1);
  });

  it('sends to the addresses the server accepts and records the one it refused', async () => {
    expect(sink.messagesTo('here@middlesbrough.example')).toHaveLength(1);
    expect(sink.messagesTo('here@middlesbrough.example')[0].to).toEqual(['here@middlesbrough.example']);
    const reminder = await reminderOf(worker, teams.half);
    expect(reminder.status).toBe('sent');
    expect(reminder.error).toBe('refused by the mail server: left@middlesbrough.example');
  });

  it('sends the ordinary digest once', async () => {
    expect(sink.messagesTo('calm@middlesbrough.example')).toHaveLength(1);
    expect(await reminderOf(worker, teams.calm)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('re-reads the actions before sending: what was done since the sweep is left out, and an empty digest is skipped', async () => {
    const day = '2025-06-03';
    const mixed = await fixtures.team(AUTHORITY, 'mixed', ['mixed@middlesbrough.example']);
    const finished = await fixtures.team(AUTHORITY, 'finished', ['finished@middlesbrough.example']);
    const stillLate = await fixtures.action({ authorityCode: AUTHORITY, teamId: mixed.id, dueDate: '2025-06-02', title: 'Still late' });
    const doneSince = await fixtures.action({ authorityCode: AUTHORITY, teamId: mixed.id, dueDate: '2025-06-02', title: 'Done since the sweep' });
    const movedSince = await fixtures.action({ authorityCode: AUTHORITY, teamId: mixed.id, dueDate: '2025-06-02', title: 'Given more time' });
    const onlyOne = await fixtures.action({ authorityCode: AUTHORITY, teamId: finished.id, dueDate: '2025-06-02', title: 'Done too' });

    // The sweep planned the day and died before queuing anything; the actions changed meanwhile.
    await worker.app.get(ReminderPlanner).plan(day);
    await fixtures.update(doneSince.id, { status: 'signed_off' });
    await fixtures.update(movedSince.id, { dueDate: '2025-09-30' });
    await fixtures.update(onlyOne.id, { status: 'signed_off' });
    await worker.sweep(day);

    const [message] = sink.messagesTo('mixed@middlesbrough.example');
    expect(message.actionIds).toEqual([stillLate.id]);
    expect(sink.messagesTo('finished@middlesbrough.example')).toHaveLength(0);
    expect(await reminderOf(worker, finished, day)).toMatchObject({ status: 'skipped', actionIds: [] });
    expect((await reminderOf(worker, finished, day)).error).toMatch(/^nothing left to remind about/);
  });

  it('sends once when two workers are handed the same reminder at the same time', async () => {
    // A job whose lock expired on a busy worker is handed to a second one while the first still
    // holds it: both read no send marks, and only the one whose mark is written may send.
    const day = '2025-06-04';
    const twice = await fixtures.team(AUTHORITY, 'handed twice', ['twice@middlesbrough.example']);
    await fixtures.action({ authorityCode: AUTHORITY, teamId: twice.id, dueDate: '2025-06-03', title: 'Late, once' });
    await worker.app.get(ReminderPlanner).plan(day);
    const reminder = await reminderOf(worker, twice, day);
    const delivery = worker.app.get(DigestDeliveryService);

    const outcomes = await Promise.allSettled([delivery.deliver(reminder.id, { isLast: false }), delivery.deliver(reminder.id, { isLast: false })]);

    expect(sink.messagesTo('twice@middlesbrough.example')).toHaveLength(1);
    // The other attempt either lost the claim, and is retried later rather than settled now (the
    // winner's send may yet fail), or came after the winner had recorded the address or the reminder as sent.
    const described = outcomes.map((outcome) =>
      outcome.status === 'rejected' ? `deferred: ${(outcome.reason as ReminderException).code}` : outcome.value.outcome === 'sent' ? 'sent' : `skipped: ${outcome.value.reason}`,
    );
    expect(described.filter((outcome) => outcome === 'sent')).toHaveLength(1);
    expect([`deferred: ${ReminderErrorCode.DELIVERY_DEFERRED}`, 'skipped: already sent', 'skipped: every address was already served by an earlier attempt']).toContain(
      described.find((outcome) => outcome !== 'sent'),
    );
    expect(await reminderOf(worker, twice, day)).toMatchObject({ status: 'sent', attempts: 1 });
  });

  it('leaves an address to the attempt still sending to it: a second attempt that finds its mark does not send again', async () => {
    // The first attempt has written its send mark and handed the message to the mail server, which
    // has not answered yet; a second attempt (the job handed out again) reads that mark meanwhile.
    const day = '2025-06-05';
    const slow = await fixtures.team(AUTHORITY, 'slow answer', ['slow@middlesbrough.example']);
    await fixtures.action({ authorityCode: AUTHORITY, teamId: slow.id, dueDate: '2025-06-04', title: 'Late, while the server thinks' });
    await worker.app.get(ReminderPlanner).plan(day);
    const reminder = await reminderOf(worker, slow, day);
    const delivery = worker.app.get(DigestDeliveryService);

    sink.pauseReplies();
    // Each outcome is taken as it comes, so an attempt that fails early is not an unhandled rejection.
    const settle = async (attempt: Promise<unknown>, done: () => void) => {
      const [outcome] = await Promise.allSettled([attempt]);
      done();
      return outcome;
    };
    let firstDone = false;
    const first = settle(delivery.deliver(reminder.id, { isLast: false }), () => (firstDone = true));
    await waitFor(() => firstDone || sink.awaitingReply === 1, 'the first attempt to hand its message to the mail server');
    expect(firstDone).toBe(false);
    let secondDone = false;
    const second = settle(delivery.deliver(reminder.id, { isLast: false }), () => (secondDone = true));
    await waitFor(() => secondDone || sink.awaitingReply > 1, 'the second attempt to decide');
    sink.resumeReplies();
    const outcomes = await Promise.all([first, second]);

    expect(sink.messagesTo('slow@middlesbrough.example')).toHaveLength(1);
    expect(outcomes[0]).toMatchObject({ status: 'fulfilled', value: { outcome: 'sent' } });
    // Not settled by the second attempt: it is retried later and then finds the reminder sent.
    expect(outcomes[1]).toMatchObject({ status: 'rejected', reason: { code: ReminderErrorCode.DELIVERY_DEFERRED } });
    expect(await delivery.deliver(reminder.id, { isLast: false })).toMatchObject({ outcome: 'skipped', reason: 'already sent' });
    expect(await reminderOf(worker, slow, day)).toMatchObject({ status: 'sent', attempts: 1 });
  });
});

describe('delivery when the mail server cannot be reached', () => {
  let testEnv: ReminderTestEnv;
  let worker: TestWorker;

  beforeAll(async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    testEnv = await createReminderTestEnv({ env: { MAIL_ATTEMPTS: '3', MAIL_BACKOFF_MS: '50', SMTP_URL: `smtp://127.0.0.1:${closedPort}` } });
    worker = await startTestWorker(testEnv.env, DAY);
    const fixtures = new ReminderFixtures(worker.dataSource);
    await fixtures.authority(AUTHORITY, 'Middlesbrough');
    const team = await fixtures.team(AUTHORITY, 'Front door', ['front.door@middlesbrough.example']);
    await fixtures.action({ authorityCode: AUTHORITY, teamId: team.id, dueDate: '2025-05-30' });
    await worker.sweep(DAY);
  });

  afterAll(async () => {
    await worker?.close();
    await testEnv?.cleanup();
  });

  it('treats a refused connection as temporary: retried with backoff, failed after the last attempt', async () => {
    const [reminder] = await worker.dataSource.getRepository(Reminder).find();
    expect(reminder).toMatchObject({ status: 'failed', attempts: 3 });
    expect(reminder.error).toMatch(/ECONNREFUSED/);
    const job = await worker.queues.mail.getJob(reminderJob('team-digest', { reminderId: reminder.id }).jobId);
    expect(job!.attemptsMade).toBe(3);
  });
});

describe('delivery without SMTP: the outbox', () => {
  let testEnv: ReminderTestEnv;
  let worker: TestWorker;

  beforeAll(async () => {
    testEnv = await createReminderTestEnv();
    expect(testEnv.env.SMTP_URL).toBeUndefined();
    worker = await startTestWorker(testEnv.env, DAY);
    const fixtures = new ReminderFixtures(worker.dataSource);
    await fixtures.authority(AUTHORITY, 'Middlesbrough', [{ role: 'board_chair', name: 'Board Chair', email: 'chair@middlesbrough.example' }]);
    const team = await fixtures.team(AUTHORITY, 'Front door', ['front.door@middlesbrough.example']);
    await fixtures.action({ authorityCode: AUTHORITY, teamId: team.id, dueDate: '2025-03-03', title: 'Audit the front door' });
    await worker.sweep(DAY);
  });

  afterAll(async () => {
    await worker?.close();
    await testEnv?.cleanup();
  });

  it('writes each message as an .eml file named after its Message-ID', async () => {
    const reminders = await worker.dataSource.getRepository(Reminder).find({ order: { id: 'ASC' } });
    expect(reminders.map((reminder) => reminder.kind)).toEqual(['team_digest', 'board_escalation']);
    const files = (await readdir(testEnv.outboxDir)).sort();
    expect(files).toEqual(reminders.map((reminder) => `${reminder.messageId!.replace(/[<>]/g, '')}.eml`).sort());
    const digest = await readFile(join(testEnv.outboxDir, files.find((file) => file.includes('team-digest'))!), 'utf8');
    expect(digest).toMatch(/^To: front\.door@middlesbrough\.example$/m);
    expect(digest).toMatch(/^Subject: Middlesbrough improvement actions for Front door: 1 overdue$/m);
    expect(digest).toContain('Audit the front door');
    expect(digest).toContain('https://tracker.council.example/actions/');
    for (const reminder of reminders) expect(reminder.status).toBe('sent');
  });
});
