import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { loadConfigFromEnvironment } from '#config';
import { SEEDS_DIR } from '../../support/test-api.js';
import { createTestDatabase } from '../../support/test-database.js';

export interface ReminderTestEnv {
  env: Record<string, string>;
  prefix: string;
  outboxDir: string;
  /** Drops the database, the temporary files and every Redis key under the prefix. */
  cleanup(): Promise<void>;
}

/**
 * A database, a Redis key prefix and a temporary folder of the test file's own. On SQLite the
 * database is a file in that folder, as a deployment's is, so several processes can open it
 * (`shared`, kept for the tests that start them, says so).
 */
export async function createReminderTestEnv(options: { shared?: boolean; env?: Record<string, string> } = {}): Promise<ReminderTestEnv> {
  const base = loadConfigFromEnvironment();
  const directory = await mkdtemp(join(tmpdir(), 'reminders-test-'));
  const database = base.DATABASE_URL.startsWith('postgres')
    ? await createTestDatabase()
    : { url: `sqlite:${join(directory, 'tracker.sqlite')}`, drop: async () => undefined };
  const prefix = `test-reminders-${randomBytes(5).toString('hex')}`;
  const outboxDir = join(directory, 'outbox');
  const env: Record<string, string> = {
    DATABASE_URL: database.url,
    REDIS_URL: base.REDIS_URL,
    QUEUE_PREFIX: prefix,
    SEEDS_DIR,
    OUTBOX_DIR: outboxDir,
    PUBLIC_URL: 'https://tracker.council.example',
    LOG_LEVEL: 'error',
    // Tests run each sweep themselves; a schedule firing during a run would sweep the real today.
    REMINDER_CRON: 'off',
    MAIL_ATTEMPTS: '5',
    MAIL_BACKOFF_MS: '100',
    WORKER_LOCK_MS: '1000',
    ...options.env,
  };
  return {
    env,
    prefix,
    outboxDir,
    cleanup: async () => {
      await deleteRedisKeys(base.REDIS_URL, prefix);
      await database.drop();
      await rm(directory, { recursive: true, force: true });
    },
  };
}

async function deleteRedisKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
