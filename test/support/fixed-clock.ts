import type { IsoDate } from '#core';

/** A clock the test moves by hand: "today" is whatever the test last set. */
export class FixedClock {
  constructor(private current: IsoDate) {}

  set(today: IsoDate): void {
    this.current = today;
  }

  now(): Date {
    return new Date(`${this.current}T09:00:00Z`);
  }

  today(): IsoDate {
    return this.current;
  }
}
