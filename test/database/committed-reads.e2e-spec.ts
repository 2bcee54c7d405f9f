import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import type { EntityManager } from 'typeorm';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runSql } from '#database';
import { IngestHooks, TrackingErrorCode, TrackingException } from '#tracking';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

const BRENT = 'E09000005';

/** Two steps of an ingest the test holds open: reached once the report and its actions are written, failed when the test says. */
class HeldIngest {
  active = false;
  rowsSeenInside = 0;
  private reachedSignal!: () => void;
  private releaseSignal!: () => void;
  readonly reached = new Promise<void>((resolve) => (this.reachedSignal = resolve));
  private readonly released = new Promise<void>((resolve) => (this.releaseSignal = resolve));

  async reportStored(manager: EntityManager, report: { id: number }): Promise<void> {
    if (!this.active) return;
    this.active = false;
    const [inside] = await runSql<{ n: number | string }>(manager, 'SELECT COUNT(*) AS n FROM actions WHERE report_id = :id', { id: report.id });
    this.rowsSeenInside = Number(inside.n);
    this.reachedSignal();
    await this.released;
    throw new TrackingException(TrackingErrorCode.CONFLICT, 'The ingest failed late, after its report and actions were written');
  }

  release(): void {
    this.releaseSignal();
  }
}

/**
 * Reads never see a transaction in progress. On SQLite every request used to share the one
 * connection, so a list read while an ingest was half-written showed the report and its actions,
 * which the ingest then rolled back. The ingest here is held open at its last step (after the
 * report, its recommendations and actions are written) while the lists are read over HTTP, then
 * fails; on PostgreSQL the same test holds, as each transaction has a connection of its own.
 */
describe('reads during a transaction', () => {
  let api: TestApi;
  let http: ReturnType<typeof request>;
  let text: string;

  const lists = async () => {
    const reports = (await http.get('/api/reports').set(api.adminAuth).expect(200)).body as { id: number }[];
    const actions = (await http.get(`/api/actions?authority=${BRENT}&limit=1`).set(api.adminAuth).expect(200)).body as { total: number };
    // Before its first report the council is not in the database at all: its summary is "not found".
    const { status, body } = await http.get(`/api/authorities/${BRENT}/summary`).set(api.adminAuth);
    const summary = { status, body: body as unknown };
    return { reports: reports.length, actions: actions.total, summary };
  };

  beforeAll(async () => {
    text = await readFile(join(SEEDS_DIR, 'reports', 'brent-2012-protection.txt'), 'utf8');
  });

  // Each test its own empty database: one needs a council with no data at all, the other ingests it.
  beforeEach(async () => {
    api = await startTestApi({ today: '2015-06-01' });
    http = request(api.app.getHttpServer());
  });

  afterEach(async () => {
    await api?.close();
  });

  it('never lists a report whose ingest is still open, and still does not once it rolls back', async () => {
    const before = await lists();
    expect(before).toMatchObject({ reports: 0, actions: 0 });
    const held = new HeldIngest();
    api.app.get(IngestHooks).register(held);
    held.active = true;

    const ingest = http.post('/api/reports?fileName=brent.txt').set(api.adminAuth).set('Content-Type', 'text/plain').send(text).then((response) => response);
    try {
      await Promise.race([held.reached, ingest.then((response) => Promise.reject(new Error(`the ingest ended before its last step: ${response.status} ${response.text}`)))]);
      // The transaction holds the report and all its actions now...
      expect(held.rowsSeenInside).toBeGreaterThan(0);
      // ...and no read outside it sees any of them, over several requests; nor does the council's
      // action page, for a council that has no data until the ingest commits.
      for (let round = 0; round < 3; round += 1) expect(await lists()).toEqual(before);
      await http.get(`/actions?authority=${BRENT}`).set(api.adminAuth).expect(404);
    } finally {
      held.release();
    }
    const refused = await ingest;
    expect(refused.status).toBe(409);
    expect(refused.body.message).toContain('failed late');
    expect(await lists()).toEqual(before);
  });

  it('lists a report as soon as its ingest commits', async () => {
    const response = await http.post('/api/reports?fileName=brent.txt').set(api.adminAuth).set('Content-Type', 'text/plain').send(text).expect(201);
    const after = await lists();
    expect(after.reports).toBe(1);
    expect(after.actions).toBe(response.body.actionCount);
  });
});
