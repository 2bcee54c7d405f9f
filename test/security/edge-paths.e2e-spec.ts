import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedService } from '#tracking';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { DEMO_PASSWORD, hiddenField, signedInAgent, WALTHAM_FOREST } from './support.js';

/** JSON nested `depth` levels deep, built as text: the test itself must not recurse. */
const nested = (depth: number) => `{"email":${'['.repeat(depth)}${']'.repeat(depth)},"password":"x"}`;

/**
 * Sign-in and cookie-authenticated writes refuse other sites; the CSRF token is never read from the
 * address; malformed cookies, deep JSON and NUL characters are 4xx, never 500; API answers are not cached.
 */
describe('edge paths', () => {
  let api: TestApi;
  let http: ReturnType<typeof request>;
  let actionId: number;
  let teamId: number;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000', PUBLIC_URL: 'http://tracker.council.example' } });
    await api.app.get(SeedService).seed();
    http = request(api.app.getHttpServer());
    const list = await http.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=100`).set(api.adminAuth).expect(200);
    const owned = list.body.items.find((item: { team: { name: string } | null }) => item.team?.name === 'Referral and advice team');
    actionId = owned.id;
    teamId = owned.team.id;
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('login CSRF', () => {
    const credentials = { email: 'viewer@walthamforest.example', password: DEMO_PASSWORD };

    it('takes the API sign-in as JSON only', async () => {
      const form = await http.post('/api/auth/login').type('form').send(credentials);
      expect(form.status).toBe(415);
      expect(form.headers['set-cookie']).toBeUndefined();
      await http.post('/api/auth/login').send(credentials).expect(200);
    });

    it('refuses a sign-in from another site, by Origin or Sec-Fetch-Site', async () => {
      const origin = await http.post('/api/auth/login').set('Origin', 'https://attacker.example').send(credentials);
      expect(origin.status).toBe(403);
      expect(origin.headers['set-cookie']).toBeUndefined();
      await http.post('/api/auth/login').set('Sec-Fetch-Site', 'cross-site').send(credentials).expect(403);
      await http.post('/api/auth/login').set('Origin', 'http://tracker.council.example').set('Sec-Fetch-Site', 'same-origin').send(credentials).expect(200);
      const agent = request.agent(api.app.getHttpServer());
      const page = await agent.get('/sign-in').expect(200);
      const crossSite = await agent.post('/sign-in').set('Origin', 'https://attacker.example').type('form').send({ _signin: hiddenField(page.text, '_signin'), ...credentials });
      expect(crossSite.status).toBe(400);
      await agent.get('/api/auth/me').expect(401);
      const sameSiteNeighbour = await agent.post('/sign-in').set('Sec-Fetch-Site', 'same-site').type('form').send({ _signin: hiddenField(page.text, '_signin'), ...credentials });
      expect(sameSiteNeighbour.status).toBe(400);
      await agent.get('/api/auth/me').expect(401);
    });

    it('takes the sign-in form from our own page when Chromium sends Origin: null under no-referrer', async () => {
      const agent = request.agent(api.app.getHttpServer());
      const page = await agent.get('/sign-in').expect(200);
      const fromOwnPage = await agent.post('/sign-in').set('Origin', 'null').set('Sec-Fetch-Site', 'same-origin').type('form').send({ _signin: hiddenField(page.text, '_signin'), ...credentials });
      expect(fromOwnPage.status).toBe(303);
      await agent.get('/api/auth/me').expect(200);
      const forged = request.agent(api.app.getHttpServer());
      const again = await forged.get('/sign-in').expect(200);
      await forged.post('/sign-in').set('Origin', 'null').type('form').send({ _signin: hiddenField(again.text, '_signin'), ...credentials }).expect(400);
    });

    it('refuses a cookie-authenticated write from another site, even with the token', async () => {
      const { agent, csrf } = await signedInAgent(api, 'team.member@walthamforest.example');
      const refused = await agent.post(`/api/actions/${actionId}/updates`).set('X-CSRF-Token', csrf).set('Origin', 'https://attacker.example').send({ note: 'From elsewhere' });
      expect(refused.status).toBe(403);
      expect(refused.body.message).toContain('came from another site');
      await agent.post(`/api/actions/${actionId}/updates`).set('X-CSRF-Token', csrf).set('Origin', 'http://tracker.council.example').send({ note: 'From here' }).expect(201);
    });
  });

  describe('the CSRF token', () => {
    it('is not read from the address', async () => {
      const { agent, csrf } = await signedInAgent(api, 'team.member@walthamforest.example');
      const inAddress = await agent.post(`/actions/${actionId}/progress?_csrf=${encodeURIComponent(csrf)}`).type('form').send({ progressNote: 'Audit done' });
      expect(inAddress.status).toBe(403);
      await agent.post(`/actions/${actionId}/progress`).type('form').send({ _csrf: csrf, progressNote: 'Audit done' }).expect(303);
    });

    it('travels with an upload in the form, not the address', async () => {
      const { agent, csrf } = await signedInAgent(api, 'board.member@walthamforest.example');
      const text = Buffer.from('Minutes of the board meeting\n\nApologies were received.\n');
      await agent.post(`/reports/new?_csrf=${encodeURIComponent(csrf)}`).attach('file', text, 'minutes.txt').expect(403);
      await agent.post('/reports/new').field('_csrf', 'not-the-token').attach('file', text, 'minutes.txt').expect(403);
      await agent.post('/reports/new').field('_csrf', csrf).attach('file', text, 'minutes.txt').expect(422);
      const form = await agent.get(`/reports/new?authority=${WALTHAM_FOREST}`).expect(200);
      expect(form.text).toContain('action="/reports/new"');
      expect(hiddenField(form.text, '_csrf')).toBe(csrf);
    });
  });

  describe('bad input is a 4xx, never a 500', () => {
    it('JSON nested deep, signed in or not', async () => {
      // 100,000 levels (200 KB) is over the size a route without uploads reads at all.
      const huge = await http.post('/api/auth/login').set('Content-Type', 'application/json').send(nested(100_000));
      expect(huge.status).toBe(413);
      // Within the size, the depth is refused before anything transforms the body.
      const anonymous = await http.post('/api/auth/login').set('Content-Type', 'application/json').send(nested(20_000));
      expect(anonymous.status).toBe(400);
      expect(anonymous.body.message).toContain('nested more than 32 levels deep');
      const signedIn = await http.patch(`/api/teams/${teamId}`).set(api.adminAuth).set('Content-Type', 'application/json').send(`{"keywords":${'['.repeat(20_000)}${']'.repeat(20_000)}}`);
      expect(signedIn.status).toBe(400);
    });

    it('a session cookie that is not validly encoded counts as no cookie', async () => {
      const bad = 'it_session=%E0%A4%A';
      await http.get('/sign-in').set('Cookie', bad).expect(200);
      await http.get('/api/auth/me').set('Cookie', bad).expect(401);
      const page = await http.get('/actions').set('Cookie', bad);
      expect(page.status).toBeLessThan(500);
      expect(page.status).not.toBe(200);
    });

    it('a sign-in form cookie that is not validly encoded: the page asks again', async () => {
      const response = await http.post('/sign-in').set('Cookie', 'it_signin=%zz').type('form').send({ _signin: '%zz', email: 'viewer@walthamforest.example', password: DEMO_PASSWORD });
      expect(response.status).toBe(400);
      expect(response.text).toContain('The sign-in page had expired');
    });

    it('NUL characters in notes, team names and searches; report texts lose them', async () => {
      await http.post(`/api/actions/${actionId}/updates`).set(api.adminAuth).send({ note: 'Audit\u0000 done' }).expect(400);
      await http.patch(`/api/teams/${teamId}`).set(api.adminAuth).send({ name: 'Referral\u0000team' }).expect(400);
      const search = await http.get(`/api/actions?authority=${WALTHAM_FOREST}&q=%00`).set(api.adminAuth);
      expect(search.status).toBe(400);
      expect(search.body.message).toContain('NUL character');
      const { agent, csrf } = await signedInAgent(api, 'team.member@walthamforest.example');
      await agent.post(`/actions/${actionId}/progress`).type('form').send({ _csrf: csrf, progressNote: 'Audit\u0000done' }).expect(400);
      const report = await http.post('/api/reports?dryRun=true').set(api.adminAuth).set('Content-Type', 'text/plain').send('Minutes\u0000 of the board\n');
      expect(report.status).toBe(422);
    });
  });

  describe('response headers', () => {
    it('API answers are not kept by browsers or proxies', async () => {
      const list = await http.get(`/api/actions?authority=${WALTHAM_FOREST}`).set(api.adminAuth).expect(200);
      expect(list.headers['cache-control']).toBe('no-store');
      expect((await http.get('/api/health/live').expect(200)).headers['cache-control']).toBe('no-store');
    });

    it('asks browsers to upgrade to https only where the tracker is served over https', async () => {
      const page = await http.get('/sign-in').expect(200);
      expect(page.headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
      expect((await http.get('/api/health/live')).headers['content-security-policy']).not.toContain('upgrade-insecure-requests');
    });
  });
});
