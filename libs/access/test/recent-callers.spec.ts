import { describe, expect, it } from 'vitest';
import type { AuthenticatedCaller } from '../src/caller.js';
import { RecentCallers } from '../src/recent-callers.js';

const caller = (userId: number, tokenId: number): AuthenticatedCaller => ({
  user: { id: userId, email: `user${userId}@tracker.test`, displayName: `User ${userId}` },
  context: { userId, actorName: `User ${userId}`, authorities: ['E09000005'], roles: [], isAdmin: false },
  method: 'token',
  tokenId,
});

/** A clock the test moves by hand, in milliseconds. */
class HandClock {
  private ms = Date.UTC(2026, 0, 5, 9);
  now(): Date {
    return new Date(this.ms);
  }
  advance(ms: number): void {
    this.ms += ms;
  }
}

describe('RecentCallers', () => {
  const inOneHour = (clock: HandClock) => new Date(clock.now().getTime() + 3_600_000);

  it('remembers a caller by the credential presented', () => {
    const clock = new HandClock();
    const memo = new RecentCallers(60_000, clock);
    memo.remember('token:a', caller(1, 10), inOneHour(clock));
    expect(memo.get('token:a')?.user.id).toBe(1);
    expect(memo.get('token:b')).toBeUndefined();
  });

  it('forgets a caller once the entry is older than its limit, and not before', () => {
    const clock = new HandClock();
    const memo = new RecentCallers(30, clock);
    memo.remember('token:a', caller(1, 10), inOneHour(clock));
    clock.advance(29);
    expect(memo.get('token:a')?.user.id).toBe(1);
    clock.advance(1);
    expect(memo.get('token:a')).toBeUndefined();
  });

  it('never outlives the credential: a token expiring before the age limit is forgotten when it expires', () => {
    const clock = new HandClock();
    const memo = new RecentCallers(60_000, clock);
    memo.remember('token:a', caller(1, 10), new Date(clock.now().getTime() + 1_000));
    expect(memo.get('token:a')?.user.id).toBe(1);
    clock.advance(1_000);
    expect(memo.get('token:a')).toBeUndefined();
    memo.remember('token:b', caller(1, 11), new Date(clock.now().getTime() - 1));
    expect(memo.get('token:b')).toBeUndefined();
  });

  it('forgets exactly the callers that match, such as a revoked token or a user whose roles changed', () => {
    const clock = new HandClock();
    const memo = new RecentCallers(60_000, clock);
    memo.remember('token:a', caller(1, 10), inOneHour(clock));
    memo.remember('token:b', caller(1, 11), inOneHour(clock));
    memo.remember('token:c', caller(2, 12), inOneHour(clock));
    memo.forget((remembered) => remembered.tokenId === 10);
    expect(memo.get('token:a')).toBeUndefined();
    expect(memo.get('token:b')?.tokenId).toBe(11);
    memo.forget((remembered) => remembered.user.id === 1);
    expect(memo.get('token:b')).toBeUndefined();
    expect(memo.get('token:c')?.tokenId).toBe(12);
  });

  it('remembers nothing when turned off', () => {
    const clock = new HandClock();
    const memo = new RecentCallers(0, clock);
    memo.remember('token:a', caller(1, 10), inOneHour(clock));
    expect(memo.get('token:a')).toBeUndefined();
  });
});
