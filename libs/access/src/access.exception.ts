import { CodedException } from '#core';

/** Why access refused or could not do something; the HTTP layer maps each code to a status. */
export enum AccessErrorCode {
  /** Wrong email or password, or an account that cannot sign in with one. */
  INVALID_CREDENTIALS = 'INVALID_CREDENTIALS',
  /** Too many failed sign-ins: the account is locked for a while. */
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  /** The caller's roles do not allow this change to this resource. */
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  /** The account already exists. */
  CONFLICT = 'CONFLICT',
  /** A value the caller can correct: a role, an authority, a team, a password, an expiry. */
  INVALID_INPUT = 'INVALID_INPUT',
}

/** The one error type of accounts, roles, tokens, sessions and the resource policies. */
export class AccessException extends CodedException<AccessErrorCode> {
  static notFound(message: string): AccessException {
    return new AccessException(AccessErrorCode.NOT_FOUND, message);
  }

  static invalid(message: string): AccessException {
    return new AccessException(AccessErrorCode.INVALID_INPUT, message);
  }
}
