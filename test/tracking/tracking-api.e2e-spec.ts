import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addCalendarMonths } from '#deadlines';
import { extractReport } from '#extraction';
import { SeedService } from '#tracking';
import { answered, apiClient, type ApiClient, refused } from '../support/api-client.js';
import type { operations } from '../support/api-types.js';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

const WALTHAM_FOREST = 'E09000031';
type ListQuery = operations['ActionsController_list']['parameters']['query'];

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
  /** Typed by the OpenAPI document; every answer is checked against it. */
  let client: ApiClient;
  /** The five seed reports, ingested once for the whole file: every test reads them, none depends on another's changes. */
  const reportIds: Record<string, number> = {};
  const ingested: Array<{ status: number; dryRun: unknown }> = [];

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01' });
    // Every request carries the admin's token: this suite tests tracking, not access.
    http = request.agent(api.app.getHttpServer()).set(api.adminAuth);
    client = await apiClient(api);
    // Teams first, so ingestion can route actions to them.
    const seeds = await api.app.get(SeedService).seedAuthorities();
    for (const authority of seeds) {
      for (const team of authority.teams) {
        await http.post('/api/teams').send({ authorityCode: authority.code, ...team }).expect(201);
      }
    }
    for (const file of SEED_REPORTS) {
      const text = await readFile(join(SEEDS_DIR, 'reports', file), 'utf8');
      const response = await http.post(`/api/reports?fileName=${file}`).set('Content-Type', 'text/markdown').send(text);
      ingested.push({ status: response.status, dryRun: response.body.dryRun });
      reportIds[file] = response.body.report?.id;
    }
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('ingestion', () => {
    it('ingests the five seed reports into 77 actions across 4 authorities', async () => {
      expect(ingested).toEqual(SEED_REPORTS.map(() => ({ status: 201, dryRun: false })));
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
      const actions = (query: NonNullable<ListQuery>) => client.GET('/api/actions', { params: { query } });
      const first = answered(await actions({ authority: WALTHAM_FOREST, limit: 10, offset: 0, sort: 'dueDate' }));
      const second = answered(await actions({ authority: WALTHAM_FOREST, limit: 10, offset: 10, sort: 'dueDate' }));
      expect(first).toMatchObject({ total: 42, limit: 10, offset: 0 });
      expect(first.items).toHaveLength(10);
      const ids = [...first.items, ...second.items].map((item) => item.id);
      expect(new Set(ids).size).toBe(20);
      const dates = [...first.items, ...second.items].map((item) => item.dueDate);
      expect(dates).toEqual([...dates].sort());

      const lscb = answered(await actions({ authority: WALTHAM_FOREST, addressee: ['lscb'], limit: 100 }));
      expect(lscb.items.every((item) => item.addressee === 'lscb')).toBe(true);
      const immediate = answered(await actions({ timeframe: ['immediate'], limit: 100 }));
      expect(immediate.total).toBe(4 + 5 + 7 + 5 + 4 + 1);
      const between = answered(await actions({ dueAfter: '2013-01-01', dueBefore: '2013-12-31', limit: 100 }));
      expect(between.items.every((item) => item.dueDate >= '2013-01-01' && item.dueDate <= '2013-12-31')).toBe(true);
      const twoStatuses = answered(await actions({ status: ['blocked', 'not_started'], limit: 100 }));
      expect(twoStatuses.items.every((item) => item.status === 'blocked' || item.status === 'not_started')).toBe(true);
    });

    it('rejects a limit over 100 and an unknown filter value with 400 naming the field', async () => {
      const tooMany = refused(await client.GET('/api/actions', { params: { query: { limit: 101 } } }), 400);
      expect(tooMany).toMatchObject({ statusCode: 400, error: 'Bad Request', code: 'INVALID_INPUT' });
      expect(tooMany.message).toMatch(/limit/);
      // Values the document does not allow are still refused by the API itself.
      const badStatus = await http.get('/api/actions?status=finished').expect(400);
      expect(badStatus.body.message).toMatch(/status/);
      const badDate = refused(await client.GET('/api/actions', { params: { query: { dueBefore: '2015-02-30' } } }), 400);
      expect(badDate.message).toMatch(/dueBefore/);
    });

    it('answers 404 for an unknown action, report, team or authority', async () => {
      expect(refused(await client.GET('/api/actions/{id}', { params: { path: { id: 999999 } } }), 404)).toMatchObject({ statusCode: 404, code: 'NOT_FOUND' });
      refused(await client.GET('/api/reports/{id}', { params: { path: { id: 999999 } } }), 404);
      refused(await client.GET('/api/teams/{id}', { params: { path: { id: 999999 } } }), 404);
      refused(await client.GET('/api/authorities/{code}/summary', { params: { path: { code: 'E99999999' } } }), 404);
    });
  });

  describe('updating an action', () => {
    // Each test changes actions no other test changes or counts: Brent's for the workflow and the notes,
    // Norfolk's for refusals and re-programming, Rochdale's first for the race (baseline changes own the rest).
    const action = (id: number) => ({ params: { path: { id } } });
    const loadedAt = (id: number, etag: string) => ({ params: { path: { id }, header: { 'If-Match': etag } } });
    const list = async (query: NonNullable<ListQuery>) => answered(await client.GET('/api/actions', { params: { query } })).items;

    it('moves through the workflow and journals each change', async () => {
      const actionId = (await list({ report: reportIds['brent-2012-protection.txt'], timeframe: ['three_months'], sort: 'id', limit: 1 }))[0]!.id;
      const loading = await client.GET('/api/actions/{id}', action(actionId));
      const loaded = answered(loading);
      expect(loaded.status).toBe('not_started');
      const etag = loading.response.headers.get('etag')!;
      expect(etag).toBe(`W/"${loaded.version}"`);
      const starting = await client.PATCH('/api/actions/{id}', { ...loadedAt(actionId, etag), body: { status: 'in_progress', note: 'Audit booked' } });
      const started = answered(starting);
      expect(started.status).toBe('in_progress');
      expect(starting.response.headers.get('etag')).not.toBe(etag);
      const blocked = answered(await client.PATCH('/api/actions/{id}', { ...action(actionId), body: { status: 'blocked', version: started.version } }));
      const resumed = answered(await client.PATCH('/api/actions/{id}', { ...action(actionId), body: { status: 'in_progress', version: blocked.version } }));
      const proposed = answered(
        await client.PATCH('/api/actions/{id}', {
          ...action(actionId),
          body: { status: 'completed', version: resumed.version, note: 'Audit done: 18 of 20 plans good', evidenceLinks: ['https://intranet.brent.example/audit'] },
        }),
      );
      expect(proposed.status).toBe('awaiting_sign_off');
      expect(proposed.rag).not.toBe('complete');
      expect(proposed.completedAt).not.toBeNull();
      const done = answered(await client.PATCH('/api/actions/{id}', { ...action(actionId), body: { status: 'signed_off', version: proposed.version } }));
      expect(done.rag).toBe('complete');
      expect(done.signedOffAt).not.toBeNull();
      const statusChanges = done.journal.flatMap((entry) => entry.changes).filter((change) => change.field === 'status').map((change) => change.to);
      expect(statusChanges).toEqual(['in_progress', 'blocked', 'in_progress', 'awaiting_sign_off', 'signed_off']);
      expect(done.journal.find((entry) => entry.note === 'Audit booked')).toBeDefined();
    });

    it('rejects an illegal transition with 422 listing the allowed ones, changing nothing', async () => {
      const [before] = await list({ report: reportIds['norfolk-2013-protection.txt'], status: ['not_started'], limit: 1 });
      const refusal = refused(await client.PATCH('/api/actions/{id}', { ...action(before!.id), body: { status: 'signed_off', version: before!.version } }), 422);
      expect(refusal).toMatchObject({ statusCode: 422, code: 'ILLEGAL_TRANSITION', allowed: ['in_progress', 'blocked'], from: 'not_started', to: 'signed_off' });
      expect(refusal.message).toMatch(/in_progress, blocked/);
      const after = answered(await client.GET('/api/actions/{id}', action(before!.id)));
      expect(after.status).toBe('not_started');
      expect(after.version).toBe(before!.version);
    });

    it('rejects a stale write with 412 and keeps the first writer’s change', async () => {
      const [before] = await list({ report: reportIds['norfolk-2013-protection.txt'], status: ['not_started'], sort: '-id', limit: 1 });
      const loadedAs = `W/"${before!.version}"`;
      answered(await client.PATCH('/api/actions/{id}', { ...loadedAt(before!.id, loadedAs), body: { leadOfficer: 'A. First' } }));
      const stale = refused(await client.PATCH('/api/actions/{id}', { ...loadedAt(before!.id, loadedAs), body: { leadOfficer: 'B. Second' } }), 412);
      expect(stale.message).toMatch(/changed by someone else/);
      const after = answered(await client.GET('/api/actions/{id}', action(before!.id)));
      expect(after.leadOfficer).toBe('A. First');
      expect(refused(await client.PATCH('/api/actions/{id}', { ...action(before!.id), body: { leadOfficer: 'C. Third' } }), 428).code).toBe('VERSION_REQUIRED');
    });

    it('lets exactly one of two simultaneous writers win', async () => {
      const [before] = await list({ report: reportIds['rochdale-2012-protection.txt'], sort: 'id', limit: 1 });
      const results = await Promise.all(
        ['Writer one', 'Writer two'].map((name) => client.PATCH('/api/actions/{id}', { ...action(before!.id), body: { leadOfficer: name, version: before!.version } })),
      );
      expect(results.map((result) => result.response.status).sort()).toEqual([200, 412]);
      const after = answered(await client.GET('/api/actions/{id}', action(before!.id)));
      expect(after.version).toBe(before!.version + 1);
    });

    it('needs a reason to re-programme a due date and a note to override RAG', async () => {
      const [before] = await list({ report: reportIds['norfolk-2013-protection.txt'], timeframe: ['six_months'], sort: 'id', limit: 1 });
      const id = before!.id;
      const noReason = refused(await client.PATCH('/api/actions/{id}', { ...action(id), body: { dueDate: '2015-12-31', version: before!.version } }), 400);
      expect(noReason.message).toMatch(/dueDateReason/);
      const moved = answered(
        await client.PATCH('/api/actions/{id}', { ...action(id), body: { dueDate: '2015-12-31', dueDateReason: 'Board agreed a later date after the restructure', version: before!.version } }),
      );
      expect(moved).toMatchObject({ dueDate: '2015-12-31', dueDateReason: 'Board agreed a later date after the restructure', originalDueDate: before!.originalDueDate });
      refused(await client.PATCH('/api/actions/{id}', { ...action(id), body: { ragOverride: 'green', version: moved.version } }), 400);
      const overridden = answered(
        await client.PATCH('/api/actions/{id}', { ...action(id), body: { ragOverride: 'amber', ragOverrideNote: 'Evidence not yet reviewed', version: moved.version } }),
      );
      expect(overridden).toMatchObject({ rag: 'amber', ragOverridden: true });
    });

    it('adds a progress note with evidence links to the journal', async () => {
      const actionId = (await list({ report: reportIds['brent-2012-protection.txt'], timeframe: ['immediate'], sort: 'id', limit: 1 }))[0]!.id;
      const updated = answered(
        await client.POST('/api/actions/{id}/updates', {
          ...action(actionId),
          body: { note: 'Chairing audit completed: 18 of 20 conferences good', evidenceLinks: ['https://intranet.brent.example/audits/cp-2015-05'] },
        }),
        201,
      );
      expect(updated.journal.at(-1)).toMatchObject({ kind: 'progress', evidenceLinks: ['https://intranet.brent.example/audits/cp-2015-05'] });
      const badLink = refused(await client.POST('/api/actions/{id}/updates', { ...action(actionId), body: { note: 'x', evidenceLinks: ['not a link'] } }), 400);
      expect(badLink.message).toMatch(/evidenceLinks/);
    });
  });

  describe('baseline changes', () => {
    it('moves the derived due dates and leaves re-programmed ones alone', async () => {
      const reportId = reportIds['rochdale-2012-protection.txt']!;
      const actions = async () => answered(await client.GET('/api/actions', { params: { query: { report: reportId, limit: 100, sort: 'id' } } })).items;
      const [sixMonths] = (await actions()).filter((item) => item.timeframe === 'six_months');
      answered(
        await client.PATCH('/api/actions/{id}', {
          params: { path: { id: sixMonths!.id } },
          body: { dueDate: '2015-12-31', dueDateReason: 'Board agreed a later date after the restructure', version: sixMonths!.version },
        }),
      );
      expect((await actions()).filter((item) => item.dueDateReason !== null)).toHaveLength(1);
      answered(await client.PATCH('/api/reports/{id}', { params: { path: { id: reportId } }, body: { baselineDate: '2012-08-31' } }));
      for (const item of await actions()) {
        const expected = { immediate: '2012-08-31', three_months: '2012-11-30', six_months: '2013-02-28', unspecified: '2013-08-31' }[item.timeframe];
        expect(item.originalDueDate).toBe(expected);
        if (item.dueDateReason === null) expect(item.dueDate).toBe(expected);
        else expect(item.dueDate).toBe('2015-12-31');
      }
      refused(await client.PATCH('/api/reports/{id}', { params: { path: { id: reportId } }, body: { baselineDate: '2012-02-30' } }), 400);
    });
  });

  describe('views for boards and chairs', () => {
    const count = async (query: NonNullable<ListQuery>) => answered(await client.GET('/api/actions', { params: { query: { authority: WALTHAM_FOREST, limit: 1, ...query } } })).total;

    it('summarises an authority', async () => {
      const summary = answered(await client.GET('/api/authorities/{code}/summary', { params: { path: { code: WALTHAM_FOREST } } }));
      expect(summary.total).toBe(42);
      expect(Object.values(summary.byStatus).reduce((a, b) => a + b, 0)).toBe(42);
      expect(summary.byTimeframe).toEqual({ immediate: 9, three_months: 3, six_months: 8, unspecified: 22 });
      expect(summary.reports.map((report) => report.total).sort()).toEqual([15, 27]);
      const overdue = await count({ overdue: true });
      expect(summary.overdue).toBe(overdue);
      expect(summary.byRag.red).toBe(overdue);

      // Each timeframe's and each team's figures agree with the lists filtered the same way.
      for (const row of summary.timeframes) {
        const timeframe = [row.timeframe];
        expect(row.total).toBe(summary.byTimeframe[row.timeframe]);
        expect(row.overdue).toBe(await count({ timeframe, overdue: true }));
        expect(row.inProgress).toBe(await count({ timeframe, status: ['in_progress'] }));
        expect(row.awaitingSignOff).toBe(await count({ timeframe, status: ['awaiting_sign_off'] }));
        expect(row.signedOff).toBe(await count({ timeframe, status: ['signed_off'] }));
        expect(row.reprogrammed).toBe(await count({ timeframe, reprogrammed: true }));
      }
      expect(summary.timeframes.reduce((sum, row) => sum + row.dueSoon, 0)).toBe(summary.dueSoon);
      for (const team of summary.byTeam) {
        const scope = team.teamId === null ? { unassigned: true } : { team: team.teamId };
        expect(team.total).toBe(await count(scope));
        expect(team.overdue).toBe(await count({ ...scope, overdue: true }));
        expect(team.awaitingSignOff).toBe(await count({ ...scope, status: ['awaiting_sign_off'] }));
        expect(team.signedOff).toBe(await count({ ...scope, status: ['signed_off'] }));
      }
      expect(summary.byTeam.reduce((sum, team) => sum + team.total, 0)).toBe(42);
    });

    it('lists overdue actions oldest first, filterable to the LSCB', async () => {
      const overdue = answered(await client.GET('/api/actions/overdue', { params: { query: { authority: WALTHAM_FOREST, limit: 100 } } }));
      expect(overdue.total).toBeGreaterThan(0);
      const dates = overdue.items.map((item) => item.dueDate);
      expect(dates).toEqual([...dates].sort());
      expect(overdue.items.every((item) => item.dueDate < '2015-06-01' && item.status !== 'signed_off')).toBe(true);
      const lscb = answered(await client.GET('/api/actions/overdue', { params: { query: { authority: WALTHAM_FOREST, addressee: ['lscb'], limit: 100 } } }));
      expect(lscb.items.every((item) => item.addressee === 'lscb')).toBe(true);
      expect(lscb.total).toBeLessThan(overdue.total);
    });

    it('keeps RAG filters consistent with the RAG shown', async () => {
      const rags = ['green', 'amber', 'red', 'complete'] as const;
      for (const rag of rags) {
        const page = answered(await client.GET('/api/actions', { params: { query: { rag: [rag], limit: 100 } } }));
        expect(page.items.every((item) => item.rag === rag)).toBe(true);
      }
      const totals = await Promise.all(rags.map(async (rag) => answered(await client.GET('/api/actions', { params: { query: { rag: [rag], limit: 1 } } })).total));
      expect(totals.reduce((sum, total) => sum + total, 0)).toBe(77);
    });

    it('manages teams and refuses to delete one that still owns actions', async () => {
      const created = answered(
        await client.POST('/api/teams', { body: { authorityCode: WALTHAM_FOREST, name: 'Edge of care', emails: ['edge.of.care@walthamforest.example'], keywords: ['edge of care'] } }),
        201,
      );
      const renamed = answered(await client.PATCH('/api/teams/{id}', { params: { path: { id: created.id } }, body: { name: 'Edge of care service' } }));
      expect(renamed.name).toBe('Edge of care service');
      refused(await client.POST('/api/teams', { body: { authorityCode: WALTHAM_FOREST, name: 'Edge of care service' } }), 409);
      refused(await client.POST('/api/teams', { body: { authorityCode: WALTHAM_FOREST, name: 'Bad', emails: ['not-an-email'] } }), 400);
      answered(await client.DELETE('/api/teams/{id}', { params: { path: { id: created.id } } }), 204);
      const owning = answered(await client.GET('/api/actions', { params: { query: { authority: WALTHAM_FOREST, q: 'children with disabilities', limit: 1 } } }));
      const refusal = refused(await client.DELETE('/api/teams/{id}', { params: { path: { id: owning.items[0]!.team!.id } } }), 409);
      expect(refusal.message).toMatch(/reassign/);
      expect(refusal.ownedActions).toBeGreaterThan(0);
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
