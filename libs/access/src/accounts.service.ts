import { Injectable, Logger } from '@nestjs/common';
import { Clock, type Role, type RoleGrant } from '#core';
import { AccessErrorCode, AccessException } from './access.exception.js';
import { AccountRepository } from './account.repository.js';
import { checkedRoleGrant, roleGrantRefusal, toUserView } from './account.rules.js';
import type { User } from './entities/user.entity.js';
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
    private readonly users: AccountRepository,
    private readonly sessions: SessionsService,
    private readonly recentCallers: RecentCallers,
    private readonly clock: Clock,
  ) {}

  async createUser(input: NewUser): Promise<UserView> {
    const email = normaliseEmail(input.email);
    if (await this.users.emailTaken(email)) throw new AccessException(AccessErrorCode.CONFLICT, `A user with email ${email} already exists`);
    if (input.password !== undefined) assertPasswordStrength(input.password, { email, displayName: input.displayName });
    const passwordHash = input.password === undefined ? null : await hashPassword(input.password);
    return this.view(await this.users.insertUser({ email, displayName: input.displayName.trim(), passwordHash }, this.clock.now()));
  }

  async listUsers(): Promise<UserView[]> {
    return (await this.users.allWithRoles()).map(toUserView);
  }

  async view(userId: number): Promise<UserView> {
    const user = await this.users.withRoles(userId);
    if (!user) throw AccessException.notFound(`User ${userId} was not found`);
    return toUserView(user);
  }

  /** Everyone who holds a role in the authority, by name. */
  async listUsersOf(authorityCode: string): Promise<UserView[]> {
    const users = await this.users.ofAuthorityWithRoles(authorityCode);
    return users.map(toUserView).sort((a, b) => a.displayName.localeCompare(b.displayName, 'en-GB') || a.id - b.id);
  }

  async rename(userId: number, displayName: string): Promise<UserView> {
    await this.users.update(userId, { displayName: displayName.trim() });
    this.forgetUser(userId);
    return this.view(userId);
  }

  /** The account can no longer sign in or use its tokens; its name stays in the journal. */
  async deactivate(userId: number, now: Date): Promise<UserView> {
    await this.users.update(userId, { deactivatedAt: now });
    await this.sessions.endAll(userId);
    this.forgetUser(userId);
    this.logger.log({ message: 'Account deactivated', userId });
    return this.view(userId);
  }

  async reactivate(userId: number): Promise<UserView> {
    await this.users.update(userId, { deactivatedAt: null, failedLoginCount: 0, lockedUntil: null });
    this.logger.log({ message: 'Account reactivated', userId });
    return this.view(userId);
  }

  async findByEmail(email: string): Promise<User | null> {
    return this.users.byEmail(normaliseEmail(email));
  }

  async countUsers(): Promise<number> {
    return this.users.count();
  }

  async grantRole(userId: number, input: NewRole): Promise<UserView> {
    await this.view(userId);
    const grant = checkedRoleGrant(input);
    const authorityKnown = grant.authorityCode === null || (await this.users.authorityExists(grant.authorityCode));
    const teamAuthority = grant.role === 'team_member' && grant.teamId !== null ? await this.users.teamAuthority(grant.teamId) : null;
    const refusal = roleGrantRefusal(grant, { authorityKnown, teamAuthority });
    if (refusal) throw refusal;
    await this.users.grantRole(userId, grant, this.clock.now());
    this.forgetUser(userId);
    return this.view(userId);
  }

  async revokeRole(userId: number, roleId: number): Promise<UserView> {
    if (!(await this.users.revokeRole(userId, roleId))) throw AccessException.notFound(`User ${userId} has no role ${roleId}`);
    this.forgetUser(userId);
    return this.view(userId);
  }

  /**
   * A new password for the user. Every other session of theirs ends: whoever else held the old
   * password (or a browser left signed in) is signed out. `keepSessionId` is the browser that made the change.
   */
  async setPassword(userId: number, password: string, keepSessionId?: number): Promise<void> {
    const user = await this.users.find(userId);
    if (!user) throw AccessException.notFound(`User ${userId} was not found`);
    assertPasswordStrength(password, user);
    await this.users.update(userId, { passwordHash: await hashPassword(password), failedLoginCount: 0, lockedUntil: null });
    await this.sessions.endAll(userId, keepSessionId);
  }

  /** Whether this is the user's current password (a password change asks for it first). */
  async checkPassword(userId: number, password: string): Promise<boolean> {
    const user = await this.users.find(userId);
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
