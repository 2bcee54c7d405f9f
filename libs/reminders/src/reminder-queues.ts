import type { Queue } from 'bullmq';
import type { PendingReminder } from './reminder-planner.js';
import type { ReminderKind } from './entities/reminder.entity.js';
import {
  DAILY_SWEEP_SCHEDULER_ID,
  jobOptionsOf,
  MAIL_QUEUE,
  REMINDER_JOBS,
  reminderJob,
  SWEEP_JOB_OPTIONS,
  SWEEP_QUEUE,
  type MailRetryPolicy,
  type PayloadOf,
  type ReminderJobName,
  type ReminderQueueName,
} from './reminder-queue.registry.js';
import type { IsoDate } from '#core';

export type SweepRequestState = 'queued' | 'already-queued';

/** The job that sends each kind of reminder row. */
export const JOB_OF_REMINDER_KIND: Record<ReminderKind, ReminderJobName> = {
  team_digest: 'team-digest',
  personal_digest: 'personal-digest',
  board_escalation: 'escalation-digest',
  lscb_escalation: 'escalation-digest',
  ofsted_deadline: 'notice',
  meeting_update: 'notice',
  challenge_opened: 'notice',
};

/**
 * The reminder queues as the rest of the code sees them: only the jobs of the registry, with their
 * deterministic ids and retry options, can be added through it.
 */
export class ReminderQueues {
  constructor(
    readonly sweep: Queue,
    readonly mail: Queue,
    private readonly retry: MailRetryPolicy,
  ) {
    if (sweep.name !== SWEEP_QUEUE || mail.name !== MAIL_QUEUE) throw new Error(`ReminderQueues needs the ${SWEEP_QUEUE} and ${MAIL_QUEUE} queues`);
  }

  /**
   * Queues one job of the registry under its deterministic id; a job whose id the queue still
   * holds (waiting, retrying, or finished in the last 8 days) is not queued again.
   */
  async add<J extends ReminderJobName>(name: J, payload: PayloadOf<J>, options: { delayMs?: number } = {}): Promise<string> {
    const job = reminderJob(name, payload);
    const definition = REMINDER_JOBS[name];
    await this.queueOf(definition.queue).add(job.name, job.data, { ...jobOptionsOf(definition.retry, this.retry), jobId: job.jobId, ...(options.delayMs ? { delay: options.delayMs } : {}) });
    return job.jobId;
  }

  /** Many jobs of one name at once, in batches that keep each Redis pipeline a reasonable size. */
  async addMany<J extends ReminderJobName>(name: J, payloads: PayloadOf<J>[]): Promise<number> {
    const definition = REMINDER_JOBS[name];
    const options = jobOptionsOf(definition.retry, this.retry);
    const queue = this.queueOf(definition.queue);
    for (let start = 0; start < payloads.length; start += 2_000) {
      const batch = payloads.slice(start, start + 2_000).map((payload) => reminderJob(name, payload));
      await queue.addBulk(batch.map((job) => ({ name: job.name, data: job.data, opts: { ...options, jobId: job.jobId } })));
    }
    return payloads.length;
  }

  /** Queues one job per reminder; a reminder whose job is already queued, retrying or done is not queued again. */
  async addDigests(reminders: PendingReminder[]): Promise<number> {
    const byJob = new Map<ReminderJobName, { reminderId: number }[]>();
    for (const reminder of reminders) {
      const name = JOB_OF_REMINDER_KIND[reminder.kind];
      if (!byJob.has(name)) byJob.set(name, []);
      byJob.get(name)!.push({ reminderId: reminder.id });
    }
    for (const [name, payloads] of byJob) await this.addMany(name as 'team-digest', payloads);
    return reminders.length;
  }

  /**
   * Queues the sweep of one day under its deterministic id. A finished sweep of that day is
   * replaced, so asking again runs it again; that run sends only what the day has not had yet.
   */
  async requestSweep(date: IsoDate): Promise<{ jobId: string; state: SweepRequestState }> {
    const jobId = reminderJob('sweep', { date }).jobId;
    const existing = await this.sweep.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') return { jobId, state: 'already-queued' };
      await existing.remove();
    }
    await this.add('sweep', { date });
    return { jobId, state: 'queued' };
  }

  /** The daily sweep, once per deployment however many workers start: upserting the same scheduler id is idempotent. */
  async scheduleDailySweep(pattern: string, timeZone: string): Promise<void> {
    const { attempts, backoff, removeOnComplete, removeOnFail } = SWEEP_JOB_OPTIONS;
    await this.sweep.upsertJobScheduler(DAILY_SWEEP_SCHEDULER_ID, { pattern, tz: timeZone }, { name: 'sweep', data: {}, opts: { attempts, backoff, removeOnComplete, removeOnFail } });
  }

  private queueOf(name: ReminderQueueName): Queue {
    return name === SWEEP_QUEUE ? this.sweep : this.mail;
  }
}
