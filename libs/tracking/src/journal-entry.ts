import type { ActionUpdate, FieldChange } from '#database';
import type { RequestContext } from '#core';

/** One journal entry by this caller: the journal is the audit trail of every change to an action. */
export function journalEntry(
  actionId: number,
  kind: ActionUpdate['kind'],
  context: RequestContext,
  changes: FieldChange[],
  note: string | null,
  evidenceLinks: string[] = [],
): Partial<ActionUpdate> {
  return { actionId, kind, actorUserId: context.userId, actorName: context.actorName, changes, note, evidenceLinks };
}
