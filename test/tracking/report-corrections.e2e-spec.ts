import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

/** POST /api/reports with the corrections a board makes before confirming, and what the report keeps of them. */
describe('correcting a report before confirming it, over the API', () => {
  let api: TestApi;
  let brent: string;

  beforeAll(async () => {
    api = await startTestApi({ today: '2013-01-10' });
    brent = await readFile(join(SEEDS_DIR, 'reports', 'brent-2012-protection.txt'), 'utf8');
  });

  afterAll(async () => {
    await api?.close();
  });

  const server = () => api.app.getHttpServer();
  /** The reports stored so far: a case that must save nothing compares this before and after, whatever ran before it. */
  const reportCount = async () => ((await request(server()).get('/api/reports').set(api.adminAuth).expect(200)).body as unknown[]).length;

  it('a dry run returns the draft with its warnings; with corrections, the corrected draft and the edits', async () => {
    const before = await reportCount();
    const plain = await request(server()).post('/api/reports?dryRun=true').set(api.adminAuth).send({ text: brent }).expect(201);
    expect(plain.body.draft.warnings).toEqual([]);
    expect(plain.body.draft.noRecommendations).toBeNull();
    expect(plain.body.edits).toEqual([]);
    const extracted = plain.body.draft.recommendations as { ordinal: number; reference: string; text: string; timeframe: string; addressee: string }[];
    expect(extracted).toHaveLength(12);

    const corrected = await request(server())
      .post('/api/reports?dryRun=true')
      .set(api.adminAuth)
      .send({
        text: brent,
        baselineDate: '2012-12-03',
        recommendations: [
          { from: 1, text: extracted[0].text, timeframe: 'three_months', addressee: 'local_authority' },
          { text: 'Ensure that care leavers know their entitlements.', timeframe: 'six_months', addressee: 'local_authority' },
        ],
      })
      .expect(201);
    expect(corrected.body.draft.baselineDate).toBe('2012-12-03');
    expect(corrected.body.draft.recommendations.map((item: { reference: string; timeframe: string; dueDate: string }) => [item.reference, item.timeframe, item.dueDate])).toEqual([
      ['A1', 'three_months', '2013-03-03'],
      ['H1', 'six_months', '2013-06-03'],
    ]);
    expect(corrected.body.edits.map((edit: { change: string }) => edit.change)).toEqual(['baseline', 'changed', 'added', ...Array(11).fill('removed')]);
    // A dry run saves nothing.
    expect(await reportCount()).toBe(before);
  });

  it('confirms the corrected list: the actions are the corrected ones, and the report keeps the extracted draft and the edits', async () => {
    const dry = await request(server()).post('/api/reports?dryRun=true').set(api.adminAuth).send({ text: brent }).expect(201);
    const extracted = dry.body.draft.recommendations as { ordinal: number; text: string; timeframe: string; addressee: string }[];
    const keep = (ordinal: number) => ({ from: ordinal, text: extracted[ordinal - 1].text, timeframe: extracted[ordinal - 1].timeframe, addressee: extracted[ordinal - 1].addressee });
    const recommendations = [
      ...extracted.slice(0, 10).map((item) => keep(item.ordinal)),
      { ...keep(11), text: 'ensure that the Brent Safeguarding Children Board monitors the quality of child protection conferences', addressee: 'lscb' },
      { from: 12, text: 'ensure that supervision is recorded', timeframe: 'three_months', addressee: 'local_authority' },
      { from: 12, text: 'ensure that supervision is reflective', timeframe: 'three_months', addressee: 'local_authority' },
    ];
    const created = await request(server()).post('/api/reports?fileName=brent.txt').set(api.adminAuth).send({ text: brent, recommendations }).expect(201);
    expect(created.body.actionCount).toBe(13);
    const reportId = created.body.report.id as number;
    expect(created.body.report.edits.map((edit: { change: string; field?: string }) => edit.field ?? edit.change)).toEqual(['text', 'addressee', 'split']);

    const stored = await request(server()).get(`/api/reports/${reportId}/recommendations`).set(api.adminAuth).expect(200);
    expect(stored.body.map((item: { reference: string; addressee: string }) => [item.reference, item.addressee]).slice(10)).toEqual([
      ['A11', 'lscb'],
      ['A12a', 'local_authority'],
      ['A12b', 'local_authority'],
    ]);

    const extraction = await request(server()).get(`/api/reports/${reportId}/extraction`).set(api.adminAuth).expect(200);
    expect(extraction.body.extracted.recommendations).toHaveLength(12);
    expect(extraction.body.extracted.recommendations[10].addressee).toBe('local_authority');
    expect(extraction.body.journal).toEqual([
      expect.stringMatching(/^Recommendation A11: text changed from "/),
      'Recommendation A11: addressee changed from "local_authority" to "lscb"',
      'Recommendation A12 split into A12a and A12b',
    ]);

    const actions = await request(server()).get(`/api/actions?report=${reportId}&limit=50`).set(api.adminAuth).expect(200);
    const list = (actions.body.items ?? actions.body) as { id: number; addressee: string }[];
    expect(list).toHaveLength(13);
    const details = await Promise.all(list.map(async (action) => (await request(server()).get(`/api/actions/${action.id}`).set(api.adminAuth).expect(200)).body));
    const notes = Object.fromEntries(
      details.map((detail: { recommendation: { reference: string }; journal: { note: string }[] }) => [detail.recommendation.reference, detail.journal[0].note]),
    );
    expect(notes.A1).toBe('Created from recommendation A1; no team matched, awaiting triage');
    expect(notes.A11).toBe('Created from recommendation A11 (text, addressee corrected by hand before confirming); no team matched, awaiting triage');
    expect(notes.A12a).toBe('Created from recommendation A12a (split by hand from A12 before confirming); no team matched, awaiting triage');
  });

  it('refuses corrections that do not make sense with 400 and says what to fix, saving nothing', async () => {
    const other = brent.replace('London Borough of Brent', 'Brent Council');
    const before = await reportCount();
    const cases: [unknown, RegExp][] = [
      [[{ from: 40, text: 'x', timeframe: 'immediate', addressee: 'lscb' }], /recommendations\[0\]\.from must be the ordinal of an extracted recommendation \(1 to 12\)/],
      [[{ text: 'x', timeframe: 'soon', addressee: 'lscb' }], /recommendations\.0\.timeframe must be one of immediate, three_months, six_months, unspecified/],
      [[{ text: '   ', timeframe: 'immediate', addressee: 'lscb' }], /recommendations\.0\.text/],
      [[{ text: 'x', timeframe: 'immediate', addressee: 'lscb', teamId: 999 }], /recommendations\[0\]\.teamId 999 is not one of the teams of authority E09000005/],
      ['everything', /recommendations must be the whole corrected list/],
    ];
    for (const [recommendations, message] of cases) {
      const response = await request(server()).post('/api/reports').set(api.adminAuth).send({ text: other, recommendations }).expect(400);
      expect(response.body.message).toMatch(message);
    }
    const refusedBaseline = await request(server()).post('/api/reports').set(api.adminAuth).send({ text: other, baselineDate: '2013-02-30' }).expect(400);
    expect(refusedBaseline.body.message).toMatch(/baselineDate must be a real calendar date/);
    expect(await reportCount()).toBe(before);
  });
});
