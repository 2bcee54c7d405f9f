import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ACTION_STATUSES, describeSlippage, slippageOf, standingOf, type ActionStatus } from '../src/index.js';

const today = '2025-03-01';

describe('slippage', () => {
  it('counts the days between the original and the current due date', () => {
    expect(slippageOf({ originalDueDate: '2013-06-30', dueDate: '2013-06-30' })).toEqual({ reprogrammed: false, daysSlipped: 0 });
    expect(slippageOf({ originalDueDate: '2024-01-31', dueDate: '2024-03-01' })).toEqual({ reprogrammed: true, daysSlipped: 30 });
    expect(slippageOf({ originalDueDate: '2025-03-10', dueDate: '2025-03-07' })).toEqual({ reprogrammed: true, daysSlipped: -3 });
    expect(describeSlippage({ reprogrammed: true, daysSlipped: 30 })).toBe('Re-programmed: 30 days later');
    expect(describeSlippage({ reprogrammed: true, daysSlipped: -1 })).toBe('Re-programmed: 1 day earlier');
    expect(describeSlippage({ reprogrammed: false, daysSlipped: 0 })).toBe('');
  });
});

describe('where an action stands', () => {
  const moved = { originalDueDate: '2013-06-30', dueDate: '2027-01-31' };

  it('rates a re-programmed action against its current date by default, and against its original date when the council says so', () => {
    const current = standingOf({ status: 'in_progress', ...moved }, today, 'current');
    expect(current).toMatchObject({ rag: 'green', overdue: false, reprogrammed: true, ratedAgainst: '2027-01-31' });
    const original = standingOf({ status: 'in_progress', ...moved }, today, 'original');
    expect(original).toMatchObject({ rag: 'red', overdue: true, reprogrammed: true, ratedAgainst: '2013-06-30' });
    expect(original.daysOverdue).toBe(4262);
    expect(original.daysSlipped).toBe(current.daysSlipped);
  });

  it('keeps an action awaiting sign-off rated and counted as overdue until the board signs it off', () => {
    const awaiting = standingOf({ status: 'awaiting_sign_off', originalDueDate: '2025-01-31', dueDate: '2025-01-31' }, today, 'current');
    expect(awaiting).toMatchObject({ rag: 'red', overdue: true, awaitingSignOff: true, signedOff: false, daysOverdue: 29 });
    const signedOff = standingOf({ status: 'signed_off', originalDueDate: '2025-01-31', dueDate: '2025-01-31' }, today, 'current');
    expect(signedOff).toMatchObject({ rag: 'complete', overdue: false, dueSoon: false, awaitingSignOff: false, signedOff: true, daysOverdue: 0 });
  });

  it('lets an override change the RAG shown but never the overdue and due-soon counts', () => {
    const overridden = standingOf({ status: 'in_progress', originalDueDate: '2025-01-31', dueDate: '2025-01-31', ragOverride: 'green' }, today, 'current');
    expect(overridden).toMatchObject({ rag: 'green', derivedRag: 'red', overdue: true });
  });

  it('is amber from 14 days before the rated date, red the day after it', () => {
    const at = (dueDate: string) => standingOf({ status: 'not_started', originalDueDate: dueDate, dueDate }, today, 'current');
    expect(at('2025-03-16').rag).toBe('green');
    expect(at('2025-03-15')).toMatchObject({ rag: 'amber', dueSoon: true });
    expect(at('2025-03-01')).toMatchObject({ rag: 'amber', overdue: false });
    expect(at('2025-02-28')).toMatchObject({ rag: 'red', daysOverdue: 1 });
  });

  it('counts every action in exactly one of overdue, due soon, on track or signed off (property)', () => {
    const date = fc.integer({ min: 0, max: 8000 }).map((day) => new Date(Date.UTC(2010, 0, 1) + day * 86_400_000).toISOString().slice(0, 10));
    fc.assert(
      fc.property(fc.constantFrom<ActionStatus>(...ACTION_STATUSES), date, date, fc.constantFrom('current' as const, 'original' as const), (status, originalDueDate, dueDate, basis) => {
        const standing = standingOf({ status, originalDueDate, dueDate }, today, basis);
        const buckets = [standing.overdue, standing.dueSoon, standing.derivedRag === 'green', standing.signedOff].filter(Boolean);
        expect(buckets).toHaveLength(1);
        expect(standing.reprogrammed).toBe(originalDueDate !== dueDate);
        if (standing.overdue) expect(standing.daysOverdue).toBeGreaterThan(0);
      }),
    );
  });
});
