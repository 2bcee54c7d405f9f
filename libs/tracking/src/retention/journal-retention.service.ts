import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '#config';
import { ActionUpdate, EvidenceFile, runSql, sqlInstant, UnitOfWork } from '#database';
import { CLOSED_STATUSES, Clock } from '#core';
import { retentionCutoff } from './journal-retention.js';

export interface RetentionResult {
  /** Null when RETENTION_YEARS is unset: everything is kept. */
  cutoff: string | null;
  /** Journal entries whose note and evidence were removed by this run. */
  entries: number;
  /** Evidence files whose bytes were removed by this run (their records stay). */
  files: number;
}

/** Who the journal names for a file the retention setting removed. */
export const RETENTION_ACTOR = 'Retention policy';

/**
 * Applies the retention rule (journal-retention.ts) to the whole deployment: journal notes in one
 * statement, the same on SQLite and PostgreSQL; evidence files one by one, each in the same
 * transaction as the journal entry saying it went. Safe to run from several processes at once:
 * an entry or a file already removed is not touched again.
 */
@Injectable()
export class JournalRetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly unitOfWork: UnitOfWork,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async apply(): Promise<RetentionResult> {
    const years = this.config.RETENTION_YEARS;
    if (!years) return { cutoff: null, entries: 0, files: 0 };
    const now = this.clock.now();
    const cutoff = retentionCutoff(now, years);
    // Files first: the journal entry each one writes is from now, so the notes' rule never takes it.
    const files = await this.removeFiles(cutoff, now);
    const [removable] = await runSql<{ n: number | string }>(this.dataSource, `SELECT COUNT(*) AS n FROM action_updates WHERE ${REMOVABLE}`, this.parameters(cutoff));
    if (Number(removable.n) === 0) return { cutoff: cutoff.toISOString(), entries: 0, files };
    await runSql(
      this.dataSource,
      `UPDATE action_updates SET note = NULL, evidence_links = '[]', removed_at = :now WHERE ${REMOVABLE}`,
      { ...this.parameters(cutoff), now: this.stored(now) },
    );
    return { cutoff: cutoff.toISOString(), entries: Number(removable.n), files };
  }

  /**
   * Evidence files uploaded before the cutoff to actions signed off before it: the bytes go (the
   * database's content nulled, the directory store's file deleted once the change is committed),
   * the record stays with the day it was removed, and the action's journal says so.
   */
  private async removeFiles(cutoff: Date, now: Date): Promise<number> {
    const candidates = await runSql<{ id: number; action_id: number; file_name: string; storage_key: string | null }>(
      this.dataSource,
      `SELECT id, action_id, file_name, storage_key FROM evidence_files WHERE ${REMOVABLE_FILES} ORDER BY id`,
      this.parameters(cutoff),
    );
    if (candidates.length === 0) return 0;
    const removedKeys: string[] = [];
    const removed = await this.unitOfWork.run(async (manager) => {
      let count = 0;
      for (const file of candidates) {
        // Another process may have taken it since the list was read: only the one that marks it writes the journal.
        const marked = await manager
          .createQueryBuilder()
          .update(EvidenceFile)
          .set({ removedAt: now, storageKey: null })
          .where('id = :id AND removed_at IS NULL', { id: file.id })
          .execute();
        if (!marked.affected) continue;
        await runSql(manager, 'UPDATE evidence_files SET content = NULL WHERE id = :id', { id: file.id });
        await manager.insert(ActionUpdate, {
          actionId: Number(file.action_id),
          kind: 'evidence',
          actorUserId: null,
          actorName: RETENTION_ACTOR,
          changes: [{ field: 'evidenceFile', from: file.file_name, to: null }],
          note: `Evidence file removed under the retention policy: ${file.file_name}`,
          evidenceLinks: [],
        });
        if (file.storage_key) removedKeys.push(file.storage_key);
        count += 1;
      }
      return count;
    });
    // After the commit, as when a council's data is deleted: a failed run keeps every file.
    const directory = this.config.EVIDENCE_DIR ? resolve(this.config.EVIDENCE_DIR) : null;
    if (directory) {
      for (const key of removedKeys) {
        await rm(join(directory, key), { force: true }).catch((error: unknown) =>
          this.logger.error(`Could not delete evidence file ${key} from EVIDENCE_DIR: ${error instanceof Error ? error.message : String(error)}`),
        );
      }
    }
    return removed;
  }

  private parameters(cutoff: Date): Record<string, unknown> {
    return { cutoff: this.stored(cutoff), closed: [...CLOSED_STATUSES] };
  }

  /** SQLite compares TypeORM's UTC text; pg takes a Date. */
  private stored(instant: Date): unknown {
    return sqlInstant(this.dataSource, instant);
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
