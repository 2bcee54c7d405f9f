/**
 * Why a workflow refused a move, in terms the HTTP layer maps once:
 * - `illegal`: no such move from this state (422, listing the moves that are allowed);
 * - `not_permitted`: the move exists, but not for this caller (403);
 * - `incomplete`: the move needs something the request lacks, such as a note or evidence (422);
 * - `conflict`: the move is blocked by the state of something else, such as an open challenge (409).
 */
export type RefusalKind = 'illegal' | 'not_permitted' | 'incomplete' | 'conflict';

export interface WorkflowRefusal<Move extends string> {
  ok: false;
  kind: RefusalKind;
  message: string;
  /** The moves this caller could make from the current state (empty when there are none). */
  allowed: readonly Move[];
}

export function refuse<Move extends string>(kind: RefusalKind, message: string, allowed: readonly Move[]): WorkflowRefusal<Move> {
  return { ok: false, kind, message, allowed };
}

/** "in_progress, blocked" or "none": for messages that list the allowed moves. */
export function listMoves(moves: readonly string[]): string {
  return moves.length === 0 ? 'none' : moves.join(', ');
}
