import { ActionReminderState } from './action-reminder-state.entity.js';
import { AuthorityContact } from './authority-contact.entity.js';
import { Reminder } from './reminder.entity.js';
import { ReminderPreference } from './reminder-preference.entity.js';
import { ReminderSendMark } from './reminder-send-mark.entity.js';
import { ReminderSweep } from './reminder-sweep.entity.js';

export * from './action-reminder-state.entity.js';
export * from './authority-contact.entity.js';
export * from './reminder.entity.js';
export * from './reminder-preference.entity.js';
export * from './reminder-send-mark.entity.js';
export * from './reminder-sweep.entity.js';

/** Registered with the connection by RemindersDataModule (TypeOrmModule.forFeature). */
export const REMINDER_ENTITIES = [AuthorityContact, Reminder, ActionReminderState, ReminderSweep, ReminderSendMark, ReminderPreference];
