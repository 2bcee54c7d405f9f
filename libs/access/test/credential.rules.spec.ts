import { describe, expect, it } from 'vitest';
import { contextOf } from '../src/caller.js';
import { credentialWorks, MAX_TOKEN_DAYS, SESSION_HOURS, sessionExpiry, shouldRecordTokenUse, tokenExpiry, tokenLifetimeProblem } from '../src/credential.rules.js';

const NOW = new Date('2026-01-05T09:00:00Z');
const later = (ms: number) => new Date(NOW.getTime() + ms);

describe('credential rules', () => {
  it('accepts token lifetimes of whole days from 1 to the maximum, and says what to fix otherwise', () => {
    expect(tokenLifetimeProblem(1)).toBeNull();
    expect(tokenLifetimeProblem(MAX_TOKEN_DAYS)).toBeNull();
    for (const days of [0, -1, 1.5, MAX_TOKEN_DAYS + 1, Number.NaN]) expect(tokenLifetimeProblem(days)).toBe(`expiresInDays must be a whole number from 1 to ${MAX_TOKEN_DAYS}`);
  });

  it('dates a token and a session from the clock given', () => {
    expect(tokenExpiry(NOW, 30)).toEqual(new Date('2026-02-04T09:00:00Z'));
    expect(sessionExpiry(NOW)).toEqual(later(SESSION_HOURS * 3_600_000));
  });

  it('lets a credential work until the instant it expires, and never once revoked', () => {
    expect(credentialWorks({ expiresAt: later(1) }, NOW)).toBe(true);
    expect(credentialWorks({ expiresAt: NOW }, NOW)).toBe(false);
    expect(credentialWorks({ expiresAt: later(60_000), revokedAt: NOW }, NOW)).toBe(false);
  });

  it('records a token use at most once a minute', () => {
    expect(shouldRecordTokenUse(null, NOW)).toBe(true);
    expect(shouldRecordTokenUse(later(-60_000), NOW)).toBe(false);
    expect(shouldRecordTokenUse(later(-60_001), NOW)).toBe(true);
  });
});

describe('contextOf', () => {
  const user = { id: 7, email: 'sam@brent.example', displayName: 'Sam' };

  it('gives an admin of the whole deployment every authority', () => {
    const context = contextOf(user, [{ role: 'viewer', authorityCode: 'E09000005', teamId: null }, { role: 'admin', authorityCode: null, teamId: null }]);
    expect(context).toMatchObject({ userId: 7, actorName: 'Sam', authorities: 'all', isAdmin: true });
  });

  it('gives anyone else the authorities they hold a role in, once each and sorted', () => {
    const context = contextOf(user, [
      { role: 'viewer', authorityCode: 'E09000031', teamId: null },
      { role: 'team_member', authorityCode: 'E09000005', teamId: 3 },
      { role: 'board_member', authorityCode: 'E09000031', teamId: null },
    ]);
    expect(context.authorities).toEqual(['E09000005', 'E09000031']);
    expect(context.isAdmin).toBe(false);
    expect(context.roles).toHaveLength(3);
  });

  it('gives a council admin their council only, not every authority', () => {
    expect(contextOf(user, [{ role: 'council_admin', authorityCode: 'E09000005', teamId: null }])).toMatchObject({ authorities: ['E09000005'], isAdmin: false });
    expect(contextOf(user, [])).toMatchObject({ authorities: [], isAdmin: false });
  });
});
