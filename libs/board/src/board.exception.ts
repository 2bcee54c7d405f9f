import { CodedException } from '#core';

export enum BoardErrorCode {
  NOT_FOUND = 'NOT_FOUND',
  INVALID_INPUT = 'INVALID_INPUT',
  CONFLICT = 'CONFLICT',
}

/** The one error type of the board's records (meetings, cycle updates, repeat links, the pack). */
export class BoardException extends CodedException<BoardErrorCode> {
  static notFound(what: string, id: string | number): BoardException {
    return new BoardException(BoardErrorCode.NOT_FOUND, `${what} ${id} was not found`);
  }
}
