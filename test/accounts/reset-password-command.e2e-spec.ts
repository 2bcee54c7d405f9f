import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { runCli } from '../../apps/cli/src/main.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/** `improvement-tracker reset-password --email`, the operator's way back in for a locked-out user. */
describe('reset-password command', () => {
  let folder: string;
  let database: TestDatabase | undefined;
  let databaseUrl: string;
  let api: TestApi;

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (err.push(String(chunk)), true));
    const previous = process.exitCode;
    try {
      process.exitCode = undefined;
      const code = await runCli(['node', 'improvement-tracker', ...args]);
      return { code: code || Number(process.exitCode ?? 0), out: out.join(''), err: err.join('') };
    } finally {
      process.exitCode = previous;
      stdout.mockRestore();
      stderr.mockRestore();
    }
  }

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'improvement-tracker-cli-'));
    // The command and the API share one database, as on a real server: a file, or PostgreSQL when the suite runs there.
    const base = await createTestDatabase();
    if (base.url.startsWith('postgres')) database = base;
    databaseUrl = database?.url ?? `sqlite:${join(folder, 'tracker.sqlite')}`;
    process.env.DATABASE_URL = databaseUrl;
    process.env.PUBLIC_URL = 'https://tracker.council.example';
    process.env.LOG_LEVEL = 'error';
    expect((await cli('migrate')).code).toBe(0);
    expect((await cli('create-admin', '--email', 'locked.out@council.example', '--name', 'Locked Out', '--password', 'forgotten-it-completely')).code).toBe(0);
    api = await startTestApi({ today: '2015-06-01', env: { DATABASE_URL: databaseUrl } });
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('prints a one-off link with which the user sets a new password', async () => {
    const result = await cli('reset-password', '--email', 'Locked.Out@council.example');
    expect(result.code).toBe(0);
    const link = /https:\/\/tracker\.council\.example\/set-password\?token=\S+/.exec(result.out)?.[0];
    expect(link, result.out).toBeTruthy();
    expect(result.out).toContain('valid for 60 minutes');

    const agent = request.agent(api.app.getHttpServer());
    const path = new URL(link!).pathname + new URL(link!).search;
    const form = await agent.get(path).expect(200);
    const hidden = (name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(form.text)?.[1] ?? '';
    await agent
      .post('/set-password')
      .type('form')
      .send({ _form: hidden('_form'), token: hidden('token'), password: 'brass-lantern-meadow', confirmPassword: 'brass-lantern-meadow' })
      .expect(303);
    await request(api.app.getHttpServer()).post('/api/auth/login').send({ email: 'locked.out@council.example', password: 'brass-lantern-meadow' }).expect(200);
    await agent.get(path).expect(410);
  });

  it('says so, and fails, for an email with no account', async () => {
    const result = await cli('reset-password', '--email', 'nobody@council.example');
    expect(result.code).not.toBe(0);
    expect(result.err).toContain('no active account has the email nobody@council.example');
  });
});
