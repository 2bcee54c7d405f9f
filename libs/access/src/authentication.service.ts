import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '#core';
import { AccessErrorCode, AccessException } from './access.exception.js';
import { AccountsService, type UserView } from './accounts.service.js';
import { contextOf, type AuthenticatedCaller } from './caller.js';
import { credentialWorks, shouldRecordTokenUse } from './credential.rules.js';
import { CredentialsRepository, type StoredCredential } from './credentials.repository.js';
import { RecentCallers } from './recent-callers.js';
import { decoyPasswordHash, sameDigest, sha256Hex, TOKEN_PATTERN, verifyPassword } from './secrets.js';
import { isLocked, lockoutEnd, MAX_FAILED_LOGINS } from './sign-in.rules.js';
import { SessionsService, type StartedSession } from './sessions.service.js';
import { TokensService } from './tokens.service.js';
import { UnknownEmailSignIns } from './unknown-email-sign-ins.js';

export interface LoginResult extends StartedSession {
  user: UserView;
}

/** Who a request comes from: a token, a session cookie, or a password that starts a session. */
@Injectable()
export class AuthenticationService {
  private readonly logger = new Logger(AuthenticationService.name);

  constructor(
    private readonly credentials: CredentialsRepository,
    private readonly accounts: AccountsService,
    private readonly tokens: TokensService,
    private readonly sessions: SessionsService,
    private readonly recentCallers: RecentCallers,
    private readonly unknownEmails: UnknownEmailSignIns,
    private readonly clock: Clock,
  ) {
    // Made now, so that the first sign-in with an unknown address takes no longer than the next ones.
    void decoyPasswordHash();
  }

  /** Runs on every API request. */
  async authenticateToken(presented: string): Promise<AuthenticatedCaller | null> {
    const recent = this.recentCallers.get(`token:${presented}`);
    if (recent) return recent;
    const match = TOKEN_PATTERN.exec(presented.trim());
    if (!match) return null;
    const [, prefix, secret] = match;
    const token = await this.credentials.tokenByPrefix(prefix);
    if (!token?.secretHash || !sameDigest(sha256Hex(secret), token.secretHash)) return null;
    const now = this.clock.now();
    if (token.userDeactivated || !credentialWorks(token, now)) return null;
    if (shouldRecordTokenUse(token.lastUsedAt, now)) await this.tokens.recordUse(token.id, now);
    const caller: AuthenticatedCaller = { ...callerOf(token), method: 'token', tokenId: token.id };
    this.recentCallers.remember(`token:${presented}`, caller, token.expiresAt);
    return caller;
  }

  async authenticateSession(sessionToken: string): Promise<AuthenticatedCaller | null> {
    if (!sessionToken || sessionToken.length > 100) return null;
    const recent = this.recentCallers.get(`session:${sessionToken}`);
    if (recent) return recent;
    // Looked up by the hash of a 256-bit random value: nothing to learn from the lookup's timing.
    const session = await this.credentials.sessionByIdHash(sha256Hex(sessionToken));
    if (!session || session.userDeactivated) return null;
    if (!credentialWorks(session, this.clock.now())) {
      await this.sessions.end(session.id);
      return null;
    }
    const caller: AuthenticatedCaller = { ...callerOf(session), method: 'session', csrfSecret: session.csrfSecret ?? '', sessionId: session.id };
    this.recentCallers.remember(`session:${sessionToken}`, caller, session.expiresAt);
    return caller;
  }

  /**
   * Checks a password and starts a session. The fifth failure in a row locks the account for a
   * while (see sign-in.rules.ts), counted in the database so that parallel attempts all count.
   *
   * An address with no account that may sign in with a password is answered the same way, in the
   * same time: its password is checked against a decoy hash and its failures are counted (in
   * memory, see UnknownEmailSignIns), so neither the answer nor the lockout tells which addresses
   * have accounts.
   */
  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.accounts.findByEmail(email);
    const now = this.clock.now();
    if (!user?.passwordHash || user.deactivatedAt) {
      const locked = this.unknownEmails.lockedUntil(email, now);
      if (locked) throw accountLocked(locked);
      await verifyPassword(password, await decoyPasswordHash());
      const lockedUntil = this.unknownEmails.countFailure(email, now);
      if (lockedUntil) throw accountLocked(lockedUntil);
      throw wrongCredentials();
    }
    if (isLocked(user, now)) throw accountLocked(user.lockedUntil!);
    if (!(await verifyPassword(password, user.passwordHash))) {
      const lockedUntil = await this.credentials.countFailedSignIn(user.id, now, MAX_FAILED_LOGINS, lockoutEnd(now));
      if (!lockedUntil) throw wrongCredentials();
      this.logger.warn({ message: 'Account locked after repeated failed sign-ins', userId: user.id, lockedUntil: lockedUntil.toISOString() });
      throw accountLocked(lockedUntil);
    }
    const lockedUntil = await this.credentials.clearFailedSignIns(user.id, now);
    if (lockedUntil) throw accountLocked(lockedUntil);
    return this.startSession(user.id);
  }

  /** A new browser session for a user whose identity was proven (a password, a one-off link, single sign-on). */
  async startSession(userId: number): Promise<LoginResult> {
    const session = await this.sessions.start(userId);
    return { ...session, user: await this.accounts.view(userId) };
  }
}

function callerOf(credential: StoredCredential): Pick<AuthenticatedCaller, 'user' | 'context'> {
  return { user: credential.user, context: contextOf(credential.user, credential.roles) };
}

function wrongCredentials(): AccessException {
  return new AccessException(AccessErrorCode.INVALID_CREDENTIALS, 'Email or password is incorrect');
}

function accountLocked(until: Date): AccessException {
  return new AccessException(
    AccessErrorCode.ACCOUNT_LOCKED,
    `Too many failed sign-ins: this account is locked until ${until.toISOString()}. Try again then, or ask an admin to reset the password`,
  );
}
