import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startApiOn } from './support/api-app.js';

const TABLES = ['authorities', 'reports', 'recommendations', 'actions', 'action_updates', 'users', 'api_tokens', 'migrations'];

async function countsOf(url: string): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const counts: Record<string, number> = {};
    for (const table of TABLES) counts[table] = Number((await client.query(`SELECT COUNT(*) AS n FROM ${table}`)).rows[0].n);
    return counts;
  } finally {
    await client.end();
  }
}

/** The README's restore drill for PostgreSQL, run as written: pg_dump, pg_restore into an empty database, start on it. */
describe('PostgreSQL restore drill', { timeout: 180_000 }, () => {
  let api: TestApi;
  let restoredDatabase: TestDatabase;
  let directory: string;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01' });
    restoredDatabase = await createTestDatabase();
    directory = await mkdtemp(join(tmpdir(), 'tracker-drill-'));
  });

  afterAll(async () => {
    await api?.close();
    await restoredDatabase?.drop();
    await rm(directory, { recursive: true, force: true });
  });

  it('restores a dump that the service runs on with the same data', async () => {
    const reportId = await ingestSeedReport(api, 'brent-2012-protection.txt');
    await ingestSeedReport(api, 'waltham-forest-2014-sif.txt');
    const http = request(api.app.getHttpServer());
    const [first] = (await http.get(`/api/actions?report=${reportId}&limit=1&sort=id`).set(api.adminAuth).expect(200)).body.items;
    await http.post(`/api/actions/${first.id}/updates`).set(api.adminAuth).send({ note: 'Audit booked for July' }).expect(201);
    const before = await countsOf(api.env.DATABASE_URL);

    const dump = join(directory, 'tracker.dump');
    execFileSync('pg_dump', ['--format=custom', `--file=${dump}`, api.env.DATABASE_URL]);
    execFileSync('pg_restore', ['--no-owner', '--exit-on-error', `--dbname=${restoredDatabase.url}`, dump]);
    expect(await countsOf(restoredDatabase.url)).toEqual(before);

    const restored = await startApiOn({ DATABASE_URL: restoredDatabase.url }, api.clock);
    try {
      const action = (await request(restored.getHttpServer()).get(`/api/actions/${first.id}`).set(api.adminAuth).expect(200)).body;
      expect(action.journal.at(-1)).toMatchObject({ kind: 'progress', note: 'Audit booked for July' });
      await request(restored.getHttpServer()).post(`/api/actions/${first.id}/updates`).set(api.adminAuth).send({ note: 'After the restore' }).expect(201);
      const listed = (await request(restored.getHttpServer()).get(`/api/actions/${first.id}`).set(api.adminAuth).expect(200)).body;
      expect(listed.journal.at(-1)).toMatchObject({ kind: 'progress', note: 'After the restore' });
    } finally {
      await restored.close();
    }
  });
});
