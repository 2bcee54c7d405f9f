import { ExtractionError } from '../extraction-error.js';

/**
 * Text of a PDF laid out as lines, with a blank line where the vertical gap between lines is a
 * paragraph gap and a form feed between pages: the same shape as pdftotext output, so one
 * normaliser serves both. The text itself comes from unpdf (pdf.js).
 */

interface PositionedText {
  text: string;
  x: number;
  y: number;
  width: number;
  fontSize: number;
}

interface TextLine {
  y: number;
  fontSize: number;
  runs: PositionedText[];
}

interface PdfTextItem {
  str?: unknown;
  transform?: unknown;
  width?: unknown;
  height?: unknown;
}

/** Vertical gap, in multiples of the font size, above which two lines are separate paragraphs. */
const PARAGRAPH_GAP = 1.65;
/** Horizontal gap, in multiples of the font size, above which two runs are separate table cells. */
const COLUMN_GAP = 2.5;

function positionedTextOf(item: PdfTextItem): PositionedText | null {
  if (typeof item.str !== 'string' || item.str.length === 0 || !Array.isArray(item.transform)) return null;
  const [a, b, c, d, e, f] = item.transform as number[];
  if (![a, b, c, d, e, f].every(Number.isFinite)) return null;
  const fontSize = Math.max(Math.hypot(c, d), Math.hypot(a, b), 1);
  const width = typeof item.width === 'number' && Number.isFinite(item.width) ? item.width : 0;
  return { text: item.str, x: e, y: f, width, fontSize };
}

function groupIntoLines(runs: PositionedText[]): TextLine[] {
  const sorted = [...runs].sort((first, second) => second.y - first.y || first.x - second.x);
  const lines: TextLine[] = [];
  for (const run of sorted) {
    if (run.text.trim().length === 0 && run.width === 0) continue;
    const line = lines[lines.length - 1];
    // Superscripts and mixed fonts sit a little off the baseline; half a font size still counts as the same line.
    if (line && Math.abs(line.y - run.y) <= 0.5 * Math.max(line.fontSize, run.fontSize)) {
      line.runs.push(run);
      if (run.text.trim().length > 0 && run.fontSize > line.fontSize) line.fontSize = run.fontSize;
    } else {
      lines.push({ y: run.y, fontSize: run.fontSize, runs: [run] });
    }
  }
  return lines;
}

function lineText(line: TextLine): string {
  const runs = [...line.runs].sort((first, second) => first.x - second.x);
  let text = '';
  let end = Number.NEGATIVE_INFINITY;
  for (const run of runs) {
    const gap = run.x - end;
    if (text.length > 0) {
      if (gap > COLUMN_GAP * line.fontSize) text += '\t';
      else if (gap > 0.15 * line.fontSize && !/\s$/.test(text) && !/^\s/.test(run.text)) text += ' ';
    }
    text += run.text;
    end = Math.max(end, run.x + run.width);
  }
  return text.replace(/(?<![ \t])[ \t]*\t[ \t]*/g, '\t').replace(/ {2,}/g, ' ').trim();
}

export function layOutPageText(items: readonly PdfTextItem[]): string {
  const runs: PositionedText[] = [];
  for (const item of items) {
    const run = positionedTextOf(item);
    if (run) runs.push(run);
  }
  const lines = groupIntoLines(runs);
  const output: string[] = [];
  let previous: TextLine | null = null;
  for (const line of lines) {
    const text = lineText(line);
    if (text.length === 0) continue;
    if (previous && previous.y - line.y > PARAGRAPH_GAP * Math.max(previous.fontSize, line.fontSize)) output.push('');
    output.push(text);
    previous = line;
  }
  return output.join('\n');
}

export interface PdfText {
  pageCount: number;
  text: string;
}

export interface PdfLimits {
  /** More pages than this are refused before any page is read. */
  maxPages?: number;
}

/**
 * Reads the text layer of a PDF. Throws an ExtractionError for a PDF over the limits, and
 * whatever pdf.js throws for a damaged file.
 */
export async function readPdfText(bytes: Uint8Array, limits: PdfLimits = {}): Promise<PdfText> {
  const { getDocumentProxy } = await import('unpdf');
  // pdf.js may detach the buffer it is given, so it gets a copy and the caller keeps theirs.
  const document = await getDocumentProxy(new Uint8Array(bytes), {
    verbosity: 0,
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
  });
  try {
    if (limits.maxPages !== undefined && document.numPages > limits.maxPages) {
      throw new ExtractionError(
        'TOO_MANY_PAGES',
        `the PDF has ${document.numPages} pages, over the limit of ${limits.maxPages} (MAX_PDF_PAGES): upload the inspection report alone`,
      );
    }
    const pages: string[] = [];
    for (let pageNumber = 1; pageNumber <= document.numPages; pageNumber += 1) {
      const page = await document.getPage(pageNumber);
      const content = await page.getTextContent();
      pages.push(layOutPageText(content.items as PdfTextItem[]));
      page.cleanup();
    }
    return { pageCount: document.numPages, text: pages.join('\n\f') };
  } finally {
    await document.destroy();
  }
}
