import { daysBetween, isIsoDate } from '#deadlines';
import { listMoves, refuse, type WorkflowRefusal } from './workflow-refusal.js';
import type { IsoDate } from '#core';

export const DATE_REQUEST_STATES = ['pending', 'approved', 'rejected', 'withdrawn'] as const;
export type DateRequestState = (typeof DATE_REQUEST_STATES)[number];

export type DateRequestEvent = 'approve' | 'reject' | 'withdraw';
export const DATE_REQUEST_EVENTS: readonly DateRequestEvent[] = ['approve', 'reject', 'withdraw'];

/** The board decides; whoever asked (or the board) may withdraw a request still pending. */
export type DateRequestRole = 'board' | 'requester';

interface DateRequestMove {
  event: DateRequestEvent;
  to: DateRequestState;
  by: readonly DateRequestRole[];
  needsNote: boolean;
}

/** pending → approved | rejected | withdrawn; every other state is final. */
const MOVES_FROM_PENDING: readonly DateRequestMove[] = [
  { event: 'approve', to: 'approved', by: ['board'], needsNote: false },
  { event: 'reject', to: 'rejected', by: ['board'], needsNote: true },
  { event: 'withdraw', to: 'withdrawn', by: ['board', 'requester'], needsNote: false },
];

export function isDateRequestEvent(value: unknown): value is DateRequestEvent {
  return typeof value === 'string' && (DATE_REQUEST_EVENTS as readonly string[]).includes(value);
}

export function dateRequestEventsFrom(state: DateRequestState): DateRequestEvent[] {
  return state === 'pending' ? MOVES_FROM_PENDING.map((candidate) => candidate.event) : [];
}

export function dateRequestEventsFor(state: DateRequestState, roles: ReadonlySet<DateRequestRole>): DateRequestEvent[] {
  if (state !== 'pending') return [];
  return MOVES_FROM_PENDING.filter((candidate) => candidate.by.some((role) => roles.has(role))).map((candidate) => candidate.event);
}

/**
 * A new due date must be a real date, today or later, and different from the current one: a date
 * already past would make a late action look re-planned rather than late.
 */
export function checkNewDueDate(input: { proposed: unknown; current: IsoDate; today: IsoDate }): string | null {
  if (!isIsoDate(input.proposed)) return 'The new due date must be a real date in the form YYYY-MM-DD';
  if (daysBetween(input.today, input.proposed) < 0) return `The new due date ${input.proposed} is in the past: choose today (${input.today}) or later`;
  if (input.proposed === input.current) return `The action is already due on ${input.current}: choose a different date`;
  return null;
}

export interface DateRequestEventRequest {
  state: DateRequestState;
  event: DateRequestEvent;
  roles: ReadonlySet<DateRequestRole>;
  note?: string | null;
  /** The date asked for, and today: approval is refused once the date has passed. */
  proposedDate: IsoDate;
  today: IsoDate;
}

export type DateRequestDecision = { ok: true; to: DateRequestState } | WorkflowRefusal<DateRequestEvent>;

export function decideDateRequestEvent(request: DateRequestEventRequest): DateRequestDecision {
  const { state, event, roles } = request;
  const open = dateRequestEventsFor(state, roles);
  const found = state === 'pending' ? MOVES_FROM_PENDING.find((candidate) => candidate.event === event) : undefined;
  if (!found) {
    return refuse('illegal', `A date change request that is ${state} cannot be ${PAST[event]}; it can be: ${listMoves(dateRequestEventsFrom(state))}`, open);
  }
  if (!found.by.some((role) => roles.has(role))) {
    const who = event === 'withdraw' ? 'whoever asked for it or the board' : 'a board member';
    return refuse('not_permitted', `Only ${who} may ${event} a date change request`, open);
  }
  if (found.needsNote && !request.note?.trim()) return refuse('incomplete', 'Say why the request is rejected', open);
  if (event === 'approve' && daysBetween(request.today, request.proposedDate) < 0) {
    return refuse('incomplete', `The date asked for (${request.proposedDate}) has passed: reject this request and ask the team for a new one`, open);
  }
  return { ok: true, to: found.to };
}

const PAST: Record<DateRequestEvent, string> = { approve: 'approved', reject: 'rejected', withdraw: 'withdrawn' };

export interface NewDateRequest {
  proposedDate: unknown;
  reason?: string | null;
  currentDueDate: IsoDate;
  today: IsoDate;
  closed: boolean;
  /** Whether another request for this action is still pending. */
  pendingExists: boolean;
}

export type NewDateRequestDecision = { ok: true; proposedDate: IsoDate } | WorkflowRefusal<never>;

/** A team's request for a new due date: a reason, a date today or later, one pending request at a time. */
export function decideNewDateRequest(request: NewDateRequest): NewDateRequestDecision {
  if (request.closed) return refuse('conflict', 'This action is signed off: reopen it before changing its due date', []);
  const dateProblem = checkNewDueDate({ proposed: request.proposedDate, current: request.currentDueDate, today: request.today });
  if (dateProblem) return refuse('incomplete', dateProblem, []);
  if (!request.reason?.trim()) return refuse('incomplete', 'Say why the due date needs to change', []);
  if (request.pendingExists) return refuse('conflict', 'A date change for this action is already waiting for the board: withdraw it or wait for the decision', []);
  return { ok: true, proposedDate: request.proposedDate as IsoDate };
}
