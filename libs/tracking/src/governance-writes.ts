import type { Action, ActionDateRequest, ActionMilestone, ActionUpdate } from '#database';
import { journalEntry } from './journal-entry.js';
import type { IsoDate, RequestContext } from '#core';

export interface NewMilestone {
  title: string;
  dueDate: IsoDate;
}

/** A new milestone, not met yet. */
export function milestoneRow(actionId: number, milestone: NewMilestone, now: Date): Partial<ActionMilestone> {
  return { actionId, title: milestone.title.trim(), dueDate: milestone.dueDate, metOn: null, createdAt: now };
}

/** The journal entry that says a milestone was added. */
export function milestoneAdded(milestone: Pick<ActionMilestone, 'actionId' | 'title' | 'dueDate'>, context: RequestContext, now: Date): Partial<ActionUpdate> {
  return journalEntry(milestone.actionId, 'milestone', context, now, [{ field: 'milestone', from: null, to: milestone.title }], `Due ${milestone.dueDate}`);
}

/** A board member's own change of due date, on record as a date change request they approved. */
export function boardDateChangeRow(action: Pick<Action, 'id' | 'authorityCode' | 'dueDate'>, dueDate: IsoDate, reason: string, context: RequestContext, now: Date): Partial<ActionDateRequest> {
  return {
    actionId: action.id,
    authorityCode: action.authorityCode,
    state: 'approved',
    previousDueDate: action.dueDate,
    proposedDate: dueDate,
    reason,
    requestedByUserId: context.userId,
    requestedByName: context.actorName,
    decidedByUserId: context.userId,
    decidedByName: context.actorName,
    decisionNote: null,
    decidedAt: now,
    createdAt: now,
  };
}
