import { describe, expect, it } from 'vitest';
import { isLocked, LOCKOUT_MINUTES, MAX_FAILED_LOGINS, signInOutcome, type SignInRecord } from '../src/sign-in.rules.js';

const NOW = new Date('2026-01-05T09:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);
const clean: SignInRecord = { failedLoginCount: 0, lockedUntil: null };

describe('signInOutcome', () => {
  it('signs in with the right password and stores nothing when there was nothing to clear', () => {
    expect(signInOutcome(clean, true, NOW)).toEqual({ kind: 'signed-in', store: null });
  });

  it('clears earlier failures and a lapsed lock on success', () => {
    expect(signInOutcome({ failedLoginCount: 3, lockedUntil: null }, true, NOW).store).toEqual(clean);
    expect(signInOutcome({ failedLoginCount: 0, lockedUntil: minutes(-1) }, true, NOW)).toEqual({ kind: 'signed-in', store: clean });
  });

  it('counts wrong passwords one by one, up to one short of the limit', () => {
    let record = clean;
    for (let failure = 1; failure < MAX_FAILED_LOGINS; failure++) {
      const outcome = signInOutcome(record, false, NOW);
      expect(outcome).toEqual({ kind: 'wrong-password', store: { failedLoginCount: failure, lockedUntil: null } });
      record = outcome.store!;
    }
    const locking = signInOutcome(record, false, NOW);
    expect(locking).toEqual({ kind: 'locks-now', until: minutes(LOCKOUT_MINUTES), store: { failedLoginCount: 0, lockedUntil: minutes(LOCKOUT_MINUTES) } });
  });

  it('refuses even the right password while locked, and stores nothing', () => {
    const locked = { failedLoginCount: 0, lockedUntil: minutes(LOCKOUT_MINUTES) };
    expect(signInOutcome(locked, true, NOW)).toEqual({ kind: 'locked', until: locked.lockedUntil, store: null });
    expect(signInOutcome(locked, true, minutes(LOCKOUT_MINUTES - 1)).kind).toBe('locked');
  });

  it('lets the account in again at the instant the lock ends', () => {
    const locked = { failedLoginCount: 0, lockedUntil: minutes(LOCKOUT_MINUTES) };
    expect(isLocked(locked, minutes(LOCKOUT_MINUTES))).toBe(false);
    expect(isLocked(locked, minutes(LOCKOUT_MINUTES - 0.001))).toBe(true);
    expect(signInOutcome(locked, true, minutes(LOCKOUT_MINUTES)).kind).toBe('signed-in');
  });
});
