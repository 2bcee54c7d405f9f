/**
 * The statuses an action moves through. One word and one meaning each: "awaiting sign-off" is a
 * team's proposal that the work is done, and only the board's sign-off closes an action. There is
 * no stored "completed": a request for `completed` proposes completion (see #governance).
 */
export type ActionStatus = 'not_started' | 'in_progress' | 'blocked' | 'awaiting_sign_off' | 'signed_off';
export const ACTION_STATUSES: readonly ActionStatus[] = ['not_started', 'in_progress', 'blocked', 'awaiting_sign_off', 'signed_off'];

/** The owning team's work in hand: what reminders chase the team about. */
export const ACTIVE_STATUSES: readonly ActionStatus[] = ['not_started', 'in_progress', 'blocked'];

/** Completion proposed with a closing note and evidence; the board's turn. */
export const AWAITING_STATUSES: readonly ActionStatus[] = ['awaiting_sign_off'];

/** Closed by the board: the only status that stops an action being rated and counted as late. */
export const CLOSED_STATUSES: readonly ActionStatus[] = ['signed_off'];

/** Not closed: rated against its date and counted overdue or due soon, even while awaiting sign-off. */
export const OPEN_STATUSES: readonly ActionStatus[] = [...ACTIVE_STATUSES, ...AWAITING_STATUSES];

export const STATUS_WORDING: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  blocked: 'Blocked',
  awaiting_sign_off: 'Awaiting sign-off',
  signed_off: 'Signed off',
};
