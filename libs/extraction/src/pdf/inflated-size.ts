import { constants, inflateSync } from 'node:zlib';
import { ExtractionError } from '../extraction-error.js';

const STREAM = Buffer.from('stream', 'latin1');
const ENDSTREAM = Buffer.from('endstream', 'latin1');
/** How far before a `stream` keyword its dictionary is looked for. */
const DICTIONARY_WINDOW = 4096;
const FLATE_NAMES = new Set(['FlateDecode', 'Fl']);

/** The filters named by the last `/Filter` of a stream dictionary, in the order they apply. */
function filtersOf(dictionary: string): string[] {
  const at = dictionary.lastIndexOf('/Filter');
  if (at < 0) return [];
  let rest = dictionary.slice(at + '/Filter'.length).trimStart();
  if (rest.startsWith('[')) rest = rest.slice(1, Math.max(rest.indexOf(']'), 1));
  else rest = rest.slice(0, rest.slice(1).search(/[/\s<>[\]]/) + 1 || rest.length);
  return rest.split('/').map((name) => name.trim()).filter((name) => name.length > 0);
}

/**
 * Refuses a PDF whose compressed streams would expand past `maxBytes` in all, before pdf.js
 * decodes any of them: a few hundred kilobytes of nested Flate streams can otherwise expand to
 * gigabytes, and the memory a decoded stream takes lies outside the reader thread's heap limit.
 * Each stream is inflated (every leading Flate filter of its chain) with Node's zlib, which stops
 * at the budget that is left; a stream zlib cannot read is left to pdf.js to judge.
 */
export function checkInflatedSize(bytes: Uint8Array, maxBytes: number): void {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let remaining = maxBytes;
  let from = 0;
  let objectStart = 0;
  for (;;) {
    const keyword = buffer.indexOf(STREAM, from);
    if (keyword < 0) return;
    from = keyword + STREAM.length;
    if (keyword >= 3 && buffer.toString('latin1', keyword - 3, keyword) === 'end') {
      objectStart = from;
      continue;
    }
    let dataStart = from;
    if (buffer[dataStart] === 0x0d) dataStart += 1;
    if (buffer[dataStart] === 0x0a) dataStart += 1;
    if (dataStart === from) continue; // "stream" inside other text, not the keyword
    const end = buffer.indexOf(ENDSTREAM, dataStart);
    const dataEnd = end < 0 ? buffer.length : end;
    const dictionary = buffer.toString('latin1', Math.max(objectStart, keyword - DICTIONARY_WINDOW), keyword);
    const filters = filtersOf(dictionary);
    let data: Buffer = buffer.subarray(dataStart, dataEnd);
    let inflated = false;
    for (const filter of filters) {
      if (!FLATE_NAMES.has(filter)) break;
      try {
        data = inflateSync(data, { maxOutputLength: Math.max(remaining, 1), finishFlush: constants.Z_SYNC_FLUSH });
      } catch (error) {
        if (error instanceof RangeError) throw tooLarge(maxBytes);
        break;
      }
      if (data.length > remaining) throw tooLarge(maxBytes);
      inflated = true;
    }
    if (inflated) remaining -= data.length;
    from = dataEnd;
    objectStart = dataEnd;
  }
}

function tooLarge(maxBytes: number): ExtractionError {
  return new ExtractionError(
    'PDF_STREAM_TOO_LARGE',
    `the PDF's compressed content expands to more than ${Math.round(maxBytes / (1024 * 1024))} MB (half of PDF_MEMORY_MB): save or export it again and re-upload`,
  );
}
