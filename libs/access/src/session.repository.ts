import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Session } from './entities/session.entity.js';

/** Browser sessions' writes (the lookup on every request is CredentialsRepository's). */
@Injectable()
export class SessionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async insert(session: Pick<Session, 'idHash' | 'userId' | 'csrfSecret' | 'expiresAt'>, now: Date): Promise<void> {
    await this.dataSource.getRepository(Session).insert({ ...session, createdAt: now });
  }

  /** The ids of a user's sessions. */
  async idsOf(userId: number): Promise<number[]> {
    return (await this.dataSource.getRepository(Session).find({ where: { userId }, select: { id: true } })).map((session) => session.id);
  }

  async remove(sessionIds: readonly number[]): Promise<void> {
    if (sessionIds.length > 0) await this.dataSource.getRepository(Session).delete([...sessionIds]);
  }
}
