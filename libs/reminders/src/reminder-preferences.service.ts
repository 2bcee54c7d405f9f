import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ReminderPreference } from './entities/reminder-preference.entity.js';

/** A person's choice of digest, and the one-click unsubscribe that turns it off. */
@Injectable()
export class ReminderPreferencesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

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
