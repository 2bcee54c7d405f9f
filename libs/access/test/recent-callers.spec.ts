import { describe, expect, it } from 'vitest';
import type { AuthenticatedCaller } from '../src/access.service.js';
import { RecentCallers } from '../src/recent-callers.js';

const caller = (userId: number, tokenId: number): AuthenticatedCaller => ({
  user: { id: userId, email: `user${userId}@tracker.test`, displayName: `User ${userId}` },
  context: { userId, actorName: `User ${userId}`, authorities: ['E09000005'], roles: [], isAdmin: false },
  method: 'token',
  tokenId,
});
const inOneHour = () => new Date(Date.now() + 3_600_000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('RecentCallers', () => {
  it('remembers a caller by the credential presented', () => {
    const memo = new RecentCallers(60_000);
    memo.remember('token:a', caller(1, 10), inOneHour());
    expect(memo.get('token:a')?.user.id).toBe(1);
    expect(memo.get('token:b')).toBeUndefined();
  });

  it('forgets a caller once the entry is older than its limit', async () => {
    const memo = new RecentCallers(30);
    memo.remember('token:a', caller(1, 10), inOneHour());
    await sleep(60);
    expect(memo.get('token:a')).toBeUndefined();
  });

  it('never outlives the credential: an expired token is not served from memory', () => {
    const memo = new RecentCallers(60_000);
    memo.remember('token:a', caller(1, 10), new Date(Date.now() - 1));
    expect(memo.get('token:a')).toBeUndefined();
  });

  it('forgets exactly the callers that match, such as a revoked token or a user whose roles changed', () => {
    const memo = new RecentCallers(60_000);
    memo.remember('token:a', caller(1, 10), inOneHour());
    memo.remember('token:b', caller(1, 11), inOneHour());
    memo.remember('token:c', caller(2, 12), inOneHour());
    memo.forget((remembered) => remembered.tokenId === 10);
    expect(memo.get('token:a')).toBeUndefined();
    expect(memo.get('token:b')?.tokenId).toBe(11);
    memo.forget((remembered) => remembered.user.id === 1);
    expect(memo.get('token:b')).toBeUndefined();
    expect(memo.get('token:c')?.tokenId).toBe(12);
  });

  it('remembers nothing when turned off', () => {
    const memo = new RecentCallers(0);
    memo.remember('token:a', caller(1, 10), inOneHour());
    expect(memo.get('token:a')).toBeUndefined();
  });
});
