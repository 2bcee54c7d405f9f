import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePerson, type Person } from '../access/access-fixture.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { BRENT, errorSummaryOf, hiddenField, timed, WALTHAM_FOREST } from './support.js';

/** A report that names no council the extractor knows, so each council ingests it as its own. */
const UNNAMED_REPORT = [
  'Inspection of local authority arrangements for the protection of children',
  'Borough of Elsewhere',
  'Inspection dates: 22 October to 31 October 2012',
  'Areas for improvement',
  'Immediately:',
  '- ensure that strategy discussions with the police are recorded',
  'Within three months:',
  '- review the quality of assessments and plans',
  'About this inspection',
  '4. This inspection was unannounced.',
].join('\n');

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** What one council may learn of another's data, or a stranger of who has an account, through the answers: nothing. */
describe('answers that would tell too much', () => {
  let api: TestApi;
  let http: ReturnType<typeof request>;
  let walthamForest: Person;
  let brent: Person;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    http = request(api.app.getHttpServer());
    for (const authorityCode of [WALTHAM_FOREST, BRENT]) {
      await http.post('/api/teams').set(api.adminAuth).send({ authorityCode, name: 'Children’s services', emails: [], keywords: [] }).expect(201);
    }
    walthamForest = await makePerson(api, 'wf-board', [{ role: 'board_member', authorityCode: WALTHAM_FOREST }]);
    brent = await makePerson(api, 'brent-board', [{ role: 'board_member', authorityCode: BRENT }]);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('a report text another council already ingested', () => {
    const ingest = (person: Person, authorityCode: string, dryRun = false) =>
      http.post(`/api/reports?authorityCode=${authorityCode}${dryRun ? '&dryRun=true' : ''}`).set(person.auth).set('Content-Type', 'text/plain').send(UNNAMED_REPORT);

    it("is ingested as the second council's own report, and nothing in the answers names the first council's", async () => {
      const first = await ingest(walthamForest, WALTHAM_FOREST).expect(201);
      const firstId = first.body.report.id as number;

      const dry = await ingest(brent, BRENT, true).expect(201);
      expect(dry.body.existingReportId).toBeNull();
      const second = await ingest(brent, BRENT).expect(201);
      expect(second.body.report.authorityCode).toBe(BRENT);
      expect(second.body.report.id).not.toBe(firstId);
      for (const answer of [dry, second]) {
        expect(JSON.stringify(answer.body)).not.toMatch(new RegExp(`"(existingReportId|reportId|id)":${firstId}\\b`));
        expect(answer.text).not.toContain(WALTHAM_FOREST);
      }
      const brentReports = (await http.get('/api/reports').set(brent.auth).expect(200)).body as { id: number }[];
      expect(brentReports.map((report) => report.id)).toContain(second.body.report.id);
    });

    it('is still answered as a duplicate, with its own report, when the same council ingests it again', async () => {
      const text = `${UNNAMED_REPORT}\n5. A later copy of the report.`;
      const send = (person: Person, authorityCode: string, dryRun = false) =>
        http.post(`/api/reports?authorityCode=${authorityCode}${dryRun ? '&dryRun=true' : ''}`).set(person.auth).set('Content-Type', 'text/plain').send(text);
      const brentOwn = (await send(brent, BRENT).expect(201)).body.report.id as number;
      const walthamForestOwn = (await send(walthamForest, WALTHAM_FOREST).expect(201)).body.report.id as number;
      expect((await send(brent, BRENT, true).expect(201)).body.existingReportId).toBe(brentOwn);
      expect((await send(brent, BRENT).expect(409)).body).toMatchObject({ code: 'DUPLICATE_REPORT', reportId: brentOwn });
      expect((await send(walthamForest, WALTHAM_FOREST).expect(409)).body).toMatchObject({ code: 'DUPLICATE_REPORT', reportId: walthamForestOwn });
      const reports = (await http.get('/api/reports').set(api.adminAuth).expect(200)).body as { id: number }[];
      expect(reports.filter((report) => report.id === brentOwn || report.id === walthamForestOwn)).toHaveLength(2);
    });
  });

  describe('the sign-in answer for an address with no account', () => {
    const wrong = { password: 'not-the-password' };

    it('is the API answer for an account in the same state, status and body, at every failure up to and after the lock', async () => {
      const known = await makePerson(api, 'known-api', []);
      const unknown = 'nobody-api@tracker.test';
      const attempt = (email: string) => http.post('/api/auth/login').send({ email, ...wrong });
      for (let failure = 1; failure <= 6; failure += 1) {
        const forKnown = await attempt(known.email);
        const forUnknown = await attempt(unknown);
        expect([forUnknown.status, forUnknown.body], `failure ${failure}`).toEqual([forKnown.status, forKnown.body]);
        expect(forKnown.status).toBe(failure < 5 ? 401 : 429);
      }
      // The right password of a locked account is refused the same way as any password of a locked unknown address.
      const right = await http.post('/api/auth/login').send({ email: known.email, password: known.password });
      expect([right.status, right.body]).toEqual([429, (await attempt(unknown)).body]);
    });

    it('is the sign-in page answer for an account in the same state', async () => {
      const known = await makePerson(api, 'known-page', []);
      const unknown = 'nobody-page@tracker.test';
      const agent = request.agent(api.app.getHttpServer());
      let page = (await agent.get('/sign-in').expect(200)).text;
      const attempt = async (email: string) => {
        const answer = await agent.post('/sign-in').type('form').send({ _signin: hiddenField(page, '_signin'), email, ...wrong });
        page = answer.text;
        return { status: answer.status, problem: errorSummaryOf(answer.text) };
      };
      for (let failure = 1; failure <= 6; failure += 1) {
        const forKnown = await attempt(known.email);
        expect(await attempt(unknown), `failure ${failure}`).toEqual(forKnown);
        expect(forKnown.status).toBe(failure < 5 ? 401 : 429);
      }
      expect(errorSummaryOf(page)).toContain('Too many failed sign-ins');
    });

    it('takes as long as for an account: the password is checked against a decoy', async () => {
      const known = await makePerson(api, 'known-timing', []);
      const times = { known: [] as number[], unknown: [] as number[] };
      // Four of each, interleaved, so that neither is locked and both see the same load.
      for (let round = 0; round < 4; round += 1) {
        times.known.push((await timed(() => http.post('/api/auth/login').send({ email: known.email, ...wrong }).expect(401))).ms);
        times.unknown.push((await timed(() => http.post('/api/auth/login').send({ email: `nobody-timing-${round}@tracker.test`, ...wrong }).expect(401))).ms);
      }
      const ratio = median(times.unknown) / median(times.known);
      expect(ratio, JSON.stringify(times)).toBeGreaterThan(0.5);
      expect(ratio, JSON.stringify(times)).toBeLessThan(2);
    });
  });
});
