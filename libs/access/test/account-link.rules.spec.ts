import { describe, expect, it } from 'vitest';
import { isLinkToken, LINK_LIFETIME_HOURS, linkExpiry, linkStatus, recentIssueExpiresAfter, type StoredAccountLink } from '#access';

const NOW = new Date('2026-03-02T09:00:00Z');
const HOUR = 60 * 60 * 1000;
const person = { id: 4, email: 'sam@council.example', displayName: 'Sam', passwordHash: null, deactivatedAt: null };
const link = (overrides: Partial<StoredAccountLink> = {}): StoredAccountLink => ({ purpose: 'invitation', expiresAt: new Date(NOW.getTime() + HOUR), usedAt: null, user: person, ...overrides });

describe('a link’s secret', () => {
  it('is 43 base64url characters; anything else is not looked up', () => {
    expect(isLinkToken('a'.repeat(42) + '_')).toBe(true);
    expect(isLinkToken('A-_9'.repeat(10) + 'abc')).toBe(true);
    for (const token of ['a'.repeat(42), 'a'.repeat(44), `${'a'.repeat(42)}=`, `${'a'.repeat(42)}/`, 42, null, undefined, ['a'.repeat(43)]]) expect(isLinkToken(token)).toBe(false);
  });
});

describe('a link’s lifetime', () => {
  it('is 72 hours for an invitation and one hour for a reset', () => {
    expect(LINK_LIFETIME_HOURS).toEqual({ invitation: 72, password_reset: 1 });
    expect(linkExpiry('invitation', NOW)).toEqual(new Date('2026-03-05T09:00:00Z'));
    expect(linkExpiry('password_reset', NOW)).toEqual(new Date('2026-03-02T10:00:00Z'));
  });

  it('"issued in the last 5 minutes" is an expiry later than 55 minutes from now for a reset', () => {
    expect(recentIssueExpiresAfter('password_reset', NOW, 5 * 60 * 1000)).toEqual(new Date('2026-03-02T09:55:00Z'));
    expect(recentIssueExpiresAfter('invitation', NOW, HOUR)).toEqual(new Date('2026-03-05T08:00:00Z'));
  });
});

describe('what a link is', () => {
  it('is unknown when there is no such link or no person for it', () => {
    expect(linkStatus(null, NOW)).toEqual({ status: 'unknown' });
    expect(linkStatus(link({ user: null }), NOW)).toEqual({ status: 'unknown' });
  });

  it('is used once stamped used, whatever its expiry', () => {
    expect(linkStatus(link({ usedAt: NOW, expiresAt: new Date(NOW.getTime() - HOUR) }), NOW)).toEqual({ status: 'used' });
  });

  it('is expired from its expiry instant on, or when its person was deactivated', () => {
    expect(linkStatus(link({ expiresAt: NOW }), NOW)).toEqual({ status: 'expired' });
    expect(linkStatus(link({ expiresAt: new Date(NOW.getTime() + 1) }), NOW).status).toBe('valid');
    expect(linkStatus(link({ user: { ...person, deactivatedAt: NOW } }), NOW)).toEqual({ status: 'expired' });
  });

  it('is valid otherwise, with the person and whether they have a password yet', () => {
    expect(linkStatus(link(), NOW)).toEqual({ status: 'valid', purpose: 'invitation', expiresAt: link().expiresAt, user: { id: 4, email: 'sam@council.example', displayName: 'Sam', hasPassword: false } });
    expect(linkStatus(link({ purpose: 'password_reset', user: { ...person, passwordHash: 'scrypt$...' } }), NOW)).toMatchObject({ purpose: 'password_reset', user: { hasPassword: true } });
  });
});
