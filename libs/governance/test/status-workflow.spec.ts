import { describe, expect, it } from 'vitest';
import {
  ACTION_STATUSES,
  decideStatusChange,
  movesFor,
  requestedStatus,
  type ActionStatus,
  type Capacity,
  type StatusChangeRequest,
} from '../src/index.js';

/** Written out by hand (not read from the table under test): who may make each move. */
const EXPECTED: Record<ActionStatus, Partial<Record<ActionStatus, Capacity>>> = {
  not_started: { in_progress: 'team', blocked: 'team' },
  in_progress: { blocked: 'team', awaiting_sign_off: 'team' },
  blocked: { in_progress: 'team', not_started: 'team' },
  awaiting_sign_off: { signed_off: 'board', in_progress: 'board' },
  signed_off: { in_progress: 'board' },
};

/** A request that meets every requirement, so only the move itself and the capacity decide. */
const complete = (from: ActionStatus, to: ActionStatus, capacity: Capacity): StatusChangeRequest => ({
  from,
  to,
  capacity,
  note: 'Closing note: audits show every referral was assessed within a day',
  evidenceCount: 1,
  openChallenges: 0,
});

describe('status workflow: every pair of statuses, for the team and for the board', () => {
  for (const from of ACTION_STATUSES) {
    for (const to of ACTION_STATUSES) {
      const needed = EXPECTED[from][to];
      it(`${from} → ${to}: ${needed ? `allowed to ${needed === 'team' ? 'the team and the board' : 'the board only'}` : 'refused (422)'}`, () => {
        const asTeam = decideStatusChange(complete(from, to, 'team'));
        const asBoard = decideStatusChange(complete(from, to, 'board'));
        if (!needed) {
          for (const decision of [asTeam, asBoard]) {
            expect(decision.ok).toBe(false);
            if (decision.ok) continue;
            expect(decision.kind).toBe('illegal');
            expect(decision.message).toContain(`cannot move from ${from} to ${to}`);
          }
          return;
        }
        expect(asBoard).toMatchObject({ ok: true, move: { from, to } });
        if (needed === 'team') expect(asTeam).toMatchObject({ ok: true, move: { from, to } });
        else expect(asTeam).toMatchObject({ ok: false, kind: 'not_permitted' });
      });
    }
  }

  it('lists the moves this caller may make when a move is refused', () => {
    const refused = decideStatusChange(complete('not_started', 'signed_off', 'team'));
    expect(refused).toMatchObject({ ok: false, kind: 'illegal', allowed: ['in_progress', 'blocked'] });
    expect(refused.ok === false && refused.message).toContain('from not_started it can move to in_progress, blocked');
    expect(decideStatusChange(complete('awaiting_sign_off', 'signed_off', 'team'))).toMatchObject({ ok: false, kind: 'not_permitted', allowed: [] });
    expect(decideStatusChange(complete('awaiting_sign_off', 'blocked', 'board'))).toMatchObject({
      ok: false,
      kind: 'illegal',
      allowed: ['signed_off', 'in_progress'],
    });
  });

  it('never offers a move to the same status, and offers the team none out of awaiting sign-off or signed off', () => {
    for (const status of ACTION_STATUSES) {
      for (const capacity of ['team', 'board'] as const) expect(movesFor(status, capacity).map((move) => move.to)).not.toContain(status);
    }
    expect(movesFor('awaiting_sign_off', 'team')).toEqual([]);
    expect(movesFor('signed_off', 'team')).toEqual([]);
  });
});

describe('status workflow: what each move needs', () => {
  const proposal = (overrides: Partial<StatusChangeRequest>) =>
    decideStatusChange({ ...complete('in_progress', 'awaiting_sign_off', 'team'), ...overrides });

  it('refuses proposing completion without a closing note, or without any evidence', () => {
    expect(proposal({ note: '' })).toMatchObject({ ok: false, kind: 'incomplete', allowed: ['blocked', 'awaiting_sign_off'] });
    expect(proposal({ note: '   ' })).toMatchObject({ ok: false, kind: 'incomplete' });
    const noEvidence = proposal({ evidenceCount: 0 });
    expect(noEvidence).toMatchObject({ ok: false, kind: 'incomplete' });
    expect(noEvidence.ok === false && noEvidence.message).toMatch(/evidence \(a link or a file\)/);
    expect(proposal({ evidenceCount: 2 })).toMatchObject({ ok: true, move: { name: 'propose_completion' } });
  });

  it('refuses returning or reopening without a reason', () => {
    expect(decideStatusChange({ ...complete('awaiting_sign_off', 'in_progress', 'board'), note: null })).toMatchObject({ ok: false, kind: 'incomplete' });
    expect(decideStatusChange({ ...complete('signed_off', 'in_progress', 'board'), note: '' })).toMatchObject({ ok: false, kind: 'incomplete' });
    expect(decideStatusChange({ ...complete('awaiting_sign_off', 'in_progress', 'board'), note: 'Evidence shows training, not impact' })).toMatchObject({
      ok: true,
      move: { name: 'return' },
    });
  });

  it('signs off without a note but never while a challenge is open', () => {
    expect(decideStatusChange({ ...complete('awaiting_sign_off', 'signed_off', 'board'), note: null, evidenceCount: 0 })).toMatchObject({ ok: true });
    const challenged = decideStatusChange({ ...complete('awaiting_sign_off', 'signed_off', 'board'), openChallenges: 2 });
    expect(challenged).toMatchObject({ ok: false, kind: 'conflict' });
    expect(challenged.ok === false && challenged.message).toContain('2 open challenges');
  });

  it('checks who may move before what the move needs', () => {
    expect(decideStatusChange({ ...complete('awaiting_sign_off', 'in_progress', 'team'), note: null })).toMatchObject({ ok: false, kind: 'not_permitted' });
  });

  it('other moves need nothing', () => {
    expect(decideStatusChange({ from: 'not_started', to: 'in_progress', capacity: 'team', evidenceCount: 0, openChallenges: 3 })).toMatchObject({ ok: true });
    expect(decideStatusChange({ from: 'in_progress', to: 'blocked', capacity: 'team', evidenceCount: 0, openChallenges: 0 })).toMatchObject({ ok: true });
  });
});

describe('requestedStatus', () => {
  it('reads "completed" as proposing completion and passes the stored statuses through', () => {
    expect(requestedStatus('completed')).toBe('awaiting_sign_off');
    for (const status of ACTION_STATUSES) expect(requestedStatus(status)).toBe(status);
    expect(requestedStatus('complete')).toBeUndefined();
    expect(requestedStatus('')).toBeUndefined();
  });
});
