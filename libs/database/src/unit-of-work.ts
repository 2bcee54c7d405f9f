import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';

/** Attempts of a transaction that PostgreSQL aborts as a deadlock or a serialisation failure. */
export const TRANSACTION_ATTEMPTS = 4;
/** SQLSTATEs of a transaction that lost a race and may simply be run again. */
const RETRYABLE_STATES = new Set(['40001', '40P01']);

export enum DatabaseErrorCode {
  /** The transaction kept losing races with others: the caller should try again shortly (503). */
  BUSY = 'BUSY',
}

/** The one error the database library throws of its own. */
export class DatabaseException extends Error {
  constructor(
    readonly code: DatabaseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DatabaseException';
  }
}

function isRetryable(error: unknown): boolean {
  const failure = error as { code?: unknown; driverError?: { code?: unknown } } | null;
  return RETRYABLE_STATES.has(String(failure?.driverError?.code ?? failure?.code ?? ''));
}

/**
 * Runs a function in one database transaction. On SQLite every caller shares one connection, so
 * a second transaction started while one is open would silently nest inside it; transactions are
 * therefore queued one after another there. PostgreSQL gives each its own pooled connection.
 */
@Injectable()
export class UnitOfWork {
  private queue: Promise<unknown> = Promise.resolve();
  private readonly serialise: boolean;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    this.serialise = dataSource.options.type === 'better-sqlite3';
  }

  /**
   * A transaction PostgreSQL aborts as a deadlock or a serialisation failure (40P01, 40001) did
   * nothing, so it is run again, up to TRANSACTION_ATTEMPTS times in all; then DatabaseException BUSY.
   */
  run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    if (!this.serialise) return this.withRetries(work);
    const next = this.queue.then(() => this.withRetries(work));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async withRetries<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.dataSource.transaction(work);
      } catch (error) {
        if (!isRetryable(error)) throw error;
        if (attempt >= TRANSACTION_ATTEMPTS) {
          throw new DatabaseException(DatabaseErrorCode.BUSY, 'The database is busy with the same records: try again in a moment');
        }
      }
    }
  }
}
