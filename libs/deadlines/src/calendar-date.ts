import { addMonths, format, isValid, parse } from 'date-fns';

import type { IsoDate } from '#core';

const ISO_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Calendar dates are handled as local-midnight `Date`s and formatted back straight away, so
 * the process time zone can never move a date across midnight.
 */
export function parseIsoDate(value: IsoDate): Date {
  const date = ISO_PATTERN.test(value) ? parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1)) : new Date(Number.NaN);
  if (!isValid(date)) throw new RangeError(`"${value}" is not a calendar date in the form YYYY-MM-DD`);
  return date;
}

export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string' || !ISO_PATTERN.test(value)) return false;
  // The extractor asks this of every date a report prints: a UTC round trip costs far less than a
  // date-fns parse, and says the same (the day exists in that month of that year).
  const year = Number(value.slice(0, 4));
  const month = Number(value.slice(5, 7)) - 1;
  const day = Number(value.slice(8, 10));
  const date = new Date(0);
  date.setUTCFullYear(year, month, day);
  return date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day;
}

export function toIsoDate(date: Date): IsoDate {
  return format(date, 'yyyy-MM-dd');
}

/** Adds calendar months, clamping to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  return toIsoDate(addMonths(parseIsoDate(date), months));
}

const DAY_MS = 86_400_000;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** About 27 years of distinct dates; past that the cache starts again rather than grow. */
const DAY_NUMBER_CACHE_SIZE = 10_000;
const DAY_NUMBERS = new Map<string, number>();

/**
 * Days since 1970-01-01 in UTC. Day-level arithmetic runs in the reminder sweep's hot loops, so it
 * works on these numbers rather than parsing and formatting a Date each time.
 */
export function dayNumberOf(date: IsoDate): number {
  const known = DAY_NUMBERS.get(date);
  if (known !== undefined) return known;
  const dayNumber = computeDayNumber(date);
  // A council's summary rates hundreds of actions that share a few hundred dates: each is worked out once.
  if (DAY_NUMBERS.size >= DAY_NUMBER_CACHE_SIZE) DAY_NUMBERS.clear();
  DAY_NUMBERS.set(date, dayNumber);
  return dayNumber;
}

function computeDayNumber(date: IsoDate): number {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7)) - 1;
  const day = Number(date.slice(8, 10));
  const ms = Date.UTC(year, month, day);
  if (date.length !== 10 || !ISO_PATTERN.test(date) || new Date(ms).getUTCDate() !== day) {
    throw new RangeError(`"${date}" is not a calendar date in the form YYYY-MM-DD`);
  }
  return ms / DAY_MS;
}

export function isoDateOfDayNumber(dayNumber: number): IsoDate {
  return new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return isoDateOfDayNumber(dayNumberOf(date) + days);
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumberOf(to) - dayNumberOf(from);
}

/** The date as people write it in letters and emails: "2 June 2025". */
export function formatLongDate(date: IsoDate): string {
  dayNumberOf(date);
  return `${Number(date.slice(8, 10))} ${MONTH_NAMES[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** Today's calendar date in an IANA time zone (Europe/London for English councils). */
export function todayIn(timeZone: string, now: Date): IsoDate {
  return dateFormatIn(timeZone).format(now);
}

// Building an Intl.DateTimeFormat costs far more than using one, and "today" is asked on every request.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

function dateFormatIn(timeZone: string): Intl.DateTimeFormat {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format;
}
