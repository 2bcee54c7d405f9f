import { describe, expect, it } from 'vitest';
import type { ActionUpdate } from '#database';
import type { ActionView } from '../src/action-view.js';
import { teamWork } from '../src/team-work.service.js';

const entry = (id: number, actionId: number): ActionUpdate =>
  ({ id, actionId, kind: 'progress', actorUserId: 9, actorName: 'Bo Board', createdAt: new Date('2026-03-02T09:00:00Z'), changes: [], note: `note ${id}`, evidenceLinks: [], removedAt: null }) as unknown as ActionUpdate;

describe('team work', () => {
  it("gives each action the changes others made to it, oldest first, and counts them all", () => {
    const actions = [{ id: 1 }, { id: 2 }] as ActionView[];
    const work = teamWork(actions, [entry(10, 2), entry(11, 1), entry(12, 2)], 12);
    expect(work.changedCount).toBe(3);
    expect(work.newestUpdateId).toBe(12);
    expect(work.actions.map((action) => [action.id, action.changes.map((change) => change.id)])).toEqual([
      [1, [11]],
      [2, [10, 12]],
    ]);
    expect(work.actions[1].changes[0]).toMatchObject({ actor: 'Bo Board', note: 'note 10', at: '2026-03-02T09:00:00.000Z' });
  });
});
