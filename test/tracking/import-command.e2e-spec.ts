import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIo } from '../../apps/cli/src/cli-io.js';
import { runCli } from '../../apps/cli/src/main.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

const FIXTURES = fileURLToPath(new URL('../fixtures/', import.meta.url));

/** `improvement-tracker import <dir|files...>`: a council's history or the public archive, into the database. */
describe('import command', () => {
  let folder: string;
  let reports: string;
  let database: TestDatabase | undefined;
  let api: TestApi;
  /** The first import of the folder: every test reads what it stored, whichever runs first. */
  let firstRun: { code: number; out: string; err: string };

  async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
    let out = '';
    let err = '';
    const io: CliIo = { writeOut: (text) => (out += text), writeErr: (text) => (err += text), exitCode: 0 };
    const code = await runCli(['node', 'improvement-tracker', ...args], io);
    return { code, out, err };
  }

  beforeAll(async () => {
    folder = mkdtempSync(join(tmpdir(), 'improvement-tracker-import-'));
    const base = await createTestDatabase();
    if (base.url.startsWith('postgres')) database = base;
    const databaseUrl = database?.url ?? `sqlite:${join(folder, 'tracker.sqlite')}`;
    process.env.DATABASE_URL = databaseUrl;
    process.env.LOG_LEVEL = 'error';

    reports = join(folder, 'reports');
    mkdirSync(reports);
    copyFileSync(join(SEEDS_DIR, 'reports', 'brent-2012-protection.txt'), join(reports, 'a-brent-2012.txt'));
    copyFileSync(join(SEEDS_DIR, 'reports', 'brent-2012-protection.txt'), join(reports, 'b-brent-2012-again.txt'));
    copyFileSync(join(FIXTURES, 'corpus', 'ealing-focused-visit-2018.pdf'), join(reports, 'c-ealing-2018.pdf'));
    copyFileSync(join(FIXTURES, 'layout-classes', 'bracknell-forest--12-january-2024.txt'), join(reports, 'd-bracknell-2024.txt'));
    writeFileSync(join(reports, 'e-minutes.txt'), 'Minutes of the corporate parenting board.\n\nThe board noted the report.\n');
    writeFileSync(join(reports, 'notes.docx'), 'not a report, and not looked at: only .pdf, .txt and .md files are');

    api = await startTestApi({ today: '2024-02-01', env: { DATABASE_URL: databaseUrl } });
    firstRun = await cli('import', reports, join(folder, 'no-such-folder'));
  });

  afterAll(async () => {
    await api?.close();
    await database?.drop();
    rmSync(folder, { recursive: true, force: true });
  });

  it('imports each report in its own transaction, with progress on stderr, a summary on stdout, and exit 2 if any failed', async () => {
    const result = firstRun;
    expect(result.code).toBe(2);
    const progress = result.err.trimEnd().split('\n');
    expect(progress).toHaveLength(5);
    expect(progress[0]).toMatch(/^\[1\/5\] .*a-brent-2012\.txt: created report \d+ with 12 actions$/);
    expect(progress[1]).toMatch(/^\[2\/5\] .*b-brent-2012-again\.txt: already imported as report \d+$/);
    expect(progress[2]).toMatch(/^\[3\/5\] .*c-ealing-2018\.pdf: created report \d+ with 3 actions$/);
    expect(progress[3]).toMatch(/^\[4\/5\] .*d-bracknell-2024\.txt: created report \d+ with no recommendations: The report is a focused visit/);
    expect(progress[4]).toMatch(/^\[5\/5\] .*e-minutes\.txt: failed: .*no recommendations section found/);
    expect(result.out).toContain('Imported 6 files:');
    expect(result.out).toMatch(/created: +2\n/);
    expect(result.out).toMatch(/no recommendations: +1\n/);
    expect(result.out).toMatch(/duplicate: +1\n/);
    expect(result.out).toMatch(/failed: +2\n/);
    expect(result.out).toMatch(/Failed:\n {2}.*e-minutes\.txt: .*no recommendations section found.*\n {2}.*no-such-folder: no such file or directory\n$/);
  });

  it('stores a report without recommendations, with no actions, so the council’s record is complete', async () => {
    const server = api.app.getHttpServer();
    const listed = await request(server).get('/api/reports?authority=E06000036').set(api.adminAuth).expect(200);
    expect(listed.body).toHaveLength(1);
    const report = listed.body[0] as { id: number; recommendationCount: number; noRecommendations: { reason: string } | null; createdAt: string };
    expect(report.recommendationCount).toBe(0);
    expect(report.noRecommendations?.reason).toMatch(/^The report is a focused visit with no recommendations section/);
    const actions = await request(server).get(`/api/actions?report=${report.id}`).set(api.adminAuth).expect(200);
    expect(actions.body.total ?? actions.body.length).toBe(0);
    const extraction = await request(server).get(`/api/reports/${report.id}/extraction`).set(api.adminAuth).expect(200);
    expect(extraction.body.extracted.noRecommendations.reason).toBe(report.noRecommendations?.reason);
    expect(extraction.body.edits).toEqual([]);
  });

  it('a second run finds every report already imported, and exits 0 when nothing failed; --format json', async () => {
    const files = ['a-brent-2012.txt', 'c-ealing-2018.pdf', 'd-bracknell-2024.txt'].map((name) => join(reports, name));
    const result = await cli('import', '--format', 'json', ...files);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.out) as { created: number; noRecommendations: number; duplicate: number; failed: number; results: { outcome: string }[] };
    expect(summary).toMatchObject({ created: 0, noRecommendations: 0, duplicate: 3, failed: 0 });
    expect(summary.results.map((item) => item.outcome)).toEqual(['duplicate', 'duplicate', 'duplicate']);
  });

  it('uses --authority for a report that names no council, and refuses one that disagrees', async () => {
    const nameless = join(folder, 'nameless.txt');
    writeFileSync(
      nameless,
      'Inspection of local authority arrangements for the protection of children\n\nInspection dates: 1 to 5 July 2013\n\nAreas for improvement\n\nImmediately:\n- ensure that plans are reviewed\n',
    );
    const refused = await cli('import', nameless);
    expect(refused.code).toBe(2);
    expect(refused.out).toMatch(/pass authorityCode with the council's ONS code/);
    const imported = await cli('import', '--authority', 'E09000005', nameless);
    expect(imported.code).toBe(0);
    expect(imported.err).toMatch(/created report \d+ with 1 action \(1 warning to check\)$/m);
  });
});
