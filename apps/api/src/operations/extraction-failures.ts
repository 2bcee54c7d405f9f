import type { Response } from 'express';
import { ExtractionError } from '#extraction';

/**
 * Marks a response as answering a report that could not be read, for the extraction-failure
 * counter (HttpMetricsMiddleware counts it as the response finishes). The API's errors are marked
 * by the exception filter; the upload page, which shows the refusal in its own form, marks it here,
 * so the counter is the same whichever way the report came in.
 */
export function noteExtractionFailure(response: Response, error: unknown): void {
  if (error instanceof ExtractionError) response.locals.extractionFailed = true;
}
