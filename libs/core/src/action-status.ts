export type ActionStatus = 'not_started' | 'in_progress' | 'blocked' | 'completed';
export const ACTION_STATUSES: readonly ActionStatus[] = ['not_started', 'in_progress', 'blocked', 'completed'];

/** Work still to do: what reminders chase and what "overdue" counts. */
export const OPEN_STATUSES: readonly ActionStatus[] = ['not_started', 'in_progress', 'blocked'];

export const STATUS_WORDING: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  blocked: 'Blocked',
  completed: 'Completed',
};
