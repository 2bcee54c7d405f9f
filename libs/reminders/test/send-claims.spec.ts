import { describe, expect, it } from 'vitest';
import { claimEnd, planClaims } from '#reminders';

describe('which addresses an attempt claims', () => {
  it('claims every address of a first attempt, once each', () => {
    expect(planClaims(['a@x.example', 'b@x.example', 'a@x.example'], [])).toEqual({
      pending: ['a@x.example', 'b@x.example'],
      fresh: ['a@x.example', 'b@x.example'],
      abandoned: [],
    });
  });

  it('never claims an address already served', () => {
    const plan = planClaims(['a@x.example', 'b@x.example'], [{ recipient: 'a@x.example', state: 'sent', held: false }]);
    expect(plan).toEqual({ pending: ['b@x.example'], fresh: ['b@x.example'], abandoned: [] });
  });

  it('leaves an address whose claim another attempt still holds, pending but unclaimed', () => {
    const plan = planClaims(['a@x.example'], [{ recipient: 'a@x.example', state: 'sending', held: true }]);
    expect(plan).toEqual({ pending: ['a@x.example'], fresh: [], abandoned: [] });
  });

  it('takes over an address whose attempt died or let go', () => {
    const plan = planClaims(['a@x.example', 'b@x.example'], [
      { recipient: 'a@x.example', state: 'sending', held: false },
      { recipient: 'b@x.example', state: 'sending', held: true },
    ]);
    expect(plan).toEqual({ pending: ['a@x.example', 'b@x.example'], fresh: [], abandoned: ['a@x.example'] });
  });

  it('holds a claim until the worker lock would lapse', () => {
    expect(claimEnd(new Date('2025-06-02T09:00:00Z'), 30_000).toISOString()).toBe('2025-06-02T09:00:30.000Z');
  });
});
