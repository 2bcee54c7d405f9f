import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { loadConfigFromEnvironment } from '#config';

export interface TestDatabase {
  url: string;
  drop(): Promise<void>;
}

/**
 * A database of its own for one test file. On the embedded default that is a SQLite file in a
 * temporary directory, as a deployment has (WAL, and reads on a connection of their own: an
 * in-memory database would have neither); when DATABASE_URL points at PostgreSQL, a fresh database
 * is created beside it and dropped after.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const base = loadConfigFromEnvironment().DATABASE_URL;
  if (!base.startsWith('postgres')) {
    const directory = await mkdtemp(join(tmpdir(), 'it-test-db-'));
    return { url: `sqlite:${join(directory, 'tracker.sqlite')}`, drop: () => rm(directory, { recursive: true, force: true }) };
  }
  const name = `it_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const client = new pg.Client({ connectionString: base });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
