import { LRUCache } from 'lru-cache';
import type { Clock } from '#core';
import type { AuthenticatedCaller } from './caller.js';

interface Entry {
  caller: AuthenticatedCaller;
  /** The sooner of the entry's age limit and the moment the credential itself stops working. */
  forgetAt: number;
}

/**
 * Callers authenticated in the last moments, by the credential they presented. Looking a
 * credential up costs more than a cached list answer, and a busy client presents the same one many
 * times a second. Revoking a token, ending a session or changing a user's roles forgets their
 * entries in this process at once; another API process may accept them until its entries age out
 * (AUTH_CACHE_MS). 0 turns the memo off. Ages are read from the injected clock, not the cache's own
 * timer, so they follow the same time as the credentials' expiry.
 */
export class RecentCallers {
  private readonly entries: LRUCache<string, Entry> | null;

  constructor(
    private readonly maxAgeMs: number,
    private readonly clock: Pick<Clock, 'now'>,
  ) {
    this.entries = maxAgeMs > 0 ? new LRUCache<string, Entry>({ max: 10_000 }) : null;
  }

  get(credential: string): AuthenticatedCaller | undefined {
    const entry = this.entries?.get(credential);
    if (!entry) return undefined;
    if (entry.forgetAt <= this.clock.now().getTime()) {
      this.entries!.delete(credential);
      return undefined;
    }
    return entry.caller;
  }

  remember(credential: string, caller: AuthenticatedCaller, expiresAt: Date): void {
    this.entries?.set(credential, { caller, forgetAt: Math.min(expiresAt.getTime(), this.clock.now().getTime() + this.maxAgeMs) });
  }

  forget(matches: (caller: AuthenticatedCaller) => boolean): void {
    if (!this.entries) return;
    for (const [credential, entry] of this.entries.entries()) if (matches(entry.caller)) this.entries.delete(credential);
  }
}
