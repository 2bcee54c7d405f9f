import { Injectable } from '@nestjs/common';
import { UnitOfWork } from '#database';
import { ChallengeAlertPlanner } from './challenge-alert-planner.js';
import { ReminderQueues } from './reminder-queues.js';
import { Clock } from '#core';

export interface ChallengeAlertResult {
  challengeId: number;
  /** Alert rows added by this run (none when the challenge already had its alerts). */
  planned: number;
  /** Alerts not sent yet, handed to the mail queue (whose job ids drop any already queued). */
  queued: number;
}

/**
 * A new challenge, told at once: the board chair contacts and the owning team each get one alert.
 * The alerts are reminder rows like the digests', sent by the mail queue's `notice` job with its
 * retries and send marks, so running this again (a retried job, the sweep's catch-up) sends
 * nothing twice.
 */
@Injectable()
export class ChallengeAlertService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly planner: ChallengeAlertPlanner,
    private readonly queues: ReminderQueues,
    private readonly clock: Clock,
  ) {}

  async announce(challengeId: number): Promise<ChallengeAlertResult> {
    const planned = await this.unitOfWork.run((manager) => this.planner.plan(manager, challengeId, this.clock.today()));
    const pending = await this.unitOfWork.run((manager) => this.planner.pending(manager, challengeId));
    await this.queues.addMany(
      'notice',
      pending.map((reminderId) => ({ reminderId })),
    );
    return { challengeId, planned, queued: pending.length };
  }
}
