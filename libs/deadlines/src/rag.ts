import { daysBetween } from './calendar-date.js';
import type { IsoDate, Rag } from '#core';

/** Days before the due date at which an open action turns amber. */
export const AMBER_WINDOW_DAYS = 14;

/**
 * RAG as a board reads it: complete once done, red when past its due date, amber when due within
 * the window, green otherwise. An explicit override (with its note) wins over the derived value.
 */
export function deriveRag(input: { status: string; dueDate: IsoDate; today: IsoDate; override?: Rag | null }): Rag {
  if (input.override) return input.override;
  if (input.status === 'signed_off') return 'complete';
  const daysLeft = daysBetween(input.today, input.dueDate);
  if (daysLeft < 0) return 'red';
  if (daysLeft <= AMBER_WINDOW_DAYS) return 'amber';
  return 'green';
}
