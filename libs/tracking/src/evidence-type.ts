import { fileTypeFromBuffer } from 'file-type';

/** What a board accepts as evidence: documents, spreadsheets, presentations, images and CSV. */
const ACCEPTED_TYPES: Readonly<Record<string, string>> = {
  'application/pdf': 'PDF',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'Word document',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'Excel spreadsheet',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'PowerPoint presentation',
  'application/vnd.oasis.opendocument.text': 'OpenDocument text',
  'application/vnd.oasis.opendocument.spreadsheet': 'OpenDocument spreadsheet',
  'application/vnd.oasis.opendocument.presentation': 'OpenDocument presentation',
  // Word, Excel and PowerPoint before 2007 share one container format.
  'application/x-cfb': 'Office document (97-2003)',
  'image/png': 'PNG image',
  'image/jpeg': 'JPEG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
  'text/csv': 'CSV',
};

export const ACCEPTED_EVIDENCE_DESCRIPTION = 'a PDF, Word, Excel, PowerPoint or OpenDocument file, a PNG, JPEG, GIF or WebP image, or a CSV file';

export type EvidenceTypeVerdict = { ok: true; mediaType: string } | { ok: false; reason: string };

/** CSV has no signature: it is accepted as text in UTF-8 with no control characters but tabs and line ends. */
function looksLikeCsvText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 32 && code !== 9 && code !== 10 && code !== 13) return false;
  }
  return true;
}

/**
 * The file's type as its content shows it, never as its name or the browser claims: a page renamed
 * to .pdf is refused. Only the first bytes are read for a signature (file-type); CSV, which has none,
 * must be named .csv and be plain text.
 */
export async function evidenceTypeOf(bytes: Buffer, fileName: string): Promise<EvidenceTypeVerdict> {
  if (bytes.length === 0) return { ok: false, reason: 'The file is empty: choose the file again' };
  const detected = await fileTypeFromBuffer(bytes);
  if (detected) {
    if (ACCEPTED_TYPES[detected.mime]) return { ok: true, mediaType: detected.mime };
    return { ok: false, reason: `The file is a ${detected.ext.toUpperCase()} file: evidence must be ${ACCEPTED_EVIDENCE_DESCRIPTION}` };
  }
  if (/\.csv$/i.test(fileName) && looksLikeCsvText(bytes)) return { ok: true, mediaType: 'text/csv' };
  return { ok: false, reason: `The file's content is not of a type accepted as evidence: it must be ${ACCEPTED_EVIDENCE_DESCRIPTION}` };
}

/** A name safe to offer in a Content-Disposition header and to show: no path, no control characters. */
export function cleanFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const cleaned = Array.from(base)
    .filter((character) => character.charCodeAt(0) >= 32 && character.charCodeAt(0) !== 127)
    .join('')
    .trim()
    .slice(0, 200);
  return cleaned === '' || cleaned === '.' || cleaned === '..' ? 'evidence' : cleaned;
}
