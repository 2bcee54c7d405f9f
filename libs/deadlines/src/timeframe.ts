import { addCalendarMonths } from './calendar-date.js';
import type { IsoDate, Timeframe } from '#core';

/** Months after the baseline each timeframe allows. Unspecified items get a year, flagged as assumed. */
const MONTHS_ALLOWED: Record<Timeframe, number> = {
  immediate: 0,
  three_months: 3,
  six_months: 6,
  unspecified: 12,
};

export interface DueDate {
  dueDate: IsoDate;
  dueDateAssumed: boolean;
}

/** The report's own publication date when it prints one, else the last day of the inspection. */
export function baselineDateOf(publishedOn: IsoDate | null, inspectionEnd: IsoDate | null): IsoDate | null {
  return publishedOn ?? inspectionEnd ?? null;
}

export function dueDateFor(timeframe: Timeframe, baselineDate: IsoDate): DueDate {
  return {
    dueDate: addCalendarMonths(baselineDate, MONTHS_ALLOWED[timeframe]),
    dueDateAssumed: timeframe === 'unspecified',
  };
}
