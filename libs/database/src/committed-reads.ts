import type BetterSqlite3 from 'better-sqlite3';
import type { DataSource, EntityManager, QueryRunner, ReplicationMode } from 'typeorm';

type SqliteConnection = BetterSqlite3.Database;

interface BetterSqlite3DriverShape {
  options: { database: string; timeout?: number };
  sqlite: new (file: string, options: { timeout?: number; fileMustExist?: boolean }) => SqliteConnection;
  databaseConnection: SqliteConnection;
  createQueryRunner(mode: ReplicationMode): QueryRunner;
  disconnect(): Promise<void>;
}

/**
 * better-sqlite3 gives TypeORM one connection, shared by every request. A transaction that waits
 * for anything (each statement of an ingest is awaited) leaves that connection inside the
 * transaction, so another request reading meanwhile would see rows that may yet be rolled back: a
 * half-ingested report could be listed. Reads made outside a transaction therefore go to a second
 * connection to the same file, made read-only: in WAL mode it sees the database as of the last
 * commit, never a transaction in progress. Everything a transaction does, and every write, stays on
 * the one connection as before (SQLite has one writer; a second writing connection on the same
 * thread could only wait for a lock that this thread holds).
 *
 * TypeORM already asks for a "slave" query runner for every select it builds outside a transaction
 * (find, findOne, count, query builders); this answers those with the reader. An in-memory
 * database cannot be opened twice, so it keeps the single connection (tools and throwaway use).
 * PostgreSQL needs none of this: each transaction has a pooled connection of its own.
 */
export function withCommittedReads(dataSource: DataSource): DataSource {
  if (dataSource.options.type !== 'better-sqlite3' || dataSource.options.database === ':memory:') return dataSource;
  const driver = dataSource.driver as unknown as BetterSqlite3DriverShape;
  const master = driver.createQueryRunner.bind(driver);
  const disconnect = driver.disconnect.bind(driver);
  let reader: { connection: SqliteConnection; runner: QueryRunner } | undefined;

  driver.createQueryRunner = (mode: ReplicationMode) => {
    if (mode !== 'slave') return master(mode);
    if (!reader) {
      const connection = new driver.sqlite(driver.options.database, { timeout: driver.options.timeout, fileMustExist: true });
      connection.pragma('query_only = ON');
      // A query runner of the driver's own kind (statement cache, result shapes), on the reader.
      const Runner = master('master').constructor as new (owner: BetterSqlite3DriverShape) => QueryRunner & { connect(): Promise<SqliteConnection> };
      const runner = new Runner(driver);
      runner.connect = () => Promise.resolve(connection);
      reader = { connection, runner };
    }
    return reader.runner;
  };
  driver.disconnect = async () => {
    reader?.connection.close();
    reader = undefined;
    await disconnect();
  };
  return dataSource;
}

/**
 * The query runner a hand-written read-only statement should use: the reader outside a
 * transaction where there is one (see withCommittedReads), otherwise what TypeORM would use.
 */
export function readerFor(runner: DataSource | EntityManager): QueryRunner | undefined {
  const manager = 'dataSource' in runner ? runner : null;
  if (manager?.queryRunner) return undefined;
  const dataSource = manager ? manager.dataSource : (runner as DataSource);
  if (dataSource.options.type !== 'better-sqlite3' || dataSource.options.database === ':memory:') return undefined;
  return dataSource.createQueryRunner('slave');
}
