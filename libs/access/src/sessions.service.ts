import { Injectable } from '@nestjs/common';
import { Clock } from '#core';
import { SESSION_HOURS, sessionExpiry, sessionsToEnd } from './credential.rules.js';
import { RecentCallers } from './recent-callers.js';
import { randomSecret, sha256Hex } from './secrets.js';
import { SessionRepository } from './session.repository.js';

/** A browser session just started: the cookie value and CSRF token exist only here, once. */
export interface StartedSession {
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  /** The session's lifetime, for the cookie: a browser counts it from when it receives the cookie. */
  maxAgeMs: number;
}

/** Browser sessions: started once an identity is proven, ended on sign-out or an account change. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionRepository,
    private readonly recentCallers: RecentCallers,
    private readonly clock: Clock,
  ) {}

  /** A new browser session for a user whose identity was proven (a password, a one-off link, single sign-on). */
  async start(userId: number): Promise<StartedSession> {
    const sessionToken = randomSecret(32);
    const csrfToken = randomSecret(32);
    const now = this.clock.now();
    const expiresAt = sessionExpiry(now);
    await this.sessions.insert({ idHash: sha256Hex(sessionToken), userId, csrfSecret: csrfToken, expiresAt }, now);
    return { sessionToken, csrfToken, expiresAt, maxAgeMs: SESSION_HOURS * 60 * 60 * 1000 };
  }

  /** Ends every session of a user but the one given (a password change keeps its own browser signed in). */
  async endAll(userId: number, exceptSessionId?: number): Promise<void> {
    await this.sessions.remove(sessionsToEnd(await this.sessions.idsOf(userId), exceptSessionId));
    this.recentCallers.forget((caller) => caller.user.id === userId && caller.sessionId !== undefined && caller.sessionId !== exceptSessionId);
  }

  async end(sessionId: number): Promise<void> {
    await this.sessions.remove([sessionId]);
    this.recentCallers.forget((caller) => caller.sessionId === sessionId);
  }
}
