import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EvidenceFile, runSql, sqlInstant } from '#database';
import { CLOSED_STATUSES } from '#core';

/** An evidence file the retention rule takes. */
export interface RemovableFile {
  id: number;
  actionId: number;
  fileName: string;
  storageKey: string | null;
}

/**
 * The retention rule (journal-retention.ts) as statements, the same on SQLite and PostgreSQL: what
 * was written before the cutoff on an action signed off before it. Methods that take a manager run
 * inside the caller's transaction (UnitOfWork).
 */
@Injectable()
export class RetentionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Evidence files the rule takes, oldest first. */
  async removableFiles(cutoff: Date): Promise<RemovableFile[]> {
    const rows = await runSql<{ id: number; action_id: number; file_name: string; storage_key: string | null }>(
      this.dataSource,
      `SELECT id, action_id, file_name, storage_key FROM evidence_files WHERE ${REMOVABLE_FILES} ORDER BY id`,
      this.parameters(cutoff),
    );
    return rows.map((row) => ({ id: Number(row.id), actionId: Number(row.action_id), fileName: row.file_name, storageKey: row.storage_key }));
  }

  /**
   * Marks the file removed now and drops its bytes; false when another process took it since the
   * list was read, so only the one that marks it writes the journal.
   */
  async markFileRemoved(manager: EntityManager, id: number, now: Date): Promise<boolean> {
    const marked = await manager
      .createQueryBuilder()
      .update(EvidenceFile)
      .set({ removedAt: now, storageKey: null })
      .where('id = :id AND removed_at IS NULL', { id })
      .execute();
    if (!marked.affected) return false;
    await runSql(manager, 'UPDATE evidence_files SET content = NULL WHERE id = :id', { id });
    return true;
  }

  /** Journal entries whose note and evidence the rule removes. */
  async countRemovableEntries(cutoff: Date): Promise<number> {
    const [removable] = await runSql<{ n: number | string }>(this.dataSource, `SELECT COUNT(*) AS n FROM action_updates WHERE ${REMOVABLE}`, this.parameters(cutoff));
    return Number(removable.n);
  }

  /** Removes the notes and evidence links of every entry the rule takes, in one statement; the entries stay, marked removed now. */
  async clearEntries(cutoff: Date, now: Date): Promise<void> {
    await runSql(this.dataSource, `UPDATE action_updates SET note = NULL, evidence_links = '[]', removed_at = :now WHERE ${REMOVABLE}`, {
      ...this.parameters(cutoff),
      now: sqlInstant(this.dataSource, now),
    });
  }

  /** SQLite compares TypeORM's UTC text; pg takes a Date. */
  private parameters(cutoff: Date): Record<string, unknown> {
    return { cutoff: sqlInstant(this.dataSource, cutoff), closed: [...CLOSED_STATUSES] };
  }
}

const REMOVABLE = `removed_at IS NULL
  AND (note IS NOT NULL OR evidence_links <> '[]')
  AND created_at < :cutoff
  AND action_id IN (SELECT id FROM actions WHERE status IN (:...closed) AND signed_off_at IS NOT NULL AND signed_off_at < :cutoff)`;

/** The same rule for evidence files (isPastRetention): uploaded before the cutoff, to an action signed off before it. */
const REMOVABLE_FILES = `removed_at IS NULL
  AND created_at < :cutoff
  AND action_id IN (SELECT id FROM actions WHERE status IN (:...closed) AND signed_off_at IS NOT NULL AND signed_off_at < :cutoff)`;
