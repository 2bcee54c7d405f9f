import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AppConfig } from '#config';
import { runSql, sqlInstant } from '#database';
import { CLOSED_STATUSES, Clock } from '#core';
import { retentionCutoff } from './journal-retention.js';

export interface RetentionResult {
  /** Null when RETENTION_YEARS is unset: everything is kept. */
  cutoff: string | null;
  /** Journal entries whose note and evidence were removed by this run. */
  entries: number;
}

/**
 * Applies the retention rule (journal-retention.ts) to the whole deployment in one statement, so
 * it is the same on SQLite and PostgreSQL and safe to run from several processes at once: an entry
 * already removed is not touched again.
 */
@Injectable()
export class JournalRetentionService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async apply(): Promise<RetentionResult> {
    const years = this.config.RETENTION_YEARS;
    if (!years) return { cutoff: null, entries: 0 };
    const now = this.clock.now();
    const cutoff = retentionCutoff(now, years);
    const [removable] = await runSql<{ n: number | string }>(this.dataSource, `SELECT COUNT(*) AS n FROM action_updates WHERE ${REMOVABLE}`, this.parameters(cutoff));
    if (Number(removable.n) === 0) return { cutoff: cutoff.toISOString(), entries: 0 };
    await runSql(
      this.dataSource,
      `UPDATE action_updates SET note = NULL, evidence_links = '[]', removed_at = :now WHERE ${REMOVABLE}`,
      { ...this.parameters(cutoff), now: this.stored(now) },
    );
    return { cutoff: cutoff.toISOString(), entries: Number(removable.n) };
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
