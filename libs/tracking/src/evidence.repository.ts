import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { ActionUpdate, EvidenceFile, runSql } from '#database';

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

/** Ids per statement: well inside every driver's limit on bound parameters. */
const CHUNK = 500;

/**
 * Each action's evidence: every link recorded in its journal plus every file uploaded, counted
 * one by one (a progress note with three links is three pieces of evidence). The exports and the
 * board pack count with this one function, so they never disagree.
 */
export async function evidenceCountsOf(dataSource: DataSource, actionIds: readonly number[]): Promise<Map<number, number>> {
  const counts = new Map<number, number>();
  const add = (actionId: number | string, count: number) => counts.set(Number(actionId), (counts.get(Number(actionId)) ?? 0) + count);
  for (let start = 0; start < actionIds.length; start += CHUNK) {
    const slice = actionIds.slice(start, start + CHUNK);
    const linked = await dataSource
      .getRepository(ActionUpdate)
      .createQueryBuilder('u')
      .select(['u.id', 'u.actionId', 'u.evidenceLinks'])
      .where('u.actionId IN (:...slice) AND u.evidenceLinks <> :none', { slice, none: '[]' })
      .getMany();
    for (const entry of linked) add(entry.actionId, entry.evidenceLinks.length);
    const files = await dataSource
      .createQueryBuilder(EvidenceFile, 'f')
      .select('f.actionId', 'actionId')
      .addSelect('COUNT(*)', 'count')
      .where('f.actionId IN (:...slice)', { slice })
      .groupBy('f.actionId')
      .getRawMany<{ actionId: number | string; count: number | string }>();
    for (const row of files) add(row.actionId, Number(row.count));
  }
  return counts;
}
