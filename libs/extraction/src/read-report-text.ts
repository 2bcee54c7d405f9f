import { ExtractionError, MAX_REPORT_BYTES } from './extraction-error.js';
import { extractReport, type ExtractOptions } from './extract-report.js';
import { checkInflatedSize } from './pdf/inflated-size.js';
import { readPdfText } from './pdf/pdf-text.js';
import type { ReportDraft } from './report-draft.js';

const PDF_MAGIC = [0x25, 0x50, 0x44, 0x46, 0x2d]; // "%PDF-"
/** The PDF header may follow a little junk; readers look this far for it. */
const PDF_HEADER_WINDOW = 1024;
/** How much of a file is inspected to decide whether it is text. */
const SNIFF_BYTES = 64 * 1024;

function startsWith(bytes: Uint8Array, magic: readonly number[], at = 0): boolean {
  if (bytes.length < at + magic.length) return false;
  return magic.every((byte, index) => bytes[at + index] === byte);
}

export function isPdf(bytes: Uint8Array): boolean {
  const window = Math.min(bytes.length - PDF_MAGIC.length, PDF_HEADER_WINDOW);
  for (let at = 0; at <= window; at += 1) if (startsWith(bytes, PDF_MAGIC, at)) return true;
  return false;
}

/** A hint for the commonest wrong uploads. */
function binaryKind(bytes: Uint8Array): string {
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'a ZIP archive or Word/OpenDocument file';
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'an old-style Word or Excel file';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47])) return 'a PNG image';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'a JPEG image';
  if (startsWith(bytes, [0x7b, 0x5c, 0x72, 0x74, 0x66])) return 'an RTF document';
  return 'a binary file';
}

/** Text has no NUL characters and hardly any other control characters; binary formats have plenty. */
function looksBinary(codes: ArrayLike<number>): boolean {
  const length = Math.min(codes.length, SNIFF_BYTES);
  let control = 0;
  for (let i = 0; i < length; i += 1) {
    const code = codes[i];
    if (code === 0) return true;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) control += 1;
  }
  return control > length * 0.02;
}

function utf16Text(bytes: Uint8Array): string | null {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2));
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  return null;
}

function charCodes(text: string): number[] {
  const codes: number[] = [];
  for (let i = 0; i < Math.min(text.length, SNIFF_BYTES); i += 1) codes.push(text.charCodeAt(i));
  return codes;
}

/**
 * Windows-1252's characters at 0x80-0x9F (curly quotes, dashes, the euro sign). Node 20's
 * TextDecoder reads "windows-1252" as Latin-1 and leaves these as control characters.
 */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008DŽ\u008F\u0090‘’“”•–—˜™š›œ\u009DžŸ';

function decodeText(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    // Text saved by older Windows tools: every byte is a character in Windows-1252.
    return new TextDecoder('latin1').decode(bytes).replace(/[\u0080-\u009F]/g, (char) => WINDOWS_1252_HIGH[char.charCodeAt(0) - 0x80]);
  }
}

/** What a PDF may take to read; unset means no limit (the command line reads its own files). */
export interface ReadLimits {
  maxPdfPages?: number;
  /** What all of a PDF's compressed streams may expand to, in bytes. */
  maxInflatedBytes?: number;
}

/**
 * The text of an uploaded report: a PDF (detected by its "%PDF-" header, whatever the file is
 * called) read through its text layer, otherwise UTF-8 (or UTF-16/Windows-1252) text or markdown.
 */
export async function readReportText(bytes: Uint8Array, fileName?: string, limits: ReadLimits = {}): Promise<string> {
  if (!(bytes instanceof Uint8Array) || bytes.length === 0) {
    throw new ExtractionError('EMPTY_INPUT', 'the file is empty: expected an inspection report as PDF, text or markdown', fileName);
  }
  if (bytes.length > MAX_REPORT_BYTES) {
    throw new ExtractionError(
      'TOO_LARGE',
      `the file is ${(bytes.length / (1024 * 1024)).toFixed(1)} MB, over the ${MAX_REPORT_BYTES / (1024 * 1024)} MB limit: upload the inspection report alone`,
      fileName,
    );
  }
  if (isPdf(bytes)) {
    let text: string;
    try {
      if (limits.maxInflatedBytes !== undefined) checkInflatedSize(bytes, limits.maxInflatedBytes);
      text = (await readPdfText(bytes, { maxPages: limits.maxPdfPages })).text;
    } catch (error) {
      if (error instanceof ExtractionError) throw new ExtractionError(error.code, error.reason, fileName);
      const reason = error instanceof Error ? error.message : String(error);
      throw new ExtractionError('UNREADABLE_PDF', `the PDF could not be read (${reason}): save or export it again and re-upload`, fileName);
    }
    if (text.replace(/\s+/g, '').length === 0) {
      throw new ExtractionError(
        'PDF_WITHOUT_TEXT',
        'the PDF has no text layer (it is probably a scan): use the report as published by Ofsted, or run it through OCR first',
        fileName,
      );
    }
    return text;
  }
  const wideText = utf16Text(bytes);
  if (wideText === null ? looksBinary(bytes) : looksBinary(charCodes(wideText))) {
    throw new ExtractionError(
      'NOT_A_PDF',
      `the file is ${binaryKind(bytes)}, not a PDF or a text file: upload the inspection report as PDF, text or markdown`,
      fileName,
    );
  }
  const text = wideText ?? decodeText(bytes);
  if (text.trim().length === 0) {
    throw new ExtractionError('EMPTY_INPUT', 'the file has no text: expected an inspection report as PDF, text or markdown', fileName);
  }
  return text;
}

/** `readReportText` then `extractReport`. */
export async function extractFromFile(bytes: Uint8Array, fileName: string, options: Omit<ExtractOptions, 'fileName'> = {}): Promise<ReportDraft> {
  const text = await readReportText(bytes, fileName);
  return extractReport(text, { ...options, fileName });
}
