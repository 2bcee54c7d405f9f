import { Injectable } from '@nestjs/common';
import { AccountsService, type NewRole, type NewUser, type UserView } from './accounts.service.js';
import { AuthenticationService, type LoginResult } from './authentication.service.js';
import type { AuthenticatedCaller } from './caller.js';
import type { User } from './entities/user.entity.js';
import { SessionsService } from './sessions.service.js';
import { TokensService, type TokenView } from './tokens.service.js';

/**
 * The access library in one place, for callers that need several of its parts (the CLI, seeding,
 * the HTTP layer): accounts and roles (AccountsService), personal access tokens (TokensService),
 * browser sessions (SessionsService) and working out who a request comes from
 * (AuthenticationService). It holds no rules of its own; each part can be used directly.
 */
@Injectable()
export class AccessService {
  constructor(
    readonly accounts: AccountsService,
    readonly tokens: TokensService,
    readonly sessions: SessionsService,
    readonly authentication: AuthenticationService,
  ) {}

  // --- accounts and roles ----------------------------------------------------------------------
  createUser(input: NewUser): Promise<UserView> {
    return this.accounts.createUser(input);
  }
  listUsers(): Promise<UserView[]> {
    return this.accounts.listUsers();
  }
  view(userId: number): Promise<UserView> {
    return this.accounts.view(userId);
  }
  listUsersOf(authorityCode: string): Promise<UserView[]> {
    return this.accounts.listUsersOf(authorityCode);
  }
  rename(userId: number, displayName: string): Promise<UserView> {
    return this.accounts.rename(userId, displayName);
  }
  deactivate(userId: number, now: Date): Promise<UserView> {
    return this.accounts.deactivate(userId, now);
  }
  reactivate(userId: number): Promise<UserView> {
    return this.accounts.reactivate(userId);
  }
  findByEmail(email: string): Promise<User | null> {
    return this.accounts.findByEmail(email);
  }
  countUsers(): Promise<number> {
    return this.accounts.countUsers();
  }
  grantRole(userId: number, input: NewRole): Promise<UserView> {
    return this.accounts.grantRole(userId, input);
  }
  revokeRole(userId: number, roleId: number): Promise<UserView> {
    return this.accounts.revokeRole(userId, roleId);
  }
  setPassword(userId: number, password: string, keepSessionId?: number): Promise<void> {
    return this.accounts.setPassword(userId, password, keepSessionId);
  }
  checkPassword(userId: number, password: string): Promise<boolean> {
    return this.accounts.checkPassword(userId, password);
  }
  forgetUser(userId: number): void {
    this.accounts.forgetUser(userId);
  }

  // --- personal access tokens ------------------------------------------------------------------
  createToken(userId: number, name: string, expiresInDays: number): Promise<{ token: string; tokenInfo: TokenView }> {
    return this.tokens.create(userId, name, expiresInDays);
  }
  listTokens(userId?: number): Promise<TokenView[]> {
    return this.tokens.list(userId);
  }
  revokeToken(tokenId: number, ownerId: number | undefined): Promise<TokenView> {
    return this.tokens.revoke(tokenId, ownerId);
  }

  // --- sessions and authentication -------------------------------------------------------------
  authenticateToken(presented: string): Promise<AuthenticatedCaller | null> {
    return this.authentication.authenticateToken(presented);
  }
  authenticateSession(sessionToken: string): Promise<AuthenticatedCaller | null> {
    return this.authentication.authenticateSession(sessionToken);
  }
  login(email: string, password: string): Promise<LoginResult> {
    return this.authentication.login(email, password);
  }
  startSession(userId: number): Promise<LoginResult> {
    return this.authentication.startSession(userId);
  }
  endSessions(userId: number, exceptSessionId?: number): Promise<void> {
    return this.sessions.endAll(userId, exceptSessionId);
  }
  logout(sessionId: number): Promise<void> {
    return this.sessions.end(sessionId);
  }
}
