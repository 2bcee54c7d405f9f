import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { hiddenField } from './support.js';

const LIMIT = 4;
let attempts = 0;
/** A new address each time, so that no attempt is refused for the lockout rather than the rate limit. */
const someone = () => ({ email: `someone-${(attempts += 1)}@tracker.test`, password: 'not-the-password' });

/** One password sign-in through the API or the page, from the client `forwardedFor` names (if any). */
async function signIn(api: TestApi, route: 'api' | 'page', forwardedFor?: string): Promise<number> {
  const agent = request.agent(api.app.getHttpServer());
  const from = (test: request.Test) => (forwardedFor ? test.set('X-Forwarded-For', forwardedFor) : test);
  if (route === 'api') return (await from(agent.post('/api/auth/login')).send(someone())).status;
  const page = await from(agent.get('/sign-in')).expect(200);
  return (await from(agent.post('/sign-in')).type('form').send({ _signin: hiddenField(page.text, '_signin'), ...someone() })).status;
}

/**
 * Password sign-in is rate-limited per client address, through the API and the page together, and
 * the client address comes from X-Forwarded-For only when a proxy TRUSTED_PROXIES names sent it.
 */
describe('sign-in rate limits per client address', () => {
  describe('behind a proxy TRUSTED_PROXIES names', () => {
    let api: TestApi;

    beforeAll(async () => {
      // The tests connect from this machine: here they play the proxy, and X-Forwarded-For names each test's own client.
      api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: String(LIMIT), TRUSTED_PROXIES: 'loopback' } });
    });

    afterAll(async () => {
      await api?.close();
    });

    it('counts the API and the page against one budget: alternating does not double it', async () => {
      const client = '203.0.113.1';
      const statuses: number[] = [];
      for (let attempt = 0; attempt < LIMIT; attempt += 1) statuses.push(await signIn(api, attempt % 2 === 0 ? 'api' : 'page', client));
      expect(statuses).toEqual(Array.from({ length: LIMIT }, () => 401));
      expect(await signIn(api, 'api', client)).toBe(429);
      expect(await signIn(api, 'page', client)).toBe(429);
    });

    it('tells clients apart by the address the proxy forwards', async () => {
      for (let attempt = 0; attempt < LIMIT; attempt += 1) expect(await signIn(api, 'page', '203.0.113.2')).toBe(401);
      expect(await signIn(api, 'api', '203.0.113.2')).toBe(429);
      expect(await signIn(api, 'api', '203.0.113.3')).toBe(401);
      expect(await signIn(api, 'page', '203.0.113.3')).toBe(401);
    });
  });

  describe('with no proxy trusted (the default), served over https', () => {
    let api: TestApi;

    beforeAll(async () => {
      api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: String(LIMIT), PUBLIC_URL: 'https://tracker.council.example' } });
    });

    afterAll(async () => {
      await api?.close();
    });

    it('gives no fresh budget for an X-Forwarded-For the client made up', async () => {
      const statuses: number[] = [];
      while (statuses.at(-1) !== 429 && statuses.length <= LIMIT) statuses.push(await signIn(api, 'api'));
      expect(statuses.at(-1)).toBe(429);
      for (const forged of ['198.51.100.7', '198.51.100.8, 10.0.0.1']) {
        expect(await signIn(api, 'api', forged)).toBe(429);
        expect(await signIn(api, 'page', forged)).toBe(429);
      }
    });

    it('asks browsers to upgrade to https, since that is how the tracker is served', async () => {
      const page = await request(api.app.getHttpServer()).get('/sign-in').expect(200);
      expect(page.headers['content-security-policy']).toContain('upgrade-insecure-requests');
      expect((await request(api.app.getHttpServer()).get('/api/health/live')).headers['content-security-policy']).toContain('upgrade-insecure-requests');
    });
  });
});
