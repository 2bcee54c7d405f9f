import type { EntityManager } from 'typeorm';
import { ActionDateRequest, ActionMilestone, ActionUpdate, type Action } from '#database';
import { journalEntry } from './journal-entry.js';
import type { IsoDate, RequestContext } from '#core';

export interface NewMilestone {
  title: string;
  dueDate: IsoDate;
}

/** A milestone and its journal entry, inside the caller's transaction. */
export async function insertMilestone(manager: EntityManager, actionId: number, milestone: NewMilestone, context: RequestContext, now: Date): Promise<ActionMilestone> {
  const saved = await manager.save(manager.create(ActionMilestone, { actionId, title: milestone.title.trim(), dueDate: milestone.dueDate, metOn: null }));
  await manager.insert(ActionUpdate, journalEntry(actionId, 'milestone', context, now, [{ field: 'milestone', from: null, to: saved.title }], `Due ${saved.dueDate}`));
  return saved;
}

/** A board member's own change of due date, on record as a date change request they approved. */
export async function recordBoardDateChange(manager: EntityManager, action: Action, dueDate: IsoDate, reason: string, context: RequestContext, now: Date): Promise<void> {
  await manager.insert(ActionDateRequest, {
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
  });
}
