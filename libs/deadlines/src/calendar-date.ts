import { addDays, addMonths, differenceInCalendarDays, format, isValid, parse } from 'date-fns';

/** Calendar date in ISO form, `YYYY-MM-DD`. Never a timestamp: deadlines have no time of day. */
export type IsoDate = string;

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
  return isValid(parse(value, 'yyyy-MM-dd', new Date(2000, 0, 1)));
}

export function toIsoDate(date: Date): IsoDate {
  return format(date, 'yyyy-MM-dd');
}

/** Adds calendar months, clamping to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  return toIsoDate(addMonths(parseIsoDate(date), months));
}

export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return toIsoDate(addDays(parseIsoDate(date), days));
}

/** Whole days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return differenceInCalendarDays(parseIsoDate(to), parseIsoDate(from));
}

/** Today's calendar date in an IANA time zone (Europe/London for English councils). */
export function todayIn(timeZone: string, now: Date = new Date()): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  return parts;
}
