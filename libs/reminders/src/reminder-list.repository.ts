import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Team } from '#database';
import type { IsoDate } from '#core';
import { AuthorityContact } from './entities/authority-contact.entity.js';
import { Reminder, type ReminderKind, type ReminderStatus } from './entities/reminder.entity.js';

export interface ReminderFilters {
  authority?: string;
  teamId?: number;
  kind?: readonly ReminderKind[];
  status?: readonly ReminderStatus[];
  date?: IsoDate;
  limit: number;
  offset: number;
}

/** A reminder with the team and the contact it went to, when it went to one. */
export type ListedReminder = Reminder & { team?: Team | null; contact?: AuthorityContact | null };

/** Reminders as the API lists them. */
@Injectable()
export class ReminderListRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A page of reminders, latest day first, within `authorities` ('all', or the codes the caller may see). */
  async page(filters: ReminderFilters, authorities: 'all' | readonly string[]): Promise<[ListedReminder[], number]> {
    const query = this.dataSource
      .createQueryBuilder(Reminder, 'reminder')
      .leftJoinAndMapOne('reminder.team', Team, 'team', 'team.id = reminder.teamId')
      .leftJoinAndMapOne('reminder.contact', AuthorityContact, 'contact', 'contact.id = reminder.contactId');
    if (authorities !== 'all') {
      // An empty list is no authority at all, not every one.
      query.andWhere('reminder.authorityCode IN (:...scope)', { scope: authorities.length > 0 ? authorities : [''] });
    }
    if (filters.authority) query.andWhere('reminder.authorityCode = :authority', { authority: filters.authority });
    if (filters.teamId !== undefined) query.andWhere('reminder.teamId = :teamId', { teamId: filters.teamId });
    if (filters.kind?.length) query.andWhere('reminder.kind IN (:...kinds)', { kinds: filters.kind });
    if (filters.status?.length) query.andWhere('reminder.status IN (:...statuses)', { statuses: filters.status });
    if (filters.date) query.andWhere('reminder.digestDate = :date', { date: filters.date });
    query.orderBy('reminder.digestDate', 'DESC').addOrderBy('reminder.id', 'DESC').take(filters.limit).skip(filters.offset);
    return query.getManyAndCount();
  }
}
