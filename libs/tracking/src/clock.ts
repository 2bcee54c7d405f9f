import { Injectable } from '@nestjs/common';
import { AppConfig } from '#config';
import { todayIn, type IsoDate } from '#deadlines';

/** The current time and the calendar date in the deployment's time zone. Tests substitute a fixed clock. */
@Injectable()
export class Clock {
  // Every list request asks for today; working it out in a time zone costs more than the rest of a cached answer.
  private todayAt = { second: Number.NaN, date: '' };

  constructor(private readonly config: AppConfig) {}

  now(): Date {
    return new Date();
  }

  today(): IsoDate {
    const now = this.now();
    const second = Math.floor(now.getTime() / 1000);
    if (second !== this.todayAt.second) this.todayAt = { second, date: todayIn(this.config.TZ_NAME, now) };
    return this.todayAt.date;
  }
}
