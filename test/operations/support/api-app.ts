import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { loadConfigFromEnvironment } from '#config';
import { Clock } from '#core';
import { ApiModule } from '../../../apps/api/src/app.module.js';
import { configureApiApp } from '../../../apps/api/src/create-api-app.js';
import { SEEDS_DIR } from '../../support/test-api.js';

/**
 * The real API on a database the test names, as a process would build it (nothing added to the
 * database). Give it the clock of the API that wrote the data, so its tokens and sessions are as
 * current to this one as they were to that one.
 */
export async function startApiOn(env: Record<string, string>, clock?: Clock): Promise<INestApplication> {
  const builder = Test.createTestingModule({
    imports: [ApiModule.forRoot({ REDIS_URL: loadConfigFromEnvironment().REDIS_URL, SEEDS_DIR, LOG_LEVEL: 'error', ...env })],
  });
  const moduleRef = await (clock ? builder.overrideProvider(Clock).useValue(clock) : builder).compile();
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
