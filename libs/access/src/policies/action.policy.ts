import { holdsPermissionIn, isGlobalAdmin, rolesIn } from '../permissions.js';
import { ALLOW, deny, type Decision } from './decision.js';
import type { RequestContext } from '#core';

/** The parts of an action the policy reads. Visibility (404) has already been settled by the service. */
export interface ActionResource {
  authorityCode: string;
  teamId: number | null;
}

/**
 * What a team member may change on their own team's action; everything else is for the board. A
 * new due date is asked for (a date change request), never set, by the team.
 */
const TEAM_MEMBER_FIELDS = new Set(['status', 'note', 'evidenceLinks']);

/** What a council admin may change when triaging: who owns an action, never its progress or dates. */
const COUNCIL_ADMIN_FIELDS = new Set(['teamId', 'leadOfficer', 'note']);

function boardOrAdmin(context: RequestContext, authorityCode: string): boolean {
  return isGlobalAdmin(context) || rolesIn(context, authorityCode).some((grant) => grant.role === 'admin' || grant.role === 'board_member');
}

function memberOfOwningTeam(context: RequestContext, action: ActionResource): boolean {
  return action.teamId !== null && rolesIn(context, action.authorityCode).some((grant) => grant.role === 'team_member' && grant.teamId === action.teamId);
}

function changedFields(changes: object): string[] {
  return Object.entries(changes)
    .filter(([, value]) => value !== undefined)
    .map(([field]) => field);
}

export function mayUpdateAction(context: RequestContext, action: ActionResource, changes: object): Decision {
  if (boardOrAdmin(context, action.authorityCode)) return ALLOW;
  const isCouncilAdmin = rolesIn(context, action.authorityCode).some((grant) => grant.role === 'council_admin');
  if (isCouncilAdmin) {
    const refused = changedFields(changes).filter((field) => !COUNCIL_ADMIN_FIELDS.has(field));
    // A council admin who is also in the owning team may still do what the team may.
    if (refused.length === 0) return ALLOW;
    if (!memberOfOwningTeam(context, action)) {
      return deny(`A council admin may change only the owning team and lead officer; ask a board member to change ${refused.join(', ')}`);
    }
  }
  const isTeamMember = rolesIn(context, action.authorityCode).some((grant) => grant.role === 'team_member');
  if (!isTeamMember) return deny('Your role may not change this action: ask a board member of the authority');
  if (!memberOfOwningTeam(context, action)) return deny("This action is owned by another team: only that team or the board may change it");
  const refused = changedFields(changes).filter((field) => !TEAM_MEMBER_FIELDS.has(field));
  if (refused.length > 0) {
    return deny(`A team member may change only the status and add progress notes; ask a board member to change ${refused.join(', ')}`);
  }
  return ALLOW;
}

export function mayAddProgress(context: RequestContext, action: ActionResource): Decision {
  if (boardOrAdmin(context, action.authorityCode) || memberOfOwningTeam(context, action)) return ALLOW;
  return deny('Only the owning team or the board may add progress to this action');
}

export function mayReviewAction(context: RequestContext, action: ActionResource): Decision {
  if (holdsPermissionIn(context, action.authorityCode, 'action.review')) return ALLOW;
  return deny("Only the authority's LSCB chair may review or challenge an action");
}

export function mayCreateAction(context: RequestContext, target: { authorityCode: string }): Decision {
  if (boardOrAdmin(context, target.authorityCode)) return ALLOW;
  return deny('Only a board member of the authority may add actions');
}

/**
 * In what capacity the caller acts on an action's workflow: the board (board members and admins)
 * or its owning team. Whether the caller may touch the action at all is settled by the policies above.
 */
export function actionCapacity(context: RequestContext, action: ActionResource): 'board' | 'team' {
  return boardOrAdmin(context, action.authorityCode) ? 'board' : 'team';
}

/** Who may raise a challenge, close it or challenge again: the LSCB chair or a board member of the council. */
function challenger(context: RequestContext, authorityCode: string): boolean {
  return boardOrAdmin(context, authorityCode) || rolesIn(context, authorityCode).some((grant) => grant.role === 'lscb_chair');
}

/**
 * The parts a caller plays in a challenge on this action: the challenger (LSCB chair, board) and the
 * responder (owning team, board). A board member is both. The challenge rules (#governance) decide
 * which moves each part may make.
 */
export function challengeParts(context: RequestContext, action: ActionResource): Set<'challenger' | 'responder'> {
  const parts = new Set<'challenger' | 'responder'>();
  if (challenger(context, action.authorityCode)) parts.add('challenger');
  if (boardOrAdmin(context, action.authorityCode) || memberOfOwningTeam(context, action)) parts.add('responder');
  return parts;
}

export function mayChallengeAction(context: RequestContext, action: ActionResource): Decision {
  if (challenger(context, action.authorityCode)) return ALLOW;
  return deny('Only the LSCB chair or a board member of the council may challenge an action');
}

/** Anything on a challenge: the challenger's moves or the responder's. Which move is then the rules' call. */
export function mayActOnChallenge(context: RequestContext, action: ActionResource): Decision {
  if (challengeParts(context, action).size > 0) return ALLOW;
  return deny('Only the LSCB chair, the board or the owning team may act on a challenge');
}

/** A new due date: the owning team asks for one, the board sets one (recorded as approved by them). */
export function mayRequestDateChange(context: RequestContext, action: ActionResource): Decision {
  if (boardOrAdmin(context, action.authorityCode) || memberOfOwningTeam(context, action)) return ALLOW;
  return deny('Only the owning team may ask for a new due date, and only the board may set one');
}

/** Approve or reject a date change request: the board's decision. Withdrawing is the requester's too (checked by the rules). */
export function mayDecideDateChange(context: RequestContext, action: ActionResource): Decision {
  if (boardOrAdmin(context, action.authorityCode) || memberOfOwningTeam(context, action)) return ALLOW;
  return deny('Only the board may decide on a date change request');
}

/** Whether the caller decides for the board on this action's date change requests. */
export function decidesForBoard(context: RequestContext, action: ActionResource): boolean {
  return boardOrAdmin(context, action.authorityCode);
}

/** Milestones are part of the plan: the board sets them. */
export function mayPlanAction(context: RequestContext, action: ActionResource): Decision {
  if (boardOrAdmin(context, action.authorityCode)) return ALLOW;
  return deny('Only a board member may change what will be done, the success measure or the milestones');
}

/** Ticking off a milestone as met, or uploading evidence: the owning team or the board. */
export function mayRecordDelivery(context: RequestContext, action: ActionResource): Decision {
  if (boardOrAdmin(context, action.authorityCode) || memberOfOwningTeam(context, action)) return ALLOW;
  return deny('Only the owning team or the board may record progress on this action');
}
