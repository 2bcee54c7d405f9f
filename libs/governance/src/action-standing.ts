import { AMBER_WINDOW_DAYS, daysBetween } from '#deadlines';
import { isAwaitingSignOff, isClosed, type ActionStatus } from './action-status.js';
import { ratedDate, slippageOf, type RagBasis } from './slippage.js';
import type { IsoDate, Rag } from '#core';

export interface StandingInput {
  status: ActionStatus;
  originalDueDate: IsoDate;
  dueDate: IsoDate;
  ragOverride?: Rag | null;
}

/**
 * Where an action stands today, as every count, list, page, export and email reads it. The rules of
 * what counts where live here and nowhere else:
 * - only the board's sign-off closes an action; until then it is rated against its date and counted
 *   overdue or due soon, even while it awaits sign-off (nothing a team does alone turns red to green);
 * - awaiting sign-off and signed off are counted apart, never as one "completed";
 * - overdue and due soon come from the derived RAG, never from an override;
 * - re-programming never hides slippage: with `RAG_BASIS=original` the original date is the one rated.
 */
export interface ActionStanding {
  /** The RAG shown: the override when there is one, else the derived value. */
  rag: Rag;
  /** The RAG from the date alone. */
  derivedRag: Rag;
  ratedAgainst: IsoDate;
  overdue: boolean;
  dueSoon: boolean;
  /** Calendar days past the rated date; 0 when not overdue or closed. */
  daysOverdue: number;
  awaitingSignOff: boolean;
  signedOff: boolean;
  reprogrammed: boolean;
  daysSlipped: number;
}

export function deriveActionRag(input: { closed: boolean; ratedAgainst: IsoDate; today: IsoDate }): Rag {
  if (input.closed) return 'complete';
  const daysLeft = daysBetween(input.today, input.ratedAgainst);
  if (daysLeft < 0) return 'red';
  if (daysLeft <= AMBER_WINDOW_DAYS) return 'amber';
  return 'green';
}

export function standingOf(action: StandingInput, today: IsoDate, basis: RagBasis): ActionStanding {
  const closed = isClosed(action.status);
  const ratedAgainst = ratedDate(action, basis);
  const derivedRag = deriveActionRag({ closed, ratedAgainst, today });
  const slippage = slippageOf(action);
  return {
    rag: action.ragOverride ?? derivedRag,
    derivedRag,
    ratedAgainst,
    overdue: derivedRag === 'red',
    dueSoon: derivedRag === 'amber',
    daysOverdue: derivedRag === 'red' ? daysBetween(ratedAgainst, today) : 0,
    awaitingSignOff: isAwaitingSignOff(action.status),
    signedOff: closed,
    reprogrammed: slippage.reprogrammed,
    daysSlipped: slippage.daysSlipped,
  };
}
