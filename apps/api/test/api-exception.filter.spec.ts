import { Logger, NotFoundException } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AccessErrorCode, AccessException } from '#access';
import { ExtractionError } from '#extraction';
import { ReminderErrorCode, ReminderException } from '#reminders';
import { TrackingErrorCode, TrackingException } from '#tracking';
import { ApiExceptionFilter } from '../src/http/api-exception.filter.js';

describe('ApiExceptionFilter', () => {
  afterEach(() => vi.restoreAllMocks());

  it('gives an unexpected error a 500 whose error id is also the one logged', () => {
    const logged: unknown[] = [];
    vi.spyOn(Logger.prototype, 'error').mockImplementation((message: unknown) => {
      logged.push(message);
    });
    const body = new ApiExceptionFilter().toBody(new Error('database file is locked'));
    expect(body.statusCode).toBe(500);
    expect(body.errorId).toMatch(/^[0-9a-f-]{36}$/);
    expect(body.message).toContain(body.errorId);
    expect(body.message).not.toContain('database file is locked');
    expect(logged).toEqual([expect.objectContaining({ errorId: body.errorId })]);
  });

  it('maps domain, extraction, HTTP and body-parser errors to their statuses', () => {
    const filter = new ApiExceptionFilter();
    expect(filter.toBody(new TrackingException(TrackingErrorCode.STALE_VERSION, 'stale')).statusCode).toBe(412);
    expect(filter.toBody(new TrackingException(TrackingErrorCode.DUPLICATE_REPORT, 'dup', { reportId: 3 }))).toMatchObject({ statusCode: 409, reportId: 3 });
    expect(filter.toBody(new ExtractionError('NO_RECOMMENDATIONS_SECTION', 'no section')).statusCode).toBe(422);
    expect(filter.toBody(new ExtractionError('TOO_LARGE', 'too big')).statusCode).toBe(413);
    expect(filter.toBody(new NotFoundException('gone')).statusCode).toBe(404);
    expect(filter.toBody(Object.assign(new Error('request entity too large'), { status: 413 })).statusCode).toBe(413);
  });

  it('gives every access and reminder error code a status, and the body its code', () => {
    const filter = new ApiExceptionFilter();
    const statuses = Object.values(AccessErrorCode).map((code) => [code, filter.toBody(new AccessException(code, 'why')).statusCode]);
    expect(Object.fromEntries(statuses)).toEqual({
      INVALID_CREDENTIALS: 401,
      ACCOUNT_LOCKED: 429,
      FORBIDDEN: 403,
      NOT_FOUND: 404,
      CONFLICT: 409,
      INVALID_INPUT: 400,
    });
    expect(filter.toBody(new AccessException(AccessErrorCode.FORBIDDEN, 'Only the board may'))).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      message: 'Only the board may',
      code: 'FORBIDDEN',
    });
    expect(filter.toBody(new ReminderException(ReminderErrorCode.DEPENDENCY_UNAVAILABLE, 'Redis is down'))).toMatchObject({ statusCode: 503, code: 'DEPENDENCY_UNAVAILABLE' });
  });

  it('treats a delivery failure that reaches a request as unexpected: a 500 with an error id', () => {
    vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const body = new ApiExceptionFilter().toBody(ReminderException.failed(7, '550 no such mailbox'));
    expect(body.statusCode).toBe(500);
    expect(body.errorId).toBeDefined();
  });
});
