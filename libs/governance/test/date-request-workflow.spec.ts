import { describe, expect, it } from 'vitest';
import {
  checkNewDueDate,
  DATE_REQUEST_EVENTS,
  DATE_REQUEST_STATES,
  dateRequestEventsFor,
  decideDateRequestEvent,
  decideNewDateRequest,
  type DateRequestEvent,
  type DateRequestRole,
  type DateRequestState,
} from '../src/index.js';

const today = '2025-03-01';
/** By hand: from pending only; who may take each event. */
const EXPECTED: Record<DateRequestState, Partial<Record<DateRequestEvent, { to: DateRequestState; by: DateRequestRole[] }>>> = {
  pending: {
    approve: { to: 'approved', by: ['board'] },
    reject: { to: 'rejected', by: ['board'] },
    withdraw: { to: 'withdrawn', by: ['board', 'requester'] },
  },
  approved: {},
  rejected: {},
  withdrawn: {},
};

describe('date-request workflow: every event from every state', () => {
  for (const state of DATE_REQUEST_STATES) {
    for (const event of DATE_REQUEST_EVENTS) {
      const expected = EXPECTED[state][event];
      it(`${state} + ${event}: ${expected ? `→ ${expected.to} by ${expected.by.join(' or ')}` : 'refused (422)'}`, () => {
        const request = { state, event, note: 'Capacity is not there this quarter', proposedDate: '2025-06-30', today };
        const all = decideDateRequestEvent({ ...request, roles: new Set(['board', 'requester']) });
        if (!expected) {
          expect(all).toMatchObject({ ok: false, kind: 'illegal', allowed: [] });
          return;
        }
        expect(all).toEqual({ ok: true, to: expected.to });
        for (const role of ['board', 'requester'] as const) {
          const decision = decideDateRequestEvent({ ...request, roles: new Set([role]) });
          if (expected.by.includes(role)) expect(decision).toEqual({ ok: true, to: expected.to });
          else expect(decision).toMatchObject({ ok: false, kind: 'not_permitted' });
        }
      });
    }
  }

  it('lists what the caller may do from pending', () => {
    expect(dateRequestEventsFor('pending', new Set(['requester']))).toEqual(['withdraw']);
    expect(dateRequestEventsFor('pending', new Set(['board']))).toEqual(['approve', 'reject', 'withdraw']);
    expect(dateRequestEventsFor('approved', new Set(['board']))).toEqual([]);
    const refused = decideDateRequestEvent({ state: 'rejected', event: 'approve', roles: new Set(['board']), proposedDate: '2025-06-30', today });
    expect(refused.ok === false && refused.message).toContain('it can be: none');
  });

  it('needs a reason to reject, and refuses to approve a date that has passed since it was asked for', () => {
    const base = { state: 'pending' as const, roles: new Set<DateRequestRole>(['board']), today };
    expect(decideDateRequestEvent({ ...base, event: 'reject', proposedDate: '2025-06-30' })).toMatchObject({ ok: false, kind: 'incomplete' });
    expect(decideDateRequestEvent({ ...base, event: 'approve', proposedDate: '2025-02-28' })).toMatchObject({ ok: false, kind: 'incomplete' });
    expect(decideDateRequestEvent({ ...base, event: 'approve', proposedDate: today })).toEqual({ ok: true, to: 'approved' });
  });
});

describe('a new due date', () => {
  it('must be a real date, today or later, and not the current one', () => {
    expect(checkNewDueDate({ proposed: '2025-02-28', current: '2024-01-01', today })).toMatch(/in the past/);
    expect(checkNewDueDate({ proposed: '2025-02-30', current: '2024-01-01', today })).toMatch(/real date/);
    expect(checkNewDueDate({ proposed: 20250401, current: '2024-01-01', today })).toMatch(/real date/);
    expect(checkNewDueDate({ proposed: '2025-04-01', current: '2025-04-01', today })).toMatch(/already due/);
    expect(checkNewDueDate({ proposed: today, current: '2024-01-01', today })).toBeNull();
  });

  it('as a team request needs a reason, an open action and no other pending request', () => {
    const base = { proposedDate: '2025-06-30', reason: 'Recruitment delayed', currentDueDate: '2025-03-31', today, closed: false, pendingExists: false };
    expect(decideNewDateRequest(base)).toEqual({ ok: true, proposedDate: '2025-06-30' });
    expect(decideNewDateRequest({ ...base, reason: ' ' })).toMatchObject({ ok: false, kind: 'incomplete' });
    expect(decideNewDateRequest({ ...base, proposedDate: '2024-12-31' })).toMatchObject({ ok: false, kind: 'incomplete' });
    expect(decideNewDateRequest({ ...base, pendingExists: true })).toMatchObject({ ok: false, kind: 'conflict' });
    expect(decideNewDateRequest({ ...base, closed: true })).toMatchObject({ ok: false, kind: 'conflict' });
  });
});
