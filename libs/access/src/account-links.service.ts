import { Injectable, Logger } from '@nestjs/common';
import { UnitOfWork } from '#database';
import { AccountLinkRepository } from './account-link.repository.js';
import { isLinkToken, LINK_PROBLEMS, linkExpiry, linkStatus, recentIssueExpiresAfter, type LinkLookup } from './account-link.rules.js';
import { AccountsService } from './accounts.service.js';
import type { AccountLinkPurpose } from './entities/account-link.entity.js';
import type { User } from './entities/user.entity.js';
import { passwordProblem } from './password-policy.js';
import { hashPassword, randomSecret, sha256Hex } from './secrets.js';

export interface IssuedLink {
  /** Goes in the emailed link only; the database keeps its hash. */
  token: string;
  purpose: AccountLinkPurpose;
  expiresAt: Date;
  userId: number;
}

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
    private readonly links: AccountLinkRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly accounts: AccountsService,
  ) {}

  async issue(userId: number, purpose: AccountLinkPurpose, now: Date, createdByUserId: number | null = null): Promise<IssuedLink> {
    const token = randomSecret(32);
    const expiresAt = linkExpiry(purpose, now);
    // Only the newest link of a kind works: an admin who re-sends an invitation cancels the first.
    await this.unitOfWork.run((manager) => this.links.replace(manager, { userId, purpose, tokenHash: sha256Hex(token), expiresAt, createdByUserId }, now));
    this.logger.log({ message: purpose === 'invitation' ? 'Invitation link issued' : 'Password reset link issued', userId, createdByUserId, expiresAt: expiresAt.toISOString() });
    return { token, purpose, expiresAt, userId };
  }

  /** What a link is, without using it: the page shows the form, or says why the link no longer works. */
  async lookUp(token: unknown, now: Date): Promise<LinkLookup> {
    if (!isLinkToken(token)) return { status: 'unknown' };
    // Found by the hash of a 256-bit secret: nothing to learn from the lookup's timing.
    return linkStatus(await this.links.byTokenHash(sha256Hex(token)), now);
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
      if (!(await this.links.spend(manager, sha256Hex(token as string), now))) return false;
      // Whoever held a session (or the password) before must sign in again, and any other link
      // still out for this person is spent too: the password is now theirs.
      await this.links.setPassword(manager, found.user.id, passwordHash, now);
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
    const rows = await this.links.pendingInvitations(userIds, now);
    return new Map(rows.map((link) => [link.userId, link.expiresAt]));
  }

  /**
   * Whether a link of this kind, still unused, was issued to the user within the last `withinMs`:
   * the forgotten-password page sends one at a time rather than fill someone's inbox.
   */
  async recentlyIssued(userId: number, purpose: AccountLinkPurpose, now: Date, withinMs: number): Promise<boolean> {
    return this.links.hasUnusedExpiringAfter(userId, purpose, recentIssueExpiresAfter(purpose, now, withinMs));
  }

  async activeUserByEmail(email: string): Promise<User | null> {
    const user = await this.accounts.findByEmail(email);
    return user && !user.deactivatedAt ? user : null;
  }
}
