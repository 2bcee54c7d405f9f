import type { IsoDate } from '#core';

/** A clock the test moves by hand: "today" is whatever the test last set, at 09:00 UTC, plus any advance since. */
export class FixedClock {
  private advancedMs = 0;

  constructor(private current: IsoDate) {}

  set(today: IsoDate): void {
    this.current = today;
    this.advancedMs = 0;
  }

  /** Moves the time on within the day, e.g. past a link's or an upload's lifetime but not a session's. */
  advance(ms: number): void {
    this.advancedMs += ms;
  }

  now(): Date {
    return new Date(new Date(`${this.current}T09:00:00Z`).getTime() + this.advancedMs);
  }

  today(): IsoDate {
    return this.now().toISOString().slice(0, 10);
  }
}
