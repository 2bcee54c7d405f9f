import { addCalendarDays } from './calendar-date.js';
import { isWorkingDay, workingDaysBetween } from './working-days.js';
import type { IsoDate, Judgement } from '#core';

/**
 * Ofsted expects the council's written action plan within 70 working days of a report that judges
 * it inadequate or requiring improvement (the inspection framework's "post-inspection" section).
 */
export const OFSTED_PLAN_WORKING_DAYS = 70;

/** Working days before the deadline on which the board chair is reminded. */
export const OFSTED_PLAN_REMINDER_WORKING_DAYS: readonly number[] = [20, 5];

/** The working day `days` working days after `date` (bank holidays and weekends skipped). */
export function addWorkingDays(date: IsoDate, days: number): IsoDate {
  let day = date;
  for (let left = days; left > 0; ) {
    day = addCalendarDays(day, 1);
    if (isWorkingDay(day)) left -= 1;
  }
  return day;
}

const PLAN_GRADES = /^(inadequate|requires improvement)/;

/**
 * Whether a report's judgement calls for an action plan: the overall effectiveness judgement when
 * the report gives one, otherwise any of its judgements (older reports grade areas separately).
 */
export function needsOfstedActionPlan(judgements: readonly Judgement[]): boolean {
  const overall = judgements.filter((judgement) => judgement.area.toLowerCase().includes('overall'));
  return (overall.length > 0 ? overall : judgements).some((judgement) => PLAN_GRADES.test(judgement.grade.toLowerCase()));
}

export interface OfstedPlanDeadline {
  dueDate: IsoDate;
  /** `set`: the board recorded the date itself (Ofsted agreed another); `default`: 70 working days after publication. */
  source: 'set' | 'default';
  /** Working days from today up to and including the due date; 0 on the day and after it. */
  workingDaysLeft: number;
  passed: boolean;
}

/**
 * When a report's action plan is due to Ofsted, or null when none is (a good report). Counted from
 * publication; older reports that print no publication date count from their baseline (the end of
 * the inspection), which is what their due dates are counted from too.
 */
export function ofstedPlanDeadline(
  report: { publishedOn: IsoDate | null; baselineDate?: IsoDate | null; judgements: readonly Judgement[]; ofstedPlanDueDate?: IsoDate | null },
  today: IsoDate,
): OfstedPlanDeadline | null {
  let dueDate: IsoDate;
  let source: OfstedPlanDeadline['source'];
  if (report.ofstedPlanDueDate) {
    dueDate = report.ofstedPlanDueDate;
    source = 'set';
  } else if ((report.publishedOn ?? report.baselineDate) && needsOfstedActionPlan(report.judgements)) {
    dueDate = addWorkingDays((report.publishedOn ?? report.baselineDate)!, OFSTED_PLAN_WORKING_DAYS);
    source = 'default';
  } else {
    return null;
  }
  return { dueDate, source, workingDaysLeft: workingDaysBetween(today, dueDate), passed: today > dueDate };
}

/** Whether `date` is one of the days the board chair hears about the deadline (20 and 5 working days before). */
export function ofstedPlanReminderDue(dueDate: IsoDate, date: IsoDate): number | null {
  if (!isWorkingDay(date) || date >= dueDate) return null;
  const left = workingDaysBetween(date, dueDate);
  return OFSTED_PLAN_REMINDER_WORKING_DAYS.includes(left) ? left : null;
}
