import { describe, expect, it } from 'vitest';
import type { RequestContext } from '#core';
import { challengeChanges, dateRequestDecision, dateRequestRoles, dueDateChanges, milestoneMetOn, newChallenge, newDateRequest, noteText } from '../src/governance-rules.js';
import { boardDateChangeRow, milestoneAdded, milestoneRow } from '../src/governance-writes.js';
import { governanceView } from '../src/governance-views.js';

const NOW = new Date('2026-03-02T10:15:00Z');
const COUNCIL = 'E09000001';
const chair: RequestContext = { userId: 4, actorName: 'Cass Chair', authorities: [COUNCIL], roles: [{ role: 'lscb_chair', authorityCode: COUNCIL, teamId: null }] };
const action = { id: 12, authorityCode: COUNCIL, dueDate: '2026-06-01', dueDateReason: null };

describe('challenges', () => {
  it('opens a new challenge in its first round, trimmed, raised by the caller now, with nothing answered', () => {
    expect(newChallenge(action, '  Where is the audit?  ', chair, NOW)).toEqual({
      actionId: 12,
      authorityCode: COUNCIL,
      state: 'open',
      raisedByUserId: 4,
      raisedByName: 'Cass Chair',
      question: 'Where is the audit?',
      response: null,
      respondedByName: null,
      respondedAt: null,
      closedByName: null,
      closedAt: null,
      rounds: 1,
      createdAt: NOW,
      updatedAt: NOW,
    });
  });

  it('records who answered and when on a response, who closed it on a close, and a new round with its question on a challenge again', () => {
    expect(challengeChanges({ rounds: 1 }, 'respond', 'responded', 'Audit attached', 'Dana Team', NOW)).toEqual({
      state: 'responded',
      updatedAt: NOW,
      response: 'Audit attached',
      respondedByName: 'Dana Team',
      respondedAt: NOW,
    });
    expect(challengeChanges({ rounds: 1 }, 'close', 'closed', null, 'Cass Chair', NOW)).toEqual({ state: 'closed', updatedAt: NOW, closedByName: 'Cass Chair', closedAt: NOW });
    expect(challengeChanges({ rounds: 2 }, 'challenge_again', 'open', 'Not enough', 'Cass Chair', NOW)).toEqual({ state: 'open', updatedAt: NOW, question: 'Not enough', rounds: 3 });
  });

  it('stores a note trimmed, and one that says nothing as null', () => {
    expect(noteText('  fine ')).toBe('fine');
    expect(noteText('   ')).toBeNull();
    expect(noteText(undefined)).toBeNull();
  });
});

describe('date change requests', () => {
  it('knows the caller as the board, as the person who asked, as both or as neither', () => {
    expect([...dateRequestRoles(true, { requestedByUserId: 4 }, 4)]).toEqual(['board', 'requester']);
    expect([...dateRequestRoles(false, { requestedByUserId: 4 }, 4)]).toEqual(['requester']);
    expect([...dateRequestRoles(true, { requestedByUserId: 5 }, 4)]).toEqual(['board']);
    // A request by someone no longer known (an API token) is nobody's to withdraw.
    expect([...dateRequestRoles(false, { requestedByUserId: null }, null)]).toEqual([]);
  });

  it("keeps a team's request pending, and records the board's own as approved by them now", () => {
    const team: RequestContext = { userId: 5, actorName: 'Dana Team', authorities: [COUNCIL], roles: [{ role: 'team_member', authorityCode: COUNCIL, teamId: 7 }] };
    expect(newDateRequest(action, '2026-09-01', ' Recruitment delayed ', false, team, NOW)).toMatchObject({
      state: 'pending',
      previousDueDate: '2026-06-01',
      proposedDate: '2026-09-01',
      reason: 'Recruitment delayed',
      requestedByName: 'Dana Team',
      decidedByUserId: null,
      decidedByName: null,
      decidedAt: null,
      createdAt: NOW,
    });
    expect(newDateRequest(action, '2026-09-01', 'Board agreed', true, chair, NOW)).toMatchObject({ state: 'approved', decidedByUserId: 4, decidedByName: 'Cass Chair', decidedAt: NOW });
  });

  it('records the decision with its note trimmed, by the caller, now', () => {
    expect(dateRequestDecision('rejected', '  Too late  ', chair, NOW)).toEqual({ state: 'rejected', decidedByUserId: 4, decidedByName: 'Cass Chair', decisionNote: 'Too late', decidedAt: NOW });
    expect(dateRequestDecision('approved', undefined, chair, NOW).decisionNote).toBeNull();
  });

  it('journals the due date and its reason moving, never the original date', () => {
    expect(dueDateChanges({ dueDate: '2026-06-01', dueDateReason: null }, '2026-09-01', 'Recruitment delayed')).toEqual([
      { field: 'dueDate', from: '2026-06-01', to: '2026-09-01' },
      { field: 'dueDateReason', from: null, to: 'Recruitment delayed' },
    ]);
  });

  it("puts a board member's own new date on record as a request they approved", () => {
    expect(boardDateChangeRow(action, '2026-09-01', 'Board agreed', chair, NOW)).toMatchObject({
      actionId: 12,
      state: 'approved',
      previousDueDate: '2026-06-01',
      proposedDate: '2026-09-01',
      requestedByUserId: 4,
      decidedByUserId: 4,
      decidedAt: NOW,
      createdAt: NOW,
    });
  });
});

describe('milestones', () => {
  it('keeps the day a milestone was first met when ticked again, takes today for a new tick, and clears it when un-ticked', () => {
    expect(milestoneMetOn({ metOn: null }, true, '2026-03-02')).toBe('2026-03-02');
    expect(milestoneMetOn({ metOn: '2026-02-01' }, true, '2026-03-02')).toBe('2026-02-01');
    expect(milestoneMetOn({ metOn: '2026-02-01' }, false, '2026-03-02')).toBeNull();
  });

  it('adds a milestone not met yet, with a journal entry naming it and its date', () => {
    const row = milestoneRow(12, { title: '  Audit done ', dueDate: '2026-04-01' }, NOW);
    expect(row).toEqual({ actionId: 12, title: 'Audit done', dueDate: '2026-04-01', metOn: null, createdAt: NOW });
    expect(milestoneAdded({ actionId: 12, title: 'Audit done', dueDate: '2026-04-01' }, chair, NOW)).toMatchObject({
      actionId: 12,
      kind: 'milestone',
      changes: [{ field: 'milestone', from: null, to: 'Audit done' }],
      note: 'Due 2026-04-01',
      createdAt: NOW,
    });
  });
});

describe("an action's governance records", () => {
  it("shows each record as the page and the API do: names for people, ISO instants, the rows' order kept", () => {
    const challenge = { id: 2, actionId: 12, state: 'responded', raisedByName: 'Cass Chair', question: 'Where?', response: 'Here', respondedByName: 'Dana Team', respondedAt: NOW, closedByName: null, closedAt: null, rounds: 1, createdAt: '2026-03-01 09:00:00' };
    const file = { id: 3, fileName: 'audit.pdf', mediaType: 'application/pdf', sizeBytes: 10, uploadedByName: 'Dana Team', createdAt: NOW, removedAt: null };
    const view = governanceView({ challenges: [challenge], dateRequests: [], milestones: [{ id: 4, title: 'Audit', dueDate: '2026-04-01', metOn: null }], evidenceFiles: [file] } as never);
    expect(view.challenges).toEqual([
      { id: 2, actionId: 12, state: 'responded', raisedBy: 'Cass Chair', question: 'Where?', response: 'Here', respondedBy: 'Dana Team', respondedAt: NOW.toISOString(), closedBy: null, closedAt: null, rounds: 1, createdAt: new Date('2026-03-01 09:00:00').toISOString() },
    ]);
    expect(view.milestones).toEqual([{ id: 4, title: 'Audit', dueDate: '2026-04-01', metOn: null }]);
    expect(view.evidenceFiles).toEqual([{ id: 3, fileName: 'audit.pdf', mediaType: 'application/pdf', sizeBytes: 10, uploadedBy: 'Dana Team', createdAt: NOW.toISOString(), removedAt: null }]);
    expect(view.dateRequests).toEqual([]);
  });
});
