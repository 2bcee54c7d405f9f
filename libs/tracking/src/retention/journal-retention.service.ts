import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '#config';
import { UnitOfWork } from '#database';
import { Clock } from '#core';
import { ActionRepository } from '../action.repository.js';
import { fileRemovedEntry, retentionCutoff } from './journal-retention.js';
import { RetentionRepository } from './retention.repository.js';

export interface RetentionResult {
  /** Null when RETENTION_YEARS is unset: everything is kept. */
  cutoff: string | null;
  /** Journal entries whose note and evidence were removed by this run. */
  entries: number;
  /** Evidence files whose bytes were removed by this run (their records stay). */
  files: number;
}

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
    private readonly retention: RetentionRepository,
    private readonly actionRows: ActionRepository,
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
    const entries = await this.retention.countRemovableEntries(cutoff);
    if (entries === 0) return { cutoff: cutoff.toISOString(), entries: 0, files };
    await this.retention.clearEntries(cutoff, now);
    return { cutoff: cutoff.toISOString(), entries, files };
  }

  /**
   * Evidence files uploaded before the cutoff to actions signed off before it: the bytes go (the
   * database's content nulled, the directory store's file deleted once the change is committed),
   * the record stays with the day it was removed, and the action's journal says so.
   */
  private async removeFiles(cutoff: Date, now: Date): Promise<number> {
    const candidates = await this.retention.removableFiles(cutoff);
    if (candidates.length === 0) return 0;
    const removedKeys: string[] = [];
    const removed = await this.unitOfWork.run(async (manager) => {
      let count = 0;
      for (const file of candidates) {
        // Another process may have taken it since the list was read: only the one that marks it writes the journal.
        if (!(await this.retention.markFileRemoved(manager, file.id, now))) continue;
        await this.actionRows.appendJournal(manager, fileRemovedEntry(file, now));
        if (file.storageKey) removedKeys.push(file.storageKey);
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
}
