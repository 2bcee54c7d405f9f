import { Injectable, Logger } from '@nestjs/common';

/** A challenge just opened and committed. */
export interface OpenedChallenge {
  id: number;
  actionId: number;
  authorityCode: string;
}

/** What another part of the deployment does once a challenge is opened (the API queues its alerts). */
export interface ChallengeListener {
  challengeOpened(challenge: OpenedChallenge): Promise<void>;
}

/**
 * Where listeners register (in their onModuleInit), so tracking tells them without depending on
 * them. They are told after the commit, and a listener's failure never undoes or fails the
 * challenge: the board's record comes first, its emails second.
 */
@Injectable()
export class ChallengeHooks {
  private readonly logger = new Logger(ChallengeHooks.name);
  private readonly listeners: ChallengeListener[] = [];

  register(listener: ChallengeListener): void {
    if (!this.listeners.includes(listener)) this.listeners.push(listener);
  }

  async opened(challenge: OpenedChallenge): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener.challengeOpened(challenge);
      } catch (error) {
        this.logger.warn({ message: 'A challenge listener failed', challengeId: challenge.id, error: (error as Error).message });
      }
    }
  }
}
