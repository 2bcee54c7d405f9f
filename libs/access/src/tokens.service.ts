import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Clock } from '#core';
import { AccessException } from './access.exception.js';
import { tokenExpiry, tokenLifetimeProblem } from './credential.rules.js';
import { ApiToken } from './entities/api-token.entity.js';
import { User } from './entities/user.entity.js';
import { RecentCallers } from './recent-callers.js';
import { newTokenParts, sha256Hex } from './secrets.js';

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
    @InjectRepository(ApiToken) private readonly tokens: Repository<ApiToken>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly recentCallers: RecentCallers,
    private readonly clock: Clock,
  ) {}

  /** Returns the token itself exactly once; afterwards only its hash exists. */
  async create(userId: number, name: string, expiresInDays: number): Promise<{ token: string; tokenInfo: TokenView }> {
    if (!(await this.users.exists({ where: { id: userId } }))) throw AccessException.notFound(`User ${userId} was not found`);
    const problem = tokenLifetimeProblem(expiresInDays);
    if (problem) throw AccessException.invalid(problem);
    const { prefix, secret, token } = newTokenParts();
    const saved = await this.tokens.save(
      this.tokens.create({
        userId,
        name: name.trim(),
        tokenPrefix: prefix,
        tokenHash: sha256Hex(secret),
        expiresAt: tokenExpiry(this.clock.now(), expiresInDays),
        revokedAt: null,
        lastUsedAt: null,
      }),
    );
    return { token, tokenInfo: toTokenView(saved) };
  }

  async list(userId?: number): Promise<TokenView[]> {
    const tokens = await this.tokens.find({ where: userId === undefined ? {} : { userId }, order: { id: 'ASC' } });
    return tokens.map(toTokenView);
  }

  /** Revokes a token of `ownerId`, or any token when `ownerId` is undefined (an admin). */
  async revoke(tokenId: number, ownerId: number | undefined): Promise<TokenView> {
    const token = await this.tokens.findOne({ where: { id: tokenId } });
    if (!token || (ownerId !== undefined && token.userId !== ownerId)) throw AccessException.notFound(`Token ${tokenId} was not found`);
    if (!token.revokedAt) {
      token.revokedAt = this.clock.now();
      await this.tokens.update({ id: tokenId }, { revokedAt: token.revokedAt });
    }
    this.recentCallers.forget((caller) => caller.tokenId === tokenId);
    return toTokenView(token);
  }

  async recordUse(tokenId: number, at: Date): Promise<void> {
    await this.tokens.update({ id: tokenId }, { lastUsedAt: at });
  }
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
