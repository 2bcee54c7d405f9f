import { describe, expect, it } from 'vitest';
import type { RequestContext } from '#core';
import {
  assignableTeam,
  distinctIds,
  needsSuccessor,
  newTeam,
  ownerChanges,
  ownerFields,
  planTeamRemoval,
  renamesTeam,
  teamUpdate,
  triageSelection,
} from '../src/team-rules.js';
import { AUTHORITY_DIRECTORY } from '#extraction';
import { directoryAuthority, missingAuthorities } from '../src/authorities.js';
import { TrackingErrorCode } from '../src/tracking.exception.js';

const NOW = new Date('2026-03-02T10:15:00Z');
const COUNCIL = 'E09000001';
const OTHER = 'E09000002';
const admin: RequestContext = { userId: 3, actorName: 'Ada Admin', authorities: [COUNCIL], roles: [{ role: 'council_admin', authorityCode: COUNCIL, teamId: null }] };
const frontDoor = { id: 7, name: 'Front door', authorityCode: COUNCIL };
const earlyHelp = { id: 8, name: 'Early help', authorityCode: COUNCIL };

describe('teams', () => {
  it('creates a team with its name trimmed and no addresses or keywords unless given', () => {
    expect(newTeam(COUNCIL, { name: '  Front door ' }, NOW)).toEqual({ authorityCode: COUNCIL, name: 'Front door', emails: [], keywords: [], createdAt: NOW });
  });

  it('writes only the fields sent, and refuses a change that sends none', () => {
    expect(teamUpdate({ name: ' MASH ', keywords: [] })).toEqual({ ok: true, set: { name: 'MASH', keywords: [] } });
    expect(teamUpdate({})).toMatchObject({ ok: false, code: TrackingErrorCode.INVALID_INPUT });
  });

  it("checks a name against the council's other teams only when it really changes", () => {
    expect(renamesTeam(frontDoor, { name: ' Front door ' })).toBe(false);
    expect(renamesTeam(frontDoor, { name: 'MASH' })).toBe(true);
    expect(renamesTeam(frontDoor, { emails: [] })).toBe(false);
  });
});

describe('removing a team', () => {
  it('deletes a team that owns nothing without looking for a successor', () => {
    expect(needsSuccessor([], 8)).toBe(false);
    expect(planTeamRemoval(frontDoor, [], undefined, null, admin, NOW)).toEqual({ ok: true, moveTo: null, journal: [] });
  });

  it('refuses to delete a team that owns actions when no successor is named, saying how many', () => {
    expect(needsSuccessor([1, 2], undefined)).toBe(false);
    expect(planTeamRemoval(frontDoor, [1, 2], undefined, null, admin, NOW)).toMatchObject({ ok: false, code: TrackingErrorCode.CONFLICT, details: { ownedActions: 2 } });
  });

  it('refuses a successor that does not exist, is the team itself, or is of another council', () => {
    for (const successor of [null, frontDoor, { id: 9, name: 'Elsewhere', authorityCode: OTHER }]) {
      expect(planTeamRemoval(frontDoor, [1], successor?.id ?? 99, successor, admin, NOW)).toMatchObject({ ok: false, code: TrackingErrorCode.INVALID_INPUT });
    }
  });

  it('moves the actions to the successor, each with a journal entry saying why', () => {
    expect(needsSuccessor([1, 2], 8)).toBe(true);
    const plan = planTeamRemoval(frontDoor, [1, 2], 8, earlyHelp, admin, NOW);
    expect(plan).toMatchObject({ ok: true, moveTo: 8 });
    expect(plan.ok && plan.journal).toEqual(
      [1, 2].map((actionId) =>
        expect.objectContaining({
          actionId,
          kind: 'changed',
          actorName: 'Ada Admin',
          changes: [{ field: 'teamId', from: 7, to: 8 }],
          note: 'Front door was removed; its actions moved to Early help',
          createdAt: NOW,
        }),
      ),
    );
  });
});

describe('triage', () => {
  const action = (id: number, overrides: Partial<{ authorityCode: string; teamId: number | null; leadOfficer: string | null }> = {}) => ({
    id,
    authorityCode: COUNCIL,
    teamId: null,
    leadOfficer: null,
    ...overrides,
  });

  it('takes each action once', () => {
    expect(distinctIds([3, 1, 3, 2, 1])).toEqual([3, 1, 2]);
  });

  it('refuses an empty selection', () => {
    expect(triageSelection([], [], admin)).toMatchObject({ ok: false, code: TrackingErrorCode.INVALID_INPUT, message: 'Select the actions to assign' });
  });

  it("answers an action of a council the caller cannot see as not found, like one that does not exist", () => {
    expect(triageSelection([1, 2], [action(1), action(2, { authorityCode: OTHER })], admin)).toMatchObject({ ok: false, code: TrackingErrorCode.NOT_FOUND, message: 'Action 2 was not found' });
    expect(triageSelection([1, 3], [action(1)], admin)).toMatchObject({ ok: false, code: TrackingErrorCode.NOT_FOUND, message: 'Action 3 was not found' });
  });

  it('assigns the actions of one council at a time', () => {
    const everywhere: RequestContext = { ...admin, authorities: 'all' };
    expect(triageSelection([1, 2], [action(1), action(2, { authorityCode: OTHER })], everywhere)).toMatchObject({ ok: false, code: TrackingErrorCode.INVALID_INPUT });
    expect(triageSelection([1, 2], [action(1), action(2)], admin)).toEqual({ ok: true, actions: [action(1), action(2)], authorityCode: COUNCIL });
  });

  it("accepts only a team of the actions' council", () => {
    expect(assignableTeam(frontDoor, 7, COUNCIL)).toBeNull();
    expect(assignableTeam(null, 7, COUNCIL)).toMatchObject({ code: TrackingErrorCode.INVALID_INPUT });
    expect(assignableTeam({ authorityCode: OTHER }, 9, COUNCIL)).toMatchObject({ code: TrackingErrorCode.INVALID_INPUT, message: `Team 9 is not a team of authority ${COUNCIL}` });
  });

  it('changes the lead officer only when one is given, and journals only what really changes', () => {
    expect(ownerFields({ teamId: 7 })).toEqual({ teamId: 7 });
    expect(ownerFields({ teamId: 7, leadOfficer: null })).toEqual({ teamId: 7, leadOfficer: null });
    expect(ownerChanges(action(1, { teamId: 7, leadOfficer: 'Sam' }), { teamId: 7 })).toEqual([]);
    expect(ownerChanges(action(1, { teamId: 7, leadOfficer: 'Sam' }), { teamId: 8, leadOfficer: 'Sam' })).toEqual([{ field: 'teamId', from: 7, to: 8 }]);
    expect(ownerChanges(action(1), { teamId: 8, leadOfficer: 'Kim' })).toEqual([
      { field: 'teamId', from: null, to: 8 },
      { field: 'leadOfficer', from: null, to: 'Kim' },
    ]);
  });
});

describe('authorities', () => {
  it('makes an authority from the shipped directory, and refuses a code it does not hold', () => {
    const first = AUTHORITY_DIRECTORY[0];
    expect(directoryAuthority(first.onsCode)).toEqual({
      ok: true,
      authority: { code: first.onsCode, name: first.name, otherNames: [...first.alsoKnownAs], region: first.region, authorityType: first.authorityType },
    });
    expect(directoryAuthority('E99999999')).toMatchObject({ ok: false, code: TrackingErrorCode.UNKNOWN_AUTHORITY });
    const all = new Set(AUTHORITY_DIRECTORY.map((row) => row.onsCode));
    all.delete(first.onsCode);
    expect(missingAuthorities(all)).toEqual([first.onsCode]);
  });
});
