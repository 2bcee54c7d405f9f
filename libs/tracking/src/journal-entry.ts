import type { ActionUpdate, FieldChange } from '#database';
import type { RequestContext } from '#core';

/**
 * One journal entry by this caller at this time: the journal is the audit trail of every change
 * to an action, so its time is the injected clock's, as every other time the rules read.
 */
export function journalEntry(
  actionId: number,
  kind: ActionUpdate['kind'],
  context: RequestContext,
  at: Date,
  changes: FieldChange[],
  note: string | null,
  evidenceLinks: string[] = [],
): Partial<ActionUpdate> {
  return { actionId, kind, actorUserId: context.userId, actorName: context.actorName, changes, note, evidenceLinks, createdAt: at };
}
