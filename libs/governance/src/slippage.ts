import { daysBetween } from '#deadlines';
import type { IsoDate } from '#core';

/** Which date RAG is rated against: the current (re-programmed) due date, or the original one. */
export const RAG_BASES = ['current', 'original'] as const;
export type RagBasis = (typeof RAG_BASES)[number];

export interface DueDates {
  /** The date the report's timeframe gave at ingestion (or the board set when adding the action). */
  originalDueDate: IsoDate;
  /** The date the action is due now. */
  dueDate: IsoDate;
}

export interface Slippage {
  /** The due date is no longer the original one. */
  reprogrammed: boolean;
  /** Calendar days from the original to the current due date: negative when brought forward. */
  daysSlipped: number;
}

export function slippageOf(dates: DueDates): Slippage {
  const daysSlipped = daysBetween(dates.originalDueDate, dates.dueDate);
  return { reprogrammed: dates.originalDueDate !== dates.dueDate, daysSlipped };
}

/** The date an action's RAG, overdue and due-soon status are judged by. */
export function ratedDate(dates: DueDates, basis: RagBasis): IsoDate {
  return basis === 'original' ? dates.originalDueDate : dates.dueDate;
}

/** "Re-programmed: 45 days later" / "Re-programmed: 3 days earlier" / "" when not re-programmed. */
export function describeSlippage(slippage: Slippage): string {
  if (!slippage.reprogrammed) return '';
  const days = Math.abs(slippage.daysSlipped);
  const unit = days === 1 ? 'day' : 'days';
  return slippage.daysSlipped >= 0 ? `Re-programmed: ${days} ${unit} later` : `Re-programmed: ${days} ${unit} earlier`;
}
