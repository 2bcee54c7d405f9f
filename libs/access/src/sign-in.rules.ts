export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

/** What is stored about an account's recent sign-in failures. */
export interface SignInRecord {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

/**
 * The result of one password attempt, and what to store about it. Five failures in a row lock the
 * account for fifteen minutes, during which even the right password is refused, so guessing
 * cannot continue at the rate limit's pace. `passwordMatches` is not consulted while locked: the
 * caller need not check it (and should not, to spend no work on a locked account).
 */
export type SignInOutcome =
  | { kind: 'locked'; until: Date; store: null }
  | { kind: 'locks-now'; until: Date; store: SignInRecord }
  | { kind: 'wrong-password'; store: SignInRecord }
  | { kind: 'signed-in'; store: SignInRecord | null };

export function isLocked(record: SignInRecord, now: Date): boolean {
  return record.lockedUntil !== null && record.lockedUntil.getTime() > now.getTime();
}

export function signInOutcome(record: SignInRecord, passwordMatches: boolean, now: Date): SignInOutcome {
  if (record.lockedUntil && isLocked(record, now)) return { kind: 'locked', until: record.lockedUntil, store: null };
  if (!passwordMatches) {
    const failures = record.failedLoginCount + 1;
    if (failures >= MAX_FAILED_LOGINS) {
      const until = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
      return { kind: 'locks-now', until, store: { failedLoginCount: 0, lockedUntil: until } };
    }
    return { kind: 'wrong-password', store: { failedLoginCount: failures, lockedUntil: record.lockedUntil } };
  }
  const clean = record.failedLoginCount === 0 && record.lockedUntil === null;
  return { kind: 'signed-in', store: clean ? null : { failedLoginCount: 0, lockedUntil: null } };
}
