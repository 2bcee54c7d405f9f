/**
 * Turns report text (pdftotext output, our own PDF text, markdown) into clean lines: page
 * furniture removed, markup stripped, list markers left in place for the list parsers. A blank
 * line ('') marks a gap: a paragraph break or a page break.
 */

/** Bullet characters seen in converted reports, including the private-use glyphs of Symbol/Wingdings fonts. */
const BULLET_CHARACTERS = new Set([
  '-', '*', '\u2022', '\u2023', '\u2043', '\u25AA', '\u25AB', '\u25A0', '\u25FC', '\u25FE', '\u25CF', '\u25E6', '\u2219', '\u00B7', '\u27A2', '\u2794', '\u2192',
]);

export function isBulletCharacter(char: string): boolean {
  if (BULLET_CHARACTERS.has(char)) return true;
  const code = char.charCodeAt(0);
  return code >= 0xf000 && code <= 0xf0ff;
}

/** A glyph that is a bullet on its own (not '-' or '*', which need a following space to be bullets). */
function isGlyphBullet(char: string): boolean {
  return char !== '-' && char !== '*' && isBulletCharacter(char);
}

const LIGATURES: Record<string, string> = { '\uFB00': 'ff', '\uFB01': 'fi', '\uFB02': 'fl', '\uFB03': 'ffi', '\uFB04': 'ffl', '\uFB05': 'st', '\uFB06': 'st' };

/**
 * Every character the normaliser rewrites, found in one scan: carriage returns, control and
 * invisible characters (dropped), unusual spaces (made plain), ligatures (spelt out), and
 * combining accents (which ask for NFC composition).
 */
const CHARACTERS_TO_REWRITE = /[\r\u0000-\u0008\u000B\u000E-\u001F\u007F-\u00A0\u00AD\u0300-\u036F\u2000-\u200D\u202F\u205F\u2060\u3000\uFB00-\uFB06\uFEFF]/g;
const HTML_TAG = /<\/?[a-zA-Z][^<>]{0,80}>/g;
const MARKDOWN_HEADING = /^#{1,6}\s+/;
// Link text holds no '[': otherwise a line of many '[' is re-read up to 300 characters from each of them.
const MARKDOWN_LINK = /\[([^[\]\n]{1,300})\]\((?:[^)\s]{1,500})\)/g;
const MARKDOWN_STRONG = /\*\*|__/g;
const MARKDOWN_EMPHASIS = /(^|[\s(])\*(\S(?:[^*\n]{0,300}\S)?)\*(?=[\s).,;:!?]|$)/g;
const MARKDOWN_RULE = /^(?:-{3,}|\*{3,}|_{3,}|={3,})$/;
const TABLE_SEPARATOR = /^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?$/;
const SPACE_RUNS = / {2,}/g;
const TAB_RUNS = /(?<!\s)\s*\t\s*/g;
const PAGE_NUMBER = /^(?:page\s+)?\d{1,3}(?:\s+of\s+\d{1,3})?$/i;
const DIGITS = /\d+/g;
const HAS_WORD = /[A-Za-z]{3}/;
const HYPHENATED_WORD_END = /([A-Za-z]{1,40})-$/;
const NUMBER_ONLY = /^\(?\d{1,3}[.)]$/;
const STARTS_LOWER_OR_DIGIT = /^(?:[-\u2022]\s+)?[a-z0-9]/;

/** Prefixes whose hyphen is part of the word ("multi-agency"), not a line-end break ("assess-ment"). */
const HYPHENATED_PREFIXES = new Set([
  'anti', 'co', 'cross', 'cost', 'counter', 'cyber', 'ex', 'extra', 'far', 'full', 'half', 'high', 'inter', 'intra', 'long', 'low', 'mid', 'multi',
  'non', 'one', 'out', 'over', 'part', 'post', 'pre', 're', 'self', 'semi', 'short', 'single', 'step', 'sub', 'under', 'well', 'wide', 'year',
  'two', 'three', 'four', 'five', 'six', 'age', 'child', 'family', 'front', 'good', 'best', 'in', 'up', 'day', 'face', 'peer', 'life', 'on',
]);

const RULE_START = /^[-*_=]/;

/** Which kinds of markup a document contains at all, so that lines of plain PDF text skip every rewrite. */
export interface MarkupInDocument {
  tags: boolean;
  links: boolean;
  emphasis: boolean;
  tabs: boolean;
  spaceRuns: boolean;
}

const ALL_MARKUP: MarkupInDocument = { tags: true, links: true, emphasis: true, tabs: true, spaceRuns: true };

export function markupIn(text: string): MarkupInDocument {
  return {
    tags: text.includes('<'),
    links: text.includes(']('),
    emphasis: text.includes('*') || text.includes('__'),
    tabs: text.includes('\t'),
    spaceRuns: text.includes('  '),
  };
}

/** A cleaned line, or null for a line that is only markup and leaves no gap (a table's separator row). */
export function cleanLine(raw: string, markup: MarkupInDocument = ALL_MARKUP): string | null {
  let line = raw;
  if (markup.tags && line.includes('<')) line = line.replace(HTML_TAG, (tag) => (/^<\/?(?:sup|sub|b|i|strong|em|span|u)\b/i.test(tag) ? '' : ' '));
  if (line.startsWith('#')) line = line.replace(MARKDOWN_HEADING, '');
  if (markup.links && line.includes('](')) line = line.replace(MARKDOWN_LINK, '$1');
  if (markup.emphasis) {
    if (line.includes('**') || line.includes('__')) line = line.replace(MARKDOWN_STRONG, '');
    if (line.includes('*')) line = line.replace(MARKDOWN_EMPHASIS, '$1$2');
  }
  if (line.startsWith('|')) {
    if (TABLE_SEPARATOR.test(line.trim())) return null;
    line = line
      .split('|')
      .map((cell) => cell.trim())
      .filter((cell) => cell.length > 0)
      .join('\t');
  }
  if (markup.tabs && line.includes('\t')) line = line.replace(TAB_RUNS, '\t');
  if (markup.spaceRuns && line.includes('  ')) line = line.replace(SPACE_RUNS, ' ');
  line = line.trim();
  return RULE_START.test(line) && MARKDOWN_RULE.test(line) ? '' : line;
}

function runningLineKey(line: string): string {
  return line.replace(DIGITS, '#').toLowerCase();
}

/** Lines repeated at the top or bottom of many pages: running headers and footers. */
function findRunningLines(pages: string[][]): Set<string> {
  const running = new Set<string>();
  if (pages.length < 3) return running;
  const pagesByKey = new Map<string, number>();
  for (const page of pages) {
    const seen = new Set<string>();
    const nonBlank = page.filter((line) => line.length > 0);
    const edge = [...nonBlank.slice(0, 3), ...nonBlank.slice(-4)];
    for (const line of edge) {
      // Item numbers ("4.") also open and close pages; only lines with words can be headers.
      if (line.length > 160 || !HAS_WORD.test(line)) continue;
      const key = runningLineKey(line);
      if (seen.has(key)) continue;
      seen.add(key);
      pagesByKey.set(key, (pagesByKey.get(key) ?? 0) + 1);
    }
  }
  const threshold = Math.max(3, Math.ceil(pages.length * 0.3));
  for (const [key, count] of pagesByKey) if (count >= threshold) running.add(key);
  return running;
}

function removePageFurniture(page: string[], running: Set<string>): string[] {
  const nonBlankIndexes: number[] = [];
  for (let i = 0; i < page.length; i += 1) if (page[i].length > 0) nonBlankIndexes.push(i);
  const edge = new Set([...nonBlankIndexes.slice(0, 3), ...nonBlankIndexes.slice(-4)]);
  const kept: string[] = [];
  for (let i = 0; i < page.length; i += 1) {
    const line = page[i];
    if (line.length > 0) {
      if (PAGE_NUMBER.test(line)) {
        kept.push('');
        continue;
      }
      if (running.size > 0 && edge.has(i) && running.has(runningLineKey(line))) {
        kept.push('');
        continue;
      }
    }
    kept.push(line);
  }
  return kept;
}

const FOOTNOTE_REFERENCE = /[A-Za-z?:.,;)’'"](\d{1,2})$/;
const FOOTNOTE_MARK = /^\d{1,2}$/;
/** How far from a page's foot a footnote may start, and how long its text may be. */
const FOOTNOTE_REACH = 12;
const MAX_FOOTNOTE_LINES = 6;

/**
 * A footnote at a page's foot: its mark alone on a line ("1") that a line higher on the page
 * refers to ("What needs to improve?1"), then its text to the foot of the page. Left in, its
 * text would end a list that carries on over the page ("The areas for improvement have been
 * cross-referenced with ...").
 */
function removeFootnote(page: string[]): string[] {
  const nonBlank: number[] = [];
  for (let i = 0; i < page.length; i += 1) if (page[i].length > 0) nonBlank.push(i);
  const tail = nonBlank.slice(-FOOTNOTE_REACH);
  for (const markIndex of tail) {
    const mark = page[markIndex];
    if (!FOOTNOTE_MARK.test(mark)) continue;
    const referred = page.slice(0, markIndex).some((line) => line.length > 3 && FOOTNOTE_REFERENCE.exec(line)?.[1] === mark);
    if (!referred) continue;
    // The footnote's text: one paragraph after its mark, with nothing after it but a page number.
    let start = markIndex + 1;
    while (start < page.length && page[start].length === 0) start += 1;
    let end = start;
    while (end < page.length && page[end].length > 0) end += 1;
    const text: number[] = [];
    for (let index = start; index < end; index += 1) text.push(index);
    const rest = page.slice(end).filter((line) => line.length > 0);
    if (text.length === 0 || text.length > MAX_FOOTNOTE_LINES || rest.some((line) => !FOOTNOTE_MARK.test(line))) continue;
    if (page[text[0]].length < 30 || !/^[A-Z]/.test(page[text[0]]) || !/[.)]$/.test(page[text[text.length - 1]])) continue;
    const removed = new Set([markIndex, ...text]);
    return page.map((line, index) => (removed.has(index) ? '' : line));
  }
  return page;
}

function endsWithHyphenatedWord(line: string): boolean {
  const length = line.length;
  if (length < 2 || line.charCodeAt(length - 1) !== 0x2d) return false;
  const before = line.charCodeAt(length - 2) | 0x20;
  return before >= 0x61 && before <= 0x7a;
}

function nextNonBlank(lines: string[], from: number): number {
  for (let i = from; i < lines.length; i += 1) if (lines[i].length > 0) return i;
  return -1;
}

/**
 * Joins what converters split: a bullet glyph or an item number alone on its line with the text
 * after it, and a word hyphenated across a line (or page) break.
 */
function joinSplitLines(lines: string[]): string[] {
  const joined: string[] = [];
  for (let i = 0; i < lines.length; i += 1) {
    let line = lines[i];
    if (line.length === 0) {
      if (joined.length > 0 && joined[joined.length - 1].length > 0) joined.push('');
      continue;
    }
    // A glyph or number alone on a line belongs to the next text line, even across a gap.
    while ((line.length === 1 && isGlyphBullet(line)) || NUMBER_ONLY.test(line)) {
      const next = nextNonBlank(lines, i + 1);
      if (next < 0) break;
      const nextLine = lines[next];
      if ((nextLine.length === 1 && isGlyphBullet(nextLine)) || NUMBER_ONLY.test(nextLine)) break;
      line = `${line} ${nextLine}`;
      i = next;
    }
    while (endsWithHyphenatedWord(line)) {
      const next = nextNonBlank(lines, i + 1);
      if (next < 0) break;
      const nextLine = lines[next];
      if (!STARTS_LOWER_OR_DIGIT.test(nextLine)) break;
      const continuation = nextLine.replace(/^[-\u2022]\s+/, '');
      const fragment = HYPHENATED_WORD_END.exec(line)?.[1].toLowerCase() ?? '';
      const keepHyphen = HYPHENATED_PREFIXES.has(fragment) || /^\d/.test(continuation);
      line = keepHyphen ? `${line}${continuation}` : `${line.slice(0, -1)}${continuation}`;
      i = next;
    }
    joined.push(line);
  }
  while (joined.length > 0 && joined[joined.length - 1].length === 0) joined.pop();
  return joined;
}

export function normaliseReportText(raw: string): string[] {
  let combiningAccents = false;
  let text = raw.replace(CHARACTERS_TO_REWRITE, (char, offset: number) => {
    const code = char.charCodeAt(0);
    if (code === 0x0d) return raw.charCodeAt(offset + 1) === 0x0a ? '' : '\n';
    if (code >= 0x0300 && code <= 0x036f) {
      combiningAccents = true;
      return char;
    }
    if (code === 0x00a0 || (code >= 0x2000 && code <= 0x200a) || code === 0x202f || code === 0x205f || code === 0x3000) return ' ';
    return LIGATURES[char] ?? '';
  });
  if (combiningAccents) text = text.normalize('NFC');
  const markup = markupIn(text);
  const pages = text.split('\f').map((page) => {
    const lines: string[] = [];
    for (const raw of page.split('\n')) {
      const line = cleanLine(raw, markup);
      if (line !== null) lines.push(line);
    }
    return lines;
  });
  for (let i = 0; i < pages.length; i += 1) pages[i] = removeFootnote(pages[i]);
  const running = findRunningLines(pages);
  const lines: string[] = [];
  for (const page of pages) {
    for (const line of removePageFurniture(page, running)) lines.push(line);
    lines.push('');
  }
  return joinSplitLines(lines);
}
