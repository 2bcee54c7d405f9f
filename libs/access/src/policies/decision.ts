import { AccessErrorCode, AccessException } from '../access.exception.js';

export type Decision = { allowed: true } | { allowed: false; reason: string };

export const ALLOW: Decision = { allowed: true };
export const deny = (reason: string): Decision => ({ allowed: false, reason });

/** A refusal the caller can act on: 403 with the reason, never a bare "forbidden". */
export function enforce(decision: Decision): void {
  if (!decision.allowed) throw new AccessException(AccessErrorCode.FORBIDDEN, decision.reason);
}
