import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { AccessService, createAdmin } from '#access';
import { Clock } from '#core';
import { SeedService } from '#tracking';
import { ApiModule } from '../../../apps/api/src/app.module.js';
import { configureApiApp } from '../../../apps/api/src/create-api-app.js';
import { ReminderWorkerModule } from '../../../apps/worker/src/reminder-worker.module.js';
import { FixedClock } from '../../support/fixed-clock.js';

export interface ApiWithWorker {
  app: INestApplication;
  http: ReturnType<typeof request>;
  /** A deployment admin's bearer token. */
  adminAuth: { Authorization: string };
  access: AccessService;
}

/**
 * The API and the reminder worker in one application, on the seed data, with a fixed clock: for
 * tests that follow a request through the queue to the email it sends.
 */
export async function startApiWithWorker(options: { env: Record<string, string>; today: string; adminEmail: string }): Promise<ApiWithWorker> {
  const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot(options.env), ReminderWorkerModule] })
    .overrideProvider(Clock)
    .useValue(new FixedClock(options.today))
    .compile();
  const app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
  configureApiApp(app);
  await app.init();
  await app.get(SeedService).seed();
  const access = app.get(AccessService);
  const adminUser = await createAdmin(access, { email: options.adminEmail, displayName: 'Admin', password: 'admin-password-long-enough' });
  const adminAuth = { Authorization: `Bearer ${(await access.createToken(adminUser.userId, 'tests', 1)).token}` };
  return { app, http: request(app.getHttpServer()), adminAuth, access };
}
