import { Test, type TestingModule } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppConfigModule } from '#config';
import { DatabaseModule, type Team } from '#database';
import { MAIL_QUEUE, notifyErrorOf, Reminder, ReminderQueues, ReminderSendMark, SWEEP_QUEUE } from '#reminders';
import { ReminderFixtures } from './support/fixtures.js';
import { NOTIFY_API_KEY, NOTIFY_ESCALATION_TEMPLATE_ID, NOTIFY_TEMPLATE_ID, NotifyStandIn } from './support/notify-stand-in.js';
import { createReminderTestEnv, type ReminderTestEnv } from './support/reminder-test-env.js';
import { startTestWorker, waitUntilSettled, type TestWorker } from './support/test-worker.js';
import { startWorkerProcess, waitFor } from './support/worker-process.js';

// GOV.UK Notify cannot run here: these tests send through the official notifications-node-client to
// a local HTTP server that speaks the parts of Notify's API the client uses, with the status codes
// and error bodies of Notify's documentation (test/reminders/support/notify-stand-in.ts).

const DAY = '2025-06-02';
const AUTHORITY = 'E06000002';

function notifyEnv(standIn: NotifyStandIn): Record<string, string> {
  return {
    MAIL_TRANSPORT: 'notify',
    NOTIFY_BASE_URL: standIn.url,
    NOTIFY_API_KEY,
    NOTIFY_TEMPLATE_ID,
    NOTIFY_ESCALATION_TEMPLATE_ID,
  };
}

describe('GOV.UK Notify as the transport', () => {
  let testEnv: ReminderTestEnv;
  let standIn: NotifyStandIn;
  let worker: TestWorker;
  const teams: Record<string, Team> = {};
  const reminderOf = (team: Team) => worker.dataSource.getRepository(Reminder).findOneByOrFail({ teamId: team.id, kind: 'team_digest', digestDate: DAY });

  beforeAll(async () => {
    testEnv = await createReminderTestEnv({ env: { MAIL_ATTEMPTS: '4', MAIL_BACKOFF_MS: '50' } });
    standIn = await NotifyStandIn.start();
    worker = await startTestWorker({ ...testEnv.env, ...notifyEnv(standIn) }, DAY);
    const fixtures = new ReminderFixtures(worker.dataSource);
    await fixtures.authority(AUTHORITY, 'Middlesbrough', [{ role: 'board_chair', name: 'Board Chair', email: 'chair@middlesbrough.example' }]);
    const team = async (key: string, emails: string[]) => {
      teams[key] = await fixtures.team(AUTHORITY, key, emails);
      await fixtures.action({ authorityCode: AUTHORITY, teamId: teams[key].id, dueDate: '2025-05-30', title: `Late action of ${key}` });
    };
    await team('ok', ['ok@middlesbrough.example', 'ok.deputy@middlesbrough.example']);
    await team('refused', ['refused@middlesbrough.example']);
    await team('revoked', ['revoked@middlesbrough.example']);
    await team('half', ['here@middlesbrough.example', 'not-allowed@middlesbrough.example']);
    await team('flaky', ['flaky@middlesbrough.example']);
    // An action late enough for the board chair's escalation, which goes with its own template.
    await fixtures.action({ authorityCode: AUTHORITY, teamId: null, dueDate: '2025-03-03', title: 'Long late action' });
    standIn.script('refused@middlesbrough.example', [400]);
    // A revoked key answers 403 to everything; scripted for one address so the others still go.
    standIn.script('revoked@middlesbrough.example', [403]);
    standIn.script('not-allowed@middlesbrough.example', [400]);
    standIn.script('flaky@middlesbrough.example', [429, 500]);
    await worker.sweep(DAY);
  });

  afterAll(async () => {
    await worker?.close();
    await standIn?.close();
    await testEnv?.cleanup();
  });

  it('sends one notification per address, with the template, the message as personalisation and the reminder as reference', async () => {
    const reminder = await reminderOf(teams.ok);
    expect(reminder).toMatchObject({ status: 'sent', attempts: 1, error: null });
    const sent = standIn.notifications.filter((notification) => notification.reference === `reminder-${reminder.id}`);
    expect(sent.map((notification) => notification.email_address).sort()).toEqual(['ok.deputy@middlesbrough.example', 'ok@middlesbrough.example']);
    for (const notification of sent) {
      expect(notification.template_id).toBe(NOTIFY_TEMPLATE_ID);
      expect(notification.personalisation.subject).toBe('Middlesbrough improvement actions for ok: 1 overdue');
      expect(notification.personalisation.body).toContain('Late action of ok');
      expect(notification.personalisation.body).toContain('https://tracker.council.example/actions/');
    }
    expect(sent.map((notification) => notification.id)).toContain(reminder.messageId);
    const marks = await worker.dataSource.getRepository(ReminderSendMark).find({ where: { reminderId: reminder.id }, order: { recipient: 'ASC' } });
    expect(marks.map(({ recipient, state, providerId }) => ({ recipient, state, providerId }))).toEqual(
      sent
        .map((notification) => ({ recipient: notification.email_address, state: 'sent', providerId: notification.id }))
        .sort((a, b) => a.recipient.localeCompare(b.recipient)),
    );
  });

  it('sends the chair escalation with the escalation template', async () => {
    const escalation = await worker.dataSource.getRepository(Reminder).findOneByOrFail({ kind: 'board_escalation', digestDate: DAY });
    expect(escalation.status).toBe('sent');
    const [notification] = standIn.notifications.filter((candidate) => candidate.reference === `reminder-${escalation.id}`);
    expect(notification).toMatchObject({ email_address: 'chair@middlesbrough.example', template_id: NOTIFY_ESCALATION_TEMPLATE_ID });
  });

  it('fails for good on a 400, without retrying, with Notify’s reason', async () => {
    const reminder = await reminderOf(teams.refused);
    expect(reminder).toMatchObject({ status: 'failed', attempts: 1, sentAt: null });
    expect(reminder.error).toBe("Notify 400 BadRequestError: Can't send to this recipient using a team-only API key");
    expect(standIn.sendsTo('refused@middlesbrough.example')).toBe(1);
  });

  it('fails for good on a 403 (a wrong or revoked key)', async () => {
    const reminder = await reminderOf(teams.revoked);
    expect(reminder).toMatchObject({ status: 'failed', attempts: 1 });
    expect(reminder.error).toBe('Notify 403 AuthError: Invalid token: API key not found');
    expect(standIn.sendsTo('revoked@middlesbrough.example')).toBe(1);
  });

  it('sends to the addresses Notify accepts and records the one it refused', async () => {
    const reminder = await reminderOf(teams.half);
    expect(reminder.status).toBe('sent');
    expect(reminder.error).toBe('refused by the mail server: not-allowed@middlesbrough.example');
    expect(standIn.notifications.filter((notification) => notification.email_address === 'here@middlesbrough.example')).toHaveLength(1);
  });

  it('retries a 429 and a 500 with backoff, then sends once', async () => {
    const reminder = await reminderOf(teams.flaky);
    expect(reminder).toMatchObject({ status: 'sent', attempts: 3, error: null });
    expect(standIn.sendsTo('flaky@middlesbrough.example')).toBe(3);
    expect(standIn.notifications.filter((notification) => notification.email_address === 'flaky@middlesbrough.example')).toHaveLength(1);
  });

  it('classifies Notify’s answers as the documentation describes them', () => {
    const answer = (status: number) => ({ response: { status, data: { errors: [{ error: 'E', message: 'm' }], status_code: status } } });
    expect([400, 403, 429, 500, 503].map((status) => notifyErrorOf(answer(status)).permanent)).toEqual([true, true, false, false, false]);
    expect(notifyErrorOf(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }))).toMatchObject({
      permanent: false,
      message: 'Notify did not answer: ECONNREFUSED connect ECONNREFUSED 127.0.0.1:1',
    });
  });
});

// The worker process compiles the sources as it starts: on a busy machine that alone can take half a minute.
describe('GOV.UK Notify: a worker killed between Notify’s acceptance and the database write', { timeout: 240_000 }, () => {
  let testEnv: ReminderTestEnv;
  let standIn: NotifyStandIn;
  let setup: TestingModule;
  let dataSource: DataSource;
  let redis: Redis;
  let queues: ReminderQueues;

  beforeAll(async () => {
    testEnv = await createReminderTestEnv({ shared: true });
    standIn = await NotifyStandIn.start();
    setup = await Test.createTestingModule({ imports: [AppConfigModule.forRoot(testEnv.env), DatabaseModule] }).compile();
    setup.useLogger(false);
    await setup.init();
    dataSource = setup.get<DataSource>(getDataSourceToken());
    const fixtures = new ReminderFixtures(dataSource);
    await fixtures.authority(AUTHORITY, 'Middlesbrough');
    const team = await fixtures.team(AUTHORITY, 'Front door', ['front.door@middlesbrough.example']);
    await fixtures.action({ authorityCode: AUTHORITY, teamId: team.id, dueDate: '2025-05-30', title: 'Audit the front door' });
    redis = new Redis(testEnv.env.REDIS_URL, { maxRetriesPerRequest: null });
    const connection = { connection: redis, prefix: testEnv.prefix };
    queues = new ReminderQueues(new Queue(SWEEP_QUEUE, connection), new Queue(MAIL_QUEUE, connection), { attempts: 5, backoffMs: 100 });
  });

  afterAll(async () => {
    await queues?.sweep.close();
    await queues?.mail.close();
    redis?.disconnect();
    await setup?.close();
    await standIn?.close();
    await testEnv?.cleanup();
  });

  it('does not send again: the next attempt finds the notification by its reference', async () => {
    const env = { ...testEnv.env, ...notifyEnv(standIn), WORKER_LOCK_MS: '1000' };
    const doomed = await startWorkerProcess(env);
    standIn.onAccept(() => {
      // Notify has stored the notification; the worker dies before it hears so.
      doomed.child.kill('SIGKILL');
    });
    await queues.requestSweep(DAY);
    expect(await doomed.exited).toMatchObject({ signal: 'SIGKILL' });
    standIn.onAccept(null);
    const [reminder] = await dataSource.getRepository(Reminder).find();
    expect(reminder.status).toBe('pending');
    expect(await dataSource.getRepository(ReminderSendMark).findOneByOrFail({ reminderId: reminder.id })).toMatchObject({ state: 'sending' });

    const restarted = await startWorkerProcess(env);
    // The dead worker's job is taken over once its lock lapses.
    await waitFor(async () => (await dataSource.getRepository(Reminder).findOneByOrFail({ id: reminder.id })).status === 'sent', 'the reminder to be recorded as sent', 60_000);
    await waitUntilSettled(queues);
    expect(standIn.notifications).toHaveLength(1);
    expect(standIn.sendsTo('front.door@middlesbrough.example')).toBe(1);
    expect(standIn.requests.some((request) => request.method === 'GET' && request.path.includes(`reference=reminder-${reminder.id}`))).toBe(true);
    const settled = await dataSource.getRepository(Reminder).findOneByOrFail({ id: reminder.id });
    expect(settled.messageId).toBe(standIn.notifications[0].id);
    restarted.child.kill('SIGTERM');
    await restarted.exited;
  });
});
