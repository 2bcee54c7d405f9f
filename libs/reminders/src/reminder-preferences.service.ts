import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UnitOfWork } from '#database';
import { DEFAULT_DIGEST_CHOICE, type DigestChoice } from './digest-choice.js';
import { ReminderPreference, type DigestWeekday } from './entities/reminder-preference.entity.js';
import { newUnsubscribeToken } from './reminder-people.js';

/** A person's choice of digest, and the one-click unsubscribe that turns it off. */
@Injectable()
export class ReminderPreferencesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  /** The person's choice; daily when they never made one. */
  async choiceOf(userId: number): Promise<DigestChoice> {
    const row = await this.dataSource.getRepository(ReminderPreference).findOneBy({ userId });
    if (!row) return { ...DEFAULT_DIGEST_CHOICE };
    return { digest: row.digest, weekday: row.digest === 'weekly' ? ((row.weekday ?? 1) as DigestWeekday) : null };
  }

  /**
   * Records a person's own choice (the caller's, never someone else's: the caller's id is the only
   * one the routes pass). A person without a row gets one, with the secret of their unsubscribe
   * link, so the link in the next digest works from the start.
   */
  async choose(userId: number, choice: DigestChoice): Promise<DigestChoice> {
    await this.unitOfWork.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReminderPreference)
        .values({ userId, digest: choice.digest, weekday: choice.weekday, unsubscribeToken: newUnsubscribeToken() })
        .orIgnore()
        .updateEntity(false)
        .execute();
      await manager.getRepository(ReminderPreference).update({ userId }, { digest: choice.digest, weekday: choice.weekday });
    });
    return this.choiceOf(userId);
  }

  /** Whose digest the link's secret stops, if any: only to say so on the page. */
  async holderOf(token: string): Promise<ReminderPreference | null> {
    if (!isToken(token)) return null;
    return this.dataSource.getRepository(ReminderPreference).findOneBy({ unsubscribeToken: token });
  }

  /**
   * Turns the holder's digest off and changes nothing else: escalations and challenge emails are
   * not digests and keep coming. False when the link's secret is unknown.
   */
  async unsubscribe(token: string): Promise<boolean> {
    if (!isToken(token)) return false;
    const result = await this.dataSource.getRepository(ReminderPreference).update({ unsubscribeToken: token }, { digest: 'none' });
    return (result.affected ?? 0) > 0;
  }
}

/** The secrets are 43 URL-safe characters; anything else is refused before the database sees it. */
function isToken(token: string): boolean {
  return typeof token === 'string' && token.length >= 16 && token.length <= 64 && /^[A-Za-z0-9_-]+$/.test(token);
}
