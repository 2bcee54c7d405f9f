import { Injectable } from '@nestjs/common';
import type { ContactRole } from './entities/authority-contact.entity.js';
import type { ReminderKind, ReminderStatus } from './entities/reminder.entity.js';
import { ReminderListRepository, type ListedReminder, type ReminderFilters } from './reminder-list.repository.js';
import type { IsoDate, Page, RequestContext } from '#core';

export type { ReminderFilters } from './reminder-list.repository.js';

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
  constructor(private readonly reminders: ReminderListRepository) {}

  async list(filters: ReminderFilters, context: RequestContext): Promise<Page<ReminderView>> {
    const [reminders, total] = await this.reminders.page(filters, context.authorities);
    return { items: reminders.map(toReminderView), total, limit: filters.limit, offset: filters.offset };
  }
}

/** A reminder as the API shows it. */
export function toReminderView(reminder: ListedReminder): ReminderView {
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
