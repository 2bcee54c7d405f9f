import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { instantFromRow, instantOrNullFromRow, runSql } from '#database';
import { isPastRetention, JournalRetentionService, retentionCutoff } from '#tracking';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';

interface JournalEntry {
  id: number;
  kind: string;
  actor: string;
  note: string | null;
  evidenceLinks: string[];
  changes: unknown[];
  removedAt: string | null;
}

/**
 * RETENTION_YEARS on real rows, with the clock injected: notes and evidence of actions completed
 * longer ago than the setting go, the entries stay; everything else is untouched. What goes is
 * exactly what the plain rule (isPastRetention) says, on SQLite and PostgreSQL alike.
 */
describe('retention of journal notes and evidence', () => {
  let api: TestApi;
  let http: ReturnType<typeof request>;
  let dataSource: DataSource;
  let closedLongAgo: number;
  let closedRecently: number;
  let open: number;

  const stored = (iso: string) => (dataSource.options.type === 'postgres' ? new Date(iso) : new Date(iso).toISOString().replace('T', ' ').replace('Z', ''));
  const journal = async (id: number) => (await http.get(`/api/actions/${id}`).set(api.adminAuth).expect(200)).body.journal as JournalEntry[];

  // Each test its own history as it stands before retention first runs; a test that reads what a run
  // left runs it itself.
  beforeEach(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { RETENTION_YEARS: '6' } });
    http = request(api.app.getHttpServer());
    dataSource = api.app.get(DataSource);
    await ingestSeedReport(api, 'brent-2012-protection.txt');
    const actions = (await http.get('/api/actions?authority=E09000005&limit=3&sort=id').set(api.adminAuth).expect(200)).body.items as { id: number }[];
    [closedLongAgo, closedRecently, open] = actions.map((action) => action.id);
    for (const id of [closedLongAgo, closedRecently, open]) {
      await http.post(`/api/actions/${id}/updates`).set(api.adminAuth).send({ note: `Case audit for action ${id}`, evidenceLinks: [`https://intranet.example/audit/${id}`] }).expect(201);
      await http.post(`/api/actions/${id}/updates`).set(api.adminAuth).send({ note: `Follow-up for action ${id}` }).expect(201);
    }
    // Set the history back in time: the API stamps rows with the real time.
    const complete = (id: number, at: string) => runSql(dataSource, `UPDATE actions SET status = 'signed_off', completed_at = :at, signed_off_at = :at, signed_off_by = 'Board chair' WHERE id = :id`, { id, at: stored(at) });
    await complete(closedLongAgo, '2009-01-15T10:00:00Z');
    await complete(closedRecently, '2012-01-15T10:00:00Z');
    await runSql(dataSource, 'UPDATE action_updates SET created_at = :at WHERE action_id IN (:...ids)', { ids: [closedLongAgo, closedRecently, open], at: stored('2008-05-01T10:00:00Z') });
    // One note on the long-closed action written after the cutoff (a review after closing): it stays.
    const [latest] = await runSql<{ id: number }>(dataSource, 'SELECT MAX(id) AS id FROM action_updates WHERE action_id = :id', { id: closedLongAgo });
    await runSql(dataSource, 'UPDATE action_updates SET created_at = :at WHERE id = :id', { id: latest.id, at: stored('2010-03-01T10:00:00Z') });
  });

  afterEach(async () => {
    await api?.close();
  });

  async function expectedRemovals(now: Date): Promise<number[]> {
    const rows = await runSql<Record<string, unknown>>(
      dataSource,
      'SELECT u.id, u.note, u.evidence_links, u.created_at, u.removed_at, a.status, a.signed_off_at FROM action_updates u JOIN actions a ON a.id = u.action_id',
    );
    const cutoff = retentionCutoff(now, 6);
    return rows
      .filter((row) =>
        isPastRetention(
          {
            status: String(row.status),
            closedAt: instantOrNullFromRow(row.signed_off_at),
            createdAt: instantFromRow(row.created_at),
            hasContent: row.note !== null || String(row.evidence_links) !== '[]',
            removedAt: instantOrNullFromRow(row.removed_at),
          },
          cutoff,
        ),
      )
      .map((row) => Number(row.id))
      .sort((a, b) => a - b);
  }

  const removedIds = async () => (await runSql<{ id: number }>(dataSource, 'SELECT id FROM action_updates WHERE removed_at IS NOT NULL ORDER BY id')).map((row) => Number(row.id));

  it('removes the notes and evidence of actions signed off more than six years ago, and keeps the entries', async () => {
    const before = await journal(closedLongAgo);
    const expected = await expectedRemovals(api.clock.now());
    // Its own note and evidence, and the note its creation wrote.
    expect(expected.length).toBe(2);

    const result = await api.app.get(JournalRetentionService).apply();
    expect(result).toEqual({ cutoff: '2009-06-01T09:00:00.000Z', entries: 2, files: 0 });
    expect(await removedIds()).toEqual(expected);

    const after = await journal(closedLongAgo);
    expect(after.map((entry) => [entry.id, entry.kind, entry.actor, entry.changes])).toEqual(before.map((entry) => [entry.id, entry.kind, entry.actor, entry.changes]));
    const progress = after.filter((entry) => entry.kind === 'progress');
    expect(progress[0]).toMatchObject({ note: null, evidenceLinks: [], removedAt: '2015-06-01T09:00:00.000Z' });
    expect(progress[1]).toMatchObject({ note: `Follow-up for action ${closedLongAgo}`, removedAt: null });
    for (const id of [closedRecently, open]) {
      expect((await journal(id)).filter((entry) => entry.kind === 'progress').map((entry) => [entry.note, entry.removedAt])).toEqual([
        [`Case audit for action ${id}`, null],
        [`Follow-up for action ${id}`, null],
      ]);
    }
  });

  it('shows on the action page that a note was removed, and when', async () => {
    await api.app.get(JournalRetentionService).apply();
    const page = await http.get(`/actions/${closedLongAgo}`).set(api.adminAuth).expect(200);
    expect(page.text).toContain('Its note and evidence were removed on 1 June 2015 under the retention policy.');
    expect(page.text).not.toContain(`Case audit for action ${closedLongAgo}`);
  });

  it('touches nothing more the same day, and takes the next action once its time has come', async () => {
    expect((await api.app.get(JournalRetentionService).apply()).entries).toBe(2);
    expect((await api.app.get(JournalRetentionService).apply()).entries).toBe(0);
    api.clock.set('2018-06-01');
    const expected = await expectedRemovals(api.clock.now());
    // The second action's two notes and the note its creation wrote, and the first action's note from after the old cutoff.
    expect(expected.length).toBe(4);
    expect((await api.app.get(JournalRetentionService).apply()).entries).toBe(4);
    expect(await removedIds()).toEqual(expect.arrayContaining(expected));
    // Read from the database: the admin's token has expired by 2018.
    const notes = async (id: number) => runSql<{ note: string | null; removed_at: unknown }>(dataSource, `SELECT note, removed_at FROM action_updates WHERE action_id = :id AND kind = 'progress'`, { id });
    expect((await notes(closedRecently)).every((row) => row.note === null && row.removed_at !== null)).toBe(true);
    // The open action keeps everything, however old.
    expect((await notes(open)).map((row) => row.note)).toEqual([`Case audit for action ${open}`, `Follow-up for action ${open}`]);
  });
});
