import { isBankHoliday, type IsoDate } from '#deadlines';

/**
 * Calendar arithmetic for composing digests, on ISO strings and UTC day numbers. A digest of a
 * hundred actions formats hundreds of dates; going through Date parsing and locale formatting for
 * each made composing, not sending, the slowest part of delivery. The results are the same as
 * #deadlines' (the unit tests compare them), and bank holidays still come from there.
 */
const DAY_MS = 86_400_000;
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function dayNumber(date: IsoDate): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
}

/** Whole days from `from` to `to`, positive when `to` is later. */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysAfter(from: IsoDate, to: IsoDate): number {
  let count = 0;
  for (let day = dayNumber(from) + 1, last = dayNumber(to); day <= last; day += 1) {
    // Day 0 (1 January 1970) was a Thursday.
    const weekday = (day + 4) % 7;
    if (weekday !== 0 && weekday !== 6 && !isBankHoliday(new Date(day * DAY_MS).toISOString().slice(0, 10))) count += 1;
  }
  return count;
}

/** "2 June 2025". */
export function longDate(date: IsoDate): string {
  return `${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}
