import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePerson, type Person } from '../access/access-fixture.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { BRENT, WALTHAM_FOREST } from './support.js';

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

/** What one council may learn of another's data through the answers it gets: nothing. */
describe('answers that would tell one council about another', () => {
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
});
