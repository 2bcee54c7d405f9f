import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, IsNull, type Repository } from 'typeorm';
import { Authority, Team } from '#database';
import { type Role, type RoleGrant, ROLES } from '#core';
import { AccessErrorCode, AccessException } from './access.exception.js';
import { RoleAssignment } from './entities/role-assignment.entity.js';
import { User } from './entities/user.entity.js';
import { passwordProblem, type PasswordOwner } from './password-policy.js';
import { RecentCallers } from './recent-callers.js';
import { hashPassword, verifyPassword } from './secrets.js';
import { SessionsService } from './sessions.service.js';

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

/** Accounts and their roles. A change to either forgets what was remembered about the user's credentials. */
@Injectable()
export class AccountsService {
  private readonly logger = new Logger(AccountsService.name);

  constructor(
    @InjectRepository(User) private readonly users: Repository<User>,
    @InjectRepository(RoleAssignment) private readonly roles: Repository<RoleAssignment>,
    @InjectRepository(Authority) private readonly authorities: Repository<Authority>,
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    private readonly sessions: SessionsService,
    private readonly recentCallers: RecentCallers,
  ) {}

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
    await this.sessions.endAll(userId);
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
    this.forgetUser(userId);
    return this.view(userId);
  }

  async revokeRole(userId: number, roleId: number): Promise<UserView> {
    const result = await this.roles.delete({ id: roleId, userId });
    if (!result.affected) throw AccessException.notFound(`User ${userId} has no role ${roleId}`);
    this.forgetUser(userId);
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
    await this.sessions.endAll(userId, keepSessionId);
  }

  /** Whether this is the user's current password (a password change asks for it first). */
  async checkPassword(userId: number, password: string): Promise<boolean> {
    const user = await this.users.findOne({ where: { id: userId } });
    if (!user?.passwordHash) return false;
    return verifyPassword(password, user.passwordHash);
  }

  /** Forgets what was remembered about a user's credentials, after a change to their account. */
  forgetUser(userId: number): void {
    this.recentCallers.forget((caller) => caller.user.id === userId);
  }
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
