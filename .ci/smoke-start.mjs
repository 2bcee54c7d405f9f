// Starts the built system the way the quick start's `npm start` does (after its build step) on a
// fresh SQLite file with the demo data, waits for it to answer, signs in as a demo user, lists the
// actions, then stops it with SIGTERM. A type or build error that the swc-run suite cannot see
// fails here, before anyone's `npm start` does.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const DEMO_EMAIL = 'board.member@walthamforest.example';
const DEMO_PASSWORD = 'demo-password-2015';
const START_BUDGET_MS = 180_000;

function fail(message) {
  console.error(`smoke start: ${message}`);
  process.exitCode = 1;
}

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const delay = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const dir = mkdtempSync(join(tmpdir(), 'improvement-tracker-smoke-'));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const child = spawn(process.execPath, ['bin/improvement-tracker.js', 'start'], {
  env: {
    ...process.env,
    DATABASE_URL: `sqlite:${join(dir, 'smoke.sqlite')}`,
    SEED_DEMO: 'true',
    PORT: String(port),
    PUBLIC_URL: base,
    OUTBOX_DIR: join(dir, 'outbox'),
    LOG_FORMAT: 'json',
  },
  stdio: ['ignore', 'pipe', 'pipe'],
});
let output = '';
child.stdout.on('data', (chunk) => (output += chunk));
child.stderr.on('data', (chunk) => (output += chunk));
let exited = null;
child.on('exit', (code, signal) => (exited = { code, signal }));

try {
  const started = Date.now();
  let healthy = false;
  while (!healthy && exited === null && Date.now() - started < START_BUDGET_MS) {
    try {
      const response = await fetch(`${base}/api/health`);
      healthy = response.ok;
    } catch {
      // not listening yet
    }
    if (!healthy) await delay(500);
  }
  if (!healthy) throw new Error(exited ? `the system exited before answering (${JSON.stringify(exited)})` : 'no healthy answer within 3 minutes');
  console.log(`smoke start: healthy after ${Math.round((Date.now() - started) / 1000)} s`);

  const login = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: DEMO_EMAIL, password: DEMO_PASSWORD }),
  });
  if (!login.ok) throw new Error(`demo sign-in answered ${login.status}: ${await login.text()}`);
  const cookie = (login.headers.getSetCookie?.() ?? []).map((value) => value.split(';')[0]).join('; ');
  if (!cookie) throw new Error('demo sign-in set no session cookie');

  const list = await fetch(`${base}/api/actions?limit=5`, { headers: { cookie } });
  if (!list.ok) throw new Error(`the actions list answered ${list.status}: ${await list.text()}`);
  const body = await list.json();
  const items = Array.isArray(body) ? body : (body.items ?? body.data ?? []);
  if (items.length === 0) throw new Error(`the actions list is empty: ${JSON.stringify(body).slice(0, 300)}`);
  console.log(`smoke start: signed in as ${DEMO_EMAIL} and listed ${items.length} actions`);
} catch (error) {
  fail(error.message);
} finally {
  if (exited === null) {
    child.kill('SIGTERM');
    const stopBy = Date.now() + 30_000;
    while (exited === null && Date.now() < stopBy) await delay(200);
    if (exited === null) {
      child.kill('SIGKILL');
      fail('the system did not stop within 30 s of SIGTERM');
    } else if (exited.code !== 0 && exited.signal !== 'SIGTERM') {
      fail(`the system stopped with ${JSON.stringify(exited)}`);
    }
  }
  if (process.exitCode) console.error(output.slice(-4000));
  rmSync(dir, { recursive: true, force: true });
}
