import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConcurrencyFixture, type ConcurrencyFixture } from './support/concurrency-fixture.js';

/**
 * PostgreSQL only (collected when DATABASE_URL points at PostgreSQL; SQLite has one writer at a
 * time). A baseline change takes every action row of its report; this holds one of them from
 * another connection, as a concurrent edit does, and the baseline change must wait for it, then
 * succeed, without losing the other edit.
 */
describe('row locks of a baseline change on PostgreSQL', () => {
  let fixture: ConcurrencyFixture;

  beforeAll(async () => {
    fixture = await startConcurrencyFixture();
  });

  afterAll(async () => {
    await fixture?.api.close();
  });

  it('moves a baseline while another transaction is part-way through editing one of its actions', async () => {
    const { api, http, reportId } = fixture;
    const actions = await fixture.actions();
    const edited = actions[actions.length - 1].id;
    const other = new pg.Client({ connectionString: api.env.DATABASE_URL });
    await other.connect();
    try {
      // The other edit has its action row, not yet the revision row.
      await other.query('BEGIN');
      await other.query('SELECT id FROM actions WHERE id = $1 FOR UPDATE', [edited]);
      const moving = http.patch(`/api/reports/${reportId}`).send({ baselineDate: '2013-02-01' }).then((response) => response);
      await waitUntilSomeoneWaitsForALock(other);
      await other.query("UPDATE actions SET lead_officer = 'Head of Service' WHERE id = $1", [edited]);
      await other.query('COMMIT');
      const moved = await moving;
      expect(moved.status).toBe(200);
    } finally {
      await other.end();
    }
    const after = (await http.get(`/api/actions/${edited}`).expect(200)).body;
    expect(after.leadOfficer).toBe('Head of Service');
    expect(after.originalDueDate >= '2013-02-01').toBe(true);
  });

});

/** Until some other backend of this database is blocked on a lock (the API's transaction, behind ours). */
async function waitUntilSomeoneWaitsForALock(client: pg.Client): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { rows } = await client.query("SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'");
    if (rows[0].waiting > 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the API never waited for the row this test holds');
}
