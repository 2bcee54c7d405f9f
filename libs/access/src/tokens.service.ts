import { Injectable } from '@nestjs/common';
import { Clock } from '#core';
import { AccessException } from './access.exception.js';
import { tokenExpiry, tokenLifetimeProblem } from './credential.rules.js';
import type { ApiToken } from './entities/api-token.entity.js';
import { RecentCallers } from './recent-callers.js';
import { newTokenParts, sha256Hex } from './secrets.js';
import { TokenRepository } from './token.repository.js';

export interface TokenView {
  id: number;
  name: string;
  userId: number;
  expiresAt: string;
  revokedAt: string | null;
  lastUsedAt: string | null;
  createdAt: string;
}

/** Personal access tokens for scripts. A token's secret leaves this class once, on creation. */
@Injectable()
export class TokensService {
  constructor(
    private readonly tokens: TokenRepository,
    private readonly recentCallers: RecentCallers,
    private readonly clock: Clock,
  ) {}

  /** Returns the token itself exactly once; afterwards only its hash exists. */
  async create(userId: number, name: string, expiresInDays: number): Promise<{ token: string; tokenInfo: TokenView }> {
    if (!(await this.tokens.userExists(userId))) throw AccessException.notFound(`User ${userId} was not found`);
    const problem = tokenLifetimeProblem(expiresInDays);
    if (problem) throw AccessException.invalid(problem);
    const { prefix, secret, token } = newTokenParts();
    const now = this.clock.now();
    const saved = await this.tokens.insert({ userId, name: name.trim(), tokenPrefix: prefix, tokenHash: sha256Hex(secret), expiresAt: tokenExpiry(now, expiresInDays) }, now);
    return { token, tokenInfo: toTokenView(saved) };
  }

  async list(userId?: number): Promise<TokenView[]> {
    return (await this.tokens.list(userId)).map(toTokenView);
  }

  /** Revokes a token of `ownerId`, or any token when `ownerId` is undefined (an admin). */
  async revoke(tokenId: number, ownerId: number | undefined): Promise<TokenView> {
    const token = await this.tokens.find(tokenId);
    if (!token || (ownerId !== undefined && token.userId !== ownerId)) throw AccessException.notFound(`Token ${tokenId} was not found`);
    if (!token.revokedAt) {
      token.revokedAt = this.clock.now();
      await this.tokens.revoke(tokenId, token.revokedAt);
    }
    this.recentCallers.forget((caller) => caller.tokenId === tokenId);
    return toTokenView(token);
  }

  async recordUse(tokenId: number, at: Date): Promise<void> {
    await this.tokens.recordUse(tokenId, at);
  }
}

/** A token as its owner and admins see it: never its secret or hash. */
export function toTokenView(token: Pick<ApiToken, 'id' | 'name' | 'userId' | 'expiresAt' | 'revokedAt' | 'lastUsedAt' | 'createdAt'>): TokenView {
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
