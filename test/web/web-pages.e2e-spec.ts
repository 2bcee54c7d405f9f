import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedService } from '#tracking';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

const WALTHAM_FOREST = 'E09000031';
const BRENT = 'E09000005';
const DEMO_PASSWORD = 'demo-password-2015';
const CORPUS = join(SEEDS_DIR, '..', 'test', 'fixtures', 'corpus');

type Agent = ReturnType<typeof request.agent>;

/** The pages over HTTP, for what a browser test would only reach slowly: refusals, limits and sign-in rules. */
describe('web pages', () => {
  let api: TestApi;

  beforeAll(async () => {
    // Every test signs in afresh: the sign-in rate limit is for people, not for this suite.
    api = await startTestApi({ today: '2015-06-01', env: { MAX_UPLOAD_BYTES: String(2 * 1024 * 1024), AUTH_RATE_LIMIT: '1000' } });
    await api.app.get(SeedService).seed();
  });

  afterAll(async () => {
    await api?.close();
  });

  const hidden = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1] ?? '';
  const errorSummary = (html: string) => /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(html)?.[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim() ?? '';

  async function signedIn(email: string): Promise<{ agent: Agent; csrf: string }> {
    const agent = request.agent(api.app.getHttpServer());
    const form = await agent.get('/sign-in').expect(200);
    await agent.post('/sign-in').type('form').send({ _signin: hidden(form.text, '_signin'), email, password: DEMO_PASSWORD }).expect(303);
    const page = await agent.get(`/actions?authority=${WALTHAM_FOREST}`).expect(200);
    return { agent, csrf: hidden(page.text, '_csrf') };
  }

  async function actionOfTeam(agent: Agent, teamName: string, owned: boolean): Promise<{ id: number; version: number }> {
    const list = await agent.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=100`).expect(200);
    const action = list.body.items.find((item: { team: { name: string } | null }) => (item.team?.name === teamName) === owned);
    return { id: action.id, version: action.version };
  }

  describe('signing in', () => {
    it('refuses a sign-in form without its one-off token', async () => {
      const agent = request.agent(api.app.getHttpServer());
      const response = await agent.post('/sign-in').type('form').send({ email: 'board.member@walthamforest.example', password: DEMO_PASSWORD }).expect(400);
      expect(errorSummary(response.text)).toContain('The sign-in page had expired');
      expect(response.headers['set-cookie']?.toString() ?? '').not.toContain('it_session=');
    });

    it('goes back to the page asked for, but never to another site', async () => {
      const agent = request.agent(api.app.getHttpServer());
      const form = await agent.get('/sign-in?next=/actions%3Foverdue%3Dtrue').expect(200);
      expect(hidden(form.text, 'next')).toBe('/actions?overdue=true');
      const back = await agent.post('/sign-in').type('form').send({ _signin: hidden(form.text, '_signin'), email: 'viewer@walthamforest.example', password: DEMO_PASSWORD, next: '/actions?overdue=true' });
      expect(back.status).toBe(303);
      expect(back.headers.location).toBe('/actions?overdue=true');

      for (const next of ['//evil.example/', 'https://evil.example/', '/\\evil.example']) {
        const other = request.agent(api.app.getHttpServer());
        const form2 = await other.get('/sign-in').expect(200);
        const response = await other.post('/sign-in').type('form').send({ _signin: hidden(form2.text, '_signin'), email: 'viewer@walthamforest.example', password: DEMO_PASSWORD, next });
        expect(response.headers.location, next).toBe('/');
      }
      // Signed in already, the sign-in page sends the browser on.
      expect((await agent.get('/sign-in?next=/review').expect(303)).headers.location).toBe('/review');
    });

    it('serves pages with a script nonce in their content security policy, for no cache to keep', async () => {
      const { agent } = await signedIn('viewer@walthamforest.example');
      const page = await agent.get(`/authorities/${WALTHAM_FOREST}`).expect(200);
      expect(page.headers['cache-control']).toBe('no-store');
      const nonce = /<script nonce="([^"]+)">/.exec(page.text)?.[1];
      expect(nonce).toBeTruthy();
      expect(page.headers['content-security-policy']).toContain(`script-src 'self' 'nonce-${nonce}'`);
      const next = await agent.get(`/authorities/${WALTHAM_FOREST}`).expect(200);
      expect(/<script nonce="([^"]+)">/.exec(next.text)?.[1]).not.toBe(nonce);
    });

    it('ends the session on sign-out, which needs the CSRF token', async () => {
      const { agent, csrf } = await signedIn('viewer@walthamforest.example');
      await agent.post('/sign-out').type('form').send({}).expect(403);
      const out = await agent.post('/sign-out').type('form').send({ _csrf: csrf }).expect(303);
      expect(out.headers.location).toBe('/sign-in');
      const after = await agent.get(`/authorities/${WALTHAM_FOREST}`).expect(303);
      expect(after.headers.location).toMatch(/^\/sign-in\?next=/);
    });
  });

  describe('what each role sees and may do', () => {
    it('shows another council’s pages to nobody: not found, as in the API', async () => {
      const { agent } = await signedIn('board.member@walthamforest.example');
      const brent = await agent.get(`/api/actions?authority=${BRENT}&limit=1`).set(api.adminAuth).expect(200);
      await agent.get(`/authorities/${BRENT}`).expect(404);
      const page = await agent.get(`/actions/${brent.body.items[0].id}`).expect(404);
      expect(page.text).toContain('Page not found');
      const list = await agent.get(`/actions?authority=${BRENT}`).expect(404);
      expect(list.headers['content-type']).toMatch(/^text\/html/);
    });

    it('lets a team member change the status of their team’s action, and refuses another team’s with the reason', async () => {
      const { agent, csrf } = await signedIn('team.member@walthamforest.example');
      const own = await actionOfTeam(agent, 'Referral and advice team', true);
      const page = await agent.get(`/actions/${own.id}`).expect(200);
      expect(page.text).toContain('Change the status');
      expect(page.text).not.toContain('Re-programme the due date');
      await agent.post(`/actions/${own.id}/status`).type('form').send({ _csrf: csrf, version: String(own.version), status: 'in_progress' }).expect(303);
      // The owner form is for the board: the page refuses it, and says why.
      const refused = await agent.post(`/actions/${own.id}/owner`).type('form').send({ _csrf: csrf, version: String(own.version + 1), teamId: '' }).expect(403);
      expect(errorSummary(refused.text)).toContain('A team member may change only the status');

      const other = await actionOfTeam(agent, 'Referral and advice team', false);
      const otherPage = await agent.get(`/actions/${other.id}`).expect(200);
      expect(otherPage.text).not.toContain('Change the status');
      const response = await agent.post(`/actions/${other.id}/status`).type('form').send({ _csrf: csrf, version: String(other.version), status: 'in_progress' }).expect(403);
      expect(errorSummary(response.text)).toContain('owned by another team');
      await agent.get('/reports/new').expect(403);
    });

    it('refuses an illegal move with the moves that are allowed', async () => {
      const { agent, csrf } = await signedIn('board.member@walthamforest.example');
      const list = await agent.get(`/api/actions?authority=${WALTHAM_FOREST}&status=not_started&limit=1`).expect(200);
      const action = list.body.items[0];
      const response = await agent.post(`/actions/${action.id}/status`).type('form').send({ _csrf: csrf, version: String(action.version), status: 'signed_off' }).expect(422);
      expect(errorSummary(response.text)).toContain('it can move to in_progress, blocked');
      expect((await agent.get(`/api/actions/${action.id}`).expect(200)).body.status).toBe('not_started');
    });

    it('refuses a form posted without the session’s CSRF token', async () => {
      const { agent } = await signedIn('board.member@walthamforest.example');
      const list = await agent.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=1`).expect(200);
      const response = await agent.post(`/actions/${list.body.items[0].id}/progress`).type('form').send({ progressNote: 'No token' }).expect(403);
      expect(response.text).toContain('no valid CSRF token');
    });
  });

  describe('uploading a report', () => {
    it('previews a PDF as the same recommendations the API extracts from it', async () => {
      const { agent, csrf } = await signedIn('board.member@walthamforest.example');
      const admin = request(api.app.getHttpServer());
      const dry = await admin.post('/api/reports?dryRun=true').set(api.adminAuth).attach('file', join(CORPUS, 'essex-2023.pdf')).expect(201);
      // A Waltham Forest board member may not add Essex's report: the preview says so instead.
      const refused = await agent.post('/reports/new').field('_csrf', csrf).attach('file', join(CORPUS, 'essex-2023.pdf')).expect(403);
      expect(errorSummary(refused.text)).toContain('You may not add reports for authority');
      expect(dry.body.draft.recommendations.length).toBeGreaterThan(0);

      const adminAgent = request.agent(api.app.getHttpServer());
      const form = await adminAgent.get('/sign-in').expect(200);
      await adminAgent.post('/sign-in').type('form').send({ _signin: hidden(form.text, '_signin'), email: 'admin@tracker.test', password: 'test-admin-password' }).expect(303);
      const chooser = await adminAgent.get('/').expect(200);
      expect(chooser.text).toContain('Choose a council');
      const adminCsrf = hidden((await adminAgent.get('/reports/new').expect(200)).text, '_csrf');
      const preview = await adminAgent.post('/reports/new').field('_csrf', adminCsrf).attach('file', join(CORPUS, 'essex-2023.pdf')).expect(200);
      const listed = [...preview.text.matchAll(/data-recommendation="([^"]+)"/g)].map((match) => match[1]);
      expect(listed).toEqual(dry.body.draft.recommendations.map((item: { reference: string }) => item.reference));
      expect(preview.text).not.toContain('name="text"');
      const confirmed = await adminAgent.post('/reports/confirm').type('form').send({ _csrf: adminCsrf, upload: hidden(preview.text, 'upload') }).expect(303);
      expect(confirmed.headers.location).toMatch(/^\/actions\?authority=E10000012&report=\d+&saved=report$/);
      // The confirmed text is the PDF's own: uploading the PDF through the API is now a duplicate.
      await admin.post('/api/reports').set(api.adminAuth).attach('file', join(CORPUS, 'essex-2023.pdf')).expect(409);
      // The preview's upload is used up: confirming it again creates nothing.
      const again = await adminAgent.post('/reports/confirm').type('form').send({ _csrf: adminCsrf, upload: hidden(preview.text, 'upload') }).expect(404);
      expect(errorSummary(again.text)).toContain('expired or was already confirmed');
    });

    it('refuses a multipart upload without the CSRF token in its address', async () => {
      const { agent } = await signedIn('board.member@walthamforest.example');
      await agent.post('/reports/new').attach('file', join(SEEDS_DIR, 'reports', 'waltham-forest-2014-sif.txt')).expect(403);
    });

    it('says when a file is not a report, or is too large, and saves nothing', async () => {
      const { agent, csrf } = await signedIn('board.member@walthamforest.example');
      const before = (await agent.get('/api/reports').expect(200)).body.length;
      const notReport = await agent.post('/reports/new').field('_csrf', csrf).attach('file', Buffer.from('Minutes of the board meeting\n\nApologies were received.\n'), 'minutes.txt').expect(422);
      expect(errorSummary(notReport.text)).toContain('could not be read as an inspection report');
      const tooLarge = await agent.post('/reports/new').field('_csrf', csrf).attach('file', Buffer.alloc(3 * 1024 * 1024, 'a'), 'huge.txt').expect(413);
      expect(tooLarge.text).toContain('The file is too large');
      expect((await agent.get('/api/reports').expect(200)).body.length).toBe(before);
    });
  });
});
