import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuthorityContact, type ContactRole } from './entities/authority-contact.entity.js';
import { Reminder, type ReminderKind, type ReminderStatus } from './entities/reminder.entity.js';
import { Team } from '#database';
import type { IsoDate, Page, RequestContext } from '#core';

export interface ReminderFilters {
  authority?: string;
  teamId?: number;
  kind?: readonly ReminderKind[];
  status?: readonly ReminderStatus[];
  date?: IsoDate;
  limit: number;
  offset: number;
}

export interface ReminderView {
  id: number;
  kind: ReminderKind;
  authorityCode: string;
  digestDate: IsoDate;
  team: { id: number; name: string } | null;
  contact: { id: number; name: string; role: ContactRole } | null;
  recipients: string[];
  actionIds: number[];
  status: ReminderStatus;
  attempts: number;
  error: string | null;
  messageId: string | null;
  sentAt: string | null;
  createdAt: string;
}

/** Reminders as the API lists them, limited to the authorities the caller may see. */
@Injectable()
export class RemindersService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filters: ReminderFilters, context: RequestContext): Promise<Page<ReminderView>> {
    const query = this.dataSource
      .createQueryBuilder(Reminder, 'reminder')
      .leftJoinAndMapOne('reminder.team', Team, 'team', 'team.id = reminder.teamId')
      .leftJoinAndMapOne('reminder.contact', AuthorityContact, 'contact', 'contact.id = reminder.contactId');
    if (context.authorities !== 'all') {
      query.andWhere('reminder.authorityCode IN (:...scope)', { scope: context.authorities.length > 0 ? context.authorities : [''] });
    }
    if (filters.authority) query.andWhere('reminder.authorityCode = :authority', { authority: filters.authority });
    if (filters.teamId !== undefined) query.andWhere('reminder.teamId = :teamId', { teamId: filters.teamId });
    if (filters.kind?.length) query.andWhere('reminder.kind IN (:...kinds)', { kinds: filters.kind });
    if (filters.status?.length) query.andWhere('reminder.status IN (:...statuses)', { statuses: filters.status });
    if (filters.date) query.andWhere('reminder.digestDate = :date', { date: filters.date });
    query.orderBy('reminder.digestDate', 'DESC').addOrderBy('reminder.id', 'DESC').take(filters.limit).skip(filters.offset);
    const [reminders, total] = await query.getManyAndCount();
    return { items: reminders.map(toReminderView), total, limit: filters.limit, offset: filters.offset };
  }
}

function toReminderView(reminder: Reminder & { team?: Team | null; contact?: AuthorityContact | null }): ReminderView {
  return {
    id: reminder.id,
    kind: reminder.kind,
    authorityCode: reminder.authorityCode,
    digestDate: reminder.digestDate,
    team: reminder.team ? { id: reminder.team.id, name: reminder.team.name } : null,
    contact: reminder.contact ? { id: reminder.contact.id, name: reminder.contact.name, role: reminder.contact.role } : null,
    recipients: reminder.recipients,
    actionIds: reminder.actionIds,
    status: reminder.status,
    attempts: reminder.attempts,
    error: reminder.error,
    messageId: reminder.messageId,
    sentAt: reminder.sentAt ? reminder.sentAt.toISOString() : null,
    createdAt: reminder.createdAt.toISOString(),
  };
}
