import { Test, type TestingModule } from '@nestjs/testing';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { ReminderQueues, ReminderSweepService, type SweepResult } from '#reminders';
import { WorkerModule } from '../../../apps/worker/src/worker.module.js';
import { FixedClock } from '../../support/fixed-clock.js';
import { Clock, type IsoDate } from '#core';

export interface TestWorker {
  app: TestingModule;
  clock: FixedClock;
  queues: ReminderQueues;
  dataSource: DataSource;
  /** Queues the day's sweep the way the API does and waits until every job it caused has finished. */
  sweep(date: IsoDate): Promise<void>;
  close(): Promise<void>;
}

/** The real worker (processors, queues, mail) in the test process, with a clock the test sets. */
export async function startTestWorker(env: Record<string, string>, today: IsoDate): Promise<TestWorker> {
  const clock = new FixedClock(today);
  // The test's worker is often the first process on its fresh database, so it migrates it.
  const app = await Test.createTestingModule({ imports: [WorkerModule.forRoot(env, 'migrate')] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  app.useLogger(false);
  await app.init();
  const queues = app.get(ReminderQueues);
  return {
    app,
    clock,
    queues,
    dataSource: app.get<DataSource>(getDataSourceToken()),
    sweep: async (date) => {
      await queues.requestSweep(date);
      await waitUntilSettled(queues);
    },
    close: () => app.close(),
  };
}

/** Runs the sweep service directly (no queue for the sweep itself) and waits for the digests it queued. */
export async function sweepNow(worker: TestWorker, date?: IsoDate): Promise<SweepResult> {
  const result = await worker.app.get(ReminderSweepService).sweep(date);
  await waitUntilSettled(worker.queues);
  return result;
}

/** Until neither queue has a job waiting, running or waiting to retry, seen twice in a row. */
export async function waitUntilSettled(queues: ReminderQueues, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let quietChecks = 0;
  while (quietChecks < 2) {
    if (Date.now() > deadline) throw new Error('The reminder queues did not settle in time');
    const counts = await Promise.all([queues.sweep, queues.mail].map((queue) => queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized')));
    const busy = counts.reduce((sum, count) => sum + Object.values(count).reduce((a, b) => a + b, 0), 0);
    quietChecks = busy === 0 ? quietChecks + 1 : 0;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
