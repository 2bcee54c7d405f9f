import { LRUCache } from 'lru-cache';
import { normaliseEmail } from './accounts.service.js';
import { sha256Hex } from './secrets.js';
import { isLocked, lockoutEnd, MAX_FAILED_LOGINS, type SignInRecord } from './sign-in.rules.js';

/**
 * Failed sign-ins for email addresses with no account (or none that may sign in with a password),
 * counted as an account's are, so that the fifth wrong attempt answers "locked" whether or not
 * the address has an account: otherwise the lockout itself would tell an attacker which addresses
 * do.
 *
 * Kept in memory, not in a table: an unauthenticated stranger could otherwise make the database
 * write a row per invented address. The map holds at most `capacity` addresses (by their sha256,
 * never in clear) and forgets the least recently tried first; forgetting one only lets its count
 * start again, and no account is behind it to protect. Each API process keeps its own count.
 */
export class UnknownEmailSignIns {
  private readonly records: LRUCache<string, SignInRecord>;

  constructor(capacity = 10_000) {
    this.records = new LRUCache<string, SignInRecord>({ max: capacity });
  }

  /** When the address's lock ends, while it is locked; null otherwise. */
  lockedUntil(email: string, now: Date): Date | null {
    const record = this.records.get(keyOf(email));
    return record && isLocked(record, now) ? record.lockedUntil : null;
  }

  /** Counts one more failure; answers when the lock ends if this failure locks the address, else null. */
  countFailure(email: string, now: Date): Date | null {
    const key = keyOf(email);
    const record = this.records.get(key) ?? { failedLoginCount: 0, lockedUntil: null };
    if (isLocked(record, now)) return record.lockedUntil;
    const failedLoginCount = record.failedLoginCount + 1;
    // As for an account: the failure that reaches the limit locks, and the count starts again.
    const next: SignInRecord = failedLoginCount >= MAX_FAILED_LOGINS ? { failedLoginCount: 0, lockedUntil: lockoutEnd(now) } : { failedLoginCount, lockedUntil: null };
    this.records.set(key, next);
    return next.lockedUntil;
  }

  /** How many addresses are remembered (for tests of the bound). */
  get size(): number {
    return this.records.size;
  }
}

function keyOf(email: string): string {
  return sha256Hex(normaliseEmail(email));
}
