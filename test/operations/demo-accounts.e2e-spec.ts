import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AccessSeedService, AccessService, User } from '#access';
import { loadConfigFromEnvironment } from '#config';
import { Authority } from '#database';
import { AUTHORITY_DIRECTORY } from '#extraction';
import { SeedService } from '#tracking';
import { DataSource } from 'typeorm';
import { ApiModule } from '../../apps/api/src/app.module.js';
import { StartupRefusal } from '../../apps/api/src/auth/demo-password.check.js';
import { configureApiApp } from '../../apps/api/src/create-api-app.js';
import { SEEDS_DIR } from '../support/test-api.js';
import { createSharedDatabase, type SharedDatabase } from './support/shared-database.js';

const DEMO_EMAILS = [
  'board.member@brent.example',
  'board.member@walthamforest.example',
  'lscb.chair@walthamforest.example',
  'team.member@walthamforest.example',
  'viewer@walthamforest.example',
];

/** No known credentials in a deployment: the demo users stay out of it, and the API will not serve beside them. */
describe('demo accounts and deployments', () => {
  let database: SharedDatabase;
  const open: INestApplication[] = [];

  const startApi = async (env: Record<string, string>) => {
    const moduleRef = await Test.createTestingModule({
      imports: [ApiModule.forRoot({ DATABASE_URL: database.url, REDIS_URL: loadConfigFromEnvironment().REDIS_URL, SEEDS_DIR, LOG_LEVEL: 'error', ...env })],
    }).compile();
    const app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
    configureApiApp(app);
    open.push(app);
    await app.init();
    return app;
  };
  const close = async (app: INestApplication) => {
    open.splice(open.indexOf(app), 1);
    await app.close();
  };

  // Each test starts from an empty database of its own: the first counts what an empty one is given.
  beforeEach(async () => {
    database = await createSharedDatabase();
  });

  afterEach(async () => {
    for (const app of open.splice(0)) await app.close().catch(() => undefined);
    await database?.drop();
  });

  it('loads only the authority directory unless the demonstration data is asked for', async () => {
    const app = await startApi({});
    const seeds = app.get(SeedService);
    expect(await seeds.loadAuthorityDirectory()).toBe(AUTHORITY_DIRECTORY.length);
    expect(await seeds.loadAuthorityDirectory()).toBe(0);
    const dataSource = app.get(DataSource);
    expect(await dataSource.getRepository(Authority).count()).toBe(AUTHORITY_DIRECTORY.length);
    expect(await dataSource.getRepository(User).count()).toBe(0);
    await close(app);
  });

  it('refuses to serve a deployment while any account has the demo password, naming each and the fix', async () => {
    const local = await startApi({});
    expect((await local.get(SeedService).seed()).usersCreated).toBe(DEMO_EMAILS.length);
    // An account of the council's own, given the published password by hand, is found as well.
    const access = local.get(AccessService);
    await access.createUser({ email: 'careless.admin@council.example', displayName: 'Careless', password: 'demo-password-2015' });
    await access.createUser({ email: 'careful.admin@council.example', displayName: 'Careful', password: 'a-password-of-their-own' });
    await close(local);

    const refused = await startApi({ PUBLIC_URL: 'https://tracker.council.example' }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(StartupRefusal);
    const message = (refused as Error).message;
    expect(message).toContain('https://tracker.council.example');
    for (const email of [...DEMO_EMAILS, 'careless.admin@council.example']) expect(message).toContain(`  - ${email}`);
    expect(message).not.toContain('careful.admin');
    expect(message).toContain('improvement-tracker remove-demo-users');
    expect(message).toContain('improvement-tracker reset-password --email <address>');
    await close(open.at(-1)!);

    // The embedded quick start (PUBLIC_URL on this machine) runs with them.
    const again = await startApi({ PUBLIC_URL: 'http://127.0.0.1:3105' });
    const removed = await again.get(AccessSeedService).removeAccountsWithDemoPassword();
    expect(removed.sort()).toEqual([...DEMO_EMAILS, 'careless.admin@council.example'].sort());
    expect(await again.get(AccessSeedService).accountsWithDemoPassword()).toEqual([]);
    await close(again);

    const deployment = await startApi({ PUBLIC_URL: 'https://tracker.council.example' });
    expect(await deployment.get(AccessService).findByEmail('careful.admin@council.example')).not.toBeNull();
    await close(deployment);
  });
});
