import type { WorkflowRefusal } from '#governance';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';

/** Why a rule refuses a request, as data: the service throws it as the tracking exception with this code. */
export interface Refusal {
  ok: false;
  code: TrackingErrorCode;
  message: string;
  details: Record<string, unknown>;
}

export function refusal(code: TrackingErrorCode, message: string, details: Record<string, unknown> = {}): Refusal {
  return { ok: false, code, message, details };
}

const CODES = {
  illegal: TrackingErrorCode.ILLEGAL_TRANSITION,
  incomplete: TrackingErrorCode.WORKFLOW_INCOMPLETE,
  not_permitted: TrackingErrorCode.FORBIDDEN,
  conflict: TrackingErrorCode.CONFLICT,
} as const;

/** A governance rule's refusal in the tracking domain's codes, with the moves still allowed. */
export function workflowRefusal(refused: WorkflowRefusal<string>, details: Record<string, unknown> = {}): Refusal {
  return refusal(CODES[refused.kind], refused.message, { ...details, allowed: [...refused.allowed] });
}

export function refusalException(refused: Refusal): TrackingException {
  return new TrackingException(refused.code, refused.message, refused.details);
}

/** A governance rule's refusal as the tracking domain's one exception, with the moves still allowed. */
export function throwRefusal(refused: WorkflowRefusal<string>, details: Record<string, unknown> = {}): never {
  throw refusalException(workflowRefusal(refused, details));
}
