import { describe, expect, it } from 'vitest';
import { isLocked, LOCKOUT_MINUTES, lockoutEnd } from '../src/sign-in.rules.js';

const NOW = new Date('2026-01-05T09:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('sign-in rules', () => {
  it('locks for fifteen minutes from the failure that locks', () => {
    expect(LOCKOUT_MINUTES).toBe(15);
    expect(lockoutEnd(NOW)).toEqual(minutes(15));
  });

  it('is locked until the instant the lock ends, and not after', () => {
    const locked = { lockedUntil: minutes(LOCKOUT_MINUTES) };
    expect(isLocked(locked, NOW)).toBe(true);
    expect(isLocked(locked, new Date(minutes(LOCKOUT_MINUTES).getTime() - 1))).toBe(true);
    expect(isLocked(locked, minutes(LOCKOUT_MINUTES))).toBe(false);
  });

  it('is not locked without a lock, or with one that has lapsed', () => {
    expect(isLocked({ lockedUntil: null }, NOW)).toBe(false);
    expect(isLocked({ lockedUntil: minutes(-1) }, NOW)).toBe(false);
  });
});
