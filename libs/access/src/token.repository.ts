import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { ApiToken } from './entities/api-token.entity.js';
import { User } from './entities/user.entity.js';

export type NewApiToken = Pick<ApiToken, 'userId' | 'name' | 'tokenPrefix' | 'tokenHash' | 'expiresAt'>;

/** Personal access tokens' reads and writes (the lookup on every request is CredentialsRepository's). */
@Injectable()
export class TokenRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  userExists(userId: number): Promise<boolean> {
    return this.dataSource.getRepository(User).exists({ where: { id: userId } });
  }

  /** The stored token, created at `now`. */
  insert(token: NewApiToken, now: Date): Promise<ApiToken> {
    const tokens = this.dataSource.getRepository(ApiToken);
    return tokens.save(tokens.create({ ...token, revokedAt: null, lastUsedAt: null, createdAt: now }));
  }

  /** A user's tokens, or everyone's, oldest first. */
  list(userId?: number): Promise<ApiToken[]> {
    return this.dataSource.getRepository(ApiToken).find({ where: userId === undefined ? {} : { userId }, order: { id: 'ASC' } });
  }

  find(tokenId: number): Promise<ApiToken | null> {
    return this.dataSource.getRepository(ApiToken).findOne({ where: { id: tokenId } });
  }

  async revoke(tokenId: number, at: Date): Promise<void> {
    await this.dataSource.getRepository(ApiToken).update({ id: tokenId }, { revokedAt: at });
  }

  async recordUse(tokenId: number, at: Date): Promise<void> {
    await this.dataSource.getRepository(ApiToken).update({ id: tokenId }, { lastUsedAt: at });
  }
}
