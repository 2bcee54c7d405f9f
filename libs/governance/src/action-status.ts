/**
 * The statuses an action moves through, and the groups every count, list and email reads them by.
 * One word and one meaning each: "awaiting sign-off" is never "completed", and only the board's
 * sign-off closes an action.
 */
export const ACTION_STATUSES = ['not_started', 'in_progress', 'blocked', 'awaiting_sign_off', 'signed_off'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** The owning team's work in hand: what the team is chased about. */
export const ACTIVE_STATUSES: readonly ActionStatus[] = ['not_started', 'in_progress', 'blocked'];

/** Completion proposed with a closing note and evidence; the board's turn. */
export const AWAITING_STATUSES: readonly ActionStatus[] = ['awaiting_sign_off'];

/** Closed by the board. The only status that stops an action being rated and counted as late. */
export const CLOSED_STATUSES: readonly ActionStatus[] = ['signed_off'];

/** Every status that is not closed: rated against its date and counted overdue or due soon. */
export const OPEN_STATUSES: readonly ActionStatus[] = [...ACTIVE_STATUSES, ...AWAITING_STATUSES];

export function isActionStatus(value: unknown): value is ActionStatus {
  return typeof value === 'string' && (ACTION_STATUSES as readonly string[]).includes(value);
}

export function isClosed(status: ActionStatus): boolean {
  return CLOSED_STATUSES.includes(status);
}

export function isAwaitingSignOff(status: ActionStatus): boolean {
  return AWAITING_STATUSES.includes(status);
}

/**
 * The word an API client or a form uses to propose completion. "completed" is accepted as a request
 * and never stored: proposing completion puts the action in `awaiting_sign_off`.
 */
export const PROPOSE_COMPLETION = 'completed';

/** A requested status as stored: `completed` (the proposal) becomes `awaiting_sign_off`. */
export function requestedStatus(value: string): ActionStatus | undefined {
  if (value === PROPOSE_COMPLETION) return 'awaiting_sign_off';
  return isActionStatus(value) ? value : undefined;
}
