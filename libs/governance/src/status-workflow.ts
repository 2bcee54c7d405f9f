import type { ActionStatus } from './action-status.js';
import { listMoves, refuse, type WorkflowRefusal } from './workflow-refusal.js';

/**
 * In what capacity a caller acts on an action: its owning team, or the board (which may also do
 * everything the team may). Who holds which capacity is the access policy's decision, not this file's.
 */
export type Capacity = 'team' | 'board';

export type StatusMoveName = 'start' | 'block' | 'unblock' | 'restart' | 'propose_completion' | 'sign_off' | 'return' | 'reopen';

export interface StatusMove {
  name: StatusMoveName;
  from: ActionStatus;
  to: ActionStatus;
  by: Capacity;
  /** What a journal or a page calls the move. */
  label: string;
  /** A note must come with the move: the closing note, the reason for returning or reopening. */
  needsNote: boolean;
  /** At least one piece of evidence (a link or a file) must be on the action. */
  needsEvidence: boolean;
  /** Refused while a challenge on the action is still open. */
  needsNoOpenChallenge: boolean;
}

const move = (
  name: StatusMoveName,
  from: ActionStatus,
  to: ActionStatus,
  by: Capacity,
  label: string,
  needs: Partial<Pick<StatusMove, 'needsNote' | 'needsEvidence' | 'needsNoOpenChallenge'>> = {},
): StatusMove => ({ name, from, to, by, label, needsNote: false, needsEvidence: false, needsNoOpenChallenge: false, ...needs });

/**
 * not_started → in_progress → awaiting_sign_off → signed_off, with blocked reachable from (and
 * returning to) the team's open states. Only the board moves an action out of awaiting sign-off:
 * it signs it off, or returns it to the team with a reason. A signed-off action is closed; the board
 * may reopen it, with a reason, when the evidence falls short later.
 */
export const STATUS_MOVES: readonly StatusMove[] = [
  move('start', 'not_started', 'in_progress', 'team', 'Started'),
  move('block', 'not_started', 'blocked', 'team', 'Blocked'),
  move('block', 'in_progress', 'blocked', 'team', 'Blocked'),
  move('unblock', 'blocked', 'in_progress', 'team', 'Unblocked'),
  move('restart', 'blocked', 'not_started', 'team', 'Set back to not started'),
  move('propose_completion', 'in_progress', 'awaiting_sign_off', 'team', 'Completion proposed', { needsNote: true, needsEvidence: true }),
  move('sign_off', 'awaiting_sign_off', 'signed_off', 'board', 'Signed off', { needsNoOpenChallenge: true }),
  move('return', 'awaiting_sign_off', 'in_progress', 'board', 'Returned to the team', { needsNote: true }),
  move('reopen', 'signed_off', 'in_progress', 'board', 'Reopened', { needsNote: true }),
];

function mayAct(capacity: Capacity, needed: Capacity): boolean {
  return capacity === 'board' || needed === 'team';
}

/** Every status the action could move to from `from`, whoever asks. */
export function allowedStatuses(from: ActionStatus): ActionStatus[] {
  return STATUS_MOVES.filter((candidate) => candidate.from === from).map((candidate) => candidate.to);
}

/** The moves this caller may make from `from` (the forms a page offers). */
export function movesFor(from: ActionStatus, capacity: Capacity): StatusMove[] {
  return STATUS_MOVES.filter((candidate) => candidate.from === from && mayAct(capacity, candidate.by));
}

export function findMove(from: ActionStatus, to: ActionStatus): StatusMove | undefined {
  return STATUS_MOVES.find((candidate) => candidate.from === from && candidate.to === to);
}

export interface StatusChangeRequest {
  from: ActionStatus;
  to: ActionStatus;
  capacity: Capacity;
  /** The note that comes with the change, if any. */
  note?: string | null;
  /** Evidence links and files on the action, counting any that come with this request. */
  evidenceCount: number;
  /** Challenges on the action that are not closed. */
  openChallenges: number;
}

export type StatusDecision = { ok: true; move: StatusMove } | WorkflowRefusal<ActionStatus>;

const WORDS: Record<ActionStatus, string> = {
  not_started: 'not started',
  in_progress: 'in progress',
  blocked: 'blocked',
  awaiting_sign_off: 'awaiting sign-off',
  signed_off: 'signed off',
};

/** Whether this caller may move the action from one status to another now, and if not, why. */
export function decideStatusChange(request: StatusChangeRequest): StatusDecision {
  const { from, to, capacity } = request;
  const open = movesFor(from, capacity).map((candidate) => candidate.to);
  const found = findMove(from, to);
  if (!found) {
    return refuse('illegal', `An action cannot move from ${from} to ${to}; from ${from} it can move to ${listMoves(allowedStatuses(from))}`, open);
  }
  if (!mayAct(capacity, found.by)) {
    const reason =
      found.name === 'sign_off' || found.name === 'return'
        ? 'Only a board member may sign off an action or return it to the team'
        : `Only a board member may move an action from ${WORDS[from]} to ${WORDS[to]}`;
    return refuse('not_permitted', reason, open);
  }
  if (found.needsNote && !request.note?.trim()) {
    const what =
      found.name === 'propose_completion'
        ? 'A closing note is needed to propose completion: say what was done and how it shows the recommendation is met'
        : `A reason is needed to ${found.name === 'return' ? 'return an action to the team' : 'reopen a signed-off action'}`;
    return refuse('incomplete', what, open);
  }
  if (found.needsEvidence && request.evidenceCount < 1) {
    return refuse('incomplete', 'At least one piece of evidence (a link or a file) is needed to propose completion', open);
  }
  if (found.needsNoOpenChallenge && request.openChallenges > 0) {
    const count = request.openChallenges === 1 ? 'an open challenge' : `${request.openChallenges} open challenges`;
    return refuse('conflict', `This action has ${count}: respond to and close every challenge before signing it off`, open);
  }
  return { ok: true, move: found };
}
