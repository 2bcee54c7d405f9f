import type { SendMarkState } from './entities/reminder-send-mark.entity.js';

/** An address's send mark as an attempt finds it: its state, and whether another attempt still claims it. */
export interface FoundSendMark {
  recipient: string;
  state: SendMarkState;
  /** The claim has not run out and was not let go: its attempt may still be sending. */
  held: boolean;
}

export interface ClaimPlan {
  /** Addresses not served yet, in the reminder's order. */
  pending: string[];
  /** Addresses without a mark: claimed by inserting one. */
  fresh: string[];
  /** Addresses whose attempt died or let go: taken over, and asked about before sending again. */
  abandoned: string[];
}

/**
 * Which addresses an attempt tries to claim. An address marked `sent` was served; one whose mark
 * another attempt still holds is left to that attempt (it may be waiting for the provider's
 * answer), so it is pending but in neither list.
 */
export function planClaims(recipients: readonly string[], marks: readonly FoundSendMark[]): ClaimPlan {
  const byAddress = new Map(marks.map((mark) => [mark.recipient, mark]));
  const pending = [...new Set(recipients)].filter((address) => byAddress.get(address)?.state !== 'sent');
  return {
    pending,
    fresh: pending.filter((address) => !byAddress.has(address)),
    abandoned: pending.filter((address) => byAddress.get(address)?.state === 'sending' && !byAddress.get(address)!.held),
  };
}

/** The end of a claim taken at `now`: when the worker's lock on the job would lapse. */
export function claimEnd(now: Date, workerLockMs: number): Date {
  return new Date(now.getTime() + workerLockMs);
}
