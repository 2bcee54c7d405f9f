import { addCalendarDays, isBankHoliday, isWeekend, isWorkingDay } from '#deadlines';
import type { DigestReason } from './entities/action-reminder-state.entity.js';
import type { IsoDate } from '#core';

/**
 * The reminder cadence, as plain functions. The sweep applies the same rules to every action at
 * once in SQL (see reminder-planner.ts); these are the rules it must agree with, and the tests
 * check that it does.
 */
export interface CadenceRules {
  /** An open action is "due soon" from this many days before its due date. */
  dueSoonDays: number;
  /** An overdue action is listed again after this many days. */
  overdueRepeatDays: number;
  /** Escalated once overdue by MORE than this many working days. */
  escalationWorkingDays: number;
  /** An escalated action is listed to the chairs again after this many days. */
  escalationRepeatDays: number;
}

/** What the owners and chairs were last told about one action (the action_reminder_states row). */
export interface ReminderMemory {
  dueSoonNotifiedFor: IsoDate | null;
  overdueNotifiedFor: IsoDate | null;
  overdueLastNotifiedOn: IsoDate | null;
  escalationNotifiedFor: IsoDate | null;
  escalationLastNotifiedOn: IsoDate | null;
}

export const BLANK_MEMORY: ReminderMemory = {
  dueSoonNotifiedFor: null,
  overdueNotifiedFor: null,
  overdueLastNotifiedOn: null,
  escalationNotifiedFor: null,
  escalationLastNotifiedOn: null,
};

/** The dates one day's sweep compares due dates and memories against. */
export interface SweepWindow {
  date: IsoDate;
  /** Due on or before this (and not yet overdue): due soon. */
  dueSoonUntil: IsoDate;
  /** Last listed as overdue on or before this: due to be listed again. */
  overdueRepeatOnOrBefore: IsoDate;
  /** Due strictly before this: overdue by more than the escalation threshold in working days. */
  escalateIfDueBefore: IsoDate;
  /** Last escalated on or before this: due to be escalated again. */
  escalationRepeatOnOrBefore: IsoDate;
}

export type NonWorkingReason = 'weekend' | 'bank_holiday';

/** Why nothing is swept on a day, or null on a working day. */
export function nonWorkingReason(date: IsoDate): NonWorkingReason | null {
  if (isWeekend(date)) return 'weekend';
  if (isBankHoliday(date)) return 'bank_holiday';
  return null;
}

export function sweepWindow(date: IsoDate, rules: CadenceRules): SweepWindow {
  return {
    date,
    dueSoonUntil: addCalendarDays(date, rules.dueSoonDays),
    overdueRepeatOnOrBefore: addCalendarDays(date, -rules.overdueRepeatDays),
    escalateIfDueBefore: escalationCutoff(date, rules.escalationWorkingDays),
    escalationRepeatOnOrBefore: addCalendarDays(date, -rules.escalationRepeatDays),
  };
}

/**
 * The (threshold + 1)-th working day counting back from `date`, itself included. An action due
 * before it has more than `threshold` working days after its due date up to `date`
 * (workingDaysBetween(due, date) > threshold); one due on it or later does not. Comparing due dates
 * with one date is what lets the sweep escalate a million actions in one query.
 */
export function escalationCutoff(date: IsoDate, threshold: number): IsoDate {
  let counted = 0;
  let day = date;
  for (;;) {
    if (isWorkingDay(day)) {
      counted += 1;
      if (counted === threshold + 1) return day;
    }
    day = addCalendarDays(day, -1);
  }
}

/** Why an open action goes into its team's digest on the window's day, or null if it does not. */
export function teamDigestReason(dueDate: IsoDate, memory: ReminderMemory, window: SweepWindow): DigestReason | null {
  if (dueDate >= window.date) {
    // Due soon: once per due date, when it first comes inside the window.
    return dueDate <= window.dueSoonUntil && memory.dueSoonNotifiedFor !== dueDate ? 'due_soon' : null;
  }
  if (memory.overdueNotifiedFor !== dueDate || memory.overdueLastNotifiedOn === null) return 'overdue_first';
  return memory.overdueLastNotifiedOn <= window.overdueRepeatOnOrBefore ? 'overdue_repeat' : null;
}

/** Whether an open action goes into its authority's escalation digests on the window's day. */
export function isEscalationDue(dueDate: IsoDate, memory: ReminderMemory, window: SweepWindow): boolean {
  if (dueDate >= window.escalateIfDueBefore) return false;
  if (memory.escalationNotifiedFor !== dueDate || memory.escalationLastNotifiedOn === null) return true;
  return memory.escalationLastNotifiedOn <= window.escalationRepeatOnOrBefore;
}

/** The memory after the action was listed in its team's digest on the window's day. */
export function rememberDigest(memory: ReminderMemory, dueDate: IsoDate, reason: DigestReason, window: SweepWindow): ReminderMemory {
  return reason === 'due_soon'
    ? { ...memory, dueSoonNotifiedFor: dueDate }
    : { ...memory, overdueNotifiedFor: dueDate, overdueLastNotifiedOn: window.date };
}

/** The memory after the action was escalated on the window's day. */
export function rememberEscalation(memory: ReminderMemory, dueDate: IsoDate, window: SweepWindow): ReminderMemory {
  return { ...memory, escalationNotifiedFor: dueDate, escalationLastNotifiedOn: window.date };
}

/** Addressees whose late actions also go to the LSCB chair (the board chair hears about every late action). */
export const LSCB_ADDRESSEES = ['lscb', 'partnership'] as const;
