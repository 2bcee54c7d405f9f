import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedService } from '#tracking';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

/** The demo accounts the README documents, and the first admin from ADMIN_EMAIL / ADMIN_PASSWORD. */
describe('demo users and the first admin', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { ADMIN_EMAIL: 'first.admin@council.example', ADMIN_PASSWORD: 'first-admin-password' } });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('creates the first admin from the environment on start', async () => {
    const http = request(api.app.getHttpServer());
    const login = await http.post('/api/auth/login').send({ email: 'First.Admin@council.example', password: 'first-admin-password' }).expect(200);
    expect(login.body.user.roles).toEqual([expect.objectContaining({ role: 'admin', authorityCode: null })]);
  });

  it('seeds the demo users with the documented password and their roles', async () => {
    const result = await api.app.get(SeedService).seed();
    expect(result.usersCreated).toBe(5);
    expect((await api.app.get(SeedService).seed()).usersCreated).toBe(0);
    const { password } = JSON.parse(await readFile(join(SEEDS_DIR, 'users.json'), 'utf8')) as { password: string };
    const http = request(api.app.getHttpServer());
    const login = await http.post('/api/auth/login').send({ email: 'team.member@walthamforest.example', password }).expect(200);
    const cookie = (login.headers['set-cookie'] as unknown as string[])[0].split(';')[0];
    const me = await http.get('/api/auth/me').set('Cookie', cookie).expect(200);
    expect(me.body.authorities).toEqual(['E09000031']);
    expect(me.body.user.roles).toEqual([expect.objectContaining({ role: 'team_member', authorityCode: 'E09000031', teamId: expect.any(Number) })]);
    const actions = await http.get('/api/actions?limit=1').set('Cookie', cookie).expect(200);
    expect(actions.body.items.every((item: { authorityCode: string }) => item.authorityCode === 'E09000031')).toBe(true);
  });
});
