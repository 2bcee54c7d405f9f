import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfigFromEnvironment } from '#config';
import { createTestDatabase } from '../../support/test-database.js';

export interface SharedDatabase {
  url: string;
  /** A folder of the test's own, removed with the database. */
  directory: string;
  /** The SQLite file, when the database is one. */
  file: string | null;
  drop(): Promise<void>;
}

/**
 * A database several application instances or processes can open one after another or at once: a
 * SQLite file in a folder of its own, or a fresh PostgreSQL database when DATABASE_URL points there.
 */
export async function createSharedDatabase(): Promise<SharedDatabase> {
  const directory = await mkdtemp(join(tmpdir(), 'tracker-ops-'));
  const cleanup = () => rm(directory, { recursive: true, force: true });
  if (loadConfigFromEnvironment().DATABASE_URL.startsWith('postgres')) {
    const database = await createTestDatabase();
    return { url: database.url, directory, file: null, drop: async () => (await database.drop(), await cleanup()) };
  }
  const file = join(directory, 'tracker.sqlite');
  return { url: `sqlite:${file}`, directory, file, drop: cleanup };
}
