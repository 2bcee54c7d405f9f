import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarMonths } from '#deadlines';
import { extractReport } from '#extraction';
import { SeedService } from '#tracking';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

const WALTHAM_FOREST = 'E09000031';
const SEED_REPORTS = [
  'brent-2012-protection.txt',
  'norfolk-2013-protection.txt',
  'rochdale-2012-protection.txt',
  'waltham-forest-2013-protection.txt',
  'waltham-forest-2014-sif.txt',
];

describe('tracking API', () => {
  let api: TestApi;
  let http: ReturnType<typeof request.agent>;
  const reportIds: Record<string, number> = {};

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01' });
    // Every request carries the admin's token: this suite tests tracking, not access.
    http = request.agent(api.app.getHttpServer()).set(api.adminAuth);
    // Teams first, so ingestion can route actions to them.
    const seeds = await api.app.get(SeedService).seedAuthorities();
    for (const authority of seeds) {
      for (const team of authority.teams) {
        await http.post('/api/teams').send({ authorityCode: authority.code, ...team }).expect(201);
      }
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('ingestion', () => {
    it('ingests the five seed reports into 77 actions across 4 authorities', async () => {
      for (const file of SEED_REPORTS) {
        const text = await readFile(join(SEEDS_DIR, 'reports', file), 'utf8');
        const response = await http.post(`/api/reports?fileName=${file}`).set('Content-Type', 'text/markdown').send(text).expect(201);
        expect(response.body.dryRun).toBe(false);
        reportIds[file] = response.body.report.id;
      }
      const all = await http.get('/api/actions?limit=100').expect(200);
      expect(all.body.total).toBe(77);
      const authorities = new Set(all.body.items.map((item: { authorityCode: string }) => item.authorityCode));
      expect([...authorities].sort()).toEqual(['E08000005', 'E09000005', 'E09000031', 'E10000020']);

      const walthamForest = await http.get(`/api/reports?authority=${WALTHAM_FOREST}`).expect(200);
      expect(walthamForest.body.map((report: { id: number }) => report.id).sort()).toEqual(
        [reportIds['waltham-forest-2013-protection.txt'], reportIds['waltham-forest-2014-sif.txt']].sort(),
      );
      expect(walthamForest.body.map((report: { recommendationCount: number }) => report.recommendationCount).sort()).toEqual([15, 27]);
    });

    it('stores the recommendation as worded and derives each due date from the baseline', async () => {
      const reportId = reportIds['waltham-forest-2014-sif.txt'];
      const report = await http.get(`/api/reports/${reportId}`).expect(200);
      expect(report.body).toMatchObject({ authorityCode: WALTHAM_FOREST, publishedOn: '2015-01-20', baselineDate: '2015-01-20', inspectionEnd: '2014-11-26' });
      const actions = await http.get(`/api/actions?report=${reportId}&limit=100&sort=id`).expect(200);
      expect(actions.body.total).toBe(27);
      for (const action of actions.body.items) {
        const expected = action.timeframe === 'immediate' ? '2015-01-20' : addCalendarMonths('2015-01-20', 12);
        expect(action.dueDate).toBe(expected);
        expect(action.originalDueDate).toBe(expected);
        expect(action.dueDateAssumed).toBe(action.timeframe === 'unspecified');
      }
      const byAddressee = (addressee: string) => actions.body.items.filter((item: { addressee: string }) => item.addressee === addressee).length;
      expect(byAddressee('lscb')).toBeGreaterThanOrEqual(7);
    });

    it('routes an action to the team whose keywords the recommendation names', async () => {
      const response = await http.get('/api/actions?authority=E09000005&q=police%20public%20protection').expect(200);
      expect(response.body.total).toBe(1);
      expect(response.body.items[0].team?.name).toBe('Safeguarding Children Board business unit');
      const unmatched = await http.get('/api/actions?authority=E09000005&unassigned=true&limit=100').expect(200);
      for (const item of unmatched.body.items) expect(item.team).toBeNull();
    });

    it('refuses the same text again with 409 and the existing id, creating nothing', async () => {
      const file = 'brent-2012-protection.txt';
      const text = await readFile(join(SEEDS_DIR, 'reports', file), 'utf8');
      const response = await http.post('/api/reports').set('Content-Type', 'text/plain').send(text).expect(409);
      expect(response.body).toMatchObject({ code: 'DUPLICATE_REPORT', reportId: reportIds[file] });
      const all = await http.get('/api/actions?limit=1').expect(200);
      expect(all.body.total).toBe(77);
    });

    it('accepts a multipart upload and a JSON body, and a dry run saves nothing', async () => {
      const text = await readFile(join(SEEDS_DIR, 'reports', 'rochdale-2012-protection.txt'), 'utf8');
      const dry = await http.post('/api/reports?dryRun=true').attach('file', Buffer.from(`${text}\n`), 'rochdale.txt').expect(201);
      expect(dry.body.dryRun).toBe(true);
      expect(dry.body.draft.recommendations).toHaveLength(11);
      expect(dry.body.existingReportId).toBeNull();
      expect(dry.body.text).toBe(`${text}\n`);
      const dryJson = await http.post('/api/reports?dryRun=true').send({ text: `${text}\n\n` }).expect(201);
      expect(dryJson.body.draft.recommendations).toHaveLength(11);
      // A dry run of a text already ingested says which report it became, so a confirmation would not be tried.
      const again = await http.post('/api/reports?dryRun=true').set('Content-Type', 'text/plain').send(text).expect(201);
      expect(again.body.existingReportId).toBe(reportIds['rochdale-2012-protection.txt']);
      const all = await http.get('/api/actions?limit=1').expect(200);
      expect(all.body.total).toBe(77);
    });

    it('reads an uploaded PDF as the same recommendations as its text conversion', async () => {
      const corpus = join(SEEDS_DIR, '..', 'test', 'fixtures', 'corpus');
      const fromText = extractReport(await readFile(join(corpus, 'essex-2023.txt'), 'utf8'));
      const response = await http.post('/api/reports?dryRun=true').attach('file', join(corpus, 'essex-2023.pdf')).expect(201);
      expect(response.body.authorityCode).toBe(fromText.authorityCode);
      expect(response.body.draft.recommendations.map((item: { reference: string }) => item.reference)).toEqual(
        fromText.recommendations.map((item) => item.reference),
      );
      await http.post('/api/reports?dryRun=true').attach('file', Buffer.from([0x00, 0xff, 0x13, 0x37, 0x00]), 'scan.pdf').expect(422);
    });

    it('answers 422 with the extractor message for text that is not a report, and stores nothing', async () => {
      const response = await http.post('/api/reports').set('Content-Type', 'text/plain').send('Minutes of the board meeting\n\nApologies were received.').expect(422);
      expect(response.body.message).toMatch(/recommendation|report/i);
      const reports = await http.get('/api/reports').expect(200);
      expect(reports.body).toHaveLength(5);
    });

    it('answers 413 for a body over the upload limit and 400 for an unknown field', async () => {
      await http.post('/api/reports').set('Content-Type', 'text/plain').send('x'.repeat(21 * 1024 * 1024)).expect(413);
      const unknown = await http.post('/api/reports').send({ text: 'x', colour: 'red' }).expect(400);
      expect(unknown.body.message).toMatch(/colour/);
    });
  });

  describe('listing', () => {
    it('filters, paginates and sorts', async () => {
      const first = await http.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=10&offset=0&sort=dueDate`).expect(200);
      const second = await http.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=10&offset=10&sort=dueDate`).expect(200);
      expect(first.body).toMatchObject({ total: 42, limit: 10, offset: 0 });
      expect(first.body.items).toHaveLength(10);
      const ids = [...first.body.items, ...second.body.items].map((item: { id: number }) => item.id);
      expect(new Set(ids).size).toBe(20);
      const dates = [...first.body.items, ...second.body.items].map((item: { dueDate: string }) => item.dueDate);
      expect(dates).toEqual([...dates].sort());

      const lscb = await http.get(`/api/actions?authority=${WALTHAM_FOREST}&addressee=lscb&limit=100`).expect(200);
      expect(lscb.body.items.every((item: { addressee: string }) => item.addressee === 'lscb')).toBe(true);
      const immediate = await http.get('/api/actions?timeframe=immediate&limit=100').expect(200);
      expect(immediate.body.total).toBe(4 + 5 + 7 + 5 + 4 + 1);
      const between = await http.get('/api/actions?dueAfter=2013-01-01&dueBefore=2013-12-31&limit=100').expect(200);
      expect(between.body.items.every((item: { dueDate: string }) => item.dueDate >= '2013-01-01' && item.dueDate <= '2013-12-31')).toBe(true);
    });

    it('rejects a limit over 100 and an unknown filter value with 400 naming the field', async () => {
      const tooMany = await http.get('/api/actions?limit=101').expect(400);
      expect(tooMany.body.message).toMatch(/limit/);
      const badStatus = await http.get('/api/actions?status=finished').expect(400);
      expect(badStatus.body.message).toMatch(/status/);
      const badDate = await http.get('/api/actions?dueBefore=2015-02-30').expect(400);
      expect(badDate.body.message).toMatch(/dueBefore/);
    });

    it('answers 404 for an unknown action, report, team or authority', async () => {
      await http.get('/api/actions/999999').expect(404);
      await http.get('/api/reports/999999').expect(404);
      await http.get('/api/teams/999999').expect(404);
      await http.get('/api/authorities/E99999999/summary').expect(404);
    });
  });

  describe('updating an action', () => {
    let actionId: number;

    beforeAll(async () => {
      const list = await http.get(`/api/actions?report=${reportIds['brent-2012-protection.txt']}&timeframe=three_months&sort=id&limit=1`).expect(200);
      actionId = list.body.items[0].id;
    });

    it('moves through the workflow and journals each change', async () => {
      const loaded = await http.get(`/api/actions/${actionId}`).expect(200);
      expect(loaded.body.status).toBe('not_started');
      const started = await http.patch(`/api/actions/${actionId}`).set('If-Match', loaded.headers.etag).send({ status: 'in_progress', note: 'Audit booked' }).expect(200);
      expect(started.body.status).toBe('in_progress');
      expect(started.headers.etag).not.toBe(loaded.headers.etag);
      const blocked = await http.patch(`/api/actions/${actionId}`).send({ status: 'blocked', version: started.body.version }).expect(200);
      const resumed = await http.patch(`/api/actions/${actionId}`).send({ status: 'in_progress', version: blocked.body.version }).expect(200);
      const proposed = await http
        .patch(`/api/actions/${actionId}`)
        .send({ status: 'completed', version: resumed.body.version, note: 'Audit done: 18 of 20 plans good', evidenceLinks: ['https://intranet.brent.example/audit'] })
        .expect(200);
      expect(proposed.body.status).toBe('awaiting_sign_off');
      expect(proposed.body.rag).not.toBe('complete');
      expect(proposed.body.completedAt).not.toBeNull();
      const done = await http.patch(`/api/actions/${actionId}`).send({ status: 'signed_off', version: proposed.body.version }).expect(200);
      expect(done.body.rag).toBe('complete');
      expect(done.body.signedOffAt).not.toBeNull();
      const statusChanges = done.body.journal
        .flatMap((entry: { changes: { field: string; to: string }[] }) => entry.changes)
        .filter((change: { field: string }) => change.field === 'status')
        .map((change: { to: string }) => change.to);
      expect(statusChanges).toEqual(['in_progress', 'blocked', 'in_progress', 'awaiting_sign_off', 'signed_off']);
      expect(done.body.journal.find((entry: { note: string | null }) => entry.note === 'Audit booked')).toBeDefined();
    });

    it('rejects an illegal transition with 422 listing the allowed ones, changing nothing', async () => {
      const list = await http.get(`/api/actions?report=${reportIds['norfolk-2013-protection.txt']}&status=not_started&limit=1`).expect(200);
      const action = list.body.items[0];
      const response = await http.patch(`/api/actions/${action.id}`).send({ status: 'signed_off', version: action.version }).expect(422);
      expect(response.body.allowed).toEqual(['in_progress', 'blocked']);
      expect(response.body.message).toMatch(/in_progress, blocked/);
      const after = await http.get(`/api/actions/${action.id}`).expect(200);
      expect(after.body.status).toBe('not_started');
      expect(after.body.version).toBe(action.version);
    });

    it('rejects a stale write with 412 and keeps the first writer’s change', async () => {
      const list = await http.get(`/api/actions?report=${reportIds['norfolk-2013-protection.txt']}&status=not_started&sort=-id&limit=1`).expect(200);
      const action = list.body.items[0];
      await http.patch(`/api/actions/${action.id}`).set('If-Match', `W/"${action.version}"`).send({ leadOfficer: 'A. First' }).expect(200);
      const stale = await http.patch(`/api/actions/${action.id}`).set('If-Match', `W/"${action.version}"`).send({ leadOfficer: 'B. Second' }).expect(412);
      expect(stale.body.message).toMatch(/changed by someone else/);
      const after = await http.get(`/api/actions/${action.id}`).expect(200);
      expect(after.body.leadOfficer).toBe('A. First');
      await http.patch(`/api/actions/${action.id}`).send({ leadOfficer: 'C. Third' }).expect(428);
    });

    it('lets exactly one of two simultaneous writers win', async () => {
      const list = await http.get(`/api/actions?report=${reportIds['rochdale-2012-protection.txt']}&sort=id&limit=1`).expect(200);
      const action = list.body.items[0];
      const results = await Promise.all(
        ['Writer one', 'Writer two'].map((name) => http.patch(`/api/actions/${action.id}`).send({ leadOfficer: name, version: action.version })),
      );
      expect(results.map((result) => result.status).sort()).toEqual([200, 412]);
      const after = await http.get(`/api/actions/${action.id}`).expect(200);
      expect(after.body.version).toBe(action.version + 1);
    });

    it('needs a reason to re-programme a due date and a note to override RAG', async () => {
      const list = await http.get(`/api/actions?report=${reportIds['rochdale-2012-protection.txt']}&timeframe=six_months&limit=1`).expect(200);
      const action = list.body.items[0];
      const noReason = await http.patch(`/api/actions/${action.id}`).send({ dueDate: '2015-12-31', version: action.version }).expect(400);
      expect(noReason.body.message).toMatch(/dueDateReason/);
      const moved = await http
        .patch(`/api/actions/${action.id}`)
        .send({ dueDate: '2015-12-31', dueDateReason: 'Board agreed a later date after the restructure', version: action.version })
        .expect(200);
      expect(moved.body).toMatchObject({ dueDate: '2015-12-31', dueDateReason: 'Board agreed a later date after the restructure', originalDueDate: action.originalDueDate });
      await http.patch(`/api/actions/${action.id}`).send({ ragOverride: 'green', version: moved.body.version }).expect(400);
      const overridden = await http
        .patch(`/api/actions/${action.id}`)
        .send({ ragOverride: 'amber', ragOverrideNote: 'Evidence not yet reviewed', version: moved.body.version })
        .expect(200);
      expect(overridden.body).toMatchObject({ rag: 'amber', ragOverridden: true });
    });

    it('adds a progress note with evidence links to the journal', async () => {
      const response = await http
        .post(`/api/actions/${actionId}/updates`)
        .send({ note: 'Chairing audit completed: 18 of 20 conferences good', evidenceLinks: ['https://intranet.brent.example/audits/cp-2015-05'] })
        .expect(201);
      const last = response.body.journal.at(-1);
      expect(last).toMatchObject({ kind: 'progress', evidenceLinks: ['https://intranet.brent.example/audits/cp-2015-05'] });
      const badLink = await http.post(`/api/actions/${actionId}/updates`).send({ note: 'x', evidenceLinks: ['not a link'] }).expect(400);
      expect(badLink.body.message).toMatch(/evidenceLinks/);
    });
  });

  describe('baseline changes', () => {
    it('moves the derived due dates and leaves re-programmed ones alone', async () => {
      const reportId = reportIds['rochdale-2012-protection.txt'];
      const before = await http.get(`/api/actions?report=${reportId}&limit=100&sort=id`).expect(200);
      const reprogrammed = before.body.items.filter((item: { dueDateReason: string | null }) => item.dueDateReason !== null);
      expect(reprogrammed).toHaveLength(1);
      await http.patch(`/api/reports/${reportId}`).send({ baselineDate: '2012-08-31' }).expect(200);
      const after = await http.get(`/api/actions?report=${reportId}&limit=100&sort=id`).expect(200);
      for (const item of after.body.items) {
        const expected = { immediate: '2012-08-31', three_months: '2012-11-30', six_months: '2013-02-28', unspecified: '2013-08-31' }[item.timeframe as string];
        expect(item.originalDueDate).toBe(expected);
        if (item.dueDateReason === null) expect(item.dueDate).toBe(expected);
        else expect(item.dueDate).toBe('2015-12-31');
      }
      await http.patch(`/api/reports/${reportId}`).send({ baselineDate: '2012-02-30' }).expect(400);
    });
  });

  describe('views for boards and chairs', () => {
    it('summarises an authority', async () => {
      const response = await http.get(`/api/authorities/${WALTHAM_FOREST}/summary`).expect(200);
      const summary = response.body;
      expect(summary.total).toBe(42);
      expect(Object.values(summary.byStatus as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(42);
      expect(summary.byTimeframe).toEqual({ immediate: 9, three_months: 3, six_months: 8, unspecified: 22 });
      expect(summary.reports.map((report: { total: number }) => report.total).sort()).toEqual([15, 27]);
      const overdue = await http.get(`/api/actions?authority=${WALTHAM_FOREST}&overdue=true&limit=1`).expect(200);
      expect(summary.overdue).toBe(overdue.body.total);
      expect(summary.byRag.red).toBe(overdue.body.total);

      // Each timeframe's and each team's figures agree with the lists filtered the same way.
      const count = async (query: string) => (await http.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=1&${query}`).expect(200)).body.total;
      for (const row of summary.timeframes) {
        expect(row.total).toBe(summary.byTimeframe[row.timeframe]);
        expect(row.overdue).toBe(await count(`timeframe=${row.timeframe}&overdue=true`));
        expect(row.inProgress).toBe(await count(`timeframe=${row.timeframe}&status=in_progress`));
        expect(row.awaitingSignOff).toBe(await count(`timeframe=${row.timeframe}&status=awaiting_sign_off`));
        expect(row.signedOff).toBe(await count(`timeframe=${row.timeframe}&status=signed_off`));
        expect(row.reprogrammed).toBe(await count(`timeframe=${row.timeframe}&reprogrammed=true`));
      }
      expect(summary.timeframes.reduce((sum: number, row: { dueSoon: number }) => sum + row.dueSoon, 0)).toBe(summary.dueSoon);
      for (const team of summary.byTeam) {
        const scope = team.teamId === null ? 'unassigned=true' : `team=${team.teamId}`;
        expect(team.total).toBe(await count(scope));
        expect(team.overdue).toBe(await count(`${scope}&overdue=true`));
        expect(team.awaitingSignOff).toBe(await count(`${scope}&status=awaiting_sign_off`));
        expect(team.signedOff).toBe(await count(`${scope}&status=signed_off`));
      }
      expect(summary.byTeam.reduce((sum: number, team: { total: number }) => sum + team.total, 0)).toBe(42);
    });

    it('lists overdue actions oldest first, filterable to the LSCB', async () => {
      const overdue = await http.get(`/api/actions/overdue?authority=${WALTHAM_FOREST}&limit=100`).expect(200);
      expect(overdue.body.total).toBeGreaterThan(0);
      const dates = overdue.body.items.map((item: { dueDate: string }) => item.dueDate);
      expect(dates).toEqual([...dates].sort());
      expect(overdue.body.items.every((item: { dueDate: string; status: string }) => item.dueDate < '2015-06-01' && item.status !== 'signed_off')).toBe(true);
      const lscb = await http.get(`/api/actions/overdue?authority=${WALTHAM_FOREST}&addressee=lscb&limit=100`).expect(200);
      expect(lscb.body.items.every((item: { addressee: string }) => item.addressee === 'lscb')).toBe(true);
      expect(lscb.body.total).toBeLessThan(overdue.body.total);
    });

    it('keeps RAG filters consistent with the RAG shown', async () => {
      for (const rag of ['green', 'amber', 'red', 'complete']) {
        const response = await http.get(`/api/actions?rag=${rag}&limit=100`).expect(200);
        expect(response.body.items.every((item: { rag: string }) => item.rag === rag)).toBe(true);
      }
      const totals = await Promise.all(['green', 'amber', 'red', 'complete'].map((rag) => http.get(`/api/actions?rag=${rag}&limit=1`)));
      expect(totals.reduce((sum, response) => sum + response.body.total, 0)).toBe(77);
    });

    it('manages teams and refuses to delete one that still owns actions', async () => {
      const created = await http.post('/api/teams').send({ authorityCode: WALTHAM_FOREST, name: 'Edge of care', emails: ['edge.of.care@walthamforest.example'], keywords: ['edge of care'] }).expect(201);
      const renamed = await http.patch(`/api/teams/${created.body.id}`).send({ name: 'Edge of care service' }).expect(200);
      expect(renamed.body.name).toBe('Edge of care service');
      await http.post('/api/teams').send({ authorityCode: WALTHAM_FOREST, name: 'Edge of care service' }).expect(409);
      await http.post('/api/teams').send({ authorityCode: WALTHAM_FOREST, name: 'Bad', emails: ['not-an-email'] }).expect(400);
      await http.delete(`/api/teams/${created.body.id}`).expect(204);
      const owning = await http.get(`/api/actions?authority=${WALTHAM_FOREST}&q=children%20with%20disabilities&limit=1`).expect(200);
      const response = await http.delete(`/api/teams/${owning.body.items[0].team.id}`).expect(409);
      expect(response.body.message).toMatch(/reassign/);
    });
  });

  describe('operations', () => {
    it('serves health, liveness and the OpenAPI document', async () => {
      const health = await http.get('/api/health').expect(200);
      expect(health.body.database.status).toBe('up');
      expect(['up', 'down']).toContain(health.body.redis.status);
      await http.get('/api/health/live').expect(200, { status: 'ok' });
      const docs = await http.get('/api/docs-json').expect(200);
      expect(Object.keys(docs.body.paths)).toEqual(expect.arrayContaining(['/api/actions', '/api/actions/{id}', '/api/reports', '/api/authorities/{code}/summary']));
    });
  });
});
