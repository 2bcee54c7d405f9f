import { Injectable, Logger } from '@nestjs/common';
import { AccountRepository } from './account.repository.js';
import { AccountsService, type UserView } from './accounts.service.js';
import { TokensService, type TokenView } from './tokens.service.js';
import { passwordProblem } from './password-policy.js';

export type PasswordChange = { ok: true } | { ok: false; field: 'currentPassword' | 'password'; problem: string };

/**
 * What a signed-in person does to their own account on /account: change their password (which
 * ends every other session of theirs), and see, create and revoke their personal access tokens.
 */
@Injectable()
export class OwnAccountService {
  private readonly logger = new Logger(OwnAccountService.name);

  constructor(
    private readonly accounts: AccountsService,
    private readonly tokenStore: TokensService,
    private readonly users: AccountRepository,
  ) {}

  /** When the person last opened their team's work, and the newest journal entry they were shown. */
  async workSeen(userId: number): Promise<{ at: Date | null; updateId: number | null }> {
    const user = await this.users.workSeen(userId);
    return { at: user?.lastSeenWorkAt ?? null, updateId: user?.lastSeenUpdateId ?? null };
  }

  async markWorkSeen(userId: number, at: Date, updateId: number | null): Promise<void> {
    await this.users.update(userId, { lastSeenWorkAt: at, ...(updateId !== null ? { lastSeenUpdateId: updateId } : {}) });
  }

  view(userId: number): Promise<UserView> {
    return this.accounts.view(userId);
  }

  /** The current password first, as proof it is them at the keyboard; then the policy on the new one. */
  async changePassword(userId: number, currentPassword: string, newPassword: string, keepSessionId: number | undefined): Promise<PasswordChange> {
    const user = await this.accounts.view(userId);
    if (!(await this.accounts.checkPassword(userId, currentPassword))) return { ok: false, field: 'currentPassword', problem: 'Your current password is not right: enter it again' };
    if (currentPassword === newPassword) return { ok: false, field: 'password', problem: 'Enter a new password that is different from your current one' };
    const problem = passwordProblem(newPassword, user);
    if (problem) return { ok: false, field: 'password', problem };
    await this.accounts.setPassword(userId, newPassword, keepSessionId);
    this.logger.log({ message: 'Password changed; other sessions ended', userId });
    return { ok: true };
  }

  /** Newest first; revoked and expired tokens stay listed so their last use can be seen. */
  async tokens(userId: number): Promise<TokenView[]> {
    return (await this.tokenStore.list(userId)).reverse();
  }

  createToken(userId: number, name: string, expiresInDays: number): Promise<{ token: string; tokenInfo: TokenView }> {
    return this.tokenStore.create(userId, name, expiresInDays);
  }

  /** One of the person's own tokens; anyone else's is not found. */
  async token(userId: number, tokenId: number): Promise<TokenView | null> {
    return (await this.tokenStore.list(userId)).find((token) => token.id === tokenId) ?? null;
  }

  revokeToken(userId: number, tokenId: number): Promise<TokenView> {
    return this.tokenStore.revoke(tokenId, userId);
  }
}
