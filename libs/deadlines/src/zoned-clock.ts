import { Clock, type IsoDate } from '#core';
import { todayIn } from './calendar-date.js';

/** The system's clock: the real time, and today's date where the deployment is (Europe/London). */
export class ZonedClock extends Clock {
  // Every list request asks for today; working it out in a time zone costs more than the rest of a cached answer.
  private todayAt = { second: Number.NaN, date: '' };

  constructor(private readonly timeZone: string) {
    super();
  }

  now(): Date {
    return new Date();
  }

  today(): IsoDate {
    const now = this.now();
    const second = Math.floor(now.getTime() / 1000);
    if (second !== this.todayAt.second) this.todayAt = { second, date: todayIn(this.timeZone, now) };
    return this.todayAt.date;
  }
}
