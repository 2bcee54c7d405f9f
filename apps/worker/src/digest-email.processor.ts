import { Processor } from '@nestjs/bullmq';
import { type Job, UnrecoverableError } from 'bullmq';
import { ChallengeAlertService, DigestDeliveryService, MAIL_QUEUE, ReminderErrorCode, ReminderException, type ReminderJobHandlers } from '#reminders';
import { RegistryWorkerHost } from './registry-worker.host.js';
import { WORKER_OPTIONS } from './worker-settings.js';

@Processor(MAIL_QUEUE, WORKER_OPTIONS[MAIL_QUEUE])
export class DigestEmailProcessor extends RegistryWorkerHost<typeof MAIL_QUEUE> {
  readonly queueName = MAIL_QUEUE;

  constructor(
    private readonly delivery: DigestDeliveryService,
    private readonly challengeAlerts: ChallengeAlertService,
  ) {
    super();
  }

  protected handlers(): ReminderJobHandlers<typeof MAIL_QUEUE> {
    return {
      'team-digest': (payload, job) => this.deliver(payload.reminderId, job),
      'personal-digest': (payload, job) => this.deliver(payload.reminderId, job),
      'escalation-digest': (payload, job) => this.deliver(payload.reminderId, job),
      notice: (payload, job) => this.deliver(payload.reminderId, job),
      'challenge-opened': (payload) => this.challengeAlerts.announce(payload.challengeId),
    };
  }

  private async deliver(reminderId: number, job: Job) {
    try {
      return await this.delivery.deliver(reminderId, { isLast: job.attemptsMade + 1 >= (job.opts.attempts ?? 1) });
    } catch (error) {
      // BullMQ retries with backoff unless told the failure is final.
      if (error instanceof ReminderException && error.code === ReminderErrorCode.DELIVERY_FAILED) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
