import { CodedException } from '#core';

/** What went wrong with a reminder; the worker decides on a retry from it, the HTTP layer on a status. */
export enum ReminderErrorCode {
  /** Worth another attempt later (no connection, a 4xx from the mail server): the reminder stays pending. */
  DELIVERY_DEFERRED = 'DELIVERY_DEFERRED',
  /** No retry can cure it (a 5xx, a message refused outright): the reminder is marked failed. */
  DELIVERY_FAILED = 'DELIVERY_FAILED',
  /** A queue was given handlers that do not cover every job it carries. */
  MISSING_JOB_HANDLER = 'MISSING_JOB_HANDLER',
  /** Redis does not answer, so nothing can be queued. */
  DEPENDENCY_UNAVAILABLE = 'DEPENDENCY_UNAVAILABLE',
  /** A council or contact the caller cannot see, or that does not exist. */
  NOT_FOUND = 'NOT_FOUND',
  /** The contact is there already. */
  CONFLICT = 'CONFLICT',
  /** A value the caller can correct. */
  INVALID_INPUT = 'INVALID_INPUT',
}

/** The one error type of the reminders. */
export class ReminderException extends CodedException<ReminderErrorCode> {
  static notFound(message: string): ReminderException {
    return new ReminderException(ReminderErrorCode.NOT_FOUND, message);
  }

  static deferred(reminderId: number, reason: string): ReminderException {
    return new ReminderException(ReminderErrorCode.DELIVERY_DEFERRED, `Reminder ${reminderId} not delivered yet: ${reason}`, { reminderId });
  }

  static failed(reminderId: number, reason: string): ReminderException {
    return new ReminderException(ReminderErrorCode.DELIVERY_FAILED, `Reminder ${reminderId} failed: ${reason}`, { reminderId });
  }

  static missingHandlers(queue: string, missing: readonly string[]): ReminderException {
    return new ReminderException(ReminderErrorCode.MISSING_JOB_HANDLER, `Queue ${queue} has no handler for job ${missing.join(', ')}`);
  }
}
