import type { ActionUpdate } from '#database';
import { CLOSED_STATUSES, type ActionStatus } from '#core';

/**
 * The retention rule for what people wrote about actions (notes can name children; evidence links
 * point at case records): once an action has been closed (signed off) for longer than the retention period,
 * the notes and evidence of its journal entries from before that time are removed. The entries
 * stay, with who made them, when, and what they changed, so the journal still shows that
 * something was recorded. An action that is open again keeps everything.
 */
export interface RetentionCandidate {
  /** The action's status now and when the board signed it off (null while it never did). */
  status: string;
  closedAt: Date | null;
  /** The journal entry's own time, and whether it still holds a note or evidence. */
  createdAt: Date;
  hasContent: boolean;
  removedAt: Date | null;
}

/** The instant `years` calendar years before `now` (29 February falls back to 28 February). */
export function retentionCutoff(now: Date, years: number): Date {
  const cutoff = new Date(now.getTime());
  cutoff.setUTCFullYear(now.getUTCFullYear() - years);
  // setUTCFullYear rolls 29 February into 1 March in a year without it; the period must not shrink by a day.
  if (cutoff.getUTCDate() !== now.getUTCDate()) cutoff.setUTCDate(0);
  return cutoff;
}

/** Whether the rule removes this entry's note and evidence at `cutoff`. */
export function isPastRetention(candidate: RetentionCandidate, cutoff: Date): boolean {
  return (
    CLOSED_STATUSES.includes(candidate.status as ActionStatus) &&
    candidate.closedAt !== null &&
    candidate.closedAt < cutoff &&
    candidate.createdAt < cutoff &&
    candidate.hasContent &&
    candidate.removedAt === null
  );
}

/** Who the journal names for a file the retention setting removed. */
export const RETENTION_ACTOR = 'Retention policy';

/** The journal entry that says the retention setting removed a file, now: the action still records that it was uploaded. */
export function fileRemovedEntry(file: { actionId: number; fileName: string }, now: Date): Partial<ActionUpdate> {
  return {
    actionId: file.actionId,
    kind: 'evidence',
    actorUserId: null,
    actorName: RETENTION_ACTOR,
    changes: [{ field: 'evidenceFile', from: file.fileName, to: null }],
    note: `Evidence file removed under the retention policy: ${file.fileName}`,
    evidenceLinks: [],
    createdAt: now,
  };
}
