import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFromEnvironment } from '#config';
import { SEEDS_DIR } from '../support/test-api.js';
import { type AppProcess, startAppProcess, waitFor } from './support/app-process.js';

/** `improvement-tracker start` keeps the API and the worker running, and still stops on SIGTERM. */
describe('supervision under start', { timeout: 300_000 }, () => {
  let directory: string;
  let launcher: AppProcess;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'tracker-start-'));
  });

  afterAll(async () => {
    if (launcher && launcher.child.exitCode === null && launcher.child.signalCode === null) launcher.child.kill('SIGKILL');
    await rm(directory, { recursive: true, force: true });
  });

  it('restarts a killed API after its backoff, logs it, and stops both gracefully on SIGTERM', async () => {
    launcher = startAppProcess('cli', ['start'], {
      DATABASE_URL: `sqlite:${join(directory, 'tracker.sqlite')}`,
      REDIS_URL: loadConfigFromEnvironment().REDIS_URL,
      QUEUE_PREFIX: `test-start-${randomBytes(4).toString('hex')}`,
      REMINDER_CRON: 'off',
      OUTBOX_DIR: join(directory, 'outbox'),
      SEEDS_DIR,
      PORT: '0',
      HOST: '127.0.0.1',
      RESTART_BACKOFF_MS: '200',
    });
    const started = (name: string) => launcher.logged('Process started').filter((entry) => entry.process === name);
    const listening = () => launcher.logged('API listening');
    await waitFor(() => started('api').length === 1 && started('worker').length === 1 && listening().length === 1 && launcher.logged('Reminder worker started').length === 1, 'the API and the worker to start');
    const firstApi = started('api')[0].pid as number;
    expect((await fetch(`${listening()[0].url}/api/health/live`)).status).toBe(200);

    process.kill(firstApi, 'SIGKILL');
    await waitFor(() => listening().length === 2, 'the API to be started again');
    const [restart] = launcher.logged('Process exited; restarting it');
    expect(restart).toMatchObject({ process: 'api', pid: firstApi, signal: 'SIGKILL', restartInMs: 200, deathsInARow: 1 });
    expect(started('api')).toHaveLength(2);
    expect(started('api')[1].pid).not.toBe(firstApi);
    // The worker went on running throughout.
    expect(started('worker')).toHaveLength(1);
    expect((await fetch(`${listening()[1].url}/api/health`)).status).toBe(200);

    launcher.child.kill('SIGTERM');
    expect((await launcher.exited).code).toBe(0);
    expect(launcher.logged('Reminder worker stopped')).toHaveLength(1);
    const stopped = launcher.logged('Process stopped').map((entry) => entry.process);
    expect(stopped.sort()).toEqual(['api', 'worker']);
    expect(launcher.logged('Process exited; restarting it')).toHaveLength(1);
  });
});
