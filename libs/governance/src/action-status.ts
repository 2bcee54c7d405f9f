import { ACTION_STATUSES, AWAITING_STATUSES, CLOSED_STATUSES, type ActionStatus } from '#core';

/**
 * The statuses themselves and their groups are shared vocabulary (#core). Here: how a request names
 * them, and the tests every rule reads them by.
 */
export type { ActionStatus } from '#core';
export { ACTION_STATUSES, ACTIVE_STATUSES, AWAITING_STATUSES, CLOSED_STATUSES, OPEN_STATUSES } from '#core';

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
