import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedService } from '#tracking';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { errorSummaryOf, signedInAgent, timed, WALTHAM_FOREST } from './support.js';

/**
 * Input a hostile or careless caller can send, each line of it once a 500 or a stalled event loop:
 * every one must be refused with a 4xx that says what to fix, quickly, and change nothing.
 */
describe('hostile input', () => {
  let api: TestApi;
  let http: ReturnType<typeof request>;
  let ownedAction: { id: number; version: number };
  let teamId: number;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await api.app.get(SeedService).seed();
    http = request(api.app.getHttpServer());
    const list = await http.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=100`).set(api.adminAuth).expect(200);
    const owned = list.body.items.find((item: { team: { name: string } | null }) => item.team?.name === 'Referral and advice team');
    ownedAction = { id: owned.id, version: owned.version };
    teamId = owned.team.id;
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('evidence links (the regex that held the event loop for 75 s)', () => {
    const payload = `${'http://'.repeat(40)} x`;

    it('refuses the review payload on the progress form within a second, with the rule the API uses', async () => {
      const { agent, csrf } = await signedInAgent(api, 'team.member@walthamforest.example');
      // The page's templates are compiled on first use: that is not what is timed here.
      await agent.get(`/actions/${ownedAction.id}`).expect(200);
      const { result, ms } = await timed(() => agent.post(`/actions/${ownedAction.id}/progress`).type('form').send({ _csrf: csrf, progressNote: 'Audit done', evidenceLinks: payload }));
      expect(result.status).toBe(400);
      expect(errorSummaryOf(result.text)).toContain('Enter each evidence link on its own line');
      expect(ms).toBeLessThan(1000);
    });

    it('checks the right to the action before reading the form', async () => {
      const { agent, csrf } = await signedInAgent(api, 'viewer@walthamforest.example');
      const { result, ms } = await timed(() => agent.post(`/actions/${ownedAction.id}/progress`).type('form').send({ _csrf: csrf, progressNote: 'x', evidenceLinks: payload.repeat(100) }));
      expect(result.status).toBe(403);
      expect(errorSummaryOf(result.text)).toContain('Only the owning team or the board may add progress');
      expect(ms).toBeLessThan(1000);
    });

    it('accepts and refuses the same links on the page and in the API: http(s) only, intranet hosts allowed', async () => {
      const { agent, csrf } = await signedInAgent(api, 'team.member@walthamforest.example');
      const cases: [string, boolean][] = [
        ['https://intranet/audits/2015-05', true],
        ['http://sharepoint.council.example/sites/board/minutes.docx', true],
        ['ftp://files.council.example/audit.pdf', false],
        ['javascript:alert(1)', false],
        ['file:///c:/audit.pdf', false],
        ['intranet/audits', false],
        [`https://example.org/${'a'.repeat(2100)}`, false],
      ];
      for (const [link, accepted] of cases) {
        const api_ = await http.post(`/api/actions/${ownedAction.id}/updates`).set(api.adminAuth).send({ note: 'Evidence', evidenceLinks: [link] });
        expect(api_.status, `API ${link.slice(0, 40)}`).toBe(accepted ? 201 : 400);
        const page = await agent.post(`/actions/${ownedAction.id}/progress`).type('form').send({ _csrf: csrf, progressNote: 'Evidence', evidenceLinks: link });
        expect(page.status, `page ${link.slice(0, 40)}`).toBe(accepted ? 303 : 400);
      }
      const tooMany = Array.from({ length: 21 }, (_, index) => `https://intranet/evidence/${index}`);
      await http.post(`/api/actions/${ownedAction.id}/updates`).set(api.adminAuth).send({ note: 'Evidence', evidenceLinks: tooMany }).expect(400);
      const page = await agent.post(`/actions/${ownedAction.id}/progress`).type('form').send({ _csrf: csrf, progressNote: 'Evidence', evidenceLinks: tooMany.join('\n') });
      expect(page.status).toBe(400);
    });
  });

  describe('a post with no body at all', () => {
    it('is an empty form on the pages open before sign-in: the page asks again, no server error', async () => {
      // Without the emailed link's token, setting a password is a link that does not work.
      const cases: [string, number, string][] = [
        ['/sign-in', 400, 'The sign-in page had expired'],
        ['/forgotten-password', 400, 'The page had expired'],
        ['/set-password', 404, 'This link does not work'],
      ];
      for (const [path, status, message] of cases) {
        const response = await http.post(path);
        expect(response.status, path).toBe(status);
        expect(response.text, path).toContain(message);
        // A body of a type no parser reads is no body either.
        const unread = await http.post(path).set('Content-Type', 'application/octet-stream').send(Buffer.from('email=x'));
        expect(unread.status, path).toBe(status);
      }
    });

    it('is an empty form to a signed-in page and an empty object to the API: each says what is missing', async () => {
      const page = await http.post(`/actions/${ownedAction.id}/progress`).set(api.adminAuth);
      expect(page.status).toBe(400);
      const json = await http.post(`/api/actions/${ownedAction.id}/updates`).set(api.adminAuth);
      expect(json.status).toBe(400);
      expect(json.body.message).toMatch(/note/);
    });
  });

  describe('forms and changes the route fuzzing found failing', () => {
    it('refuses a change to a team that changes nothing, and says what to send', async () => {
      const before = (await http.get(`/api/teams/${teamId}`).set(api.adminAuth).expect(200)).body;
      const empty = await http.patch(`/api/teams/${teamId}`).set(api.adminAuth).send({});
      expect(empty.status).toBe(400);
      expect(empty.body.message).toContain('Send at least one of name, emails or keywords');
      // A multipart body is no JSON body: nothing to change either.
      await http.patch(`/api/teams/${teamId}`).set(api.adminAuth).attach('file', Buffer.from('x'), 'report.txt').expect(400);
      expect((await http.get(`/api/teams/${teamId}`).set(api.adminAuth).expect(200)).body).toEqual(before);
    });

    it('reads a list sent to a page form as an empty form, and says what is missing', async () => {
      const before = (await http.get(`/api/actions/${ownedAction.id}`).set(api.adminAuth).expect(200)).body;
      for (const form of ['due-date', 'milestones', 'date-requests', 'status', 'progress']) {
        const response = await http.post(`/actions/${ownedAction.id}/${form}`).set(api.adminAuth).send([1, 2]);
        expect(response.status, form).toBe(400);
        expect(errorSummaryOf(response.text), form).not.toBe('');
      }
      expect((await http.get(`/api/actions/${ownedAction.id}`).set(api.adminAuth).expect(200)).body).toEqual(before);
    });

    it('refuses a report upload whose council is sent twice, with the message of the form', async () => {
      // As the deployment's admin, who may see every council: the list reached the database.
      const { agent, csrf } = await signedInAgent(api, 'admin@tracker.test', 'test-admin-password');
      const response = await agent.post('/reports/new').type('form').send(`_csrf=${encodeURIComponent(csrf)}&authorityCode=${WALTHAM_FOREST}&authorityCode=NaN`);
      expect(response.status).toBe(400);
      expect(errorSummaryOf(response.text)).toContain('Select the council the report is about');
    });
  });

  describe('values the database would fail on', () => {
    it('refuses a NUL character in the address, on the API and the pages, before any query sees it', async () => {
      const { agent } = await signedInAgent(api, 'board.member@walthamforest.example');
      for (const path of [`/api/authorities/${WALTHAM_FOREST}%00/date-requests`, '/api/authorities/%00/meetings']) {
        const response = await http.get(path).set(api.adminAuth);
        expect(response.status, path).toBe(400);
        expect(response.body.message, path).toContain('NUL character');
      }
      for (const path of ['/reports/uploads/%00', `/authorities/${WALTHAM_FOREST}%00/contacts/1/remove`, '/reports/uploads/x%00y/recommendations/1/remove']) {
        const response = await agent.get(path);
        expect(response.status, path).toBe(400);
        expect(response.text, path).toContain('NUL character');
      }
    });

    it('refuses offsets past any list, on actions and reminders', async () => {
      for (const path of ['/api/actions', '/api/actions/overdue', '/api/reminders']) {
        const response = await http.get(`${path}?offset=99999999999999999999`).set(api.adminAuth);
        expect(response.status, path).toBe(400);
        expect(response.body.message).toMatch(/offset must be a whole number from 0 to/);
      }
    });

    it('refuses ids that no column can hold, in the address and in the body', async () => {
      await http.get('/api/actions/99999999999999999999').set(api.adminAuth).expect(400);
      await http.get('/api/teams/2147483648').set(api.adminAuth).expect(400);
      await http.get('/api/actions?team=99999999999999999999').set(api.adminAuth).expect(400);
      await http.post('/api/actions').set(api.adminAuth).send({ recommendationId: 1e20 }).expect(400);
      await http.patch(`/api/actions/${ownedAction.id}`).set(api.adminAuth).send({ version: 1e20, status: 'in_progress' }).expect(400);
      await http.patch(`/api/actions/${ownedAction.id}`).set(api.adminAuth).set('If-Match', 'W/"99999999999999999999"').send({ status: 'in_progress' }).expect(400);
      const { agent } = await signedInAgent(api, 'board.member@walthamforest.example');
      await agent.get(`/actions?authority=${WALTHAM_FOREST}&team=99999999999999999999`).expect(400);
    });

    it('refuses null for an action title or due date, and changes nothing', async () => {
      const before = (await http.get(`/api/actions/${ownedAction.id}`).set(api.adminAuth).expect(200)).body;
      for (const body of [{ title: null }, { dueDate: null, dueDateReason: 'x' }, { status: null }, { dueDateReason: null }]) {
        const response = await http.patch(`/api/actions/${ownedAction.id}`).set(api.adminAuth).send({ version: before.version, ...body });
        expect(response.status, JSON.stringify(body)).toBe(400);
      }
      await http.patch(`/api/actions/${ownedAction.id}`).set(api.adminAuth).send({ version: before.version, title: '   ' }).expect(400);
      const after = (await http.get(`/api/actions/${ownedAction.id}`).set(api.adminAuth).expect(200)).body;
      expect(after).toEqual(before);
    });

    it('refuses null for a team name, emails or keywords, and changes nothing', async () => {
      const before = (await http.get(`/api/teams/${teamId}`).set(api.adminAuth).expect(200)).body;
      for (const body of [{ name: null }, { emails: null }, { keywords: null }, { name: '  ' }, { keywords: ['  '] }]) {
        const response = await http.patch(`/api/teams/${teamId}`).set(api.adminAuth).send(body);
        expect(response.status, JSON.stringify(body)).toBe(400);
      }
      expect((await http.get(`/api/teams/${teamId}`).set(api.adminAuth).expect(200)).body).toEqual(before);
    });

    it('refuses whitespace-only passwords and token names', async () => {
      await http.post('/api/users').set(api.adminAuth).send({ email: 'spaces@tracker.test', displayName: 'Spaces', password: ' '.repeat(20) }).expect(400);
      await http.post('/api/auth/tokens').set(api.adminAuth).send({ name: '   ', expiresInDays: 5 }).expect(400);
      const users = (await http.get('/api/users').set(api.adminAuth).expect(200)).body as { email: string }[];
      expect(users.map((user) => user.email)).not.toContain('spaces@tracker.test');
    });
  });
});
