import Database from 'better-sqlite3';
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { restoreSqlite } from '#database';
import { ReportsService } from '#tracking';
import { protectionReport } from '../../libs/extraction/test/support/synthetic-report.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { startApiOn } from './support/api-app.js';
import { startAppProcess } from './support/app-process.js';
import { SYSTEM_CONTEXT } from '#core';

const TABLES = ['reports', 'recommendations', 'actions', 'action_updates', 'users'] as const;

function countsOf(file: string): Record<(typeof TABLES)[number], number> {
  const database = new Database(file, { readonly: true });
  try {
    return Object.fromEntries(TABLES.map((table) => [table, (database.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n])) as Record<
      (typeof TABLES)[number],
      number
    >;
  } finally {
    database.close();
  }
}

/** Reports whose actions or journal are incomplete: none in a consistent copy. */
function halfWrittenReports(file: string): number {
  const database = new Database(file, { readonly: true });
  try {
    return (
      database
        .prepare(
          `SELECT COUNT(*) AS n FROM reports r
           WHERE (SELECT COUNT(*) FROM recommendations c WHERE c.report_id = r.id) <> 3
              OR (SELECT COUNT(*) FROM actions a WHERE a.report_id = r.id) <> 3
              OR (SELECT COUNT(*) FROM action_updates u JOIN actions a ON a.id = u.action_id WHERE a.report_id = r.id AND u.kind = 'created') <> 3`,
        )
        .get() as { n: number }
    ).n;
  } finally {
    database.close();
  }
}

/** A report of its own for each number: three recommendations, one of each timeframe. */
const report = (n: number) => protectionReport(`Immediately:\n- ensure referral ${n} is answered\n\nWithin three months:\n- review case ${n}\n\nWithin six months:\n- audit plan ${n}`);

describe('backup and restore of the embedded database', { timeout: 300_000 }, () => {
  let directory: string;
  let file: string;
  let api: TestApi | null = null;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'tracker-backup-'));
    file = join(directory, 'tracker.sqlite');
  });

  afterAll(async () => {
    await api?.close();
    await rm(directory, { recursive: true, force: true });
  });

  it('copies the database consistently while reports are ingested, refuses to restore under a running service, and restores the same counts', async () => {
    api = await startTestApi({ today: '2015-06-01', env: { DATABASE_URL: `sqlite:${file}` } });
    const reports = api.app.get(ReportsService);
    let ingested = 0;
    let ingesting = true;
    const ingestion = (async () => {
      while (ingesting) {
        await reports.ingest({ content: report(ingested + 1), fileName: `report-${ingested + 1}.txt` }, SYSTEM_CONTEXT);
        ingested += 1;
        // better-sqlite3 answers synchronously: without a turn of the event loop between reports,
        // nothing else in this process (the backup process's exit, for one) would ever be seen.
        await new Promise((resolve) => setImmediate(resolve));
      }
    })();
    while (ingested < 3) await new Promise((resolve) => setImmediate(resolve));

    const backupFile = join(directory, 'backup.sqlite');
    const backup = startAppProcess('cli', ['backup', backupFile], { DATABASE_URL: `sqlite:${file}` });
    const backupExit = await backup.exited;
    const ingestedAtBackup = ingested;
    // Writes went on after the copy was taken.
    while (ingested < ingestedAtBackup + 2) await new Promise((resolve) => setImmediate(resolve));
    ingesting = false;
    await ingestion;
    expect(backupExit.code, backup.output()).toBe(0);
    expect(backup.output()).toMatch(new RegExp(`Backed up .* to ${backupFile} \\(\\d+ bytes, schema \\w+\\)`));

    const copied = countsOf(backupFile);
    expect(copied.reports).toBeGreaterThanOrEqual(3);
    expect(copied.reports).toBeLessThan(ingested);
    expect(halfWrittenReports(backupFile)).toBe(0);
    expect(copied).toMatchObject({ recommendations: copied.reports * 3, actions: copied.reports * 3, users: 1 });

    const refused = startAppProcess('cli', ['restore', backupFile], { DATABASE_URL: `sqlite:${file}` });
    expect((await refused.exited).code).toBe(2);
    expect(refused.output()).toContain(`${file} is in use: stop the service`);
    expect(countsOf(file).reports).toBe(ingested);

    await api.close();
    api = null;
    const restored = await restoreSqlite(backupFile, file, new Date('2015-06-01T09:30:00.000Z'));
    expect(restored.previous).toBe(`${file}.before-restore-2015-06-01T09-30-00-000Z`);
    expect(existsSync(restored.previous!)).toBe(true);
    expect(countsOf(restored.previous!).reports).toBe(ingested);
    expect(countsOf(file)).toEqual(copied);

    // The service runs on the restored database, and the copy's admin signs in and sees what it held.
    const restoredApi = await startApiOn({ DATABASE_URL: `sqlite:${file}` });
    try {
      const http = request(restoredApi.getHttpServer());
      const login = await http.post('/api/auth/login').send({ email: 'admin@tracker.test', password: 'test-admin-password' }).expect(200);
      const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
      const listed = await http.get('/api/reports').set('Cookie', cookie).expect(200);
      expect(listed.body).toHaveLength(copied.reports);
    } finally {
      await restoredApi.close();
    }
  });

  it('refuses a file that is not a backup of this service, and names the fix on PostgreSQL', async () => {
    const notADatabase = join(directory, 'notes.txt');
    await import('node:fs/promises').then((fs) => fs.writeFile(notADatabase, 'not a database'));
    await expect(restoreSqlite(notADatabase, join(directory, 'other.sqlite'), new Date('2015-06-01T09:30:00.000Z'))).rejects.toThrow(/cannot be (opened|read) as a SQLite database/);
    const cli = startAppProcess('cli', ['backup', join(directory, 'x.dump')], { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/none' });
    expect((await cli.exited).code).toBe(2);
    expect(cli.output()).toContain('pg_dump --format=custom');
  });
});
