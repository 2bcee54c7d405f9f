import { BadRequestException, ConflictException, HttpException, HttpStatus, Injectable, Logger, NotFoundException, UnauthorizedException } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, type Repository } from 'typeorm';
import { Authority, Team } from '#database';
import type { RequestContext } from '#tracking';
import { ApiToken } from './entities/api-token.entity.js';
import { RoleAssignment } from './entities/role-assignment.entity.js';
import { Session } from './entities/session.entity.js';
import { User } from './entities/user.entity.js';
import { ROLES, type Role, type RoleGrant } from './roles.js';
import { decoyPasswordHash, hashPassword, newTokenParts, randomSecret, sameDigest, sha256Hex, TOKEN_PATTERN, verifyPassword } from './secrets.js';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;
export const SESSION_HOURS = 8;
export const MAX_TOKEN_DAYS = 365;
export const MIN_PASSWORD_LENGTH = 12;

export interface UserView {
  id: number;
  email: string;
  displayName: string;
  canSignIn: boolean;
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

/** Who a request comes from, once its token or session cookie has been checked. */
export interface AuthenticatedCaller {
  user: User;
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
  user: UserView;
}

/** Accounts, roles, tokens and sessions. Secrets never leave this class except once, on creation. */
@Injectable()
export class AccessService {
  private readonly logger = new Logger(AccessService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(RoleAssignment) private readonly roles: Repository<RoleAssignment>,
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    @InjectRepository(Session) private readonly sessions: Repository<Session>,
    @InjectRepository(Authority) private readonly authorities: Repository<Authority>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
  ) {}

  // --- users and roles -------------------------------------------------------------------------

  async createUser(input: NewUser): Promise<UserView> {
    const email = normaliseEmail(input.email);
    if (await this.users.exists({ where: { email } })) throw new ConflictException(`A user with email ${email} already exists`);
    if (input.password !== undefined) assertPasswordStrength(input.password);
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
    if (!user) throw new NotFoundException(`User ${userId} was not found`);
    return toUserView(user);
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.users.findOne({ where: { email: normaliseEmail(email) } });
  }

  async countUsers(): Promise<number> {
    return this.users.count();
  }

  async grantRole(userId: number, input: NewRole): Promise<UserView> {
    await this.view(userId);
    if (!ROLES.includes(input.role)) throw new BadRequestException(`role must be one of ${ROLES.join(', ')}`);
    const authorityCode = input.authorityCode ?? null;
    const teamId = input.teamId ?? null;
    if (authorityCode === null && input.role !== 'admin') throw new BadRequestException(`authorityCode is required for the role ${input.role}`);
    if (authorityCode !== null && !(await this.authorities.exists({ where: { code: authorityCode } }))) {
      throw new BadRequestException(`Authority ${authorityCode} is not known: add its teams or a report first`);
    }
    if (input.role === 'team_member') {
      if (teamId === null) throw new BadRequestException('teamId is required for a team_member: the team whose actions they update');
      const team = await this.teams.findOne({ where: { id: teamId } });
      if (!team || team.authorityCode !== authorityCode) throw new BadRequestException(`Team ${teamId} is not a team of authority ${authorityCode}`);
    } else if (teamId !== null) {
      throw new BadRequestException('teamId is only for the team_member role');
    }
    const same = { userId, role: input.role, authorityCode: authorityCode ?? IsNull(), teamId: teamId ?? IsNull() };
    if (!(await this.roles.exists({ where: same }))) await this.roles.insert({ userId, role: input.role, authorityCode, teamId });
    return this.view(userId);
  }

  async revokeRole(userId: number, roleId: number): Promise<UserView> {
    const result = await this.roles.delete({ id: roleId, userId });
    if (!result.affected) throw new NotFoundException(`User ${userId} has no role ${roleId}`);
    return this.view(userId);
  }

  async setPassword(userId: number, password: string): Promise<void> {
    assertPasswordStrength(password);
    await this.users.update({ id: userId }, { passwordHash: await hashPassword(password), failedLoginCount: 0, lockedUntil: null });
  }

  /** The request context of a user: their roles, and the authorities those roles let them see. */
  async contextFor(user: User): Promise<RequestContext> {
    const assignments = await this.roles.find({ where: { userId: user.id }, order: { id: 'ASC' } });
    const roles: RoleGrant[] = assignments.map((assignment) => ({ role: assignment.role, authorityCode: assignment.authorityCode, teamId: assignment.teamId }));
    const isAdmin = roles.some((grant) => grant.role === 'admin' && grant.authorityCode === null);
    const authorities = isAdmin ? ('all' as const) : [...new Set(roles.map((grant) => grant.authorityCode as string))].sort();
    return { userId: user.id, actorName: user.displayName, authorities, roles, isAdmin };
  }

  // --- personal access tokens ------------------------------------------------------------------

  /** Returns the token itself exactly once; afterwards only its hash exists. */
  async createToken(userId: number, name: string, expiresInDays: number): Promise<{ token: string; tokenInfo: TokenView }> {
    await this.view(userId);
    if (!Number.isInteger(expiresInDays) || expiresInDays < 1 || expiresInDays > MAX_TOKEN_DAYS) {
      throw new BadRequestException(`expiresInDays must be a whole number from 1 to ${MAX_TOKEN_DAYS}`);
    }
    const { prefix, secret, token } = newTokenParts();
    const saved = await this.tokens.save(
      this.tokens.create({
        userId,
        name: name.trim(),
        tokenPrefix: prefix,
        tokenHash: sha256Hex(secret),
        expiresAt: new Date(Date.now() + expiresInDays * 24 * 60 * 60 * 1000),
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
    if (!token || (ownerId !== undefined && token.userId !== ownerId)) throw new NotFoundException(`Token ${tokenId} was not found`);
    if (!token.revokedAt) {
      token.revokedAt = new Date();
      await this.tokens.update({ id: tokenId }, { revokedAt: token.revokedAt });
    }
    return toTokenView(token);
  }

  async authenticateToken(presented: string): Promise<AuthenticatedCaller | null> {
    const match = TOKEN_PATTERN.exec(presented.trim());
    if (!match) return null;
    const [, prefix, secret] = match;
    const token = await this.tokens.findOne({ where: { tokenPrefix: prefix }, relations: { user: true } });
    if (!token?.user || !sameDigest(sha256Hex(secret), token.tokenHash)) return null;
    const now = new Date();
    if (token.revokedAt || token.expiresAt.getTime() <= now.getTime()) return null;
    // Recording every use would turn each read into a write; once a minute is enough to audit.
    if (!token.lastUsedAt || now.getTime() - token.lastUsedAt.getTime() > 60_000) await this.tokens.update({ id: token.id }, { lastUsedAt: now });
    return { user: token.user, context: await this.contextFor(token.user), method: 'token', tokenId: token.id };
  }

  // --- browser sessions ------------------------------------------------------------------------

  /**
   * Checks a password. Five failures in a row lock the account for fifteen minutes, during which
   * even the right password is refused, so guessing cannot continue at the rate limit's pace.
   */
  async login(email: string, password: string): Promise<LoginResult> {
    const user = await this.findByEmail(email);
    const now = new Date();
    if (!user?.passwordHash) {
      await verifyPassword(password, await decoyPasswordHash());
      throw new UnauthorizedException('Email or password is incorrect');
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
      throw new UnauthorizedException('Email or password is incorrect');
    }
    if (user.failedLoginCount > 0 || user.lockedUntil) await this.users.update({ id: user.id }, { failedLoginCount: 0, lockedUntil: null });

    const sessionToken = randomSecret(32);
    const csrfToken = randomSecret(32);
    const expiresAt = new Date(now.getTime() + SESSION_HOURS * 60 * 60 * 1000);
    await this.sessions.insert({ idHash: sha256Hex(sessionToken), userId: user.id, csrfSecret: csrfToken, expiresAt });
    return { sessionToken, csrfToken, expiresAt, user: await this.view(user.id) };
  }

  async authenticateSession(sessionToken: string): Promise<AuthenticatedCaller | null> {
    if (!sessionToken || sessionToken.length > 100) return null;
    // Looked up by the hash of a 256-bit random value: nothing to learn from the lookup's timing.
    const session = await this.sessions.findOne({ where: { idHash: sha256Hex(sessionToken) }, relations: { user: true } });
    if (!session?.user) return null;
    if (session.expiresAt.getTime() <= Date.now()) {
      await this.sessions.delete({ id: session.id });
      return null;
    }
    return { user: session.user, context: await this.contextFor(session.user), method: 'session', csrfSecret: session.csrfSecret, sessionId: session.id };
  }

  async logout(sessionId: number): Promise<void> {
    await this.sessions.delete({ id: sessionId });
  }
}

function accountLocked(until: Date): HttpException {
  return new HttpException(
    `Too many failed sign-ins: this account is locked until ${until.toISOString()}. Try again then, or ask an admin to reset the password`,
    HttpStatus.TOO_MANY_REQUESTS,
  );
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function assertPasswordStrength(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) throw new BadRequestException(`password must be at least ${MIN_PASSWORD_LENGTH} characters long`);
}

function toUserView(user: User): UserView {
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    canSignIn: user.passwordHash !== null,
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
