import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { runSql } from '#database';
import { JournalRetentionService, RETENTION_ACTOR } from '#tracking';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';

interface StoredFile {
  id: number;
  action_id: number;
  file_name: string;
  storage_key: string | null;
  removed_at: unknown;
  held: number | string;
}

/**
 * RETENTION_YEARS on evidence files, kept in the database (the default) and in EVIDENCE_DIR, with
 * the clock injected: a file uploaded before the cutoff to an action signed off before it loses its
 * bytes, its record stays and says when it went, the journal says so, and a download answers
 * 410 Gone. Files of open actions, of actions signed off since, and files uploaded since stay.
 */
describe.each(['database', 'directory'] as const)('retention of evidence files kept in the %s', (storage) => {
  let api: TestApi;
  let http: ReturnType<typeof request>;
  let dataSource: DataSource;
  let directory: string | null = null;
  let closedLongAgo: number;
  let closedRecently: number;
  let open: number;
  const uploaded = new Map<string, { id: number; actionId: number; bytes: Buffer }>();

  const stored = (iso: string) => (dataSource.options.type === 'postgres' ? new Date(iso) : new Date(iso).toISOString().replace('T', ' ').replace('Z', ''));
  const files = () =>
    runSql<StoredFile>(dataSource, 'SELECT id, action_id, file_name, storage_key, removed_at, CASE WHEN content IS NULL THEN 0 ELSE 1 END AS held FROM evidence_files ORDER BY id');
  const removedNames = async () => (await files()).filter((file) => file.removed_at !== null).map((file) => file.file_name);
  const held = (file: StoredFile) => (storage === 'database' ? Number(file.held) === 1 : file.storage_key !== null && existsSync(join(directory!, file.storage_key)));

  // Each test its own files as they stand before retention first runs; a test that reads what a run
  // left runs it itself.
  beforeEach(async () => {
    uploaded.clear();
    if (storage === 'directory') directory = await mkdtemp(join(tmpdir(), 'evidence-retention-'));
    api = await startTestApi({ today: '2015-06-01', env: { RETENTION_YEARS: '6', ...(directory ? { EVIDENCE_DIR: directory } : {}) } });
    http = request(api.app.getHttpServer());
    dataSource = api.app.get(DataSource);
    await ingestSeedReport(api, 'brent-2012-protection.txt');
    const actions = (await http.get('/api/actions?authority=E09000005&limit=3&sort=id').set(api.adminAuth).expect(200)).body.items as { id: number }[];
    [closedLongAgo, closedRecently, open] = actions.map((action) => action.id);
    const upload = async (actionId: number, name: string) => {
      const bytes = Buffer.from(`child,audited\nA,${name}\n`);
      const response = await http.post(`/api/actions/${actionId}/evidence`).set(api.adminAuth).attach('file', bytes, name).expect(201);
      uploaded.set(name, { id: response.body.id as number, actionId, bytes });
    };
    await upload(closedLongAgo, 'old-case-audit.csv');
    await upload(closedLongAgo, 'review-after-closing.csv');
    await upload(closedRecently, 'recent-action-audit.csv');
    await upload(open, 'open-action-audit.csv');
    // Set the history back in time: the API stamps rows with the real time.
    const complete = (id: number, at: string) => runSql(dataSource, `UPDATE actions SET status = 'signed_off', completed_at = :at, signed_off_at = :at, signed_off_by = 'Board chair' WHERE id = :id`, { id, at: stored(at) });
    await complete(closedLongAgo, '2009-01-15T10:00:00Z');
    await complete(closedRecently, '2012-01-15T10:00:00Z');
    await runSql(dataSource, 'UPDATE evidence_files SET created_at = :at', { at: stored('2008-05-01T10:00:00Z') });
    // One file on the long-closed action uploaded after the cutoff (a review after closing): it stays.
    await runSql(dataSource, 'UPDATE evidence_files SET created_at = :at WHERE id = :id', { id: uploaded.get('review-after-closing.csv')!.id, at: stored('2010-03-01T10:00:00Z') });
    expect((await files()).every(held)).toBe(true);
  });

  afterEach(async () => {
    await api?.close();
    if (directory) await rm(directory, { recursive: true, force: true });
    directory = null;
  });

  it('removes the bytes of files uploaded before the cutoff to actions signed off before it, and nothing else', async () => {
    const result = await api.app.get(JournalRetentionService).apply();
    expect(result).toMatchObject({ cutoff: '2009-06-01T09:00:00.000Z', files: 1 });

    const after = await files();
    const old = after.find((file) => file.file_name === 'old-case-audit.csv')!;
    expect(old.removed_at).not.toBeNull();
    expect(Number(old.held)).toBe(0);
    expect(old.storage_key).toBeNull();
    expect(held(old)).toBe(false);
    for (const file of after.filter((candidate) => candidate.file_name !== 'old-case-audit.csv')) {
      expect(file.removed_at).toBeNull();
      expect(held(file)).toBe(true);
    }
    // The untouched files still download, byte for byte.
    for (const name of ['review-after-closing.csv', 'recent-action-audit.csv', 'open-action-audit.csv']) {
      const file = uploaded.get(name)!;
      const download = await http.get(`/api/actions/${file.actionId}/evidence/${file.id}`).set(api.adminAuth).expect(200);
      expect(download.text).toBe(file.bytes.toString());
    }
    if (directory) {
      // Only the removed file left the directory store.
      expect((await readdir(directory)).sort()).toEqual(after.filter((file) => file.storage_key).map((file) => file.storage_key).sort());
    }
  });

  it('keeps the record, with when it was removed, and says so in the journal and on the action page', async () => {
    await api.app.get(JournalRetentionService).apply();
    const file = uploaded.get('old-case-audit.csv')!;
    const action = (await http.get(`/api/actions/${closedLongAgo}`).set(api.adminAuth).expect(200)).body as {
      evidenceFiles: { id: number; fileName: string; removedAt: string | null }[];
      journal: { kind: string; actor: string; note: string | null; changes: { field: string; from: unknown; to: unknown }[] }[];
    };
    expect(action.evidenceFiles.map((entry) => [entry.fileName, entry.removedAt])).toEqual([
      ['old-case-audit.csv', '2015-06-01T09:00:00.000Z'],
      ['review-after-closing.csv', null],
    ]);
    const entry = action.journal.find((candidate) => candidate.actor === RETENTION_ACTOR);
    expect(entry).toMatchObject({ kind: 'evidence', note: 'Evidence file removed under the retention policy: old-case-audit.csv' });
    expect(entry!.changes).toEqual([expect.objectContaining({ field: 'evidenceFile', from: 'old-case-audit.csv', to: null })]);

    const page = await http.get(`/actions/${closedLongAgo}`).set(api.adminAuth).expect(200);
    expect(page.text).toContain('The file was removed under the retention policy on 1 June 2015.');
    expect(page.text).not.toContain(`/evidence/${file.id}"`);
    expect(page.text).toContain(`/evidence/${uploaded.get('review-after-closing.csv')!.id}"`);
  });

  it('answers a download of a removed file with 410 Gone and why, on the API and the page', async () => {
    await api.app.get(JournalRetentionService).apply();
    const file = uploaded.get('old-case-audit.csv')!;
    const gone = await http.get(`/api/actions/${file.actionId}/evidence/${file.id}`).set(api.adminAuth).expect(410);
    expect(gone.body).toMatchObject({ code: 'EVIDENCE_REMOVED', removedAt: '2015-06-01T09:00:00.000Z' });
    expect(gone.body.message).toContain('The file old-case-audit.csv was removed on 1 June 2015 under the retention policy');
    const page = await http.get(`/actions/${file.actionId}/evidence/${file.id}`).set(api.adminAuth).expect(410);
    expect(page.text).toContain('This file has been removed');
    expect(page.text).toContain('was removed on 1 June 2015 under the retention policy');
  });

  it('touches nothing more the same day, and takes the next files once their time has come', async () => {
    expect((await api.app.get(JournalRetentionService).apply()).files).toBe(1);
    expect((await api.app.get(JournalRetentionService).apply()).files).toBe(0);
    api.clock.set('2018-06-01');
    expect((await api.app.get(JournalRetentionService).apply()).files).toBe(2);
    expect((await removedNames()).sort()).toEqual(['old-case-audit.csv', 'recent-action-audit.csv', 'review-after-closing.csv']);
    // The open action keeps its file, however old.
    const kept = (await files()).find((file) => file.file_name === 'open-action-audit.csv')!;
    expect(kept.removed_at).toBeNull();
    expect(held(kept)).toBe(true);
  });
});
