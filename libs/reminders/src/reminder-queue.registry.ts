import type { Job } from 'bullmq';
import type { IsoDate } from '#core';
import { ReminderException } from './reminder.exception.js';

/**
 * Every job of the reminder worker in one typed table: its queue, its payload and its id. Payloads
 * carry ids only: a handler reads the database again when it runs, so a job that waited (a retry,
 * a worker that was down) acts on the data as it is then, not as it was when queued. The job id
 * is a function of the payload alone, so whoever queues the same thing twice (a second sweep, a
 * second worker, a manual run, a request retried by a browser) queues it once: BullMQ ignores a
 * job whose id it still holds.
 *
 * Adding a job is two small edits: an entry in REMINDER_JOBS, and its handler in the processor of
 * its queue (which does not compile until it has one). Queue it with `ReminderQueues.add(name, payload)`.
 */
export const SWEEP_QUEUE = 'reminder-sweep';
export const MAIL_QUEUE = 'reminder-mail';

export const REMINDER_QUEUES = [SWEEP_QUEUE, MAIL_QUEUE] as const;
export type ReminderQueueName = (typeof REMINDER_QUEUES)[number];

export interface SweepPayload {
  /** The day to sweep; absent for the scheduled run, which sweeps "today" in TZ_NAME. */
  date?: IsoDate;
}

/** A reminder row planned by the sweep (or by a hook) and sent by the mail queue. */
export interface ReminderPayload {
  reminderId: number;
}

/** A challenge just opened: its alerts to the board chair and the owning team are planned and queued. */
export interface ChallengePayload {
  challengeId: number;
}

/** How a job is retried: mail backs off per MAIL_ATTEMPTS/MAIL_BACKOFF_MS, a sweep a few times a minute apart. */
export type RetryClass = 'mail' | 'sweep';

export interface JobDefinition<Q extends ReminderQueueName, P> {
  queue: Q;
  retry: RetryClass;
  /** Deterministic: the same payload always gives the same id. */
  jobId(payload: P): string;
}

/** Fixes a definition's payload type while letting its queue be inferred. */
function defineJob<P>() {
  return <Q extends ReminderQueueName>(definition: JobDefinition<Q, P>): JobDefinition<Q, P> => definition;
}

const reminderJobId = ({ reminderId }: ReminderPayload) => `reminder-${reminderId}`;

export const REMINDER_JOBS = {
  sweep: defineJob<SweepPayload>()({ queue: SWEEP_QUEUE, retry: 'sweep', jobId: ({ date }) => `sweep-${date ?? 'today'}` }),
  /** The digest to a team's own addresses (a shared mailbox). */
  'team-digest': defineJob<ReminderPayload>()({ queue: MAIL_QUEUE, retry: 'mail', jobId: reminderJobId }),
  /** The digest to one person: a team member or a lead officer, whichever way they qualify, once a day at most. */
  'personal-digest': defineJob<ReminderPayload>()({ queue: MAIL_QUEUE, retry: 'mail', jobId: reminderJobId }),
  /** The board or LSCB chair's digest of actions that stay late. */
  'escalation-digest': defineJob<ReminderPayload>()({ queue: MAIL_QUEUE, retry: 'mail', jobId: reminderJobId }),
  /** A reminder planned and worded by a reminder extension (the board's deadlines and meetings). */
  notice: defineJob<ReminderPayload>()({ queue: MAIL_QUEUE, retry: 'mail', jobId: reminderJobId }),
  /** Plans a new challenge's alerts and queues each as a `notice`; queued by the API as the challenge is opened. */
  'challenge-opened': defineJob<ChallengePayload>()({ queue: MAIL_QUEUE, retry: 'mail', jobId: ({ challengeId }) => `challenge-opened-${challengeId}` }),
};

type Jobs = typeof REMINDER_JOBS;
export type ReminderJobName = keyof Jobs & string;
export type PayloadOf<J extends ReminderJobName> = Jobs[J] extends JobDefinition<ReminderQueueName, infer P> ? P : never;
export type QueueOf<J extends ReminderJobName> = Jobs[J]['queue'];
/** The job names a queue carries. */
export type JobsOfQueue<Q extends ReminderQueueName> = { [J in ReminderJobName]: QueueOf<J> extends Q ? J : never }[ReminderJobName];

/** The job names each queue carries; a worker refuses to start unless it handles all of them. */
export const REMINDER_JOB_NAMES = Object.fromEntries(
  REMINDER_QUEUES.map((queue) => [queue, (Object.keys(REMINDER_JOBS) as ReminderJobName[]).filter((name) => REMINDER_JOBS[name].queue === queue)]),
) as unknown as { readonly [Q in ReminderQueueName]: readonly JobsOfQueue<Q>[] };

export type ReminderJobHandlers<Q extends ReminderQueueName> = {
  [J in JobsOfQueue<Q>]: (payload: PayloadOf<J>, job: Job<PayloadOf<J>>) => Promise<unknown>;
};

/** A job with its name and payload type checked together, and its id. */
export type ReminderJob<Q extends ReminderQueueName = ReminderQueueName> = {
  [J in JobsOfQueue<Q>]: { name: J; data: PayloadOf<J>; jobId: string };
}[JobsOfQueue<Q>];

export function reminderJob<J extends ReminderJobName>(name: J, data: PayloadOf<J>): ReminderJob<QueueOf<J>> {
  const definition = REMINDER_JOBS[name] as unknown as JobDefinition<ReminderQueueName, PayloadOf<J>>;
  return { name, data, jobId: definition.jobId(data) } as unknown as ReminderJob<QueueOf<J>>;
}

/** Throws unless every job name of the queue has a handler. */
export function assertHandlesEveryJob<Q extends ReminderQueueName>(queue: Q, handlers: Partial<Record<string, unknown>>): void {
  const missing = REMINDER_JOB_NAMES[queue].filter((name) => typeof handlers[name] !== 'function');
  if (missing.length > 0) throw ReminderException.missingHandlers(queue, missing);
}

/** The job scheduler that starts the daily sweep. */
export const DAILY_SWEEP_SCHEDULER_ID = 'daily-reminder-sweep';

/** Finished jobs are kept this long so their ids keep de-duplicating re-runs of the same day. */
export const KEEP_FINISHED_JOBS = { age: 8 * 24 * 3600, count: 200_000 };

export interface MailRetryPolicy {
  attempts: number;
  backoffMs: number;
}

/** Options of a mail job: exponential backoff between attempts on temporary failures. */
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

export function jobOptionsOf(retry: RetryClass, policy: MailRetryPolicy) {
  return retry === 'mail' ? digestJobOptions(policy) : SWEEP_JOB_OPTIONS;
}
