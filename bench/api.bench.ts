/**
 * The pages people use (dashboard, actions list, one action) as a board member of one authority,
 * and GET /api/actions?overdue=true&authority=...&limit=50 (queried afresh on every request: there
 * is no list cache), each against /api/health/live on the same server, on a generated SQLite
 * database of 100,000 actions across 150 authorities. 10 connections; p99 latency and requests/s.
 *
 *   npm run build && node dist/bench/api.bench.js
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { DataSource } from 'typeorm';
import { AUTHORITY_DIRECTORY } from '#extraction';
import { ACCESS_ENTITIES } from '#access';
import { DATABASE_ENTITIES, dataSourceOptions } from '#database';
import { REMINDER_ENTITIES } from '#reminders';

const ACTIONS = 100_000;
const AUTHORITIES = 150;
const CONNECTIONS = 10;
const WARM_UP_SECONDS = 3;
const DURATION_SECONDS = 10;

async function generate(file: string): Promise<string[]> {
  const dataSource = new DataSource(dataSourceOptions(`sqlite:${file}`, [...DATABASE_ENTITIES, ...ACCESS_ENTITIES, ...REMINDER_ENTITIES]));
  await dataSource.initialize();
  await dataSource.runMigrations();
  await dataSource.destroy();

  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  const codes = AUTHORITY_DIRECTORY.slice(0, AUTHORITIES).map((row) => row.onsCode);
  const insertAuthority = db.prepare('INSERT INTO authorities (code, name, other_names) VALUES (?, ?, ?)');
  const insertReport = db.prepare(
    "INSERT INTO reports (authority_code, authority_name, format, baseline_date, judgements, text_sha256, raw_text) VALUES (?, ?, 'single_inspection_2014', ?, '[]', ?, '')",
  );
  const insertRecommendation = db.prepare(
    "INSERT INTO recommendations (report_id, ordinal, reference, text, timeframe, addressee, mentioned_bodies) VALUES (?, ?, ?, ?, ?, ?, '[]')",
  );
  const insertTeam = db.prepare("INSERT INTO teams (authority_code, name, emails, keywords) VALUES (?, ?, '[]', '[]')");
  const insertAction = db.prepare(
    `INSERT INTO actions (recommendation_id, report_id, authority_code, timeframe, addressee, title, team_id, status, original_due_date, due_date, due_date_assumed, version)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, 1)`,
  );
  const timeframes = ['immediate', 'three_months', 'six_months', 'unspecified'];
  const statuses = ['not_started', 'in_progress', 'blocked', 'completed'];
  const perAuthority = Math.ceil(ACTIONS / AUTHORITIES);
  let made = 0;
  db.transaction(() => {
    codes.forEach((code, index) => {
      insertAuthority.run(code, `Authority ${index}`, '[]');
      const team = Number(insertTeam.run(code, 'Children’s social care').lastInsertRowid);
      const reportsOf = 3;
      for (let r = 0; r < reportsOf && made < ACTIONS; r++) {
        const baseline = `20${String(15 + r * 3).padStart(2, '0')}-0${1 + (index % 9)}-15`;
        const report = Number(insertReport.run(code, `Authority ${index}`, baseline, `${code}-${r}`).lastInsertRowid);
        for (let i = 0; i < perAuthority / reportsOf && made < ACTIONS; i++, made++) {
          const timeframe = timeframes[i % 4];
          const text = `Ensure that recommendation ${i} of report ${report} is carried out across the partnership`;
          const recommendation = Number(insertRecommendation.run(report, i + 1, String(i + 1), text, timeframe, i % 7 === 0 ? 'lscb' : 'local_authority').lastInsertRowid);
          const due = `20${String(15 + r * 3 + (i % 4))}-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`;
          insertAction.run(recommendation, report, code, timeframe, i % 7 === 0 ? 'lscb' : 'local_authority', text.slice(0, 80), team, statuses[i % 4], due, due);
        }
      }
    });
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return codes;
}

interface Figures {
  rps: number;
  p99: number;
  errors: number;
}

/** Warms the route up (JIT, statement and page caches), then measures it. */
async function measure(url: string, headers: Record<string, string>): Promise<Figures> {
  await autocannon({ url, connections: CONNECTIONS, duration: WARM_UP_SECONDS, headers });
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_SECONDS, headers });
  return { rps: Math.round(result.requests.average), p99: result.latency.p99, errors: result.errors + result.non2xx };
}

async function startServer(databaseUrl: string, authority: string): Promise<{ url: string; token: string; cookie: string; stop: () => Promise<void> }> {
  const child = fork(fileURLToPath(new URL('./support/api-server.js', import.meta.url)), { stdio: 'inherit' });
  const ready = new Promise<{ url: string; token: string; cookie: string }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { url: string; token: string; cookie: string }));
    child.once('exit', (code) => reject(new Error(`the API process exited with code ${code}`)));
  });
  child.send({ databaseUrl, authority });
  const { url, token, cookie } = await ready;
  const stop = () => new Promise<void>((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
  return { url, token, cookie, stop };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'improvement-tracker-bench-'));
  const file = join(dir, 'bench.sqlite');
  try {
    const started = performance.now();
    const codes = await generate(file);
    // Figures are only comparable on the same machine, runtime and load: say which.
    console.log(`machine: ${cpus().length} CPUs, ${cpus()[0]?.model ?? 'unknown CPU'}, Node ${process.version}, load ${loadavg().map((load) => load.toFixed(2)).join(' ')}`);
    console.log(`generated ${ACTIONS} actions across ${codes.length} authorities in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    const authority = codes[Math.floor(codes.length / 2)];
    const server = await startServer(`sqlite:${file}`, authority);
    try {
      const bearer = { Authorization: `Bearer ${server.token}` };
      const browser = { Cookie: server.cookie };
      const listPath = `/api/actions?overdue=true&authority=${authority}&limit=50`;
      const firstAction = (await (await fetch(`${server.url}/api/actions?authority=${authority}&limit=1&sort=id`, { headers: bearer })).json()) as { items: { id: number }[] };
      const routes: { name: string; path: string; headers: Record<string, string>; target: string }[] = [
        { name: 'liveness', path: '/api/health/live', headers: bearer, target: '' },
        { name: 'dashboard page', path: `/authorities/${authority}`, headers: browser, target: 'p99 < 50 ms' },
        { name: 'actions list page', path: '/actions', headers: browser, target: 'p99 < 50 ms' },
        { name: 'action page', path: `/actions/${firstAction.items[0].id}`, headers: browser, target: 'p99 < 50 ms' },
        { name: 'API list (uncached)', path: listPath, headers: bearer, target: '≥ 0.25 of liveness' },
      ];
      console.log(`API in its own process, autocannon in this one: ${CONNECTIONS} connections, ${WARM_UP_SECONDS} s warm-up then ${DURATION_SECONDS} s per route; pages as a board member of ${authority}`);
      console.log('| route | path | req/s | p99 ms | errors | ÷ liveness | target |');
      console.log('| --- | --- | ---: | ---: | ---: | ---: | --- |');
      let live: Figures | undefined;
      for (const route of routes) {
        const figures = await measure(`${server.url}${route.path}`, route.headers);
        live ??= figures;
        console.log(`| ${route.name} | ${route.path} | ${figures.rps} | ${figures.p99} | ${figures.errors} | ${(figures.rps / live.rps).toFixed(2)} | ${route.target} |`);
      }
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
