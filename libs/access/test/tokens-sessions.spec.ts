import { describe, expect, it } from 'vitest';
import { sessionsToEnd, toTokenView } from '#access';

describe('ending a user’s sessions', () => {
  it('ends them all, or all but the one kept', () => {
    expect(sessionsToEnd([3, 5, 8])).toEqual([3, 5, 8]);
    expect(sessionsToEnd([3, 5, 8], 5)).toEqual([3, 8]);
    expect(sessionsToEnd([3], 3)).toEqual([]);
    expect(sessionsToEnd([], 3)).toEqual([]);
  });
});

describe('a token as listed', () => {
  it('gives its times as ISO text and never its secret or hash', () => {
    const stored = {
      id: 4,
      name: 'board pack export',
      userId: 2,
      tokenPrefix: 'itk_abc',
      tokenHash: 'f'.repeat(64),
      expiresAt: new Date('2026-06-01T09:00:00Z'),
      revokedAt: null,
      lastUsedAt: new Date('2026-03-02T10:00:00Z'),
      createdAt: new Date('2026-03-02T09:00:00Z'),
    };
    const view = toTokenView(stored);
    expect(view).toEqual({ id: 4, name: 'board pack export', userId: 2, expiresAt: '2026-06-01T09:00:00.000Z', revokedAt: null, lastUsedAt: '2026-03-02T10:00:00.000Z', createdAt: '2026-03-02T09:00:00.000Z' });
    expect(JSON.stringify(view)).not.toMatch(/itk_abc|ffff/);
    expect(toTokenView({ ...stored, revokedAt: new Date('2026-03-03T00:00:00Z'), lastUsedAt: null })).toMatchObject({ revokedAt: '2026-03-03T00:00:00.000Z', lastUsedAt: null });
  });
});
