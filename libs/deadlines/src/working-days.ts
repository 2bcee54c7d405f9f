import Holidays from 'date-holidays';
import { addCalendarDays, dayNumberOf } from './calendar-date.js';
import type { IsoDate } from '#core';

/**
 * England-and-Wales bank holidays come from date-holidays (GB, region ENG), which tracks the
 * one-off holidays (coronations, jubilees, state funerals) that a hand-typed list would miss.
 */
const englandAndWales = new Holidays('GB', 'ENG');

const bankHolidayCache = new Map<number, Set<IsoDate>>();

function bankHolidaysOf(year: number): Set<IsoDate> {
  let holidays = bankHolidayCache.get(year);
  if (!holidays) {
    holidays = new Set(
      englandAndWales
        .getHolidays(year)
        .filter((holiday) => holiday.type === 'public' || holiday.type === 'bank')
        .map((holiday) => holiday.date.slice(0, 10)),
    );
    bankHolidayCache.set(year, holidays);
  }
  return holidays;
}

export function isBankHoliday(date: IsoDate): boolean {
  return bankHolidaysOf(Number(date.slice(0, 4))).has(date);
}

/** 1 January 1970, day 0, was a Thursday. */
function isWeekendDayNumber(dayNumber: number): boolean {
  const weekday = (((dayNumber + 4) % 7) + 7) % 7;
  return weekday === 0 || weekday === 6;
}

export function isWeekend(date: IsoDate): boolean {
  return isWeekendDayNumber(dayNumberOf(date));
}

export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/** Monday to Friday in the day numbers first..last inclusive. */
function weekdaysBetweenDayNumbers(first: number, last: number): number {
  const days = last - first + 1;
  let count = Math.floor(days / 7) * 5;
  for (let day = first + Math.floor(days / 7) * 7; day <= last; day += 1) if (!isWeekendDayNumber(day)) count += 1;
  return count;
}

/**
 * Working days after `from` up to and including `to`; 0 when `to` is not after `from`. Counted,
 * not walked: the weekdays of the span less its bank holidays that fall on weekdays, so a chair's
 * escalation of actions a year late costs a few holidays' checks each, not a year of days.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const first = dayNumberOf(from) + 1;
  const last = dayNumberOf(to);
  if (last < first) return 0;
  let count = weekdaysBetweenDayNumbers(first, last);
  for (let year = Number(from.slice(0, 4)); year <= Number(to.slice(0, 4)); year += 1) {
    for (const holiday of bankHolidaysOf(year)) {
      const day = dayNumberOf(holiday);
      if (day >= first && day <= last && !isWeekendDayNumber(day)) count -= 1;
    }
  }
  return count;
}

/** The first working day strictly after `date`. */
export function nextWorkingDay(date: IsoDate): IsoDate {
  let day = addCalendarDays(date, 1);
  while (!isWorkingDay(day)) day = addCalendarDays(day, 1);
  return day;
}
