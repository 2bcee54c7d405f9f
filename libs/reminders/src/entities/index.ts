import { ActionReminderState } from './action-reminder-state.entity.js';
import { AuthorityContact } from './authority-contact.entity.js';
import { Reminder } from './reminder.entity.js';
import { ReminderSweep } from './reminder-sweep.entity.js';

export * from './action-reminder-state.entity.js';
export * from './authority-contact.entity.js';
export * from './reminder.entity.js';
export * from './reminder-sweep.entity.js';

/** Registered in the data source by #database, which imports this file alone (the rest of #reminders imports #database). */
export const REMINDER_ENTITIES = [AuthorityContact, Reminder, ActionReminderState, ReminderSweep];
