import { Injectable } from '@nestjs/common';
import { Clock } from '#core';
import { choiceOfPreference, isUnsubscribeToken, type DigestChoice } from './digest-choice.js';
import type { ReminderPreference } from './entities/reminder-preference.entity.js';
import { newUnsubscribeToken } from './reminder-people.js';
import { ReminderPreferenceRepository } from './reminder-preference.repository.js';

/** A person's choice of digest, and the one-click unsubscribe that turns it off. */
@Injectable()
export class ReminderPreferencesService {
  constructor(
    private readonly preferences: ReminderPreferenceRepository,
    private readonly clock: Clock,
  ) {}

  /** The person's choice; daily when they never made one. */
  async choiceOf(userId: number): Promise<DigestChoice> {
    return choiceOfPreference(await this.preferences.ofUser(userId));
  }

  /**
   * Records a person's own choice (the caller's, never someone else's: the caller's id is the only
   * one the routes pass). A person without a row gets one, with the secret of their unsubscribe
   * link, so the link in the next digest works from the start.
   */
  async choose(userId: number, choice: DigestChoice): Promise<DigestChoice> {
    await this.preferences.save(userId, choice, newUnsubscribeToken(), this.clock.now());
    return this.choiceOf(userId);
  }

  /** Whose digest the link's secret stops, if any: only to say so on the page. */
  async holderOf(token: string): Promise<ReminderPreference | null> {
    if (!isUnsubscribeToken(token)) return null;
    return this.preferences.byUnsubscribeToken(token);
  }

  /**
   * Turns the holder's digest off and changes nothing else: escalations and challenge emails are
   * not digests and keep coming. False when the link's secret is unknown.
   */
  async unsubscribe(token: string): Promise<boolean> {
    if (!isUnsubscribeToken(token)) return false;
    return this.preferences.turnOffDigest(token, this.clock.now());
  }
}
