import { describe, expect, it } from 'vitest';
import type { AccountsService } from '../src/accounts.service.js';
import { AuthenticationService } from '../src/authentication.service.js';
import { TOKEN_USE_RECORDED_EVERY_MS } from '../src/credential.rules.js';
import type { CredentialsRepository, StoredCredential } from '../src/credentials.repository.js';
import { RecentCallers } from '../src/recent-callers.js';
import { newTokenParts, sha256Hex } from '../src/secrets.js';
import type { SessionsService } from '../src/sessions.service.js';
import type { TokensService } from '../src/tokens.service.js';
import type { UnknownEmailSignIns } from '../src/unknown-email-sign-ins.js';

/** A clock the test moves by hand. */
class HandClock {
  private at = new Date('2026-03-02T09:00:00Z').getTime();
  now(): Date {
    return new Date(this.at);
  }
  today(): string {
    return this.now().toISOString().slice(0, 10);
  }
  advance(ms: number): void {
    this.at += ms;
  }
}

const HOUR = 60 * 60 * 1000;

/** The credentials in memory: one token and one session of one council's board member. */
function setUp(options: { cacheMs?: number } = {}) {
  const clock = new HandClock();
  const { prefix, secret, token } = newTokenParts();
  const sessionToken = 'a-session-cookie-value';
  const credential = (overrides: Partial<StoredCredential>): StoredCredential => ({
    id: 1,
    secretHash: null,
    csrfSecret: null,
    expiresAt: new Date(clock.now().getTime() + 8 * HOUR),
    revokedAt: null,
    lastUsedAt: null,
    user: { id: 5, email: 'bo@council.example', displayName: 'Bo Board' },
    userDeactivated: false,
    roles: [{ role: 'board_member', authorityCode: 'E09000001', teamId: null }],
    ...overrides,
  });
  const stored = {
    token: credential({ id: 11, secretHash: sha256Hex(secret) }),
    session: credential({ id: 21, csrfSecret: 'csrf' }),
  };
  const uses: { tokenId: number; at: Date }[] = [];
  const ended: number[] = [];
  const lookups = { tokens: 0, sessions: 0 };
  const credentials = {
    tokenByPrefix: async (asked: string) => {
      lookups.tokens += 1;
      return asked === prefix ? { ...stored.token } : null;
    },
    sessionByIdHash: async (asked: string) => {
      lookups.sessions += 1;
      return asked === sha256Hex(sessionToken) ? { ...stored.session } : null;
    },
  } as unknown as CredentialsRepository;
  const tokens = { recordUse: async (tokenId: number, at: Date) => void uses.push({ tokenId, at }) } as unknown as TokensService;
  const sessions = { end: async (id: number) => void ended.push(id) } as unknown as SessionsService;
  const service = new AuthenticationService(
    credentials,
    {} as AccountsService,
    tokens,
    sessions,
    new RecentCallers(options.cacheMs ?? 0, clock),
    {} as UnknownEmailSignIns,
    clock,
  );
  return { service, clock, token, prefix, sessionToken, stored, uses, ended, lookups };
}

describe('AuthenticationService with the credentials in memory', () => {
  it('knows a token by its prefix and secret, with the context its roles give', async () => {
    const { service, token } = setUp();
    const caller = await service.authenticateToken(token);
    expect(caller).toMatchObject({ method: 'token', tokenId: 11, user: { id: 5 }, context: { userId: 5, actorName: 'Bo Board', authorities: ['E09000001'], isAdmin: false } });
  });

  it('refuses a wrong secret, a malformed token, an expired or revoked token and a deactivated user', async () => {
    const { service, token, prefix, stored, clock } = setUp();
    expect(await service.authenticateToken(`itk_${prefix}_${'A'.repeat(43)}`)).toBeNull();
    expect(await service.authenticateToken('not-a-token')).toBeNull();
    stored.token.userDeactivated = true;
    expect(await service.authenticateToken(token)).toBeNull();
    stored.token.userDeactivated = false;
    stored.token.revokedAt = clock.now();
    expect(await service.authenticateToken(token)).toBeNull();
    stored.token.revokedAt = null;
    clock.advance(8 * HOUR);
    expect(await service.authenticateToken(token)).toBeNull();
  });

  it('records a token use at the time of the clock, once more than a minute has passed', async () => {
    const { service, token, stored, uses, clock } = setUp();
    await service.authenticateToken(token);
    expect(uses).toEqual([{ tokenId: 11, at: clock.now() }]);
    stored.token.lastUsedAt = clock.now();
    clock.advance(TOKEN_USE_RECORDED_EVERY_MS);
    await service.authenticateToken(token);
    expect(uses).toHaveLength(1);
    clock.advance(1);
    await service.authenticateToken(token);
    expect(uses).toHaveLength(2);
  });

  it('remembers a caller for the cache age by the same clock, and not past the credential', async () => {
    const { service, token, lookups, clock } = setUp({ cacheMs: 5_000 });
    await service.authenticateToken(token);
    await service.authenticateToken(token);
    expect(lookups.tokens).toBe(1);
    clock.advance(5_000);
    await service.authenticateToken(token);
    expect(lookups.tokens).toBe(2);
  });

  it('knows a session by its cookie, with its CSRF secret, and ends one that has expired', async () => {
    const { service, sessionToken, clock, ended } = setUp();
    expect(await service.authenticateSession(sessionToken)).toMatchObject({ method: 'session', sessionId: 21, csrfSecret: 'csrf', user: { id: 5 } });
    expect(await service.authenticateSession('another-cookie')).toBeNull();
    expect(await service.authenticateSession('x'.repeat(101))).toBeNull();
    clock.advance(8 * HOUR);
    expect(await service.authenticateSession(sessionToken)).toBeNull();
    expect(ended).toEqual([21]);
  });
});
