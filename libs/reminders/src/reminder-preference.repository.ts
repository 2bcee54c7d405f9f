import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { UnitOfWork } from '#database';
import type { DigestChoice } from './digest-choice.js';
import { ReminderPreference } from './entities/reminder-preference.entity.js';

/** People's digest choices and the secrets of their unsubscribe links. */
@Injectable()
export class ReminderPreferenceRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
  ) {}

  ofUser(userId: number): Promise<ReminderPreference | null> {
    return this.dataSource.getRepository(ReminderPreference).findOneBy({ userId });
  }

  byUnsubscribeToken(token: string): Promise<ReminderPreference | null> {
    return this.dataSource.getRepository(ReminderPreference).findOneBy({ unsubscribeToken: token });
  }

  /**
   * Records the choice in one transaction: a person without a row gets one, with `newToken` as the
   * secret of their unsubscribe link; a person with one keeps their secret.
   */
  async save(userId: number, choice: DigestChoice, newToken: string, now: Date): Promise<void> {
    await this.unitOfWork.run(async (manager) => {
      await manager
        .createQueryBuilder()
        .insert()
        .into(ReminderPreference)
        .values({ userId, digest: choice.digest, weekday: choice.weekday, unsubscribeToken: newToken, updatedAt: now })
        .orIgnore()
        .updateEntity(false)
        .execute();
      await manager.getRepository(ReminderPreference).update({ userId }, { digest: choice.digest, weekday: choice.weekday, updatedAt: now });
    });
  }

  /** Turns off the digest of the link's holder; false when no one holds it. */
  async turnOffDigest(token: string, now: Date): Promise<boolean> {
    const result = await this.dataSource.getRepository(ReminderPreference).update({ unsubscribeToken: token }, { digest: 'none', updatedAt: now });
    return (result.affected ?? 0) > 0;
  }
}
