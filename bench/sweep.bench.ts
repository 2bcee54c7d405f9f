/**
 * Reminder sweep and email throughput.
 *
 *   npm run build && node dist/bench/sweep.bench.js [--actions=1000000] [--teams=10000] [--emails=2000] [--profile=delivery.cpuprofile]
 *
 * 1. Generates open actions spread over teams of 150 authorities (each with a board chair and an
 *    LSCB chair) in a temporary SQLite file, due dates from 400 days ago to 200 days ahead.
 * 2. Times the sweep of one working day: planning every digest in the database and queuing one
 *    job per digest in Redis (a throwaway key prefix, deleted afterwards). Then the same day again
 *    (a re-run: nothing new) and the next working day (only what that day adds).
 * 3. Times email: messages through the pooled SMTP transport into an in-process SMTP server, and
 *    digests delivered end to end by a BullMQ worker (read, compose, send, record).
 * Needs Redis (REDIS_URL, default redis://127.0.0.1:6379).
 */
import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { SMTPServer } from 'smtp-server';
import { DataSource } from 'typeorm';
import { loadConfig, loadConfigFromEnvironment } from '#config';
import { addCalendarDays, ZonedClock } from '#deadlines';
import { ACCESS_ENTITIES } from '#access';
import { DATABASE_ENTITIES, dataSourceOptions, UnitOfWork } from '#database';
import {
  ChallengeAlertPlanner,
  ChallengeAlertRepository,
  composeTeamDigest,
  DigestDeliveryRepository,
  DigestDeliveryService,
  MAIL_QUEUE,
  ReminderPlanner,
  ReminderPlanRepository,
  ReminderQueues,
  REMINDER_ENTITIES,
  ReminderSweepService,
  SmtpMailTransport,
  SWEEP_QUEUE,
  type DigestItem,
} from '#reminders';
import { type IsoDate, OPEN_STATUSES } from '#core';

const argument = (name: string, fallback: number) => Number(process.argv.find((arg) => arg.startsWith(`--${name}=`))?.split('=')[1] ?? fallback);
const ACTIONS = argument('actions', 1_000_000);
const TEAMS = argument('teams', 10_000);
const EMAILS = argument('emails', 2_000);
/** A CPU profile of the end-to-end delivery alone (open it in Chrome DevTools), when asked for. */
const PROFILE = process.argv.find((arg) => arg.startsWith('--profile='))?.slice('--profile='.length);
const AUTHORITIES = 150;
// Monday 2 June 2025, and the next working day.
const DAY: IsoDate = '2025-06-02';
const NEXT_DAY: IsoDate = '2025-06-03';

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await work();
  return { result, ms: performance.now() - started };
}

async function main(): Promise<void> {
  // The services log each sweep; the figures below say it more briefly.
  Logger.overrideLogger(['error']);
  const directory = await mkdtemp(join(tmpdir(), 'sweep-bench-'));
  const databaseUrl = `sqlite:${join(directory, 'bench.sqlite')}`;
  const prefix = `bench-${randomBytes(4).toString('hex')}`;
  const sink = await startSink();
  const config = loadConfig({
    DATABASE_URL: databaseUrl,
    REDIS_URL: loadConfigFromEnvironment().REDIS_URL,
    QUEUE_PREFIX: prefix,
    SMTP_URL: `smtp://127.0.0.1:${sink.port}`,
    PUBLIC_URL: 'https://tracker.council.example',
    MAIL_CONCURRENCY: '10',
  });
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const dataSource = new DataSource({ ...dataSourceOptions(databaseUrl, [...DATABASE_ENTITIES, ...ACCESS_ENTITIES, ...REMINDER_ENTITIES]), logging: false });
  const queueOptions = { connection: redis, prefix };
  const queues = new ReminderQueues(new Queue(SWEEP_QUEUE, queueOptions), new Queue(MAIL_QUEUE, queueOptions), { attempts: 3, backoffMs: 1000 });
  const transport = new SmtpMailTransport(config.SMTP_URL!, config.MAIL_CONCURRENCY);

  try {
    console.log(`machine: ${availableParallelism()} CPUs (nproc), ${cpus()[0]?.model ?? 'unknown CPU'}, node ${process.version}`);
    await dataSource.initialize();
    await dataSource.runMigrations();
    const generated = await timed(async () => generate(databaseUrl.slice('sqlite:'.length)));
    console.log(`generated ${ACTIONS.toLocaleString('en-GB')} open actions in ${TEAMS.toLocaleString('en-GB')} teams of ${AUTHORITIES} authorities in ${seconds(generated.ms)}`);

    const unitOfWork = new UnitOfWork(dataSource);
    const clock = new ZonedClock(config.TZ_NAME);
    const planner = new ReminderPlanner(new ReminderPlanRepository(dataSource), new ChallengeAlertPlanner(new ChallengeAlertRepository()), unitOfWork, config, clock);
    const sweeps = new ReminderSweepService(planner, queues, clock);

    const first = await timed(() => sweeps.sweep(DAY));
    const queued = await queues.mail.getJobCounts('waiting');
    console.log(`sweep ${DAY}: ${seconds(first.ms)} (plan + queue) -> ${JSON.stringify(first.result)}; ${queued.waiting} digest jobs waiting in Redis`);
    const plan = await timed(() => planner.plan(DAY));
    const pending = await planner.pendingReminders(DAY);
    const enqueue = await timed(() => queues.addDigests(pending));
    console.log(`  of which, measured again on the swept day: plan ${seconds(plan.ms)} (nothing new), queue ${pending.length} digests ${seconds(enqueue.ms)} (all already queued)`);
    const next = await timed(() => sweeps.sweep(NEXT_DAY));
    console.log(`sweep ${NEXT_DAY} (the next working day): ${seconds(next.ms)} -> ${JSON.stringify(next.result)}`);

    const direct = await sendDirect(transport, config.MAIL_FROM, sink);
    const directRate = Math.round(EMAILS / (direct.ms / 1000));
    console.log(`email, pooled SMTP transport (${config.MAIL_CONCURRENCY} connections, 10-action digests): ${EMAILS} messages in ${seconds(direct.ms)} = ${directRate} emails/s`);

    const delivery = new DigestDeliveryService(new DigestDeliveryRepository(dataSource), unitOfWork, transport, config, clock);
    const profiler = PROFILE ? await startProfile() : null;
    const cpuBefore = process.cpuUsage();
    const endToEnd = await deliverThroughWorker(delivery, queueOptions, config.MAIL_CONCURRENCY, sink);
    const cpu = process.cpuUsage(cpuBefore);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    if (profiler) console.log(`profile of the end-to-end delivery: ${await profiler.stop(PROFILE!)}`);
    console.log(
      `email, end to end (one BullMQ worker, concurrency ${config.MAIL_CONCURRENCY}: read the digest's actions, compose, send, record): ${EMAILS} digests ` +
        `of ${endToEnd.actionsPerDigest} actions (${endToEnd.kilobytesPerDigest} KB) on average in ${seconds(endToEnd.ms)} = ${Math.round(EMAILS / (endToEnd.ms / 1000))} emails/s`,
    );
    // On a shared machine the wall-clock rate says as much about the neighbours as about the code:
    // the CPU this process used (the worker and the SMTP sink; Redis is another process) says the rest.
    console.log(
      `  CPU used by this process meanwhile: ${cpuSeconds.toFixed(2)} s of ${seconds(endToEnd.ms)} (${Math.round((100 * cpuSeconds) / (endToEnd.ms / 1000))}% of one CPU) = ` +
        `${Math.round(EMAILS / cpuSeconds)} digests per CPU-second`,
    );
    const endToEndRate = Math.round(EMAILS / (endToEnd.ms / 1000));
    console.log(
      `targets: sweep under 10 s: ${first.ms < 10_000 ? 'met' : 'MISSED'} (${seconds(first.ms)}); ` +
        `at least 300 digests/s delivered end to end: ${endToEndRate >= 300 ? 'met' : 'MISSED'} (${endToEndRate}/s; load average ${loadavg()[0].toFixed(2)} on ${availableParallelism()} CPUs)`,
    );
  } finally {
    await transport.close();
    await queues.sweep.obliterate({ force: true }).catch(() => undefined);
    await queues.mail.obliterate({ force: true }).catch(() => undefined);
    await queues.sweep.close();
    await queues.mail.close();
    await deleteKeys(redis, prefix);
    redis.disconnect();
    if (dataSource.isInitialized) await dataSource.destroy();
    await new Promise<void>((resolve) => sink.server.close(() => resolve()));
    await rm(directory, { recursive: true, force: true });
  }
}

/** Bulk insert straight through better-sqlite3: prepared statements in one transaction. */
function generate(file: string): void {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const authorityCode = (index: number) => `E${String(90_000_000 + index)}`;
  db.transaction(() => {
    const authority = db.prepare('INSERT INTO authorities (code, name, other_names) VALUES (?, ?, ?)');
    const contact = db.prepare('INSERT INTO authority_contacts (authority_code, role, name, email) VALUES (?, ?, ?, ?)');
    const report = db.prepare(
      `INSERT INTO reports (id, authority_code, authority_name, format, published_on, baseline_date, judgements, text_sha256, raw_text)
       VALUES (?, ?, ?, 'single_inspection_2014', '2024-12-02', '2024-12-02', '[]', ?, '')`,
    );
    const recommendation = db.prepare(
      `INSERT INTO recommendations (id, report_id, ordinal, reference, text, timeframe, addressee, mentioned_bodies) VALUES (?, ?, 1, '1', 'Recommendation', 'three_months', 'local_authority', '[]')`,
    );
    for (let index = 0; index < AUTHORITIES; index += 1) {
      const code = authorityCode(index);
      authority.run(code, `Council ${index}`, '[]');
      contact.run(code, 'board_chair', `Board chair ${index}`, `board.chair@council-${index}.example`);
      contact.run(code, 'lscb_chair', `LSCB chair ${index}`, `lscb.chair@council-${index}.example`);
      report.run(index + 1, code, `Council ${index}`, randomBytes(32).toString('hex'));
      recommendation.run(index + 1, index + 1);
    }
    const team = db.prepare('INSERT INTO teams (id, authority_code, name, emails, keywords) VALUES (?, ?, ?, ?, ?)');
    for (let index = 0; index < TEAMS; index += 1) {
      team.run(index + 1, authorityCode(index % AUTHORITIES), `Team ${index}`, JSON.stringify([`team-${index}@council-${index % AUTHORITIES}.example`]), '[]');
    }
    const action = db.prepare(
      `INSERT INTO actions (recommendation_id, report_id, authority_code, timeframe, addressee, title, team_id, status, original_due_date, due_date, version)
       VALUES (?, ?, ?, 'three_months', ?, ?, ?, ?, ?, ?, 1)`,
    );
    const addressees = ['local_authority', 'local_authority', 'local_authority', 'local_authority', 'local_authority', 'local_authority', 'local_authority', 'local_authority', 'lscb', 'partnership'];
    for (let index = 0; index < ACTIONS; index += 1) {
      const teamIndex = index % TEAMS;
      const authorityIndex = teamIndex % AUTHORITIES;
      const due = addCalendarDaysFast(DAY, Math.floor(random() * 600) - 400);
      action.run(
        authorityIndex + 1,
        authorityIndex + 1,
        authorityCode(authorityIndex),
        addressees[Math.floor(random() * addressees.length)],
        `Improvement action ${index}`,
        teamIndex + 1,
        OPEN_STATUSES[Math.floor(random() * OPEN_STATUSES.length)],
        due,
        due,
      );
    }
  })();
  db.close();
}

const dayCache = new Map<number, IsoDate>();
function addCalendarDaysFast(date: IsoDate, days: number): IsoDate {
  let value = dayCache.get(days);
  if (!value) dayCache.set(days, (value = addCalendarDays(date, days)));
  return value;
}

async function startSink(): Promise<{ server: SMTPServer; port: number; received: () => number; bytes: () => number }> {
  let received = 0;
  let bytes = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    closeTimeout: 100,
    onData(stream, _session, callback) {
      stream.on('data', (chunk: Buffer) => (bytes += chunk.length));
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  server.on('error', () => undefined); // a client dropping its connection is not a benchmark failure
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.server.address();
  return { server, port: typeof address === 'object' && address ? address.port : 0, received: () => received, bytes: () => bytes };
}

async function sendDirect(transport: SmtpMailTransport, from: string, sink: { received: () => number }): Promise<{ ms: number }> {
  const items: DigestItem[] = Array.from({ length: 10 }, (_, index) => ({
    actionId: index + 1,
    title: `Ensure that every referral is assessed by a qualified social worker within one working day (${index})`,
    report: { authorityName: 'Council', format: 'single_inspection_2014', publishedOn: '2024-12-02', inspectionEnd: null },
    reference: `A${index + 1}`,
    recommendation: 'Ensure that all referrals are assessed promptly by qualified social workers, that management oversight is recorded on every case file, and that decisions are explained to families.',
    status: index % 3 === 0 ? 'blocked' : 'in_progress',
    rag: index < 5 ? 'red' : 'amber',
    dueDate: addCalendarDays(DAY, index - 5),
    originalDueDate: addCalendarDays(DAY, index - 20),
    dueDateReason: index % 2 === 0 ? 'Waiting for the new case management system' : null,
    latestUpdate: { on: addCalendarDays(DAY, -3), text: 'Audit of 40 case files done; findings go to the next board.' },
    openChallenges: index === 0 ? ['Why has this slipped twice?'] : [],
    reason: index < 5 ? 'overdue_first' : 'due_soon',
  }));
  const email = composeTeamDigest({ teamName: 'Front door', authorityName: 'Council', date: DAY, publicUrl: 'https://tracker.council.example', items });
  const before = sink.received();
  const { ms } = await timed(async () => {
    let next = 0;
    const sender = async () => {
      while (next < EMAILS) {
        const index = next++;
        await transport.send({ from, to: [`team-${index}@council.example`], ...email, messageId: `<bench-${index}@tracker.council.example>` });
      }
    };
    await Promise.all(Array.from({ length: 10 }, sender));
  });
  if (sink.received() - before !== EMAILS) throw new Error(`the SMTP sink received ${sink.received() - before} of ${EMAILS} messages`);
  return { ms };
}

async function deliverThroughWorker(
  delivery: DigestDeliveryService,
  queueOptions: { connection: Redis; prefix: string },
  concurrency: number,
  sink: { received: () => number; bytes: () => number },
): Promise<{ ms: number; actionsPerDigest: number; kilobytesPerDigest: number }> {
  const before = sink.received();
  const bytesBefore = sink.bytes();
  let actions = 0;
  let done = 0;
  let finish: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (finish = resolve));
  const started = performance.now();
  const connection = queueOptions.connection.duplicate({ maxRetriesPerRequest: null });
  const worker = new Worker(
    MAIL_QUEUE,
    async (job) => {
      const result = await delivery.deliver(job.data.reminderId as number, { isLast: true });
      if (result.outcome === 'sent') actions += result.actionIds.length;
      done += 1;
      if (done === EMAILS) finish();
      return result.outcome;
    },
    { connection, prefix: queueOptions.prefix, concurrency },
  );
  await finished;
  const ms = performance.now() - started;
  // Let the jobs in hand finish before the transport closes under them.
  await worker.close();
  connection.disconnect();
  const received = sink.received() - before;
  if (received < EMAILS) throw new Error(`the SMTP sink received ${received} of ${EMAILS} digests`);
  return { ms, actionsPerDigest: Math.round(actions / done), kilobytesPerDigest: Math.round((sink.bytes() - bytesBefore) / received / 1024) };
}

async function startProfile(): Promise<{ stop: (file: string) => Promise<string> }> {
  const { Session } = await import('node:inspector/promises');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  return {
    async stop(file) {
      const { profile } = await session.post('Profiler.stop');
      await writeFile(file, JSON.stringify(profile));
      session.disconnect();
      return file;
    },
  };
}

async function deleteKeys(redis: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
    if (keys.length > 0) await redis.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

await main();
