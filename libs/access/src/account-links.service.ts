import { Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, MoreThan, type Repository } from 'typeorm';
import { UnitOfWork } from '#database';
import { AccountsService } from './accounts.service.js';
import { AccountLink, type AccountLinkPurpose } from './entities/account-link.entity.js';
import { Session } from './entities/session.entity.js';
import { User } from './entities/user.entity.js';
import { passwordProblem } from './password-policy.js';
import { hashPassword, randomSecret, sha256Hex } from './secrets.js';

/** How long each kind of link works. An invitation waits for someone to get round to it; a reset is for now. */
export const LINK_LIFETIME_HOURS: Record<AccountLinkPurpose, number> = { invitation: 72, password_reset: 1 };

/** A link's secret: 256 random bits, base64url. */
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export interface IssuedLink {
  /** Goes in the emailed link only; the database keeps its hash. */
  token: string;
  purpose: AccountLinkPurpose;
  expiresAt: Date;
  userId: number;
}

export type LinkLookup =
  | { status: 'valid'; purpose: AccountLinkPurpose; expiresAt: Date; user: { id: number; email: string; displayName: string; hasPassword: boolean } }
  | { status: 'expired' | 'used' | 'unknown' };

export type Redemption = { ok: true; userId: number; purpose: AccountLinkPurpose } | { ok: false; problem: string; field: 'password' | 'link' };

/**
 * One-off links for people without a usable password: an invitation to set their first one, or a
 * password reset. A new link of the same kind replaces any earlier one; using a link sets the
 * password, ends every session the person had (whoever held them), and can happen once.
 */
@Injectable()
export class AccountLinksService {
  private readonly logger = new Logger(AccountLinksService.name);

  constructor(
    @InjectRepository(AccountLink) private readonly links: Repository<AccountLink>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountsService,
  ) {}

  async issue(userId: number, purpose: AccountLinkPurpose, now: Date, createdByUserId: number | null = null): Promise<IssuedLink> {
    const token = randomSecret(32);
    const expiresAt = new Date(now.getTime() + LINK_LIFETIME_HOURS[purpose] * 60 * 60 * 1000);
    await this.unitOfWork.run(async (manager) => {
      // Only the newest link of a kind works: an admin who re-sends an invitation cancels the first.
      await manager.update(AccountLink, { userId, purpose, usedAt: IsNull() }, { usedAt: now });
      await manager.insert(AccountLink, { userId, purpose, tokenHash: sha256Hex(token), expiresAt, usedAt: null, createdByUserId });
    });
    this.logger.log({ message: purpose === 'invitation' ? 'Invitation link issued' : 'Password reset link issued', userId, createdByUserId, expiresAt: expiresAt.toISOString() });
    return { token, purpose, expiresAt, userId };
  }

  /** What a link is, without using it: the page shows the form, or says why the link no longer works. */
  async lookUp(token: unknown, now: Date): Promise<LinkLookup> {
    if (typeof token !== 'string' || !LINK_TOKEN.test(token)) return { status: 'unknown' };
    // Found by the hash of a 256-bit secret: nothing to learn from the lookup's timing.
    const link = await this.links.findOne({ where: { tokenHash: sha256Hex(token) }, relations: { user: true } });
    if (!link?.user) return { status: 'unknown' };
    if (link.usedAt) return { status: 'used' };
    if (link.expiresAt.getTime() <= now.getTime() || link.user.deactivatedAt) return { status: 'expired' };
    const user = link.user;
    return { status: 'valid', purpose: link.purpose, expiresAt: link.expiresAt, user: { id: user.id, email: user.email, displayName: user.displayName, hasPassword: user.passwordHash !== null } };
  }

  /**
   * Sets the password a link was sent for. The link is spent by a conditional update in the same
   * transaction as the new password, so of two uses at once exactly one succeeds.
   */
  async redeem(token: unknown, password: string, now: Date): Promise<Redemption> {
    const found = await this.lookUp(token, now);
    if (found.status !== 'valid') return { ok: false, field: 'link', problem: LINK_PROBLEMS[found.status] };
    const problem = passwordProblem(password, found.user);
    if (problem) return { ok: false, field: 'password', problem };
    const passwordHash = await hashPassword(password);
    const spent = await this.unitOfWork.run(async (manager) => {
      const result = await manager
        .createQueryBuilder()
        .update(AccountLink)
        .set({ usedAt: now })
        .where('token_hash = :hash AND used_at IS NULL AND expires_at > :now', { hash: sha256Hex(token as string), now })
        .execute();
      if (!result.affected) return false;
      await manager.update(User, { id: found.user.id }, { passwordHash, failedLoginCount: 0, lockedUntil: null });
      // Whoever held a session (or the password) before must sign in again.
      await manager.delete(Session, { userId: found.user.id });
      // Any other link still out for this person is spent too: the password is now theirs.
      await manager.update(AccountLink, { userId: found.user.id, usedAt: IsNull() }, { usedAt: now });
      return true;
    });
    if (!spent) return { ok: false, field: 'link', problem: LINK_PROBLEMS.used };
    this.accounts.forgetUser(found.user.id);
    this.logger.log({ message: found.purpose === 'invitation' ? 'Invitation accepted: password set' : 'Password reset', userId: found.user.id });
    return { ok: true, userId: found.user.id, purpose: found.purpose };
  }

  /** The newest invitation of each of these users still waiting to be used, for the people page. */
  async pendingInvitations(userIds: readonly number[], now: Date): Promise<Map<number, Date>> {
    if (userIds.length === 0) return new Map();
    const rows = await this.links
      .createQueryBuilder('link')
      .where('link.userId IN (:...userIds)', { userIds })
      .andWhere('link.purpose = :purpose', { purpose: 'invitation' })
      .andWhere('link.usedAt IS NULL')
      .andWhere('link.expiresAt > :now', { now })
      .getMany();
    return new Map(rows.map((link) => [link.userId, link.expiresAt]));
  }

  /**
   * Whether a link of this kind, still unused, was issued to the user within the last `withinMs`:
   * the forgotten-password page sends one at a time rather than fill someone's inbox. Judged by the
   * link's expiry, which comes from the same clock as `now`.
   */
  async recentlyIssued(userId: number, purpose: AccountLinkPurpose, now: Date, withinMs: number): Promise<boolean> {
    const issuedAfter = now.getTime() - withinMs;
    const expiresAfter = new Date(issuedAfter + LINK_LIFETIME_HOURS[purpose] * 60 * 60 * 1000);
    return this.links.exists({ where: { userId, purpose, usedAt: IsNull(), expiresAt: MoreThan(expiresAfter) } });
  }

  async activeUserByEmail(email: string): Promise<User | null> {
    const user = await this.accounts.findByEmail(email);
    return user && !user.deactivatedAt ? user : null;
  }
}

/** What the page says about a link that does not work, and what to do. */
export const LINK_PROBLEMS: Record<'expired' | 'used' | 'unknown', string> = {
  expired: 'This link has expired. Ask for a new one: on the sign-in page choose “Forgotten your password?”, or ask your council’s administrator to send a new invitation.',
  used: 'This link has already been used. Sign in with the password you set, or ask for a new link if you have forgotten it.',
  unknown: 'This link is not complete or is not one we sent. Check you copied the whole link from the email.',
};
