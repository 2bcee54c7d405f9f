import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, LessThan, type DataSource } from 'typeorm';
import { PendingUpload } from '#database';

/** Reports uploaded and waiting for their uploader to confirm them. */
@Injectable()
export class PendingUploadRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async deleteExpired(now: Date): Promise<void> {
    await this.dataSource.manager.delete(PendingUpload, { expiresAt: LessThan(now) });
  }

  /**
   * Drops the uploader's oldest uploads so that `keep` remain. Their creation time is the
   * database's own, which orders uploads as they arrived even while a test's clock stands still.
   */
  async keepNewest(userId: number, keep: number): Promise<void> {
    const older = await this.dataSource.manager.find(PendingUpload, { where: { userId }, select: { id: true }, order: { createdAt: 'DESC', id: 'ASC' }, skip: keep });
    if (older.length > 0) await this.dataSource.manager.delete(PendingUpload, { id: In(older.map((row) => row.id)) });
  }

  async insert(upload: Omit<PendingUpload, 'createdAt' | 'corrections' | 'user'>): Promise<void> {
    await this.dataSource.manager.insert(PendingUpload, upload);
  }

  find(id: string): Promise<PendingUpload | null> {
    return this.dataSource.manager.findOne(PendingUpload, { where: { id } });
  }

  async setCorrections(upload: Pick<PendingUpload, 'id' | 'userId' | 'corrections'>): Promise<void> {
    await this.dataSource.manager.update(PendingUpload, { id: upload.id, userId: upload.userId }, { corrections: upload.corrections });
  }

  /** Only the uploader's own. */
  async delete(id: string, userId: number): Promise<void> {
    await this.dataSource.manager.delete(PendingUpload, { id, userId });
  }
}
