import { randomUUID } from 'node:crypto';
import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { AccessErrorCode, AccessException } from '#access';
import { BoardErrorCode, BoardException } from '#board';
import { DatabaseException } from '#database';
import { ExtractionError } from '#extraction';
import { ReminderErrorCode, ReminderException } from '#reminders';
import { TrackingErrorCode, TrackingException } from '#tracking';
import { isPageRequest, renderPageError } from '../web/page-errors.js';
import { noteExtractionFailure } from '../operations/extraction-failures.js';

const TRACKING_STATUS: Record<TrackingErrorCode, number> = {
  [TrackingErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [TrackingErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [TrackingErrorCode.VERSION_REQUIRED]: HttpStatus.PRECONDITION_REQUIRED,
  [TrackingErrorCode.STALE_VERSION]: HttpStatus.PRECONDITION_FAILED,
  [TrackingErrorCode.ILLEGAL_TRANSITION]: HttpStatus.UNPROCESSABLE_ENTITY,
  [TrackingErrorCode.WORKFLOW_INCOMPLETE]: HttpStatus.UNPROCESSABLE_ENTITY,
  [TrackingErrorCode.DUPLICATE_REPORT]: HttpStatus.CONFLICT,
  [TrackingErrorCode.UNKNOWN_AUTHORITY]: HttpStatus.UNPROCESSABLE_ENTITY,
  [TrackingErrorCode.AUTHORITY_MISMATCH]: HttpStatus.UNPROCESSABLE_ENTITY,
  [TrackingErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [TrackingErrorCode.INVALID_INPUT]: HttpStatus.BAD_REQUEST,
  [TrackingErrorCode.EVIDENCE_TOO_LARGE]: HttpStatus.PAYLOAD_TOO_LARGE,
  [TrackingErrorCode.EVIDENCE_TYPE]: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  [TrackingErrorCode.EVIDENCE_REMOVED]: HttpStatus.GONE,
  [TrackingErrorCode.TOO_MANY_RECOMMENDATIONS]: HttpStatus.UNPROCESSABLE_ENTITY,
};

const ACCESS_STATUS: Record<AccessErrorCode, number> = {
  [AccessErrorCode.INVALID_CREDENTIALS]: HttpStatus.UNAUTHORIZED,
  [AccessErrorCode.ACCOUNT_LOCKED]: HttpStatus.TOO_MANY_REQUESTS,
  [AccessErrorCode.FORBIDDEN]: HttpStatus.FORBIDDEN,
  [AccessErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [AccessErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [AccessErrorCode.INVALID_INPUT]: HttpStatus.BAD_REQUEST,
};

const BOARD_STATUS: Record<BoardErrorCode, number> = {
  [BoardErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [BoardErrorCode.INVALID_INPUT]: HttpStatus.BAD_REQUEST,
  [BoardErrorCode.CONFLICT]: HttpStatus.CONFLICT,
};

/** Only a queue that cannot be reached reaches a caller; delivery failures stay in the worker. */
const REMINDER_STATUS: Partial<Record<ReminderErrorCode, number>> = {
  [ReminderErrorCode.DEPENDENCY_UNAVAILABLE]: HttpStatus.SERVICE_UNAVAILABLE,
  [ReminderErrorCode.NOT_FOUND]: HttpStatus.NOT_FOUND,
  [ReminderErrorCode.CONFLICT]: HttpStatus.CONFLICT,
  [ReminderErrorCode.INVALID_INPUT]: HttpStatus.BAD_REQUEST,
};

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  code?: string;
  errorId?: string;
  [detail: string]: unknown;
}

/**
 * Every error leaves the API as JSON with a message that says what to fix (pages get the same
 * verdict as a page: see page-errors.ts). Domain errors map to
 * statuses here and nowhere else; anything unexpected is a 500 whose error id is also logged.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const response = http.getResponse<Response>();
    const body = this.toBody(exception);
    // Counted by the metrics as the response finishes.
    noteExtractionFailure(response, exception);
    if (response.headersSent) return;
    if (body.statusCode === HttpStatus.SERVICE_UNAVAILABLE) response.setHeader('Retry-After', '1');
    if (isPageRequest(http.getRequest<Request>())) renderPageError(http.getRequest<Request>(), response, body);
    else response.status(body.statusCode).json(body);
  }

  toBody(exception: unknown): ErrorBody {
    const known = knownErrorBody(exception);
    if (known) return known;
    const errorId = randomUUID();
    this.logger.error({ message: 'Unhandled error', errorId, error: exception instanceof Error ? exception.stack : String(exception) });
    return {
      statusCode: HttpStatus.INTERNAL_SERVER_ERROR,
      error: reason(HttpStatus.INTERNAL_SERVER_ERROR),
      message: `Something went wrong on our side; quote error id ${errorId} when reporting it`,
      errorId,
    };
  }
}

/**
 * The response for an error the caller can act on: domain errors, extraction errors, HTTP errors
 * and the body parsers' and multer's own 4xx. Null for anything unexpected (a 500).
 */
export function knownErrorBody(exception: unknown): ErrorBody | null {
  if (exception instanceof TrackingException) return domainErrorBody(TRACKING_STATUS[exception.code], exception);
  if (exception instanceof AccessException) return domainErrorBody(ACCESS_STATUS[exception.code], exception);
  if (exception instanceof BoardException) return domainErrorBody(BOARD_STATUS[exception.code], { code: exception.code, message: exception.message, details: {} });
  if (exception instanceof ReminderException && REMINDER_STATUS[exception.code]) return domainErrorBody(REMINDER_STATUS[exception.code]!, exception);
  if (exception instanceof DatabaseException) {
    return { statusCode: HttpStatus.SERVICE_UNAVAILABLE, error: reason(HttpStatus.SERVICE_UNAVAILABLE), message: exception.message, code: exception.code };
  }
  if (exception instanceof ExtractionError) {
    // A report that cannot be read is unprocessable; corrections that do not make sense are a bad request.
    // Every reading thread busy is the server's state, not the file's: try again shortly.
    const statusCode =
      exception.code === 'TOO_LARGE'
        ? HttpStatus.PAYLOAD_TOO_LARGE
        : exception.code === 'INVALID_CORRECTION'
          ? HttpStatus.BAD_REQUEST
          : exception.code === 'BUSY'
            ? HttpStatus.SERVICE_UNAVAILABLE
            : HttpStatus.UNPROCESSABLE_ENTITY;
    return { statusCode, error: reason(statusCode), message: exception.message, code: exception.code };
  }
  if (exception instanceof HttpException) {
    const statusCode = exception.getStatus();
    const response = exception.getResponse();
    const message = typeof response === 'string' ? response : ((response as { message?: string | string[] }).message ?? exception.message);
    return { statusCode, error: reason(statusCode), message };
  }
  // body-parser and multer report oversized or malformed bodies with an HTTP status of their own.
  const raw = exception as { status?: unknown; statusCode?: unknown; message?: unknown } | null;
  const status = raw?.status ?? raw?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) {
    const message =
      status === HttpStatus.PAYLOAD_TOO_LARGE ? 'The request body is too large: send a smaller report or upload it as a file' : String(raw?.message);
    return { statusCode: status, error: reason(status), message };
  }
  return null;
}

function domainErrorBody(statusCode: number, exception: { code: string; message: string; details: Record<string, unknown> }): ErrorBody {
  return { statusCode, error: reason(statusCode), message: exception.message, code: exception.code, ...exception.details };
}

function reason(status: number): string {
  const name = HttpStatus[status];
  return name ? name.toLowerCase().replace(/(^|_)(\w)/g, (_, space: string, letter: string) => `${space ? ' ' : ''}${letter.toUpperCase()}`) : 'Error';
}
