import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { ChallengeHooks, type ChallengeListener, type OpenedChallenge } from '#tracking';
import { ReminderSweepRequests } from './reminder-sweep.requests.js';

/** How long a challenge's request waits on Redis before it answers without having queued the alerts. */
const QUEUE_WAIT_MS = 2000;

/**
 * Queues a new challenge's alerts for the worker, after the challenge is committed. Redis being
 * away never fails the challenge: the request answers at once (the connection fails fast), and the
 * next daily sweep plans the alerts of any challenge of the last week that has none.
 */
@Injectable()
export class ChallengeAlertRequests implements OnModuleInit, ChallengeListener {
  private readonly logger = new Logger(ChallengeAlertRequests.name);

  constructor(
    private readonly hooks: ChallengeHooks,
    private readonly requests: ReminderSweepRequests,
  ) {}

  onModuleInit(): void {
    this.hooks.register(this);
  }

  async challengeOpened(challenge: OpenedChallenge): Promise<void> {
    const queues = this.requests.readyQueues();
    if (!queues) {
      this.logger.warn({ message: 'Reminder queue unavailable: the challenge alert goes with the next sweep', challengeId: challenge.id });
      return;
    }
    try {
      await withTimeout(queues.add('challenge-opened', { challengeId: challenge.id }), QUEUE_WAIT_MS);
    } catch (error) {
      this.logger.warn({ message: 'Challenge alert not queued: it goes with the next sweep', challengeId: challenge.id, error: (error as Error).message });
    }
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref())]);
}
