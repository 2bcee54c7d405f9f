import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startConcurrencyFixture, type ConcurrencyFixture } from './support/concurrency-fixture.js';

/**
 * Edits, notes and a baseline change of one authority at the same moment: on PostgreSQL they take
 * row locks (see also baseline-row-locks.postgres-spec.ts); on SQLite they queue.
 */
describe('concurrent writes to one authority', () => {
  let fixture: ConcurrencyFixture;

  beforeAll(async () => {
    fixture = await startConcurrencyFixture();
  });

  afterAll(async () => {
    await fixture?.api.close();
  });

  it('keeps every concurrent edit of one authority: none lost, none failed', async () => {
    const { http, reportId } = fixture;
    const actions = await fixture.actions();
    const edits = actions.slice(0, 8).map((action, index) =>
      http.patch(`/api/actions/${action.id}`).send({ version: action.version, leadOfficer: `Officer ${index}` }),
    );
    const notes = actions.slice(0, 8).map((action) => http.post(`/api/actions/${action.id}/updates`).send({ note: 'Checked at the same moment' }));
    const baseline = http.patch(`/api/reports/${reportId}`).send({ baselineDate: '2013-03-01' });
    const responses = await Promise.all([...edits, ...notes, baseline]);
    // An edit may lose to the baseline change's version bump (412, and it changed nothing); nothing may fail.
    expect(responses.map((response) => response.status).filter((status) => ![200, 201, 412].includes(status))).toEqual([]);
    for (const [index, action] of actions.slice(0, 8).entries()) {
      const after = (await http.get(`/api/actions/${action.id}`).expect(200)).body;
      expect(after.originalDueDate >= '2013-03-01').toBe(true);
      if (responses[index].status === 200) expect(after.leadOfficer).toBe(`Officer ${index}`);
      expect(after.journal.filter((entry: { note: string | null }) => entry.note === 'Checked at the same moment')).toHaveLength(1);
    }
  });
});
