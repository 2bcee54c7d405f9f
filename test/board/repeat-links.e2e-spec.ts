import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RepeatLinksService } from '#board';
import { extractReport } from '#extraction';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { documentedHttp, type DocumentedHttp } from '../support/api-client.js';
import { ingestSeedReport, SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

const WALTHAM_FOREST = 'E09000031';

interface LinkView {
  id: number;
  status: string;
  label: string;
  earlier: { reference: string; reportYear: number; actionId: number };
  later: { reference: string; reportYear: number; actionId: number };
}

describe('recommendations made before, linked when a report is ingested', () => {
  let api: TestApi;
  /** Every JSON answer from the API is checked against the OpenAPI document. */
  let http: DocumentedHttp;
  let links: LinkView[];
  const pair = (link: LinkView) => `${link.later.reference}<-${link.earlier.reference}`;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01' });
    http = await documentedHttp(api);
    await ingestSeedReport(api, 'waltham-forest-2013-protection.txt');
    await ingestSeedReport(api, 'waltham-forest-2014-sif.txt');
    links = (await http.get(`/api/authorities/${WALTHAM_FOREST}/repeats`).set(api.adminAuth).expect(200)).body;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('links the 2014 recommendations that repeat the 2013 ones, as read in both reports, and only forwards in time', () => {
    const pairs = links.map(pair);
    for (const expected of ['9<-A2', '11<-A7', '13<-A13', '1<-A8', '161<-A8']) expect(pairs, expected).toContain(expected);
    for (const unrelated of ['8<-A4', '4<-A4', '14<-A12']) expect(pairs, unrelated).not.toContain(unrelated);
    expect(links.every((link) => link.earlier.reportYear < link.later.reportYear)).toBe(true);
    expect(links.every((link) => link.status === 'suggested')).toBe(true);
  });

  it("shows on the later action's page and API what was raised before and how it ended", async () => {
    const supervision = links.find((link) => pair(link) === '9<-A2')!;
    const onAction = (await http.get(`/api/actions/${supervision.later.actionId}/repeats`).set(api.adminAuth).expect(200)).body as LinkView[];
    expect(onAction.map(pair)).toContain('9<-A2');
    expect(onAction.find((link) => pair(link) === '9<-A2')!.label).toBe('Raised before: 2013 report, A2, still not started');
    // The earlier action sees it was repeated.
    const onEarlier = (await http.get(`/api/actions/${supervision.earlier.actionId}/repeats`).set(api.adminAuth).expect(200)).body as LinkView[];
    expect(onEarlier.map(pair)).toContain('9<-A2');
    const page = await http.get(`/actions/${supervision.later.actionId}`).set(api.adminAuth).expect(200);
    expect(page.text).toContain('Raised before: 2013 report, A2, still not started');
  });

  it('lets a board member confirm or dismiss a link; a dismissed link leaves the list', async () => {
    const supervision = links.find((link) => pair(link) === '9<-A2')!;
    const unrelated = links.find((link) => pair(link) === '7<-A10') ?? links.find((link) => !['9<-A2'].includes(pair(link)))!;
    const bad = await http.patch(`/api/repeat-links/${supervision.id}`).set(api.adminAuth).send({ status: 'maybe' }).expect(400);
    expect(JSON.stringify(bad.body.message)).toContain('confirmed or dismissed');
    const confirmed = (await http.patch(`/api/repeat-links/${supervision.id}`).set(api.adminAuth).send({ status: 'confirmed' }).expect(200)).body;
    expect(confirmed).toMatchObject({ status: 'confirmed', decidedBy: 'Test Admin' });
    await http.patch(`/api/repeat-links/${unrelated.id}`).set(api.adminAuth).send({ status: 'dismissed' }).expect(200);
    const after = (await http.get(`/api/authorities/${WALTHAM_FOREST}/repeats`).set(api.adminAuth).expect(200)).body as LinkView[];
    expect(after.map((link) => link.id)).not.toContain(unrelated.id);
    expect(after.find((link) => link.id === supervision.id)!.status).toBe('confirmed');
    const all = (await http.get(`/api/authorities/${WALTHAM_FOREST}/repeats?includeDismissed=true`).set(api.adminAuth).expect(200)).body as LinkView[];
    expect(all.find((link) => link.id === unrelated.id)!.status).toBe('dismissed');
    await http.patch('/api/repeat-links/999999').set(api.adminAuth).send({ status: 'confirmed' }).expect(404);
  });

  it('shows the same links in the preview before a report is confirmed', async () => {
    const text = await readFile(join(SEEDS_DIR, 'reports', 'waltham-forest-2014-sif.txt'), 'utf8');
    const draft = extractReport(text, {});
    const preview = await api.app.get(RepeatLinksService).forDraft(WALTHAM_FOREST, draft.recommendations);
    const supervision = draft.recommendations.find((item) => item.reference === '9')!;
    expect(preview.filter((repeat) => repeat.ordinal === supervision.ordinal).map((repeat) => repeat.earlier.reference)).toContain('A2');
  });
});
