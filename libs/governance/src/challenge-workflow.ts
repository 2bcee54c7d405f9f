import { listMoves, refuse, type WorkflowRefusal } from './workflow-refusal.js';

export const CHALLENGE_STATES = ['open', 'responded', 'closed'] as const;
export type ChallengeState = (typeof CHALLENGE_STATES)[number];

/**
 * Who acts on a challenge: the challenger (an LSCB chair or a board member of the council) raises,
 * closes and challenges again; the responder (the owning team or the board) answers. A board member
 * is both. The access policy decides who holds which.
 */
export type ChallengeRole = 'challenger' | 'responder';

export type ChallengeEvent = 'respond' | 'close' | 'challenge_again';
export const CHALLENGE_EVENTS: readonly ChallengeEvent[] = ['respond', 'close', 'challenge_again'];

interface ChallengeMove {
  event: ChallengeEvent;
  from: ChallengeState;
  to: ChallengeState;
  by: ChallengeRole;
  needsNote: boolean;
}

/**
 * open → responded → closed, or responded → open again when the answer does not satisfy the
 * challenger. The challenger may also close an open challenge unanswered (withdraw it). Closed is final:
 * a new concern is a new challenge.
 */
export const CHALLENGE_MOVES: readonly ChallengeMove[] = [
  { event: 'respond', from: 'open', to: 'responded', by: 'responder', needsNote: true },
  { event: 'close', from: 'open', to: 'closed', by: 'challenger', needsNote: false },
  { event: 'close', from: 'responded', to: 'closed', by: 'challenger', needsNote: false },
  { event: 'challenge_again', from: 'responded', to: 'open', by: 'challenger', needsNote: true },
];

export function isChallengeEvent(value: unknown): value is ChallengeEvent {
  return typeof value === 'string' && (CHALLENGE_EVENTS as readonly string[]).includes(value);
}

/** The events possible from a state, whoever asks. */
export function challengeEventsFrom(state: ChallengeState): ChallengeEvent[] {
  return CHALLENGE_MOVES.filter((candidate) => candidate.from === state).map((candidate) => candidate.event);
}

/** The events these roles may take from a state (the forms a page offers). */
export function challengeEventsFor(state: ChallengeState, roles: ReadonlySet<ChallengeRole>): ChallengeEvent[] {
  return CHALLENGE_MOVES.filter((candidate) => candidate.from === state && roles.has(candidate.by)).map((candidate) => candidate.event);
}

export interface ChallengeEventRequest {
  state: ChallengeState;
  event: ChallengeEvent;
  roles: ReadonlySet<ChallengeRole>;
  note?: string | null;
}

export type ChallengeDecision = { ok: true; to: ChallengeState; reopens: boolean } | WorkflowRefusal<ChallengeEvent>;

const EVENT_WORDS: Record<ChallengeEvent, string> = { respond: 'respond to', close: 'close', challenge_again: 'challenge again' };

export function decideChallengeEvent(request: ChallengeEventRequest): ChallengeDecision {
  const { state, event, roles } = request;
  const open = challengeEventsFor(state, roles);
  const found = CHALLENGE_MOVES.find((candidate) => candidate.from === state && candidate.event === event);
  if (!found) {
    return refuse('illegal', `A challenge that is ${state} cannot be ${EVENT_PAST[event]}; from ${state} it can be: ${listMoves(challengeEventsFrom(state))}`, open);
  }
  if (!roles.has(found.by)) {
    const who = found.by === 'responder' ? 'the owning team or the board' : 'the LSCB chair or a board member';
    return refuse('not_permitted', `Only ${who} may ${EVENT_WORDS[event]} this challenge`, open);
  }
  if (found.needsNote && !request.note?.trim()) {
    const what = event === 'respond' ? 'A response is needed: say what has been done about the challenge' : 'Say why the response does not answer the challenge';
    return refuse('incomplete', what, open);
  }
  return { ok: true, to: found.to, reopens: event === 'challenge_again' };
}

const EVENT_PAST: Record<ChallengeEvent, string> = { respond: 'responded to', close: 'closed', challenge_again: 'challenged again' };

export interface NewChallengeRequest {
  roles: ReadonlySet<ChallengeRole>;
  note?: string | null;
}

export type NewChallengeDecision = { ok: true } | WorkflowRefusal<never>;

/** A challenge needs a challenger and words saying what is being challenged. */
export function decideNewChallenge(request: NewChallengeRequest): NewChallengeDecision {
  if (!request.roles.has('challenger')) return refuse('not_permitted', 'Only the LSCB chair or a board member of the council may challenge an action', []);
  if (!request.note?.trim()) return refuse('incomplete', 'Say what you are challenging and what answer you expect', []);
  return { ok: true };
}
