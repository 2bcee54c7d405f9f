import { Injectable } from '@nestjs/common';
import { AppConfig } from '#config';
import { todayIn, type IsoDate } from '#deadlines';

/** The current time and the calendar date in the deployment's time zone. Tests substitute a fixed clock. */
@Injectable()
export class Clock {
  constructor(private readonly config: AppConfig) {}

  now(): Date {
    return new Date();
  }

  today(): IsoDate {
    return todayIn(this.config.TZ_NAME, this.now());
  }
}
