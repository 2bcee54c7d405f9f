import type { Action, ActionChallenge, ActionDateRequest, ActionMilestone, FieldChange } from '#database';
import type { ChallengeEvent } from '#governance';
import type { IsoDate, RequestContext } from '#core';

/**
 * What the governance changes write, decided without reading or writing anything: the service
 * checks the caller's rights and the board's rules (#governance), then stores what these answer.
 */

/** A new challenge by this caller: open, in its first round, with nothing answered yet. */
export function newChallenge(action: Pick<Action, 'id' | 'authorityCode'>, question: string, context: RequestContext, now: Date): Partial<ActionChallenge> {
  return {
    actionId: action.id,
    authorityCode: action.authorityCode,
    state: 'open',
    raisedByUserId: context.userId,
    raisedByName: context.actorName,
    question: question.trim(),
    response: null,
    respondedByName: null,
    respondedAt: null,
    closedByName: null,
    closedAt: null,
    rounds: 1,
    createdAt: now,
    updatedAt: now,
  };
}

/**
 * The columns a move on a challenge writes: its new state, plus who answered and when (respond),
 * who closed it and when (close), or the new question of another round (challenge again).
 */
export function challengeChanges(
  challenge: Pick<ActionChallenge, 'rounds'>,
  event: ChallengeEvent,
  to: ActionChallenge['state'],
  note: string | null,
  actorName: string,
  now: Date,
): Partial<ActionChallenge> {
  const changes: Partial<ActionChallenge> = { state: to, updatedAt: now };
  if (event === 'respond') Object.assign(changes, { response: note, respondedByName: actorName, respondedAt: now });
  if (event === 'close') Object.assign(changes, { closedByName: actorName, closedAt: now });
  if (event === 'challenge_again') Object.assign(changes, { question: note, rounds: challenge.rounds + 1 });
  return changes;
}

/** A note as stored: trimmed, and null when it says nothing. */
export function noteText(note: string | undefined): string | null {
  return note?.trim() || null;
}

/** Who the caller is to a date change request: the board deciding it, the person who asked, both or neither. */
export function dateRequestRoles(decidesForBoard: boolean, request: Pick<ActionDateRequest, 'requestedByUserId'>, userId: number | null): Set<'board' | 'requester'> {
  const roles = new Set<'board' | 'requester'>();
  if (decidesForBoard) roles.add('board');
  if (userId !== null && request.requestedByUserId === userId) roles.add('requester');
  return roles;
}

/**
 * A new date change request. From the owning team it is pending until the board decides it; from
 * the board it is on record at once as approved by them.
 */
export function newDateRequest(
  action: Pick<Action, 'id' | 'authorityCode' | 'dueDate'>,
  proposedDate: IsoDate,
  reason: string,
  board: boolean,
  context: RequestContext,
  now: Date,
): Partial<ActionDateRequest> {
  return {
    actionId: action.id,
    authorityCode: action.authorityCode,
    state: board ? 'approved' : 'pending',
    previousDueDate: action.dueDate,
    proposedDate,
    reason: reason.trim(),
    requestedByUserId: context.userId,
    requestedByName: context.actorName,
    decidedByUserId: board ? context.userId : null,
    decidedByName: board ? context.actorName : null,
    decisionNote: null,
    decidedAt: board ? now : null,
    createdAt: now,
  };
}

/** The columns a decision on a date change request writes. */
export function dateRequestDecision(to: ActionDateRequest['state'], note: string | undefined, context: RequestContext, now: Date): Partial<ActionDateRequest> {
  return { state: to, decidedByUserId: context.userId, decidedByName: context.actorName, decisionNote: noteText(note), decidedAt: now };
}

/** What moving the due date (never the original one) changes, for the journal. */
export function dueDateChanges(action: Pick<Action, 'dueDate' | 'dueDateReason'>, dueDate: IsoDate, reason: string): FieldChange[] {
  return [
    { field: 'dueDate', from: action.dueDate, to: dueDate },
    { field: 'dueDateReason', from: action.dueDateReason, to: reason },
  ];
}

/** The day a milestone counts as met: the day it was first ticked off (ticking again keeps it), today for a new tick, null when un-ticked. */
export function milestoneMetOn(milestone: Pick<ActionMilestone, 'metOn'>, met: boolean, today: IsoDate): IsoDate | null {
  return met ? (milestone.metOn ?? today) : null;
}
