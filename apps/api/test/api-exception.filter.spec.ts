import { Logger, NotFoundException } from '@nestjs/common';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ExtractionError } from '#extraction';
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
});
