/**
 * One thread of the extraction pool: reads an uploaded file's text, or extracts a draft from a
 * long text, away from the API's event loop. An ExtractionError comes back as data (an error's
 * class does not survive the trip between threads); anything else is thrown as it is.
 */
import { ExtractionError, type ExtractionErrorCode } from '../extraction-error.js';
import { extractReport, type ExtractOptions } from '../extract-report.js';
import { readReportText, type ReadLimits } from '../read-report-text.js';
import type { ReportDraft } from '../report-draft.js';

export type ExtractionTask =
  | { kind: 'read'; bytes: Uint8Array; fileName?: string; limits: ReadLimits }
  | { kind: 'extract'; text: string; options: ExtractOptions };

export type ExtractionOutcome<T> = { ok: true; value: T } | { ok: false; code: ExtractionErrorCode; reason: string; fileName?: string };

export default async function runExtractionTask(task: ExtractionTask): Promise<ExtractionOutcome<string | ReportDraft>> {
  try {
    const value = task.kind === 'read' ? await readReportText(task.bytes, task.fileName, task.limits) : extractReport(task.text, task.options);
    return { ok: true, value };
  } catch (error) {
    if (error instanceof ExtractionError) return { ok: false, code: error.code, reason: error.reason, fileName: error.fileName };
    throw error;
  }
}
