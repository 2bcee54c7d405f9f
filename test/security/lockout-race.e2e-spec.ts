import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedService } from '#tracking';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { DEMO_PASSWORD } from './support.js';

/**
 * Failed sign-ins are counted in the database, so that wrong passwords sent in parallel all count:
 * read then written back, ten parallel failures counted as one and forty let the right password in.
 * Runs on SQLite and, with DATABASE_URL pointing there, on PostgreSQL.
 */
describe('lockout under parallel wrong passwords', () => {
  let api: TestApi;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '10000' } });
    await api.app.get(SeedService).seed();
    http = request(api.app.getHttpServer());
  });

  afterAll(async () => {
    await api?.close();
  });

  const attempt = (email: string, password: string) => http.post('/api/auth/login').send({ email, password });
  const inParallel = (email: string, count: number) => Promise.all(Array.from({ length: count }, () => attempt(email, 'not-the-password')));

  it('locks after ten parallel wrong passwords: the right one is then refused', async () => {
    const email = 'viewer@walthamforest.example';
    const answers = await inParallel(email, 10);
    expect(answers.every((answer) => answer.status === 401 || answer.status === 429)).toBe(true);
    expect(answers.filter((answer) => answer.status === 401).length).toBeLessThanOrEqual(4);
    const right = await attempt(email, DEMO_PASSWORD);
    expect(right.status).toBe(429);
    expect(right.body.message).toContain('Too many failed sign-ins');
  });

  it('forty parallel wrong passwords, then the right one: refused', async () => {
    const email = 'team.member@walthamforest.example';
    await inParallel(email, 40);
    await attempt(email, DEMO_PASSWORD).expect(429);
  });

  it('four wrong passwords in parallel leave the right one working, and the count starts again', async () => {
    const email = 'board.member@walthamforest.example';
    expect((await inParallel(email, 4)).map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
    await attempt(email, DEMO_PASSWORD).expect(200);
    expect((await inParallel(email, 4)).map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
    await attempt(email, DEMO_PASSWORD).expect(200);
  });

  it('the lock ends with its time, and the count starts again', async () => {
    const email = 'board.member@brent.example';
    await inParallel(email, 5);
    await attempt(email, DEMO_PASSWORD).expect(429);
    api.clock.advance(16 * 60_000);
    expect((await inParallel(email, 4)).map((answer) => answer.status)).toEqual([401, 401, 401, 401]);
    await attempt(email, DEMO_PASSWORD).expect(200);
  });
});
