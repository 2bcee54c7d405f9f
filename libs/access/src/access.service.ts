import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type Repository } from 'typeorm';
import { AppConfig } from '#config';
import { Authority, instantFromRow, instantOrNullFromRow, runSql, Team } from '#database';
import { AccessErrorCode, AccessException } from './access.exception.js';
import { ApiToken } from './entities/api-token.entity.js';
import { RoleAssignment } from './entities/role-assignment.entity.js';
import { Session } from './entities/session.entity.js';
import { User } from './entities/user.entity.js';
import { passwordProblem, type PasswordOwner } from './password-policy.js';
import { RecentCallers } from './recent-callers.js';
import { decoyPasswordHash, hashPassword, newTokenParts, randomSecret, sameDigest, sha256Hex, TOKEN_PATTERN, verifyPassword } from './secrets.js';
import { Clock, type RequestContext, type Role, type RoleGrant, ROLES } from '#core';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
export const SESSION_HOURS = 8;
export const MAX_TOKEN_DAYS = 365;

export interface UserView {
  id: number;
  email: string;
  displayName: string;
  canSignIn: boolean;
  /** Set when an admin deactivated the account: no sign-in, no tokens. */
  deactivatedAt: string | null;
  /** Bound to a single sign-on identity. */
  usesSingleSignOn: boolean;
  roles: (RoleGrant & { id: number })[];
  createdAt: string;
}

export interface TokenView {
  id: number;
  name: string;
  userId: number;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

export interface NewUser {
  email: string;
  displayName: string;
  password?: string;
}

export interface NewRole {
  role: Role;
  authorityCode?: string | null;
  teamId?: number | null;
}

/** The signed-in user as a request needs them; the full account is AccessService.view(). */
export interface CallerUser {
  id: number;
  email: string;
  displayName: string;
}

/** Who a request comes from, once its token or session cookie has been checked. */
export interface AuthenticatedCaller {
  user: CallerUser;
  context: RequestContext;
  method: 'token' | 'session';
  /** Set for cookie sessions: the CSRF token unsafe requests must echo. */
  csrfSecret?: string;
  sessionId?: number;
  tokenId?: number;
}

export interface LoginResult {
  /** The cookie value; only its hash is stored. */
  sessionToken: string;
  csrfToken: string;
  expiresAt: Date;
  /** The session's lifetime, for the cookie: a browser counts it from when it receives the cookie. */
  maxAgeMs: number;
  user: UserView;
}

/** Accounts, roles, tokens and sessions. Secrets never leave this class except once, on creation. */
@Injectable()
export class AccessService {
  private readonly logger = new Logger(AccessService.name);
  private readonly recentCallers: RecentCallers;

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(RoleAssignment) private readonly roles: Repository<RoleAssignment>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(Authority) private readonly authorities: Repository<Authority>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.recentCallers = new RecentCallers(config.AUTH_CACHE_MS, clock);
  }

  // --- users and roles -------------------------------------------------------------------------

  async createUser(input: NewUser): Promise<UserView> {
    const email = normaliseEmail(input.email);
    if (await this.users.exists({ where: { email } })) throw new AccessException(AccessErrorCode.CONFLICT, `A user with email ${email} already exists`);
    if (input.password !== undefined) assertPasswordStrength(input.password, { email, displayName: input.displayName });
    const user = await this.users.save(
      this.users.create({
        email,
        displayName: input.displayName.trim(),
        passwordHash: input.password === undefined ? null : await hashPassword(input.password),
        failedLoginCount: 0,
        lockedUntil: null,
      }),
    );
    return this.view(user.id);
  }

  async listUsers(): Promise<UserView[]> {
    const users = await this.users.find({ order: { id: 'ASC' }, relations: { roles: true } });
    return users.map(toUserView);
  }

  async view(userId: number): Promise<UserView> {
    const user = await this.users.findOne({ where: { id: userId }, relations: { roles: true } });
    if (!user) throw AccessException.notFound(`User ${userId} was not found`);
    return toUserView(user);
  }

  /** Everyone who holds a role in the authority, by name. */
  async listUsersOf(authorityCode: string): Promise<UserView[]> {
    const ids = await this.roles.find({ where: { authorityCode }, select: { userId: true } });
    if (ids.length === 0) return [];
    const users = await this.users.find({ where: { id: In([...new Set(ids.map((row) => row.userId))]) }, relations: { roles: true } });
    return users.map(toUserView).sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB') || a.id - b.id);
  }

  async rename(userId: number, displayName: string): Promise<UserView> {
    await this.users.update({ id: userId }, { displayName: displayName.trim() });
    this.forgetUser(userId);
    return this.view(userId);
  }

  /** The account can no longer sign in or use its tokens; its name stays in the journal. */
  async deactivate(userId: number, now: Date): Promise<UserView> {
    await this.users.update({ id: userId }, { deactivatedAt: now });
    await this.endSessions(userId);
    this.forgetUser(userId);
    this.logger.log({ message: 'Account deactivated', userId });
    return this.view(userId);
  }

  async reactivate(userId: number): Promise<UserView> {
    await this.users.update({ id: userId }, { deactivatedAt: null, failedLoginCount: 0, lockedUntil: null });
    this.logger.log({ message: 'Account reactivated', userId });
    return this.view(userId);
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.users.findOne({ where: { email: normaliseEmail(email) } });
  }

  async countUsers(): Promise<number> {
    return this.users.count();
  }

  async grantRole(userId: number, input: NewRole): Promise<UserView> {
    await this.view(userId);
    if (!ROLES.includes(input.role)) throw AccessException.invalid(`role must be one of ${ROLES.join(', ')}`);
    const authorityCode = input.authorityCode ?? null;
    const teamId = input.teamId ?? null;
    if (authorityCode === null && input.role !== 'admin') throw AccessException.invalid(`authorityCode is required for the role ${input.role}`);
    if (authorityCode !== null && !(await this.authorities.exists({ where: { code: authorityCode } }))) {
      throw AccessException.invalid(`Authority ${authorityCode} is not known: add its teams or a report first`);
    }
    if (input.role === 'team_member') {
      if (teamId === null) throw AccessException.invalid('teamId is required for a team_member: the team whose actions they update');
      const team = await this.teams.findOne({ where: { id: teamId } });
      if (!team || team.authorityCode !== authorityCode) throw AccessException.invalid(`Team ${teamId} is not a team of authority ${authorityCode}`);
    } else if (teamId !== null) {
      throw AccessException.invalid('teamId is only for the team_member role');
    }
    const same = { userId, role: input.role, authorityCode: authorityCode ?? IsNull(), teamId: teamId ?? IsNull() };
    if (!(await this.roles.exists({ where: same }))) await this.roles.insert({ userId, role: input.role, authorityCode, teamId });
    this.recentCallers.forget((caller) => caller.user.id === userId);
    return this.view(userId);
  }

  async revokeRole(userId: number, roleId: number): Promise<UserView> {
    const result = await this.roles.delete({ id: roleId, userId });
    if (!result.affected) throw AccessException.notFound(`User ${userId} has no role ${roleId}`);
    this.recentCallers.forget((caller) => caller.user.id === userId);
    return this.view(userId);
  }

  /**
   * A new password for the user. Every other session of theirs ends: whoever else held the old
   * password (or a browser left signed in) is signed out. `keepSessionId` is the browser that made the change.
   */
  async setPassword(userId: number, password: string, keepSessionId?: number): Promise<void> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user) throw AccessException.notFound(`User ${userId} was not found`);
    assertPasswordStrength(password, user);
    await this.users.update({ id: userId }, { passwordHash: await hashPassword(password), failedLoginCount: 0, lockedUntil: null });
    await this.endSessions(userId, keepSessionId);
  }

  /** Whether this is the user's current password (a password change asks for it first). */
  async checkPassword(userId: number, password: string): Promise<boolean> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user?.passwordHash) return false;
    return verifyPassword(password, user.passwordHash);
  }

  // --- personal access tokens ------------------------------------------------------------------

  /** Returns the token itself exactly once; afterwards only its hash exists. */
  async createToken(userId: number, name: string, expiresInDays: number): Promise<{ token: string; tokenInfo: TokenView }> {
    await this.view(userId);
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_TOKEN_DAYS) {
      throw AccessException.invalid(`expiresInDays must be a whole number from 1 to ${MAX_TOKEN_DAYS}`);
    }
    const { prefix, secret, token } = newTokenParts();
    const saved = await this.tokens.save(
      this.tokens.create({
        userId,
        name: name.trim(),
        tokenPrefix: prefix,
        tokenHash: sha256Hex(secret),
        expiresAt: new Date(this.clock.now().getTime() + expiresInDays * 24 * 60 * 60 * 1000),
        revokedAt: null,
        lastUsedAt: null,
      }),
    );
    return { token, tokenInfo: toTokenView(saved) };
  }

  async listTokens(userId?: number): Promise<TokenView[]> {
    const tokens = await this.tokens.find({ where: userId === undefined ? {} : { userId }, order: { id: 'ASC' } });
    return tokens.map(toTokenView);
  }

  /** Revokes a token of `ownerId`, or any token when `ownerId` is undefined (an admin). */
  async revokeToken(tokenId: number, ownerId: number | undefined): Promise<TokenView> {
    const token = await this.tokens.findOne({ where: { id: tokenId } });
    if (!token || (ownerId !== undefined && token.userId !== ownerId)) throw AccessException.notFound(`Token ${tokenId} was not found`);
    if (!token.revokedAt) {
      token.revokedAt = this.clock.now();
      await this.tokens.update({ id: tokenId }, { revokedAt: token.revokedAt });
    }
    this.recentCallers.forget((caller) => caller.tokenId === tokenId);
    return toTokenView(token);
  }

  /**
   * Runs on every API request, so the token, its user and their roles come back in one query
   * rather than through entity loading, which cost several times the lookup itself.
   */
  async authenticateToken(presented: string): Promise<AuthenticatedCaller | null> {
    const recent = this.recentCallers.get(`token:${presented}`);
    if (recent) return recent;
    const match = TOKEN_PATTERN.exec(presented.trim());
    if (!match) return null;
    const [, prefix, secret] = match;
    const rows = await this.credentialRows(
      `SELECT t.id AS credential_id, t.token_hash AS secret_hash, t.expires_at, t.revoked_at, t.last_used_at, ${CALLER_COLUMNS}
       FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN role_assignments ra ON ra.user_id = u.id
       WHERE t.token_prefix = :prefix ORDER BY ra.id`,
      { prefix },
    );
    const token = rows[0];
    if (!token || !sameDigest(sha256Hex(secret), String(token.secret_hash))) return null;
    if (token.deactivated_at !== null) return null;
    const now = this.clock.now();
    if (token.revoked_at !== null || instantFromRow(token.expires_at).getTime() <= now.getTime()) return null;
    // Recording every use would turn each read into a write; once a minute is enough to audit.
    const lastUsedAt = instantOrNullFromRow(token.last_used_at);
    if (!lastUsedAt || now.getTime() - lastUsedAt.getTime() > 60_000) await this.tokens.update({ id: Number(token.credential_id) }, { lastUsedAt: now });
    const user = callerUserOf(token);
    const caller: AuthenticatedCaller = { user, context: contextOf(user, roleRowsOf(rows)), method: 'token', tokenId: Number(token.credential_id) };
    this.recentCallers.remember(`token:${presented}`, caller, instantFromRow(token.expires_at));
    return caller;
  }

  // --- browser sessions ------------------------------------------------------------------------

  /**
   * Checks a password. Five failures in a row lock the account for fifteen minutes, during which
   * even the right password is refused, so guessing cannot continue at the rate limit's pace.
   */
  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.findByEmail(email);
    const now = this.clock.now();
    if (!user?.passwordHash || user.deactivatedAt) {
      await verifyPassword(password, await decoyPasswordHash());
      throw new AccessException(AccessErrorCode.INVALID_CREDENTIALS, 'Email or password is incorrect');
    }
    if (user.lockedUntil && user.lockedUntil.getTime() > now.getTime()) throw accountLocked(user.lockedUntil);
    if (!(await verifyPassword(password, user.passwordHash))) {
      const failures = user.failedLoginCount + 1;
      if (failures >= MAX_FAILED_LOGINS) {
        const lockedUntil = new Date(now.getTime() + LOCKOUT_MINUTES * 60_000);
        await this.users.update({ id: user.id }, { failedLoginCount: 0, lockedUntil });
        this.logger.warn({ message: 'Account locked after repeated failed sign-ins', userId: user.id, lockedUntil: lockedUntil.toISOString() });
        throw accountLocked(lockedUntil);
      }
      await this.users.update({ id: user.id }, { failedLoginCount: failures });
      throw new AccessException(AccessErrorCode.INVALID_CREDENTIALS, 'Email or password is incorrect');
    }
    if (user.failedLoginCount > 0 || user.lockedUntil) await this.users.update({ id: user.id }, { failedLoginCount: 0, lockedUntil: null });
    return this.startSession(user.id);
  }

  /** A new browser session for a user whose identity was proven (a password, a one-off link, single sign-on). */
  async startSession(userId: number): Promise<LoginResult> {
    const sessionToken = randomSecret(32);
    const csrfToken = randomSecret(32);
    const maxAgeMs = SESSION_HOURS * 60 * 60 * 1000;
    const expiresAt = new Date(this.clock.now().getTime() + maxAgeMs);
    await this.sessions.insert({ idHash: sha256Hex(sessionToken), userId, csrfSecret: csrfToken, expiresAt });
    return { sessionToken, csrfToken, expiresAt, maxAgeMs, user: await this.view(userId) };
  }

  /** Ends every session of a user but the one given (a password change keeps its own browser signed in). */
  async endSessions(userId: number, exceptSessionId?: number): Promise<void> {
    const sessions = await this.sessions.find({ where: { userId }, select: { id: true } });
    const ended = sessions.map((session) => session.id).filter((id) => id !== exceptSessionId);
    if (ended.length > 0) await this.sessions.delete(ended);
    this.recentCallers.forget((caller) => caller.user.id === userId && caller.sessionId !== undefined && caller.sessionId !== exceptSessionId);
  }

  /** Forgets what was remembered about a user's credentials, after a change to their account. */
  forgetUser(userId: number): void {
    this.recentCallers.forget((caller) => caller.user.id === userId);
  }

  async authenticateSession(sessionToken: string): Promise<AuthenticatedCaller | null> {
    if (!sessionToken || sessionToken.length > 100) return null;
    const recent = this.recentCallers.get(`session:${sessionToken}`);
    if (recent) return recent;
    // Looked up by the hash of a 256-bit random value: nothing to learn from the lookup's timing.
    const rows = await this.credentialRows(
      `SELECT s.id AS credential_id, s.csrf_secret, s.expires_at, ${CALLER_COLUMNS}
       FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN role_assignments ra ON ra.user_id = u.id
       WHERE s.id_hash = :idHash ORDER BY ra.id`,
      { idHash: sha256Hex(sessionToken) },
    );
    const session = rows[0];
    if (!session || session.deactivated_at !== null) return null;
    const sessionId = Number(session.credential_id);
    if (instantFromRow(session.expires_at).getTime() <= this.clock.now().getTime()) {
      await this.sessions.delete({ id: sessionId });
      return null;
    }
    const user = callerUserOf(session);
    const caller: AuthenticatedCaller = { user, context: contextOf(user, roleRowsOf(rows)), method: 'session', csrfSecret: String(session.csrf_secret), sessionId };
    this.recentCallers.remember(`session:${sessionToken}`, caller, instantFromRow(session.expires_at));
    return caller;
  }

  private credentialRows(sql: string, parameters: Record<string, string>): Promise<CredentialRow[]> {
    return runSql<CredentialRow>(this.users.manager, sql, parameters);
  }

  async logout(sessionId: number): Promise<void> {
    await this.sessions.delete({ id: sessionId });
    this.recentCallers.forget((caller) => caller.sessionId === sessionId);
  }
}

const CALLER_COLUMNS = 'u.id AS user_id, u.email, u.display_name, u.deactivated_at, ra.role, ra.authority_code, ra.team_id';

/** A credential joined to its user, once per role assignment (once with null role columns when there are none). */
type CredentialRow = Record<string, unknown> & {
  user_id: number | string;
  email: string;
  display_name: string;
  deactivated_at: unknown;
  role: Role | null;
  authority_code: string | null;
  team_id: number | string | null;
};

function callerUserOf(row: CredentialRow): CallerUser {
  return { id: Number(row.user_id), email: row.email, displayName: row.display_name };
}

function roleRowsOf(rows: CredentialRow[]): RoleGrant[] {
  return rows.flatMap((row) => (row.role === null ? [] : [{ role: row.role, authorityCode: row.authority_code, teamId: row.team_id === null ? null : Number(row.team_id) }]));
}

function contextOf(user: CallerUser, roles: readonly RoleGrant[]): RequestContext {
  const isAdmin = roles.some((grant) => grant.role === 'admin' && grant.authorityCode === null);
  const authorities = isAdmin ? ('all' as const) : [...new Set(roles.map((grant) => grant.authorityCode as string))].sort();
  return { userId: user.id, actorName: user.displayName, authorities, roles, isAdmin };
}

function accountLocked(until: Date): AccessException {
  return new AccessException(
    AccessErrorCode.ACCOUNT_LOCKED,
    `Too many failed sign-ins: this account is locked until ${until.toISOString()}. Try again then, or ask an admin to reset the password`,
  );
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function assertPasswordStrength(password: string, owner: PasswordOwner): void {
  const problem = passwordProblem(password, owner);
  if (problem) throw AccessException.invalid(problem);
}

function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    canSignIn: user.passwordHash !== null && user.deactivatedAt === null,
    deactivatedAt: user.deactivatedAt?.toISOString() ?? null,
    usesSingleSignOn: user.oidcSubject !== null,
    roles: (user.roles ?? [])
      .sort((a, b) => a.id - b.id)
      .map((assignment) => ({ id: assignment.id, role: assignment.role, authorityCode: assignment.authorityCode, teamId: assignment.teamId })),
    createdAt: user.createdAt.toISOString(),
  };
}

function toTokenView(token: ApiToken): TokenView {
  return {
    id: token.id,
    name: token.name,
    userId: token.userId,
    expiresAt: token.expiresAt.toISOString(),
    revokedAt: token.revokedAt?.toISOString() ?? null,
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    createdAt: token.createdAt.toISOString(),
  };
}
