import { describe, expect, it } from 'vitest';
import { LOCKOUT_MINUTES, MAX_FAILED_LOGINS } from '../src/sign-in.rules.js';
import { UnknownEmailSignIns } from '../src/unknown-email-sign-ins.js';

const NOW = new Date('2026-01-05T09:00:00Z');
const minutes = (n: number) => new Date(NOW.getTime() + n * 60_000);

describe('failed sign-ins for addresses with no account', () => {
  it('lock the address at the fifth failure, as an account is locked, until the lock ends', () => {
    const signIns = new UnknownEmailSignIns();
    for (let failure = 1; failure < MAX_FAILED_LOGINS; failure += 1) expect(signIns.countFailure('nobody@tracker.test', NOW)).toBeNull();
    expect(signIns.lockedUntil('nobody@tracker.test', NOW)).toBeNull();
    expect(signIns.countFailure('nobody@tracker.test', NOW)).toEqual(minutes(LOCKOUT_MINUTES));
    expect(signIns.lockedUntil('Nobody@Tracker.test ', minutes(1))).toEqual(minutes(LOCKOUT_MINUTES));
    // Failures while locked neither extend the lock nor count towards the next one.
    expect(signIns.countFailure('nobody@tracker.test', minutes(2))).toEqual(minutes(LOCKOUT_MINUTES));
    expect(signIns.lockedUntil('nobody@tracker.test', minutes(LOCKOUT_MINUTES))).toBeNull();
    for (let failure = 1; failure < MAX_FAILED_LOGINS; failure += 1) expect(signIns.countFailure('nobody@tracker.test', minutes(LOCKOUT_MINUTES))).toBeNull();
    expect(signIns.countFailure('nobody@tracker.test', minutes(LOCKOUT_MINUTES))).toEqual(minutes(2 * LOCKOUT_MINUTES));
  });

  it('count each address on its own, the same address however it is capitalised or spaced', () => {
    const signIns = new UnknownEmailSignIns();
    for (let failure = 1; failure < MAX_FAILED_LOGINS; failure += 1) signIns.countFailure(failure % 2 ? 'a@tracker.test' : ' A@TRACKER.TEST', NOW);
    expect(signIns.countFailure('b@tracker.test', NOW)).toBeNull();
    expect(signIns.countFailure('a@tracker.test', NOW)).toEqual(minutes(LOCKOUT_MINUTES));
  });

  it('remember a bounded number of addresses, forgetting the least recently tried', () => {
    const signIns = new UnknownEmailSignIns(3);
    for (let failure = 1; failure < MAX_FAILED_LOGINS; failure += 1) signIns.countFailure('first@tracker.test', NOW);
    for (const other of ['x@tracker.test', 'y@tracker.test', 'z@tracker.test']) signIns.countFailure(other, NOW);
    expect(signIns.size).toBe(3);
    // Forgotten, its count starts again: no account is behind it to protect.
    expect(signIns.countFailure('first@tracker.test', NOW)).toBeNull();
  });
});
