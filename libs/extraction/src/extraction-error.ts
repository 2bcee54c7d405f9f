/** Why a file or text could not be turned into a report draft. */
export type ExtractionErrorCode =
  | 'EMPTY_INPUT'
  | 'TOO_LARGE'
  | 'NOT_A_PDF'
  | 'UNREADABLE_PDF'
  | 'PDF_WITHOUT_TEXT'
  | 'NO_RECOMMENDATIONS_SECTION'
  | 'UNKNOWN_LAYOUT'
  | 'NO_REPORT_DATE'
  | 'INVALID_OPTION'
  | 'INVALID_CORRECTION'
  | 'TOO_MANY_PAGES'
  | 'PDF_STREAM_TOO_LARGE'
  | 'TOO_SLOW'
  | 'TOO_MUCH_MEMORY'
  | 'BUSY';

export const EXTRACTION_ERROR_CODES: readonly ExtractionErrorCode[] = [
  'EMPTY_INPUT',
  'TOO_LARGE',
  'NOT_A_PDF',
  'UNREADABLE_PDF',
  'PDF_WITHOUT_TEXT',
  'NO_RECOMMENDATIONS_SECTION',
  'UNKNOWN_LAYOUT',
  'NO_REPORT_DATE',
  'INVALID_OPTION',
  'INVALID_CORRECTION',
  'TOO_MANY_PAGES',
  'PDF_STREAM_TOO_LARGE',
  'TOO_SLOW',
  'TOO_MUCH_MEMORY',
  'BUSY',
];

/** Reports larger than this are refused before any parsing (real reports are well under 5 MB). */
export const MAX_REPORT_BYTES = 20 * 1024 * 1024;

/**
 * The only error the extraction library throws on bad input. The message is meant for the person
 * who uploaded the file: it says what was looked for and what to do about it.
 */
export class ExtractionError extends Error {
  override readonly name = 'ExtractionError';

  constructor(
    readonly code: ExtractionErrorCode,
    /** What went wrong, without the file's name. */
    readonly reason: string,
    readonly fileName?: string,
  ) {
    super(fileName ? `${fileName}: ${reason}` : reason);
  }
}

export function isExtractionError(error: unknown): error is ExtractionError {
  return error instanceof ExtractionError;
}
