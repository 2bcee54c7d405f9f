import { type PipeTransform } from '@nestjs/common';
import { TrackingErrorCode, TrackingException } from '#tracking';
import { MAX_ID } from './field-rules.js';

/**
 * A row id in the path: a whole number that fits the column. Larger numbers are refused here
 * rather than reaching the database, where PostgreSQL would fail the query on them.
 */
export class ParseIdPipe implements PipeTransform<string, number> {
  transform(value: string): number {
    const id = /^\d{1,10}$/.test(value) ? Number(value) : Number.NaN;
    if (!(id >= 1 && id <= MAX_ID)) throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `The id in the address must be a whole number from 1 to ${MAX_ID}`);
    return id;
  }
}
