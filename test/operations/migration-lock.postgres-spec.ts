import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFromEnvironment } from '#config';
import { MIGRATIONS } from '#database';
import { SEEDS_DIR } from '../support/test-api.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { type AppProcess, startAppProcess, waitFor } from './support/app-process.js';

const LOCK = 'improvement-tracker:migrations';
// TypeORM runs migrations in the order of the timestamp ending each name, whatever the list's order.
const timestampOf = (name: string) => Number(/\d{13}$/.exec(name)?.[0] ?? 0);
const MIGRATION_NAMES = MIGRATIONS.map((migration) => (new migration() as { name?: string }).name ?? migration.name).sort(
  (a, b) => timestampOf(a) - timestampOf(b),
);

/** Migrations once, however many processes start: PostgreSQL's advisory lock in front of them. */
// Each process compiles the TypeScript sources as it starts: minutes on a busy two-core machine.
describe('migrations under a lock', { timeout: 300_000 }, () => {
  let database: TestDatabase;
  const running: AppProcess[] = [];
  const start = (app: 'api' | 'worker' | 'cli', args: string[], env: Record<string, string> = {}) => {
    const started = startAppProcess(app, args, {
      DATABASE_URL: database.url,
      REDIS_URL: loadConfigFromEnvironment().REDIS_URL,
      QUEUE_PREFIX: `test-migrations-${Date.now()}`,
      REMINDER_CRON: 'off',
      SEEDS_DIR,
      PORT: '0',
      HOST: '127.0.0.1',
      ...env,
    });
    running.push(started);
    return started;
  };
  const query = async (sql: string) => {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows;
    } finally {
      await client.end();
    }
  };

  beforeAll(async () => {
    database = await createTestDatabase();
  });

  afterAll(async () => {
    for (const app of running) if (app.child.exitCode === null) app.child.kill('SIGKILL');
    await Promise.all(running.map((app) => app.exited));
    await database?.drop();
  });

  it('brings three APIs started together on an empty database up healthy, migrating once, while the worker waits', async () => {
    // The test holds the lock first, so every process is certainly started before any migrates.
    const holder = new pg.Client({ connectionString: database.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock(hashtext($1))', [LOCK]);

    const worker = start('worker', []);
    const apis = [start('api', []), start('api', []), start('api', [])];
    await waitFor(() => apis.every((api) => api.logged('Another process is migrating the database; waiting for it').length === 1), 'every API to wait for the lock');
    await waitFor(() => worker.logged('Waiting for the database schema to be migrated by another process').length > 0, 'the worker to wait for the schema');
    expect(apis.every((api) => api.logged('API listening').length === 0)).toBe(true);
    expect(await query("SELECT to_regclass('public.actions') AS actions")).toEqual([{ actions: null }]);

    await holder.end();
    const urls = await Promise.all(apis.map((api) => waitFor(() => api.logged('API listening')[0]?.url as string | undefined, 'an API to listen')));
    for (const url of urls) {
      const response = await fetch(`${url.replace('[::1]', '127.0.0.1')}/api/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ database: { status: 'up', type: 'postgres' } });
    }
    // One process applied every migration; the others found nothing left to do.
    const applied = apis.map((api) => api.logged('Migrations applied').flatMap((entry) => entry.migrations as string[]));
    expect(applied.filter((names) => names.length > 0)).toEqual([MIGRATION_NAMES]);
    const rows = await query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((row) => row.name)).toEqual(MIGRATION_NAMES);

    await waitFor(() => worker.logged('Reminder worker started').length > 0, 'the worker to start once the schema is current');
    expect(worker.logged('Migrations applied')).toEqual([]);
    for (const app of [...apis, worker]) app.child.kill('SIGTERM');
    // Nest closes the application, then ends the process with the signal it received.
    for (const app of [...apis, worker]) expect(await app.exited).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('leaves the schema to `improvement-tracker migrate` when MIGRATIONS_RUN=false', async () => {
    await query('DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    const api = start('api', [], { MIGRATIONS_RUN: 'false' });
    await waitFor(() => api.logged('Waiting for the database schema to be migrated by another process').length > 0, 'the API to wait for the schema');
    expect(await query("SELECT to_regclass('public.migrations') AS migrations")).toEqual([{ migrations: null }]);

    const migrate = start('cli', ['migrate'], { MIGRATIONS_RUN: 'false' });
    expect((await migrate.exited).code).toBe(0);
    expect(migrate.output()).toContain('Database schema is up to date');
    const url = await waitFor(() => api.logged('API listening')[0]?.url as string | undefined, 'the API to listen');
    expect((await fetch(`${url}/api/health`)).status).toBe(200);
    expect(api.logged('Migrations applied')).toEqual([]);
    api.child.kill('SIGTERM');
    expect(await api.exited).toEqual({ code: null, signal: 'SIGTERM' });
  });
});
