import type { Queue } from 'bullmq';
import type { PendingReminder } from './reminder-planner.js';
import {
  DAILY_SWEEP_SCHEDULER_ID,
  digestJobOptions,
  jobIds,
  MAIL_QUEUE,
  SWEEP_JOB_OPTIONS,
  SWEEP_QUEUE,
  type MailRetryPolicy,
  type ReminderJob,
} from './reminder-queue.registry.js';
import type { IsoDate } from '#core';

export type SweepRequestState = 'queued' | 'already-queued';

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

  /** Queues one job per reminder; a reminder whose job is already queued, retrying or done is not queued again. */
  async addDigests(reminders: PendingReminder[]): Promise<number> {
    const jobs = reminders.map(digestJobOf);
    const options = digestJobOptions(this.retry);
    // Batches keep each Redis pipeline (and its reply) a reasonable size.
    for (let start = 0; start < jobs.length; start += 2_000) {
      await this.mail.addBulk(jobs.slice(start, start + 2_000).map((job) => ({ name: job.name, data: job.data, opts: { ...options, jobId: job.jobId } })));
    }
    return jobs.length;
  }

  /**
   * Queues the sweep of one day under its deterministic id. A finished sweep of that day is
   * replaced, so asking again runs it again; that run sends only what the day has not had yet.
   */
  async requestSweep(date: IsoDate): Promise<{ jobId: string; state: SweepRequestState }> {
    const jobId = jobIds.sweep(date);
    const existing = await this.sweep.getJob(jobId);
    if (existing) {
      const state = await existing.getState();
      if (state !== 'completed' && state !== 'failed') return { jobId, state: 'already-queued' };
      await existing.remove();
    }
    const job: ReminderJob<typeof SWEEP_QUEUE> = { name: 'sweep', data: { date }, jobId };
    await this.sweep.add(job.name, job.data, { ...SWEEP_JOB_OPTIONS, jobId });
    return { jobId, state: 'queued' };
  }

  /** The daily sweep, once per deployment however many workers start: upserting the same scheduler id is idempotent. */
  async scheduleDailySweep(pattern: string, timeZone: string): Promise<void> {
    const { attempts, backoff, removeOnComplete, removeOnFail } = SWEEP_JOB_OPTIONS;
    await this.sweep.upsertJobScheduler(DAILY_SWEEP_SCHEDULER_ID, { pattern, tz: timeZone }, { name: 'sweep', data: {}, opts: { attempts, backoff, removeOnComplete, removeOnFail } });
  }
}

function digestJobOf(reminder: PendingReminder): ReminderJob<typeof MAIL_QUEUE> {
  return reminder.kind === 'team_digest'
    ? { name: 'team-digest', data: { reminderId: reminder.id }, jobId: jobIds.teamDigest(reminder.teamId!, reminder.digestDate) }
    : { name: 'escalation-digest', data: { reminderId: reminder.id }, jobId: jobIds.escalation(reminder.contactId!, reminder.digestDate) };
}
