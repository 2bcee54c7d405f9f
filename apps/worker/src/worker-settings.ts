import type { WorkerOptions } from 'bullmq';
import { type AppConfig, mailTransportOf } from '#config';
import { MAIL_QUEUE, SWEEP_QUEUE, type ReminderQueueName } from '#reminders';

/**
 * The options each @Processor is declared with. @nestjs/bullmq reads them when the workers are
 * created, which the worker lifecycle does explicitly (manual registration) right after filling
 * them from the configuration: decorators are evaluated before any configuration exists.
 */
export const WORKER_OPTIONS: { readonly [Q in ReminderQueueName]: Omit<WorkerOptions, 'connection'> } = {
  // One sweep at a time per worker; a sweep that outlives its lock (a blocked event loop) may be taken over twice before it fails.
  [SWEEP_QUEUE]: { concurrency: 1, maxStalledCount: 2 },
  [MAIL_QUEUE]: { concurrency: 5 },
};

export function applyWorkerSettings(config: AppConfig): void {
  for (const options of Object.values(WORKER_OPTIONS)) {
    // A job of a worker that died is taken over once its lock lapses and a stalled check has seen it twice.
    Object.assign(options, { lockDuration: config.WORKER_LOCK_MS, stalledInterval: config.WORKER_LOCK_MS });
  }
  Object.assign(WORKER_OPTIONS[MAIL_QUEUE], { concurrency: config.MAIL_CONCURRENCY });
  // BullMQ's limiter holds for the queue across every worker: together they stay under Notify's 3,000 requests a minute.
  const mail = WORKER_OPTIONS[MAIL_QUEUE] as WorkerOptions;
  if (mailTransportOf(config) === 'notify') mail.limiter = { max: config.NOTIFY_JOBS_PER_MINUTE, duration: 60_000 };
  else delete mail.limiter;
}
