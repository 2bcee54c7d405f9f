import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addCalendarDays, daysBetween, isWorkingDay, workingDaysBetween } from '#deadlines';
import {
  BLANK_MEMORY,
  escalationCutoff,
  isEscalationDue,
  nonWorkingReason,
  rememberDigest,
  rememberEscalation,
  sweepWindow,
  teamDigestReason,
  type CadenceRules,
  type ReminderMemory,
} from '#reminders';
import type { IsoDate } from '#core';

const RULES: CadenceRules = { dueSoonDays: 14, overdueRepeatDays: 7, escalationWorkingDays: 20, escalationRepeatDays: 7 };

/** Every day from `from` to `to` inclusive. */
function days(from: IsoDate, to: IsoDate): IsoDate[] {
  const result: IsoDate[] = [];
  for (let day = from; day <= to; day = addCalendarDays(day, 1)) result.push(day);
  return result;
}

/** Runs the daily sweep over a stretch of days for one open action; returns the days it was listed and why. */
function simulate(dueDate: IsoDate, from: IsoDate, to: IsoDate, rules = RULES) {
  let memory: ReminderMemory = BLANK_MEMORY;
  const digests: { day: IsoDate; reason: string }[] = [];
  const escalations: IsoDate[] = [];
  for (const day of days(from, to)) {
    if (!isWorkingDay(day)) continue;
    const window = sweepWindow(day, rules);
    const reason = teamDigestReason(dueDate, memory, window);
    if (reason) {
      digests.push({ day, reason });
      memory = rememberDigest(memory, dueDate, reason, window);
    }
    if (isEscalationDue(dueDate, memory, window)) {
      escalations.push(day);
      memory = rememberEscalation(memory, dueDate, window);
    }
  }
  return { digests, escalations };
}

const isoDate = fc.date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2029-12-31T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));

describe('non-working days', () => {
  it.each([
    ['2025-12-25', 'bank_holiday'],
    ['2025-12-26', 'bank_holiday'],
    ['2025-08-25', 'bank_holiday'],
    ['2023-05-08', 'bank_holiday'],
    ['2025-06-07', 'weekend'],
    ['2025-06-08', 'weekend'],
    ['2025-06-09', null],
  ])('%s is %s', (date, reason) => {
    expect(nonWorkingReason(date)).toBe(reason);
  });
});

describe('escalationCutoff', () => {
  it('splits due dates exactly at the threshold of working days overdue', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: 1, max: 40 }), fc.integer({ min: 0, max: 120 }), (today, threshold, back) => {
        const due = addCalendarDays(today, -back);
        const escalated = due < escalationCutoff(today, threshold);
        expect(escalated).toBe(workingDaysBetween(due, today) > threshold);
      }),
      { numRuns: 600 },
    );
  });

  it('counts the Easter and Christmas bank holidays out', () => {
    // 2025: Good Friday 18 April, Easter Monday 21 April. 20 working days back from Tuesday 6 May
    // (itself after the 5 May bank holiday) lands before Easter.
    const cutoff = escalationCutoff('2025-05-06', 20);
    expect(workingDaysBetween(addCalendarDays(cutoff, -1), '2025-05-06')).toBe(21);
    expect(workingDaysBetween(cutoff, '2025-05-06')).toBe(20);
    expect(daysBetween(cutoff, '2025-05-06')).toBeGreaterThan(28);
  });
});

describe('team digest cadence', () => {
  it('lists a due-soon action once, when it enters the window', () => {
    const { digests } = simulate('2025-07-01', '2025-06-01', '2025-06-30');
    expect(digests).toEqual([{ day: '2025-06-17', reason: 'due_soon' }]);
  });

  it('lists an action first on the first working day it is overdue, then weekly', () => {
    // Due Friday 6 June 2025: first overdue working day is Monday 9 June.
    const { digests } = simulate('2025-06-06', '2025-06-09', '2025-07-10');
    expect(digests).toEqual([
      { day: '2025-06-09', reason: 'overdue_first' },
      { day: '2025-06-16', reason: 'overdue_repeat' },
      { day: '2025-06-23', reason: 'overdue_repeat' },
      { day: '2025-06-30', reason: 'overdue_repeat' },
      { day: '2025-07-07', reason: 'overdue_repeat' },
    ]);
  });

  it('moves a weekly reminder that falls on a bank holiday to the next working day', () => {
    // First overdue Monday 18 August 2025; the next week's Monday is the summer bank holiday.
    const { digests } = simulate('2025-08-15', '2025-08-18', '2025-09-03');
    expect(digests.map((digest) => digest.day)).toEqual(['2025-08-18', '2025-08-26', '2025-09-02']);
  });

  it('never lists on a non-working day, never twice in a repeat period, and always within one of it', () => {
    fc.assert(
      fc.property(isoDate, fc.integer({ min: -30, max: 60 }), fc.integer({ min: 1, max: 14 }), (start, offset, repeat) => {
        const due = addCalendarDays(start, offset);
        const rules = { ...RULES, overdueRepeatDays: repeat };
        const end = addCalendarDays(start, 90);
        const overdue = simulate(due, start, end, rules).digests.filter((digest) => digest.reason !== 'due_soon');
        for (const digest of overdue) expect(isWorkingDay(digest.day)).toBe(true);
        for (let index = 1; index < overdue.length; index += 1) {
          const gap = daysBetween(overdue[index - 1].day, overdue[index].day);
          expect(gap).toBeGreaterThanOrEqual(repeat);
          // The repeat day itself, or the first working day after it (a long weekend adds at most a few days).
          expect(gap).toBeLessThan(repeat + 5);
        }
        // The first sweep after the due date, or the first of all when it was already overdue.
        const firstListed = days(start, end).find((day) => isWorkingDay(day) && day > due);
        expect(overdue[0]?.day).toBe(firstListed);
      }),
      { numRuns: 120 },
    );
  });

  it('starts again when the due date is moved', () => {
    const window = sweepWindow('2025-06-10', RULES);
    const remembered = rememberDigest(BLANK_MEMORY, '2025-06-01', 'overdue_first', sweepWindow('2025-06-09', RULES));
    expect(teamDigestReason('2025-06-01', remembered, window)).toBeNull();
    // Re-programmed to a later date that has also passed: a new first overdue reminder.
    expect(teamDigestReason('2025-06-05', remembered, window)).toBe('overdue_first');
    // Re-programmed into the future within the window: due soon again, once.
    expect(teamDigestReason('2025-06-20', remembered, window)).toBe('due_soon');
  });
});

describe('escalation cadence', () => {
  it('escalates once more than the threshold of working days overdue, then weekly', () => {
    const due = '2025-06-02';
    const { escalations } = simulate(due, '2025-06-03', '2025-07-31');
    const first = days('2025-06-03', '2025-07-31').find((day) => isWorkingDay(day) && workingDaysBetween(due, day) > 20);
    expect(escalations[0]).toBe(first);
    expect(workingDaysBetween(due, escalations[0])).toBe(21);
    for (let index = 1; index < escalations.length; index += 1) expect(daysBetween(escalations[index - 1], escalations[index])).toBe(7);
  });
});
