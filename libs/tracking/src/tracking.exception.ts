import { CodedException } from '#core';

export enum TrackingErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  FORBIDDEN = 'FORBIDDEN',
  VERSION_REQUIRED = 'VERSION_REQUIRED',
  STALE_VERSION = 'STALE_VERSION',
  ILLEGAL_TRANSITION = 'ILLEGAL_TRANSITION',
  /** A governance move that needs something the request lacks (a note, evidence): 422 with the allowed moves. */
  WORKFLOW_INCOMPLETE = 'WORKFLOW_INCOMPLETE',
  DUPLICATE_REPORT = 'DUPLICATE_REPORT',
  UNKNOWN_AUTHORITY = 'UNKNOWN_AUTHORITY',
  AUTHORITY_MISMATCH = 'AUTHORITY_MISMATCH',
  CONFLICT = 'CONFLICT',
  INVALID_INPUT = 'INVALID_INPUT',
  /** An evidence file over MAX_EVIDENCE_BYTES (413). */
  EVIDENCE_TOO_LARGE = 'EVIDENCE_TOO_LARGE',
  /** An evidence file whose content is not of an accepted type (415). */
  EVIDENCE_TYPE = 'EVIDENCE_TYPE',
  /** An evidence file whose bytes the retention setting removed (410): its record stays. */
  EVIDENCE_REMOVED = 'EVIDENCE_REMOVED',
  /** A report read as more recommendations than any report makes (422). */
  TOO_MANY_RECOMMENDATIONS = 'TOO_MANY_RECOMMENDATIONS',
}

/** The one error type of the tracking domain; the HTTP layer maps each code to a status. */
export class TrackingException extends CodedException<TrackingErrorCode> {
  static notFound(what: string, id: string | number): TrackingException {
    return new TrackingException(TrackingErrorCode.NOT_FOUND, `${what} ${id} was not found`);
  }
}
