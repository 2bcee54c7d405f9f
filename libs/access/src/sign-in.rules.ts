/** How many failed sign-ins in a row lock an account. */
export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

/** What is stored about an account's recent sign-in failures. */
export interface SignInRecord {
  failedLoginCount: number;
  lockedUntil: Date | null;
}

/** While locked, even the right password is refused, so guessing cannot go on at the rate limit's pace. */
export function isLocked(record: Pick<SignInRecord, 'lockedUntil'>, now: Date): boolean {
  return record.lockedUntil !== null && record.lockedUntil.getTime() > now.getTime();
}

/** When a lock that starts now ends. */
export function lockoutEnd(now: Date): Date {
  return new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
}
