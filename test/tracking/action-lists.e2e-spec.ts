import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Action, UnitOfWork } from '#database';
import { SeedService } from '#tracking';
import { documentedHttp, type DocumentedHttp } from '../support/api-client.js';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';

const BRENT = 'E09000005';
const NORFOLK = 'E10000020';
const OVERDUE_LIST = `/api/actions?overdue=true&authority=${BRENT}&limit=50`;

interface ListedAction {
  id: number;
  status: string;
  rag: string;
  daysOverdue: number;
  dueDate: string;
  updatedAt: string;
  team: { id: number; name: string } | null;
}

/**
 * Action lists are queried afresh on every request (indexed queries, no cache). Whatever changes
 * the data, by whichever path, the next list shows it, and a client may still revalidate with an ETag.
 */
describe('action lists', () => {
  let api: TestApi;
  /** Every JSON answer is checked against the OpenAPI document. */
  let http: DocumentedHttp;
  let dataSource: DataSource;
  let reportId: number;

  beforeAll(async () => {
    api = await startTestApi({ today: '2013-06-01' });
    http = await documentedHttp(api, { headers: api.adminAuth });
    dataSource = api.app.get(DataSource);
    // Brent's teams, and one of Norfolk's so a second authority has data.
    const seeds = await api.app.get(SeedService).seedAuthorities();
    for (const team of seeds.find((authority) => authority.code === BRENT)!.teams) {
      await http.post('/api/teams').send({ authorityCode: BRENT, ...team }).expect(201);
    }
    await http.post('/api/teams').send({ authorityCode: NORFOLK, ...seeds.find((authority) => authority.code === NORFOLK)!.teams[0] }).expect(201);
    reportId = await ingestSeedReport(api, 'brent-2012-protection.txt');
  });

  afterAll(async () => {
    await api?.close();
  });

  const overdue = async () => (await http.get(OVERDUE_LIST).expect(200)).body as { items: ListedAction[]; total: number };

  it('answers the same list twice with the same body and an ETag, and 304 to If-None-Match', async () => {
    const first = await http.get(OVERDUE_LIST).expect(200);
    expect(first.headers['content-type']).toMatch(/^application\/json/);
    expect(first.body.total).toBeGreaterThan(0);
    const second = await http.get(OVERDUE_LIST).expect(200);
    expect(second.text).toBe(first.text);
    expect(second.headers.etag).toBe(first.headers.etag);
    const notModified = await http.get(OVERDUE_LIST).set('If-None-Match', first.headers.etag).expect(304);
    expect(notModified.text).toBe('');
  });

  it("lists every action with the same fields and values as the action's own answer", async () => {
    const listed = (await http.get(`/api/actions?authority=${BRENT}&limit=100&sort=id`).expect(200)).body as { items: Record<string, unknown>[]; total: number };
    expect(listed.items.length).toBe(Math.min(listed.total, 100));
    expect(listed.items.some((item) => item.team !== null)).toBe(true);
    for (const item of listed.items) {
      const detail = (await http.get(`/api/actions/${String(item.id)}`).expect(200)).body as Record<string, unknown>;
      expect(item).toEqual(Object.fromEntries(Object.keys(item).map((key) => [key, detail[key]])));
    }
  });

  it('shows a status change at once, keeps an action awaiting sign-off overdue, and drops it once signed off', async () => {
    const before = await overdue();
    const target = before.items[0];
    const etag = (await http.get(OVERDUE_LIST).expect(200)).headers.etag;
    await http.patch(`/api/actions/${target.id}`).send({ version: (await http.get(`/api/actions/${target.id}`)).body.version, status: 'in_progress' }).expect(200);
    const moved = await overdue();
    expect(moved.items.find((item) => item.id === target.id)?.status).toBe('in_progress');
    // The old validator no longer matches: the client gets the new list, not 304.
    await http.get(OVERDUE_LIST).set('If-None-Match', etag).expect(200);

    const version = (await http.get(`/api/actions/${target.id}`)).body.version;
    const proposed = await http
      .patch(`/api/actions/${target.id}`)
      .send({ version, status: 'completed', note: 'Done', evidenceLinks: ['https://intranet.example/evidence'] })
      .expect(200);
    expect((await overdue()).items.find((item) => item.id === target.id)?.status).toBe('awaiting_sign_off');
    await http.patch(`/api/actions/${target.id}`).send({ version: proposed.body.version, status: 'signed_off' }).expect(200);
    const after = await overdue();
    expect(after.total).toBe(before.total - 1);
    expect(after.items.map((item) => item.id)).not.toContain(target.id);
  });

  it('shows a renamed team, a progress note and a moved baseline', async () => {
    const listed = (await overdue()).items.find((item) => item.team !== null)!;
    await http.patch(`/api/teams/${listed.team!.id}`).send({ name: 'Renamed safeguarding team' }).expect(200);
    expect((await overdue()).items.find((item) => item.id === listed.id)?.team?.name).toBe('Renamed safeguarding team');

    await http.post(`/api/actions/${listed.id}/updates`).send({ note: 'Audit booked for July' }).expect(201);
    const detail = (await http.get(`/api/actions/${listed.id}`).expect(200)).body;
    expect((await overdue()).items.find((item) => item.id === listed.id)?.updatedAt).toBe(detail.updatedAt);

    const report = (await http.get(`/api/reports/${reportId}`).expect(200)).body;
    await http.patch(`/api/reports/${reportId}`).send({ baselineDate: '2013-05-01' }).expect(200);
    const moved = await overdue();
    expect(moved.items.every((item) => item.dueDate >= '2013-05-01')).toBe(true);
    await http.patch(`/api/reports/${reportId}`).send({ baselineDate: report.baselineDate }).expect(200);
  });

  it('shows a change made outside the API, such as by another process', async () => {
    const target = (await overdue()).items[0];
    await dataSource.query(`UPDATE actions SET title = 'Changed by hand' WHERE id = ${target.id}`);
    const listed = (await http.get(`/api/actions?authority=${BRENT}&limit=100`).expect(200)).body.items as { id: number; title: string }[];
    expect(listed.find((item) => item.id === target.id)?.title).toBe('Changed by hand');
  });

  it('moves RAG and days overdue with the date, though nothing was written', async () => {
    const today = (await overdue()).items[0];
    onTestFinished(() => api.clock.set('2013-06-01'));
    api.clock.set('2013-06-11');
    const later = (await overdue()).items.find((item) => item.id === today.id)!;
    expect(later.daysOverdue).toBe(today.daysOverdue + 10);
  });

  it('never keeps a list read while a transaction that is later rolled back was open', async () => {
    const target = (await overdue()).items[0];
    await expect(
      api.app.get(UnitOfWork).run(async (manager) => {
        await manager.update(Action, { id: target.id }, { title: 'Never committed' });
        // Whatever this read sees (SQLite shares one connection), the rolled-back title must not be listed afterwards.
        await http.get(`/api/actions?authority=${BRENT}&limit=100`).expect(200);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    // A committed write to another action of the same authority, after the rollback.
    const other = (await overdue()).items.find((item) => item.id !== target.id)!;
    await http.post(`/api/actions/${other.id}/updates`).send({ note: 'Checked' }).expect(201);
    const listed = (await http.get(`/api/actions?authority=${BRENT}&limit=100`).expect(200)).body.items as { id: number; title: string }[];
    expect(listed.find((item) => item.id === target.id)?.title).not.toBe('Never committed');
  });
});
