import { describe, expect, it } from 'vitest';
import { planActionChange, planNewAction, type ActionChangeRequest, type ChangedAction } from '../src/action-change-planner.js';
import { TrackingErrorCode } from '../src/tracking.exception.js';

const NOW = new Date('2026-03-02T10:15:00Z');
const TODAY = '2026-03-02';

const action = (overrides: Partial<ChangedAction> = {}): ChangedAction => ({
  version: 3,
  authorityCode: 'E09000001',
  status: 'in_progress',
  teamId: 7,
  leadOfficer: null,
  title: 'Improve supervision',
  dueDate: '2026-06-01',
  dueDateReason: null,
  ragOverride: null,
  ragOverrideNote: null,
  whatWillBeDone: null,
  successMeasure: null,
  ...overrides,
});

const request = (overrides: Partial<ActionChangeRequest> = {}): ActionChangeRequest => ({
  action: action(),
  changes: {},
  expectedVersion: 3,
  capacity: 'team',
  actorName: 'Dana Team',
  today: TODAY,
  now: NOW,
  evidenceOnAction: 0,
  openChallenges: 0,
  ...overrides,
});

describe('planActionChange', () => {
  it('refuses a stale version with the current one, before any other rule', () => {
    const plan = planActionChange(request({ expectedVersion: 2, changes: { status: 'signed_off' } }));
    expect(plan).toEqual({ ok: false, code: TrackingErrorCode.STALE_VERSION, message: expect.stringMatching(/changed by someone else/), details: { currentVersion: 3 } });
  });

  it('journals only the fields that really change, as a "changed" entry with the note', () => {
    const plan = planActionChange(request({ changes: { title: 'Improve supervision', leadOfficer: 'Sam Lead', whatWillBeDone: '  Monthly audits  ', note: 'Agreed at board' } }));
    expect(plan).toEqual({
      ok: true,
      set: { leadOfficer: 'Sam Lead', whatWillBeDone: 'Monthly audits' },
      journal: {
        kind: 'changed',
        changes: [
          { field: 'leadOfficer', from: null, to: 'Sam Lead' },
          { field: 'whatWillBeDone', from: null, to: 'Monthly audits' },
        ],
        note: 'Agreed at board',
        evidenceLinks: [],
      },
      boardDateChange: null,
    });
  });

  it('makes a note or evidence with no change a progress entry, and nothing at all no entry', () => {
    const progress = planActionChange(request({ changes: { title: 'Improve supervision', evidenceLinks: ['https://example.org/audit'] } }));
    expect(progress).toMatchObject({ ok: true, set: {}, journal: { kind: 'progress', changes: [], note: null, evidenceLinks: ['https://example.org/audit'] } });
    expect(planActionChange(request({ changes: { title: 'Improve supervision' } }))).toMatchObject({ ok: true, journal: null });
  });

  it('stamps a proposed completion with the clock and counts evidence that comes with the request', () => {
    const refused = planActionChange(request({ changes: { status: 'awaiting_sign_off', note: 'Done' } }));
    expect(refused).toMatchObject({ ok: false, code: TrackingErrorCode.WORKFLOW_INCOMPLETE, details: { from: 'in_progress', to: 'awaiting_sign_off' } });
    const plan = planActionChange(request({ changes: { status: 'awaiting_sign_off', note: 'Done', evidenceLinks: ['https://example.org/audit'] } }));
    expect(plan).toMatchObject({ ok: true, set: { status: 'awaiting_sign_off', completedAt: NOW }, journal: { kind: 'changed' } });
  });

  it('lets only the board sign off, and not while a challenge is open', () => {
    const awaiting = action({ status: 'awaiting_sign_off' });
    expect(planActionChange(request({ action: awaiting, changes: { status: 'signed_off' } }))).toMatchObject({ ok: false, code: TrackingErrorCode.FORBIDDEN });
    expect(planActionChange(request({ action: awaiting, capacity: 'board', openChallenges: 1, changes: { status: 'signed_off' } }))).toMatchObject({
      ok: false,
      code: TrackingErrorCode.CONFLICT,
    });
    const plan = planActionChange(request({ action: awaiting, capacity: 'board', actorName: 'Bo Board', changes: { status: 'signed_off' } }));
    expect(plan).toMatchObject({ ok: true, set: { status: 'signed_off', signedOffAt: NOW, signedOffBy: 'Bo Board' } });
  });

  it('clears completion and sign-off when the board reopens an action', () => {
    const plan = planActionChange(request({ action: action({ status: 'signed_off' }), capacity: 'board', changes: { status: 'in_progress', note: 'Evidence fell short' } }));
    expect(plan).toMatchObject({ ok: true, set: { status: 'in_progress', completedAt: null, signedOffAt: null, signedOffBy: null } });
  });

  it('refuses an illegal move, listing the moves allowed', () => {
    const plan = planActionChange(request({ action: action({ status: 'not_started' }), changes: { status: 'signed_off' } }));
    expect(plan).toMatchObject({ ok: false, code: TrackingErrorCode.ILLEGAL_TRANSITION, details: { allowed: ['in_progress', 'blocked'] } });
  });

  it("refuses a team that is not the action's council's", () => {
    expect(planActionChange(request({ changes: { teamId: 9 }, assignedTeamAuthority: 'E09000002' }))).toMatchObject({ ok: false, code: TrackingErrorCode.INVALID_INPUT, message: 'Team 9 is not a team of authority E09000001' });
    expect(planActionChange(request({ changes: { teamId: 9 }, assignedTeamAuthority: null }))).toMatchObject({ ok: false, code: TrackingErrorCode.INVALID_INPUT });
    expect(planActionChange(request({ changes: { teamId: 9 }, assignedTeamAuthority: 'E09000001' }))).toMatchObject({ ok: true, set: { teamId: 9 } });
    expect(planActionChange(request({ changes: { teamId: null } }))).toMatchObject({ ok: true, set: { teamId: null } });
  });

  it('needs a reason for a new due date, refuses one in the past, and puts the board date change on record', () => {
    expect(planActionChange(request({ changes: { dueDate: '2026-07-01', dueDateReason: '  ' } }))).toMatchObject({ ok: false, code: TrackingErrorCode.INVALID_INPUT, message: expect.stringMatching(/dueDateReason/) });
    expect(planActionChange(request({ changes: { dueDate: '2026-03-01', dueDateReason: 'Slipped' } }))).toMatchObject({ ok: false, message: expect.stringMatching(/in the past/) });
    const plan = planActionChange(request({ changes: { dueDate: '2026-07-01', dueDateReason: ' Staff shortage ' } }));
    expect(plan).toMatchObject({
      ok: true,
      set: { dueDate: '2026-07-01', dueDateReason: 'Staff shortage', dueDateAssumed: false },
      boardDateChange: { dueDate: '2026-07-01', reason: 'Staff shortage' },
    });
    // The same date again changes nothing, but still needs its reason.
    expect(planActionChange(request({ changes: { dueDate: '2026-06-01', dueDateReason: 'Same' } }))).toMatchObject({ ok: true, journal: null, boardDateChange: null });
  });

  it('needs a note for a RAG override, and clears the note with the override', () => {
    expect(planActionChange(request({ changes: { ragOverride: 'red' } }))).toMatchObject({ ok: false, code: TrackingErrorCode.INVALID_INPUT, message: expect.stringMatching(/ragOverrideNote/) });
    expect(planActionChange(request({ changes: { ragOverride: 'red', ragOverrideNote: ' Staff left ' } }))).toMatchObject({ ok: true, set: { ragOverride: 'red', ragOverrideNote: 'Staff left' } });
    const cleared = planActionChange(request({ action: action({ ragOverride: 'red', ragOverrideNote: 'Staff left' }), changes: { ragOverride: null, ragOverrideNote: 'ignored' } }));
    expect(cleared).toMatchObject({ ok: true, set: { ragOverride: null, ragOverrideNote: null } });
  });
});

describe('planNewAction', () => {
  const recommendation = { id: 11, reportId: 4, text: 'Ensure that supervision is regular and reflective.', timeframe: 'six_months' as const, addressee: 'local_authority' as const };
  const base = { recommendation, authorityCode: 'E09000001', baselineDate: '2026-09-01', sibling: null, today: TODAY };

  it('is due when the report says, titled from the recommendation, unless the recommendation already has an action', () => {
    expect(planNewAction({ ...base, input: { recommendationId: 11 } })).toMatchObject({
      ok: true,
      action: { recommendationId: 11, reportId: 4, authorityCode: 'E09000001', originalDueDate: '2026-09-01', dueDate: '2026-09-01', dueDateAssumed: false, dueDateReason: null, status: 'not_started', title: expect.stringMatching(/^Ensure that supervision/) },
    });
    expect(planNewAction({ ...base, sibling: { originalDueDate: '2026-08-15', dueDateAssumed: true }, input: { recommendationId: 11 } })).toMatchObject({
      ok: true,
      action: { originalDueDate: '2026-08-15', dueDate: '2026-08-15', dueDateAssumed: true },
    });
  });

  it('takes a date set by hand only with a reason, and no date (its own or a milestone) in the past', () => {
    expect(planNewAction({ ...base, input: { recommendationId: 11, dueDate: '2026-10-01' } })).toMatchObject({ ok: false, code: TrackingErrorCode.INVALID_INPUT, message: expect.stringMatching(/dueDateReason/) });
    expect(planNewAction({ ...base, input: { recommendationId: 11, milestones: [{ title: 'Audit', dueDate: '2026-01-01' }] } })).toMatchObject({ ok: false, message: expect.stringMatching(/2026-01-01 is in the past/) });
    expect(planNewAction({ ...base, input: { recommendationId: 11, dueDate: '2026-10-01', dueDateReason: 'Board plan' } })).toMatchObject({
      ok: true,
      action: { originalDueDate: '2026-09-01', dueDate: '2026-10-01', dueDateAssumed: false, dueDateReason: 'Board plan' },
    });
  });

  it("refuses a team that is not the council's", () => {
    expect(planNewAction({ ...base, input: { recommendationId: 11, teamId: 3 }, assignedTeamAuthority: null })).toMatchObject({ ok: false, message: 'Team 3 is not a team of authority E09000001' });
    expect(planNewAction({ ...base, input: { recommendationId: 11, teamId: 3 }, assignedTeamAuthority: 'E09000001' })).toMatchObject({ ok: true, action: { teamId: 3 } });
  });
});
