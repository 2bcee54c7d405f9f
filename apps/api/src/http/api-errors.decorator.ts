import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional, ApiResponse } from '@nestjs/swagger';
import type { ErrorBody } from './api-exception.filter.js';

/** The body of every error the API answers (see ApiExceptionFilter): one shape, whatever went wrong. */
export class ErrorResponseDto implements ErrorBody {
  [detail: string]: unknown;

  @ApiProperty({ example: 404 }) statusCode: number;
  @ApiProperty({ example: 'Not Found' }) error: string;

  @ApiProperty({
    oneOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' } }],
    example: 'Action 12 not found',
    description: 'What to fix, in words a person can act on',
  })
  message: string | string[];

  @ApiPropertyOptional({ example: 'NOT_FOUND', description: "The module's error code, stable across wording changes; absent for errors the framework raises itself" })
  code?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only on a 500: quote it when reporting the problem; it is also in the log' })
  errorId?: string;

  // Details some refusals add beside the message, for a script to act on.
  @ApiPropertyOptional({ type: [String], description: 'A workflow refusal (422): the moves allowed from here' }) allowed?: string[];
  @ApiPropertyOptional({ description: 'A status change refused (422): the status it would have left' }) from?: string;
  @ApiPropertyOptional({ description: 'A status change refused (422): the status asked for' }) to?: string;
  @ApiPropertyOptional({ description: "A challenge or date request move refused (422): the record's state" }) state?: string;
  @ApiPropertyOptional({ description: 'A challenge or date request move refused (422): the move asked for' }) event?: string;
  @ApiPropertyOptional({ description: 'The same report text again (409): the report already made from it' }) reportId?: number;
  @ApiPropertyOptional({ description: 'A team that still owns actions (409): how many' }) ownedActions?: number;
}

/** What each error status means in this API, as the document's responses say it. */
export const ERROR_MEANINGS: Readonly<Record<number, string>> = {
  [HttpStatus.BAD_REQUEST]: 'The input is not valid: the message names the field and what to send instead',
  [HttpStatus.UNAUTHORIZED]: 'Not signed in: send "Authorization: Bearer <token>" or the session cookie',
  [HttpStatus.FORBIDDEN]: 'None of your roles allows this, or (with the session cookie) the X-CSRF-Token header is missing or wrong',
  [HttpStatus.NOT_FOUND]: 'No such record among those you may see (another council\'s records answer 404 too)',
  [HttpStatus.CONFLICT]: 'It clashes with what is already stored: the message says what',
  [HttpStatus.GONE]: 'It existed but is no longer held here (an evidence file the retention setting removed): the message says when and why',
  [HttpStatus.PRECONDITION_FAILED]: 'Someone changed it since you loaded it: load it again and re-apply your change',
  [HttpStatus.PAYLOAD_TOO_LARGE]: 'The body or file is over the size limit',
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: 'The content type is not one this route takes',
  [HttpStatus.UNPROCESSABLE_ENTITY]: 'Understood but refused by the rules (a workflow move not allowed, a report that cannot be read): the message says which moves are allowed or what was wrong',
  [HttpStatus.PRECONDITION_REQUIRED]: 'Say which version you are changing: If-Match with the ETag, or version in the body',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too many attempts: wait and try again',
  [HttpStatus.INTERNAL_SERVER_ERROR]: 'Something went wrong on our side: the body carries an errorId to quote',
  [HttpStatus.SERVICE_UNAVAILABLE]: 'The database (or, for reminders, Redis) cannot be reached: try again shortly (Retry-After)',
};

/** Documents the error statuses a route can answer beyond those every route shares, each with the error body. */
export function ApiErrors(...statuses: number[]): MethodDecorator & ClassDecorator {
  return applyDecorators(
    ...statuses.map((status) => ApiResponse({ status, description: ERROR_MEANINGS[status] ?? 'Refused', type: ErrorResponseDto })),
  );
}
