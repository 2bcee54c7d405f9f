import { Injectable, Logger } from '@nestjs/common';
import { nonWorkingReason, type NonWorkingReason } from './cadence.js';
import { ReminderPlanner } from './reminder-planner.js';
import { ReminderQueues } from './reminder-queues.js';
import { Clock, type IsoDate } from '#core';

export type SweepResult =
  | { date: IsoDate; skipped: NonWorkingReason }
  | { date: IsoDate; skipped: null; teamDigestsPlanned: number; escalationDigestsPlanned: number; digestsQueued: number };

/**
 * The daily sweep: plan the day's digests in the database, then queue every digest of the day not
 * sent yet. Queuing after the plan is committed, and queuing everything still pending rather than
 * only what this run planned, is what lets a sweep that died half way be run again safely.
 */
@Injectable()
export class ReminderSweepService {
  private readonly logger = new Logger(ReminderSweepService.name);

  constructor(
    private readonly planner: ReminderPlanner,
    private readonly queues: ReminderQueues,
    private readonly clock: Clock,
  ) {}

  async sweep(date: IsoDate = this.clock.today()): Promise<SweepResult> {
    const skipped = nonWorkingReason(date);
    if (skipped) {
      this.logger.log({ message: 'No reminders on a non-working day', date, reason: skipped });
      return { date, skipped };
    }
    const started = performance.now();
    const plan = await this.planner.plan(date);
    const digestsQueued = await this.queues.addDigests(await this.planner.pendingReminders(date));
    const result: SweepResult = { ...plan, skipped: null, digestsQueued };
    this.logger.log({ message: 'Reminder sweep done', ...result, durationMs: Math.round(performance.now() - started) });
    return result;
  }
}
