import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In, IsNull, Not } from 'typeorm';
import { Authority, Team } from '#database';
import type { Role } from '#core';
import { RoleAssignment } from './entities/role-assignment.entity.js';
import { User } from './entities/user.entity.js';

/** Accounts and their roles: the reads and writes of AccountsService, OwnAccountService and single sign-on. */
@Injectable()
export class AccountRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  private get users() {
    return this.dataSource.getRepository(User);
  }

  private get roles() {
    return this.dataSource.getRepository(RoleAssignment);
  }

  emailTaken(email: string): Promise<boolean> {
    return this.users.exists({ where: { email } });
  }

  /** The new account's id. */
  async insertUser(user: Pick<User, 'email' | 'displayName' | 'passwordHash'>, now: Date): Promise<number> {
    return (await this.users.save(this.users.create({ ...user, failedLoginCount: 0, lockedUntil: null, createdAt: now }))).id;
  }

  /** Every account with its roles, by id. */
  allWithRoles(): Promise<User[]> {
    return this.users.find({ order: { id: 'ASC' }, relations: { roles: true } });
  }

  withRoles(userId: number): Promise<User | null> {
    return this.users.findOne({ where: { id: userId }, relations: { roles: true } });
  }

  /** The accounts holding a role in the authority, with all their roles. */
  async ofAuthorityWithRoles(authorityCode: string): Promise<User[]> {
    const ids = await this.roles.find({ where: { authorityCode }, select: { userId: true } });
    if (ids.length === 0) return [];
    return this.users.find({ where: { id: In([...new Set(ids.map((row) => row.userId))]) }, relations: { roles: true } });
  }

  find(userId: number): Promise<User | null> {
    return this.users.findOne({ where: { id: userId } });
  }

  byEmail(email: string): Promise<User | null> {
    return this.users.findOne({ where: { email } });
  }

  bySingleSignOnSubject(subject: string): Promise<User | null> {
    return this.users.findOne({ where: { oidcSubject: subject } });
  }

  count(): Promise<number> {
    return this.users.count();
  }

  async update(userId: number, fields: Partial<Pick<User, 'displayName' | 'deactivatedAt' | 'failedLoginCount' | 'lockedUntil' | 'passwordHash' | 'lastSeenWorkAt' | 'lastSeenUpdateId'>>): Promise<void> {
    await this.users.update({ id: userId }, fields);
  }

  /** Binds the account to the identity provider's subject unless it is bound already; false when it was. */
  async bindSingleSignOn(userId: number, subject: string): Promise<boolean> {
    return Boolean((await this.users.update({ id: userId, oidcSubject: IsNull() }, { oidcSubject: subject })).affected);
  }

  /** When the person last opened their team's work, and the newest journal entry they were shown. */
  workSeen(userId: number): Promise<Pick<User, 'id' | 'lastSeenWorkAt' | 'lastSeenUpdateId'> | null> {
    return this.users.findOne({ where: { id: userId }, select: { id: true, lastSeenWorkAt: true, lastSeenUpdateId: true } });
  }

  authorityExists(code: string): Promise<boolean> {
    return this.dataSource.getRepository(Authority).exists({ where: { code } });
  }

  /** The council a team belongs to, or null when there is no such team. */
  async teamAuthority(teamId: number): Promise<string | null> {
    return (await this.dataSource.getRepository(Team).findOne({ where: { id: teamId }, select: { id: true, authorityCode: true } }))?.authorityCode ?? null;
  }

  /** Adds the role unless the user holds it already (same authority and team). */
  async grantRole(userId: number, grant: { role: Role; authorityCode: string | null; teamId: number | null }, now: Date): Promise<void> {
    const same = { userId, role: grant.role, authorityCode: grant.authorityCode ?? IsNull(), teamId: grant.teamId ?? IsNull() };
    if (!(await this.roles.exists({ where: same }))) await this.roles.insert({ userId, ...grant, createdAt: now });
  }

  /** The id of the council's team of that name, or null. */
  async teamNamed(authorityCode: string, name: string): Promise<number | null> {
    return (await this.dataSource.getRepository(Team).findOne({ where: { authorityCode, name }, select: { id: true } }))?.id ?? null;
  }

  /** Every account that has a password, with its hash, by email. */
  withPasswords(): Promise<Pick<User, 'id' | 'email' | 'passwordHash'>[]> {
    return this.users.find({ where: { passwordHash: Not(IsNull()) }, select: { id: true, email: true, passwordHash: true }, order: { email: 'ASC' } });
  }

  async removeByEmails(emails: readonly string[]): Promise<void> {
    await this.users.delete({ email: In([...emails]) });
  }

  /** False when the user has no such role. */
  async revokeRole(userId: number, roleId: number): Promise<boolean> {
    return Boolean((await this.roles.delete({ id: roleId, userId })).affected);
  }
}
