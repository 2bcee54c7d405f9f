import { copyFile, rename, rm, stat } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';

/** The SQLite file a DATABASE_URL names, or null for PostgreSQL and in-memory databases. */
export function sqliteFileOf(databaseUrl: string): string | null {
  if (!databaseUrl.startsWith('sqlite:')) return null;
  const file = databaseUrl.slice('sqlite:'.length);
  return file === ':memory:' ? null : file;
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

export interface BackupSummary {
  file: string;
  bytes: number;
  /** Names of the migrations the copy's schema has, last one last. */
  migrations: string[];
}

/**
 * A consistent copy of a SQLite database while the service keeps running on it, through SQLite's
 * online backup API: the copy is taken in one step inside one read transaction (in WAL mode writers
 * go on meanwhile), written beside the destination and renamed into place once checked, so a
 * destination file is never half written.
 */
export async function backupSqlite(source: string, destination: string): Promise<BackupSummary> {
  if (!existsSync(source)) throw new BackupError(`There is no database at ${source}`);
  const partial = `${destination}.partial`;
  await rm(partial, { force: true });
  const database = new Database(source, { readonly: true, fileMustExist: true, timeout: 10_000 });
  try {
    // The first step only learns the size; the second copies every page at once.
    await database.backup(partial, { progress: () => 0x7fffffff });
  } finally {
    database.close();
  }
  const migrations = checkDatabaseFile(partial);
  await rename(partial, destination);
  return { file: destination, bytes: (await stat(destination)).size, migrations };
}

/** Checks a file is an intact database of this service; answers the migrations its schema has. */
export function checkDatabaseFile(file: string): string[] {
  let database: Database.Database;
  try {
    database = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`${file} cannot be opened as a SQLite database: ${(error as Error).message}`);
  }
  try {
    const integrity = database.pragma('quick_check', { simple: true });
    if (integrity !== 'ok') throw new BackupError(`${file} is damaged (quick_check: ${String(integrity)})`);
    const hasMigrations = database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'migrations'").get();
    if (!hasMigrations) throw new BackupError(`${file} is a SQLite database, but not one of improvement-tracker (it has no migrations table)`);
    return (database.prepare('SELECT name FROM migrations ORDER BY id').all() as { name: string }[]).map((row) => row.name);
  } catch (error) {
    if (error instanceof BackupError) throw error;
    throw new BackupError(`${file} cannot be read as a SQLite database: ${(error as Error).message}`);
  } finally {
    database.close();
  }
}

/**
 * Whether any process has the database open. Every connection to a WAL database holds a shared
 * lock on it for as long as it is open, so asking for an exclusive lock (and not waiting for it)
 * fails while the API, the worker or a command uses it; the operating system drops a dead
 * process's locks, so a crashed service does not count.
 */
export function databaseInUse(file: string): boolean {
  if (!existsSync(file)) return false;
  const database = new Database(file, { fileMustExist: true, timeout: 0 });
  try {
    database.pragma('locking_mode = EXCLUSIVE');
    database.exec('BEGIN EXCLUSIVE');
    database.exec('COMMIT');
    return false;
  } catch (error) {
    if ((error as { code?: string }).code === 'SQLITE_BUSY' || (error as { code?: string }).code === 'SQLITE_LOCKED') return true;
    throw error;
  } finally {
    database.close();
  }
}

export interface RestoreSummary {
  /** Where the database that was replaced now is, if there was one. */
  previous: string | null;
  migrations: string[];
}

/**
 * Puts a backup in place of the database, refusing while anything has the database open. The
 * database it replaces is kept beside it (`<file>.before-restore-<time>`, with its WAL), never
 * deleted. Pending migrations of a backup from an older version run when the service next starts.
 */
export async function restoreSqlite(backup: string, target: string, now: Date): Promise<RestoreSummary> {
  const migrations = checkDatabaseFile(backup);
  if (databaseInUse(target)) {
    throw new BackupError(`${target} is in use: stop the service (the API, the worker and any command using it) and run restore again`);
  }
  const incoming = `${target}.restoring`;
  await copyFile(backup, incoming);
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target}.before-restore-${now.toISOString().replace(/[:.]/g, '-')}`;
    for (const suffix of ['', '-wal', '-shm']) {
      if (existsSync(`${target}${suffix}`)) await rename(`${target}${suffix}`, `${previous}${suffix}`);
    }
  }
  await rename(incoming, target);
  return { previous, migrations };
}
