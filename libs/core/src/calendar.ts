/** Calendar date in ISO form, `YYYY-MM-DD`. Never a timestamp: deadlines have no time of day. */
export type IsoDate = string;

/**
 * The current instant and the calendar date in the deployment's time zone. Services take it
 * injected and never read the system time themselves, so tests and rules run on a clock they set.
 * (The system's clock is ZonedClock in #deadlines.)
 */
export abstract class Clock {
  abstract now(): Date;
  abstract today(): IsoDate;
}
