import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { Redis } from 'ioredis';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { AccessService, createAdmin, MAX_TOKEN_DAYS } from '#access';
import { loadConfigFromEnvironment } from '#config';
import { ApiModule } from '../../apps/api/src/app.module.js';
import { configureApiApp } from '../../apps/api/src/create-api-app.js';
import { FixedClock } from './fixed-clock.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { Clock } from '#core';

export const SEEDS_DIR = fileURLToPath(new URL('../../seeds', import.meta.url));

export interface TestApi {
  app: INestApplication;
  clock: FixedClock;
  database: TestDatabase;
  env: Record<string, string>;
  /** A personal access token of an admin of the whole deployment, for `Authorization: Bearer`. */
  adminToken: string;
  /** The same, as a header object for supertest's `.set()`. */
  adminAuth: { Authorization: string };
  close(): Promise<void>;
}

/** The real API on a database of its own, with a clock the test controls. */
export async function startTestApi(options: { today: string; env?: Record<string, string> }): Promise<TestApi> {
  const database = await createTestDatabase();
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: loadConfigFromEnvironment().REDIS_URL,
    // Jobs the API queues (a sweep asked for, a challenge's alerts) stay in keys of the test's own.
    QUEUE_PREFIX: `test-api-${randomBytes(5).toString('hex')}`,
    SEEDS_DIR,
    LOG_LEVEL: 'error',
    ...options.env,
  };
  const clock = new FixedClock(options.today);
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(env)] })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  const app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
  configureApiApp(app);
  await app.init();
  const access = app.get(AccessService);
  const admin = await createAdmin(access, { email: 'admin@tracker.test', displayName: 'Test Admin', password: 'test-admin-password' });
  const { token: adminToken } = await access.createToken(admin.userId, 'tests', MAX_TOKEN_DAYS);
  return {
    app,
    clock,
    database,
    env,
    adminToken,
    adminAuth: { Authorization: `Bearer ${adminToken}` },
    close: async () => {
      await app.close();
      await database.drop();
      await deleteQueueKeys(env.REDIS_URL, env.QUEUE_PREFIX);
    },
  };
}

/** Ingests one of the seed reports through the API, as the admin; answers the new report's id. */
export async function ingestSeedReport(api: TestApi, file: string): Promise<number> {
  const text = await readFile(join(SEEDS_DIR, 'reports', file), 'utf8');
  const response = await request(api.app.getHttpServer()).post(`/api/reports?fileName=${file}`).set(api.adminAuth).set('Content-Type', 'text/plain').send(text);
  if (response.status !== 201) throw new Error(`ingesting ${file} answered ${response.status}: ${response.text}`);
  return response.body.report.id as number;
}

/** Changes an action through the API as the deployment's administrator, at the version it has now. */
export async function patchActionAsAdmin(api: TestApi, id: number, changes: Record<string, unknown>): Promise<void> {
  const http = request(api.app.getHttpServer());
  const current = await http.get(`/api/actions/${id}`).set(api.adminAuth);
  if (current.status !== 200) throw new Error(`reading action ${id} answered ${current.status}: ${current.text}`);
  const changed = await http.patch(`/api/actions/${id}`).set(api.adminAuth).send({ version: current.body.version, ...changes });
  if (changed.status !== 200) throw new Error(`changing action ${id} answered ${changed.status}: ${changed.text}`);
}

/** Best effort: a test whose Redis is deliberately unreachable has nothing to delete. */
async function deleteQueueKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 1000, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } catch {
    // Unreachable: nothing was queued there.
  } finally {
    redis.disconnect();
  }
}
