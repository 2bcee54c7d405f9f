import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { DataSource } from 'typeorm';
import { afterEach, describe, expect, it } from 'vitest';
import { AppConfigModule } from '#config';
import { addCalendarDays } from '#deadlines';
import { DatabaseModule } from '#database';
import { MAIL_QUEUE, Reminder, ReminderQueues, ReminderSweep, SWEEP_QUEUE } from '#reminders';
import { SeedService, TrackingModule } from '#tracking';
import { createReminderTestEnv } from './support/reminder-test-env.js';
import { SmtpSink } from './support/smtp-sink.js';
import { waitUntilSettled } from './support/test-worker.js';
import { startWorkerProcess, waitFor, type WorkerProcess } from './support/worker-process.js';
import type { IsoDate } from '#core';

// Three Mondays, one a test: the seeded overdue actions are listed to their teams and chairs on each.
const FIRST = '2015-01-12';
const SECOND = addCalendarDays(FIRST, 7);
const THIRD = addCalendarDays(FIRST, 14);

/**
 * A freshly seeded database, a Redis prefix, a mail server and the queues, all a test's own: a day's
 * digests depend on what earlier days told (the reminder memory), so no test sweeps on another's data.
 */
interface Fixture {
  sink: SmtpSink;
  queues: ReminderQueues;
  dataSource: DataSource;
  start(extra?: Record<string, string>): Promise<WorkerProcess>;
  remindersOf(date: IsoDate): Promise<Reminder[]>;
  /** Messages the SMTP server accepted for the day's reminders, counted per reminder. */
  deliveriesOf(date: IsoDate): Map<string, number>;
  close(): Promise<void>;
}

async function seededFixture(): Promise<Fixture> {
  const testEnv = await createReminderTestEnv({ shared: true });
  const sink = await SmtpSink.start();
  const workerEnv = { ...testEnv.env, SMTP_URL: sink.url, MAIL_CONCURRENCY: '2', WORKER_LOCK_MS: '1000' };
  const setup = await Test.createTestingModule({ imports: [AppConfigModule.forRoot(testEnv.env), DatabaseModule, TrackingModule] }).compile();
  setup.useLogger(false);
  await setup.init();
  const dataSource = setup.get<DataSource>(getDataSourceToken());
  await setup.get(SeedService).seed();
  const redis = new Redis(testEnv.env.REDIS_URL, { maxRetriesPerRequest: null });
  const connection = { connection: redis, prefix: testEnv.prefix };
  const queues = new ReminderQueues(new Queue(SWEEP_QUEUE, connection), new Queue(MAIL_QUEUE, connection), { attempts: 5, backoffMs: 100 });
  const running = new Set<WorkerProcess>();
  return {
    sink,
    queues,
    dataSource,
    start: async (extra = {}) => {
      const worker = await startWorkerProcess({ ...workerEnv, ...extra });
      running.add(worker);
      void worker.exited.then(() => running.delete(worker));
      return worker;
    },
    remindersOf: (date) => dataSource.getRepository(Reminder).find({ where: { digestDate: date }, order: { id: 'ASC' } }),
    deliveriesOf: (date) => {
      const counts = new Map<string, number>();
      for (const message of sink.messages.filter((candidate) => candidate.headers['message-id']?.includes(`.${date}@`))) {
        counts.set(message.headers['message-id'], (counts.get(message.headers['message-id']) ?? 0) + 1);
      }
      return counts;
    },
    close: async () => {
      for (const worker of running) worker.child.kill('SIGKILL');
      await Promise.all([...running].map((worker) => worker.exited));
      await queues.sweep.close();
      await queues.mail.close();
      redis.disconnect();
      await setup.close();
      await sink.close();
      await testEnv.cleanup();
    },
  };
}

// Each worker process compiles the sources as it starts: on a busy machine that alone can take half a minute.
describe('reminder workers as separate processes', { timeout: 240_000 }, () => {
  let fixture: Fixture | undefined;

  /** The test's own seeded database and mail server, closed after it whatever happens. */
  const seeded = async () => (fixture = await seededFixture());

  afterEach(async () => {
    await fixture?.close();
    fixture = undefined;
  });

  it('sends each digest once when two workers sweep the same day at the same time', async () => {
    const { queues, dataSource, start, remindersOf, deliveriesOf } = await seeded();
    const [first, second] = await Promise.all([start(), start()]);
    // The manual run and the scheduled run of the same day, one on each worker.
    await Promise.all([queues.requestSweep(FIRST), queues.sweep.add('sweep', { date: FIRST })]);
    await waitFor(async () => (await dataSource.getRepository(ReminderSweep).findOneBy({ digestDate: FIRST }))?.runs === 2, 'both sweeps to run');
    await waitUntilSettled(queues);

    const reminders = await remindersOf(FIRST);
    expect(reminders.length).toBeGreaterThan(20);
    expect(reminders.every((reminder) => reminder.status === 'sent')).toBe(true);
    const deliveries = deliveriesOf(FIRST);
    expect(deliveries.size).toBe(reminders.length);
    expect([...deliveries.values()].every((count) => count === 1)).toBe(true);
    expect(new Set(reminders.map((reminder) => `${reminder.kind}:${reminder.recipientKey}`)).size).toBe(reminders.length);

    first.child.kill('SIGTERM');
    second.child.kill('SIGTERM');
    for (const worker of [first, second]) expect(await worker.exited).toMatchObject({ signal: 'SIGTERM' });
  });

  it('sends what was missing, and nothing twice, after a worker is killed mid-sweep and restarted', async () => {
    const { sink, queues, start, remindersOf, deliveriesOf } = await seeded();
    sink.holdAfter(5);
    const doomed = await start();
    await queues.requestSweep(SECOND);
    // Five digests out and recorded; the next ones are with the mail server, unanswered, when the
    // worker dies. (Killed between the server's answer and the record, a message would go again on
    // restart, with the same Message-ID: delivery is at least once, and that window is milliseconds.)
    const sentSoFar = async () => (await remindersOf(SECOND)).filter((reminder) => reminder.status === 'sent').length;
    await waitFor(async () => sink.held >= 1 && (await sentSoFar()) === 5, 'five digests recorded and one in flight');
    doomed.child.kill('SIGKILL');
    expect(await doomed.exited).toMatchObject({ signal: 'SIGKILL' });
    const planned = (await remindersOf(SECOND)).length;
    expect(deliveriesOf(SECOND).size).toBe(5);
    expect(planned).toBeGreaterThan(5);
    expect(await sentSoFar()).toBe(5);

    sink.release();
    const restarted = await start();
    // Jobs the dead worker held are taken over once their locks lapse.
    await waitFor(async () => (await remindersOf(SECOND)).every((reminder) => reminder.status === 'sent'), 'every reminder of the day to be sent');
    await waitUntilSettled(queues);
    const deliveries = deliveriesOf(SECOND);
    expect(deliveries.size).toBe(planned);
    expect([...deliveries.values()].every((count) => count === 1)).toBe(true);

    restarted.child.kill('SIGTERM');
    await restarted.exited;
  });

  it('finishes the message in hand before stopping on SIGTERM', async () => {
    const { sink, queues, start, remindersOf, deliveriesOf } = await seeded();
    sink.replyAfter(1_000);
    const worker = await start();
    await queues.requestSweep(THIRD);
    await waitFor(() => sink.inFlight >= 1, 'a message in flight');
    const stopping = Date.now();
    worker.child.kill('SIGTERM');
    expect(await worker.exited).toMatchObject({ signal: 'SIGTERM' });
    // It waited for the mail server's answer rather than dropping the job.
    expect(Date.now() - stopping).toBeGreaterThan(300);
    expect(worker.output()).toContain('Reminder worker stopped');
    const accepted = deliveriesOf(THIRD);
    const reminders = await remindersOf(THIRD);
    expect(accepted.size).toBeGreaterThanOrEqual(1);
    expect(accepted.size).toBeLessThan(reminders.length);
    // Every message the server accepted is recorded as sent: nothing was left half done.
    for (const reminder of reminders) expect(reminder.status === 'sent').toBe(accepted.has(reminder.messageId ?? ''));

    sink.replyAfter(0);
    const next = await start();
    await waitFor(async () => (await remindersOf(THIRD)).every((reminder) => reminder.status === 'sent'), 'the rest of the day to be sent');
    expect([...deliveriesOf(THIRD).values()].every((count) => count === 1)).toBe(true);
    expect(deliveriesOf(THIRD).size).toBe(reminders.length);
    next.child.kill('SIGTERM');
    await next.exited;
  });
});
