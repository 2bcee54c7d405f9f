import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfigFromEnvironment } from '#config';
import { ApiModule } from '../../../apps/api/src/app.module.js';
import { configureApiApp } from '../../../apps/api/src/create-api-app.js';
import { SEEDS_DIR } from '../../support/test-api.js';

/** The real API on a database the test names, as a process would build it (nothing added to the database). */
export async function startApiOn(env: Record<string, string>): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [ApiModule.forRoot({ REDIS_URL: loadConfigFromEnvironment().REDIS_URL, SEEDS_DIR, LOG_LEVEL: 'error', ...env })],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
  configureApiApp(app);
  try {
    await app.init();
  } catch (error) {
    await app.close().catch(() => undefined);
    throw error;
  }
  return app;
}
