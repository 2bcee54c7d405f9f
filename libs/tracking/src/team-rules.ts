import type { Action, ActionUpdate, FieldChange, Team } from '#database';
import { canSeeAuthority, type RequestContext } from '#core';
import { journalEntry } from './journal-entry.js';
import { TrackingErrorCode } from './tracking.exception.js';
import { refusal, type Refusal } from './workflow-errors.js';

/**
 * The rules of teams and of triage (giving several actions an owning team at once), decided on what
 * the service has read: they answer what to write, or why the request is refused.
 */

type TeamRef = Pick<Team, 'id' | 'name' | 'authorityCode'>;

export interface TeamFields {
  name?: string;
  emails?: string[];
  keywords?: string[];
}

/** A new team of the council: its name trimmed, no addresses or keywords unless given. */
export function newTeam(authorityCode: string, fields: TeamFields & { name: string }, now: Date): Partial<Team> {
  return { authorityCode, name: fields.name.trim(), emails: fields.emails ?? [], keywords: fields.keywords ?? [], createdAt: now };
}

/** The columns a change to a team writes; refused when it names none of them. */
export function teamUpdate(fields: TeamFields): { ok: true; set: Partial<Team> } | Refusal {
  if (fields.name === undefined && fields.emails === undefined && fields.keywords === undefined) {
    return refusal(TrackingErrorCode.INVALID_INPUT, 'Send at least one of name, emails or keywords to change the team');
  }
  return {
    ok: true,
    set: {
      ...(fields.name !== undefined ? { name: fields.name.trim() } : {}),
      ...(fields.emails !== undefined ? { emails: fields.emails } : {}),
      ...(fields.keywords !== undefined ? { keywords: fields.keywords } : {}),
    },
  };
}

/** Whether a change of name must be checked against the council's other teams: only when it really changes. */
export function renamesTeam(team: Pick<Team, 'name'>, fields: TeamFields): fields is TeamFields & { name: string } {
  return fields.name !== undefined && fields.name.trim() !== team.name;
}

export function duplicateTeamName(authorityCode: string, name: string): Refusal {
  return refusal(TrackingErrorCode.CONFLICT, `Authority ${authorityCode} already has a team called "${name.trim()}"`);
}

export interface TeamRemovalPlan {
  ok: true;
  /** The team that takes over the actions, or null when the team owns none. */
  moveTo: number | null;
  /** One entry per action moved, saying why. */
  journal: Partial<ActionUpdate>[];
}

/** Whether the team to take over the actions must be looked up: only when the team owns some and one is named. */
export function needsSuccessor(owned: readonly number[], reassignTo: number | undefined): reassignTo is number {
  return owned.length > 0 && reassignTo !== undefined;
}

/**
 * A team that still owns actions is never deleted with them: they move to another team of the same
 * council, each with a journal entry saying why. Without one, the deletion is refused.
 */
export function planTeamRemoval(
  team: TeamRef,
  owned: readonly number[],
  reassignTo: number | undefined,
  successor: TeamRef | null,
  context: RequestContext,
  now: Date,
): TeamRemovalPlan | Refusal {
  if (owned.length === 0) return { ok: true, moveTo: null, journal: [] };
  if (reassignTo === undefined) {
    return refusal(TrackingErrorCode.CONFLICT, `Team ${team.id} still owns ${owned.length} action(s): reassign them before deleting the team`, { ownedActions: owned.length });
  }
  if (!successor || successor.id === team.id || successor.authorityCode !== team.authorityCode) {
    return refusal(TrackingErrorCode.INVALID_INPUT, `Choose another team of the council to take over the actions of ${team.name}`);
  }
  return {
    ok: true,
    moveTo: successor.id,
    journal: owned.map((id) => journalEntry(id, 'changed', context, now, [{ field: 'teamId', from: team.id, to: successor.id }], `${team.name} was removed; its actions moved to ${successor.name}`)),
  };
}

// Triage

export interface OwnerAssignment {
  teamId: number;
  /** Left out: each action keeps its lead officer. */
  leadOfficer?: string | null;
}

type TriagedAction = Pick<Action, 'id' | 'authorityCode' | 'teamId' | 'leadOfficer'>;

/** The selection once, in the order given. */
export function distinctIds(ids: readonly number[]): number[] {
  return [...new Set(ids)];
}

export function nothingSelected(): Refusal {
  return refusal(TrackingErrorCode.INVALID_INPUT, 'Select the actions to assign');
}

/**
 * The actions to triage, as the caller may see them: all of those asked for, of one council. An
 * action the caller cannot see is "not found", exactly like one that does not exist.
 */
export function triageSelection<T extends TriagedAction>(ids: readonly number[], found: readonly T[], context: RequestContext): { ok: true; actions: T[]; authorityCode: string } | Refusal {
  if (ids.length === 0) return nothingSelected();
  const visible = found.filter((action) => canSeeAuthority(context, action.authorityCode));
  const missing = ids.find((id) => !visible.some((action) => action.id === id));
  if (missing !== undefined) return refusal(TrackingErrorCode.NOT_FOUND, `Action ${missing} was not found`);
  const authorityCode = visible[0].authorityCode;
  if (visible.some((action) => action.authorityCode !== authorityCode)) return refusal(TrackingErrorCode.INVALID_INPUT, 'Assign the actions of one council at a time');
  return { ok: true, actions: visible, authorityCode };
}

/** The columns an owner assignment asks to change, as the access policy checks them. */
export function ownerFields(assignment: OwnerAssignment): Pick<Action, 'teamId'> & Partial<Pick<Action, 'leadOfficer'>> {
  return { teamId: assignment.teamId, ...(assignment.leadOfficer !== undefined ? { leadOfficer: assignment.leadOfficer } : {}) };
}

/** The team must be one of the council's. */
export function assignableTeam(team: Pick<Team, 'authorityCode'> | null, teamId: number, authorityCode: string): Refusal | null {
  return team && team.authorityCode === authorityCode ? null : refusal(TrackingErrorCode.INVALID_INPUT, `Team ${teamId} is not a team of authority ${authorityCode}`);
}

/** What the assignment changes on one action, for its journal; empty when it changes nothing there. */
export function ownerChanges(action: TriagedAction, assignment: OwnerAssignment): FieldChange[] {
  const recorded: FieldChange[] = [];
  if (action.teamId !== assignment.teamId) recorded.push({ field: 'teamId', from: action.teamId, to: assignment.teamId });
  if (assignment.leadOfficer !== undefined && action.leadOfficer !== assignment.leadOfficer) recorded.push({ field: 'leadOfficer', from: action.leadOfficer, to: assignment.leadOfficer });
  return recorded;
}
