import type { WorkflowRefusal } from '#governance';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';

const CODES = {
  illegal: TrackingErrorCode.ILLEGAL_TRANSITION,
  incomplete: TrackingErrorCode.WORKFLOW_INCOMPLETE,
  not_permitted: TrackingErrorCode.FORBIDDEN,
  conflict: TrackingErrorCode.CONFLICT,
} as const;

/** A governance rule's refusal as the tracking domain's one exception, with the moves still allowed. */
export function throwRefusal(refusal: WorkflowRefusal<string>, details: Record<string, unknown> = {}): never {
  throw new TrackingException(CODES[refusal.kind], refusal.message, { ...details, allowed: [...refusal.allowed] });
}
