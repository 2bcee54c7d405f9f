import type { ActionStatus } from '#core';

/**
 * not_started → in_progress → completed, with blocked reachable from (and returning to) the open
 * states, and a completed action reopened to in_progress when evidence falls short.
 */
const ALLOWED: Record<ActionStatus, readonly ActionStatus[]> = {
  not_started: ['in_progress', 'blocked'],
  in_progress: ['completed', 'blocked'],
  blocked: ['not_started', 'in_progress'],
  completed: ['in_progress'],
};

export function allowedTransitions(from: ActionStatus): readonly ActionStatus[] {
  return ALLOWED[from];
}

export function canTransition(from: ActionStatus, to: ActionStatus): boolean {
  return ALLOWED[from].includes(to);
}
