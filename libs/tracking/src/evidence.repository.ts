import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EvidenceFile, runSql } from '#database';

/**
 * Evidence files' records and, when kept in the database, their bytes (a column ordinary reads
 * leave out). Methods that take a manager run inside the caller's transaction (UnitOfWork).
 */
@Injectable()
export class EvidenceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The file's record, only if it is on this action. */
  find(actionId: number, id: number): Promise<EvidenceFile | null> {
    return this.dataSource.manager.findOne(EvidenceFile, { where: { id, actionId } });
  }

  insert(manager: EntityManager, file: Partial<EvidenceFile>): Promise<EvidenceFile> {
    return manager.save(manager.create(EvidenceFile, file));
  }

  async storeContent(manager: EntityManager, id: number, bytes: Buffer): Promise<void> {
    await runSql(manager, 'UPDATE evidence_files SET content = :content WHERE id = :id', { content: bytes, id });
  }

  /** The bytes kept in the database, or null when this deployment holds none (a file from an exported council). */
  async content(id: number): Promise<Buffer | null> {
    const rows = await runSql<{ content: Buffer | Uint8Array | null }>(this.dataSource, 'SELECT content FROM evidence_files WHERE id = :id', { id });
    const content = rows[0]?.content;
    return content ? Buffer.from(content) : null;
  }
}
