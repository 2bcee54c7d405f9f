import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * Tells a reader whether what it just read was committed. On PostgreSQL every query outside a
 * transaction runs on its own pooled connection and sees committed rows only. On SQLite every
 * caller shares one connection, so a read made while another request's transaction is open sees
 * that transaction's rows, which may still be rolled back: anything built from such a read must
 * not outlive the request (see ActionPageCache).
 */
@Injectable()
export class TransactionWatch {
  private readonly sqlite: { inTransaction: boolean } | null;
  private started = 0;

  constructor(@InjectDataSource() dataSource: DataSource) {
    this.sqlite = dataSource.options.type === 'better-sqlite3' ? (dataSource.driver as unknown as { databaseConnection: { inTransaction: boolean } }).databaseConnection : null;
    if (this.sqlite) dataSource.subscribers.push({ beforeTransactionStart: () => void (this.started += 1) });
  }

  /** A mark to pass to committedSince() after reading, or null when a transaction is open now. */
  mark(): number | null {
    if (!this.sqlite) return 0;
    return this.sqlite.inTransaction ? null : this.started;
  }

  /** True when no transaction was open at the mark, none started since, and none is open now. */
  committedSince(mark: number | null): boolean {
    if (!this.sqlite) return true;
    return mark !== null && mark === this.started && !this.sqlite.inTransaction;
  }
}
