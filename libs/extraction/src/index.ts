export * from './report-draft.js';
export {
  ExtractionError,
  EXTRACTION_ERROR_CODES,
  isExtractionError,
  MAX_REPORT_BYTES,
  type ExtractionErrorCode,
} from './extraction-error.js';
export { extractReport, type ExtractOptions } from './extract-report.js';
export * from './draft-corrections.js';
export { extractFromFile, isPdf, readReportText, type ReadLimits } from './read-report-text.js';
export { EXTRACT_ON_CALLER_UP_TO, ExtractionPool, type ExtractionPoolLimits } from './pool/extraction-pool.js';
export {
  AUTHORITY_DIRECTORY,
  normaliseAuthorityName,
  resolveAuthority,
  type AuthorityDirectoryEntry,
} from './authority-directory.js';
export {
  LAYOUT_FAMILIES,
  REPORT_FORMATS,
  isReportFormat,
  reportFormatInSentence,
  reportFormatTitle,
  type LayoutFamily,
} from './layouts/index.js';
export { mentionedBodiesOf } from './recommendations/mentioned-bodies.js';
