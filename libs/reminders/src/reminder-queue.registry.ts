import type { Job } from 'bullmq';
import type { IsoDate } from '#core';
import { ReminderException } from './reminder.exception.js';

/**
 * Every queue, job name and payload of the reminder worker in one place. Payloads carry ids only:
 * a handler reads the database again when it runs, so a job that waited (a retry, a worker that
 * was down) acts on the data as it is then, not as it was when queued.
 */
export const SWEEP_QUEUE = 'reminder-sweep';
export const MAIL_QUEUE = 'reminder-mail';

export interface SweepPayload {
  /** The day to sweep; absent for the scheduled run, which sweeps "today" in TZ_NAME. */
  date?: IsoDate;
}

export interface DigestPayload {
  reminderId: number;
}

export interface ReminderJobs {
  [SWEEP_QUEUE]: { sweep: SweepPayload };
  [MAIL_QUEUE]: { 'team-digest': DigestPayload; 'escalation-digest': DigestPayload };
}

export type ReminderQueueName = keyof ReminderJobs;
export type ReminderJobName<Q extends ReminderQueueName> = keyof ReminderJobs[Q] & string;
export type ReminderJobPayload<Q extends ReminderQueueName, J extends ReminderJobName<Q>> = ReminderJobs[Q][J];

/** The job names each queue carries; a worker refuses to start unless it handles all of them. */
export const REMINDER_JOB_NAMES: { readonly [Q in ReminderQueueName]: readonly ReminderJobName<Q>[] } = {
  [SWEEP_QUEUE]: ['sweep'],
  [MAIL_QUEUE]: ['team-digest', 'escalation-digest'],
};

export type ReminderJobHandlers<Q extends ReminderQueueName> = {
  [J in ReminderJobName<Q>]: (payload: ReminderJobPayload<Q, J>, job: Job<ReminderJobPayload<Q, J>>) => Promise<unknown>;
};

/** A job of one queue with its name and payload type checked together. */
export type ReminderJob<Q extends ReminderQueueName> = {
  [J in ReminderJobName<Q>]: { name: J; data: ReminderJobPayload<Q, J>; jobId: string };
}[ReminderJobName<Q>];

/** Throws unless every job name of the queue has a handler. */
export function assertHandlesEveryJob<Q extends ReminderQueueName>(queue: Q, handlers: Partial<Record<string, unknown>>): void {
  const missing = REMINDER_JOB_NAMES[queue].filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw ReminderException.missingHandlers(queue, missing);
}

/**
 * Deterministic job ids: BullMQ ignores a job whose id it already holds, so a second sweep, a
 * second worker or a manual run queues nothing twice. The reminders' unique key is the final guard.
 */
export const jobIds = {
  sweep: (date: IsoDate) => `sweep-${date}`,
  teamDigest: (teamId: number, date: IsoDate) => `digest-${teamId}-${date}`,
  escalation: (contactId: number, date: IsoDate) => `escalation-${contactId}-${date}`,
};

/** The job scheduler that starts the daily sweep. */
export const DAILY_SWEEP_SCHEDULER_ID = 'daily-reminder-sweep';

/** Finished jobs are kept this long so their ids keep de-duplicating re-runs of the same day. */
export const KEEP_FINISHED_JOBS = { age: 8 * 24 * 3600, count: 200_000 };

export interface MailRetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** Options of a digest job: exponential backoff between attempts on temporary failures. */
export function digestJobOptions(policy: MailRetryPolicy) {
  return {
    attempts: policy.attempts,
    backoff: { type: 'exponential', delay: policy.backoffMs },
    removeOnComplete: KEEP_FINISHED_JOBS,
    removeOnFail: KEEP_FINISHED_JOBS,
  };
}

/** Options of a sweep job: a failed sweep is retried a few times, a minute apart at first. */
export const SWEEP_JOB_OPTIONS = {
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: KEEP_FINISHED_JOBS,
  removeOnFail: KEEP_FINISHED_JOBS,
};
