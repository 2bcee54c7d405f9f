import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadConfigFromEnvironment, systemClock } from '#config';
import { backupSqlite, BackupError, restoreSqlite, sqliteFileOf } from '#database';
import { EXIT_FAILURE, type CliIo } from './cli-io.js';

const POSTGRES_ADVICE =
  'DATABASE_URL is PostgreSQL: back it up with pg_dump --format=custom --file=<file> "$DATABASE_URL" and restore it with pg_restore --clean --if-exists --no-owner --dbname="$DATABASE_URL" <file> (see the README\'s operations section)';

function databaseFile(io: CliIo): string | null {
  const url = loadConfigFromEnvironment().DATABASE_URL;
  const file = sqliteFileOf(url);
  if (file) return file;
  io.writeErr(`error: ${url.startsWith('sqlite:') ? 'an in-memory database has nothing to back up or restore' : POSTGRES_ADVICE}\n`);
  io.exitCode = EXIT_FAILURE;
  return null;
}

async function reporting(io: CliIo, work: () => Promise<string>): Promise<void> {
  try {
    io.writeOut(`${await work()}\n`);
  } catch (error) {
    if (!(error instanceof BackupError)) throw error;
    io.writeErr(`error: ${error.message}\n`);
    io.exitCode = EXIT_FAILURE;
  }
}

/** `backup <file>` and `restore <file>` of the embedded SQLite database (DATABASE_URL). */
export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description('copy the SQLite database to a file, consistently, while the service runs')
    .argument('<file>', 'where to write the copy (replaced if it exists)')
    .action(async (file: string) => {
      const source = databaseFile(io);
      if (!source) return;
      await reporting(io, async () => {
        const summary = await backupSqlite(source, resolve(file));
        return `Backed up ${source} to ${summary.file} (${summary.bytes} bytes, schema ${summary.migrations.at(-1) ?? 'empty'})`;
      });
    });

  program
    .command('restore')
    .description('put a backup in place of the SQLite database; refused while the service uses it')
    .argument('<file>', 'a file written by `backup`')
    .action(async (file: string) => {
      const target = databaseFile(io);
      if (!target) return;
      await reporting(io, async () => {
        // The time names the file the replaced database is kept as.
        const summary = await restoreSqlite(resolve(file), target, systemClock(loadConfigFromEnvironment()).now());
        return [
          `Restored ${target} from ${resolve(file)} (schema ${summary.migrations.at(-1) ?? 'empty'})`,
          summary.previous ? `The database it replaced is kept as ${summary.previous}` : null,
          'Start the service again; it applies any migration the backup is missing.',
        ]
          .filter(Boolean)
          .join('\n');
      });
    });
}
