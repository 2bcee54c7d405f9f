import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, IsNull, MoreThan } from 'typeorm';
import { AccountLink, type AccountLinkPurpose } from './entities/account-link.entity.js';
import { Session } from './entities/session.entity.js';
import { User } from './entities/user.entity.js';

export interface NewAccountLink {
  userId: number;
  purpose: AccountLinkPurpose;
  tokenHash: string;
  expiresAt: Date;
  createdByUserId: number | null;
}

/**
 * The one-off links' reads and writes. Methods that take a manager run inside the caller's
 * transaction (UnitOfWork); the others read outside one.
 */
@Injectable()
export class AccountLinkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Spends the person's unused links of this kind, then adds the new one. */
  async replace(manager: EntityManager, link: NewAccountLink, now: Date): Promise<void> {
    await manager.update(AccountLink, { userId: link.userId, purpose: link.purpose, usedAt: IsNull() }, { usedAt: now });
    await manager.insert(AccountLink, { ...link, usedAt: null, createdAt: now });
  }

  /** The link with this secret's hash, with its person. */
  byTokenHash(tokenHash: string): Promise<AccountLink | null> {
    return this.dataSource.getRepository(AccountLink).findOne({ where: { tokenHash }, relations: { user: true } });
  }

  /** Stamps the link used if it is still unused and unexpired at `now`; false when it was not (another use came first). */
  async spend(manager: EntityManager, tokenHash: string, now: Date): Promise<boolean> {
    const result = await manager.createQueryBuilder().update(AccountLink).set({ usedAt: now }).where('token_hash = :hash AND used_at IS NULL AND expires_at > :now', { hash: tokenHash, now }).execute();
    return Boolean(result.affected);
  }

  /** Sets the person's password, clears their failed sign-ins, ends every session they had and spends their other links. */
  async setPassword(manager: EntityManager, userId: number, passwordHash: string, now: Date): Promise<void> {
    await manager.update(User, { id: userId }, { passwordHash, failedLoginCount: 0, lockedUntil: null });
    await manager.delete(Session, { userId });
    await manager.update(AccountLink, { userId, usedAt: IsNull() }, { usedAt: now });
  }

  /** The unused, unexpired invitations of these people. */
  pendingInvitations(userIds: readonly number[], now: Date): Promise<AccountLink[]> {
    return this.dataSource
      .getRepository(AccountLink)
      .createQueryBuilder('link')
      .where('link.userId IN (:...userIds)', { userIds })
      .andWhere('link.purpose = :purpose', { purpose: 'invitation' })
      .andWhere('link.usedAt IS NULL')
      .andWhere('link.expiresAt > :now', { now })
      .getMany();
  }

  /** Whether the person has an unused link of this kind that expires after `expiresAfter`. */
  hasUnusedExpiringAfter(userId: number, purpose: AccountLinkPurpose, expiresAfter: Date): Promise<boolean> {
    return this.dataSource.getRepository(AccountLink).exists({ where: { userId, purpose, usedAt: IsNull(), expiresAt: MoreThan(expiresAfter) } });
  }
}
