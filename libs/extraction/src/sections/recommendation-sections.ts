import type { Timeframe } from '#deadlines';
import { headingKey, headingRoleOf, type HeadingRole, type ReportPart } from '../layouts/index.js';
import {
  bulletClass,
  endsMidSentence,
  endsSentence,
  isIntroduction,
  isNoItemsSentence,
  isSubBulletGlyph,
  looksLikeHeading,
  parseItemStart,
  readsLikeRecommendation,
  startsLikeContinuation,
  type ItemStart,
} from './list-lines.js';

/** A recommendation as found in the text, before addressee, bodies and dates are worked out. */
export interface FoundItem {
  /** The report's own paragraph number, when it prints one. */
  number: number | null;
  text: string;
  timeframe: Timeframe;
  theme: string | null;
  part: ReportPart;
}

export interface FoundSections {
  items: FoundItem[];
  /** Whether any recommendations heading was found (outside a table of contents). */
  sawRecommendationsHeading: boolean;
  /** The headings (as heading keys) that opened sections or lists, in document order. */
  listHeadings: string[];
}

interface OpenItem {
  number: number | null;
  parts: string[];
  subItems: string[][];
  /** An introduction ("In order to improve ... the following action.") is read and then dropped. */
  isIntroduction: boolean;
}

interface OpenSection {
  timeframe: Timeframe;
  theme: string | null;
  /** The bullet class of the section's top-level items, once one has been seen. */
  listBullet: string | null;
  numbered: boolean;
  lastNumber: number | null;
  /** Lines read since the heading without finding an item; too many means the heading was not a list. */
  strayLines: number;
  /** Set when the current theme was inferred from a bare subheading, so its first item is checked. */
  themeUnconfirmed: boolean;
}

/** After this many non-item lines a heading is taken not to open a list after all. */
const MAX_STRAY_LINES = 4;
/** A table of contents longer than this is not one. */
const MAX_CONTENTS_LINES = 160;

function joinText(parts: readonly string[]): string {
  let text = '';
  for (const part of parts) {
    if (part.length === 0) continue;
    text = text.length === 0 ? part : `${text} ${part}`;
  }
  return text;
}

/** Sub-bullets fold into their parent item, separated as a list would be read aloud. */
function itemText(item: OpenItem): string {
  let text = joinText(item.parts);
  for (const sub of item.subItems) {
    const subText = joinText(sub);
    if (subText.length === 0) continue;
    if (text.length === 0) text = subText;
    else text += /[:;,]$/.test(text) ? ` ${subText}` : `; ${subText}`;
  }
  return text;
}

function lastTextOf(item: OpenItem): string {
  const parts = item.subItems.length > 0 ? item.subItems[item.subItems.length - 1] : item.parts;
  return parts.length > 0 ? parts[parts.length - 1] : '';
}

function appendTo(item: OpenItem, line: string): void {
  if (item.subItems.length > 0) item.subItems[item.subItems.length - 1].push(line);
  else item.parts.push(line);
}

function isContentsEnd(line: string, start: ItemStart | null): boolean {
  if (start && start.text.length > 30) return true;
  if (line.length > 100) return true;
  return line.endsWith('.') && line.split(' ').length >= 8;
}

/**
 * Walks the normalised lines once, tracking which part of the report it is in (local authority
 * or LSCB), which recommendations section and timeframe list is open, and the item being read.
 */
class RecommendationSectionReader {
  readonly items: FoundItem[] = [];
  readonly listHeadings: string[] = [];
  sawRecommendationsHeading = false;
  private part: ReportPart = 'local_authority';
  private section: OpenSection | null = null;
  private current: OpenItem | null = null;
  private inContents = false;
  private contentsLines = 0;

  constructor(private readonly lines: readonly string[]) {}

  read(): void {
    const lines = this.lines;
    let gap = false;
    for (let i = 0; i < lines.length; i += 1) {
      const line = lines[i];
      if (line.length === 0) {
        gap = true;
        continue;
      }
      const lineAfterGap = gap;
      gap = false;
      i = this.readLine(i, line, lineAfterGap);
    }
    this.closeSection();
  }

  /** Reads one non-blank line; returns the index of the last line it consumed. */
  private readLine(i: number, line: string, lineAfterGap: boolean): number {
    const current = this.current;
    // Headings start with a capital; a wrapped line such as "recommendations." inside an item is not one.
    const couldBeHeading = /^[A-Z0-9]/.test(line) && !(current && !lineAfterGap && endsMidSentence(lastTextOf(current)));
    let role = couldBeHeading ? headingRoleOf(line) : null;
    let consumed = i;
    // Part headings wrap ("Section 2: The effectiveness of the Local Safeguarding" / "Children Board").
    if (!role && couldBeHeading && /^section 2\b/i.test(line) && i + 1 < this.lines.length) {
      const joined = headingRoleOf(`${line} ${this.lines[i + 1]}`);
      if (joined?.kind === 'part') {
        role = joined;
        consumed = i + 1;
      }
    }

    if (this.inContents) {
      this.contentsLines += 1;
      const stillContents = role?.kind === 'contents' || (this.contentsLines <= MAX_CONTENTS_LINES && !isContentsEnd(line, parseItemStart(line)));
      if (stillContents) return consumed;
      this.inContents = false;
    }

    if (role) {
      if (role.kind === 'section' || role.kind === 'list') this.listHeadings.push(headingKey(line));
      this.applyHeading(role);
      return consumed;
    }
    const section = this.section;
    if (!section) return i;
    if (isNoItemsSentence(line)) {
      this.finishItem();
      return i;
    }
    const start = parseItemStart(line);
    if (start) {
      this.readItemStart(start, section);
      return i;
    }
    if (!current) {
      this.readLineBeforeItem(i, line, section);
      return i;
    }
    this.readLineInItem(i, line, lineAfterGap, current, section);
    return i;
  }

  private readItemStart(start: ItemStart, section: OpenSection): void {
    const item = this.current;
    if (start.number !== null) {
      // Numbering that goes backwards belongs to something else (a table, the next part's findings).
      if (section.lastNumber !== null && start.number <= section.lastNumber && !isIntroduction(start.text)) {
        this.closeSection();
        return;
      }
      if (section.themeUnconfirmed) {
        section.themeUnconfirmed = false;
        if (!readsLikeRecommendation(start.text)) {
          // The "theme" was the heading of the findings after the list.
          this.closeSection();
          return;
        }
      }
      this.startItem(start, section);
      return;
    }
    const bullet = start.bullet ?? '-';
    if (item && !item.isIntroduction) {
      const isSubBullet =
        (section.numbered && item.number !== null) ||
        (isSubBulletGlyph(bullet) && section.listBullet !== bulletClass(bullet)) ||
        (section.listBullet !== null && section.listBullet !== '-' && bulletClass(bullet) !== section.listBullet);
      if (isSubBullet) {
        item.subItems.push([start.text]);
        return;
      }
      // A bullet cut by a page break: the converter gave the continuation a bullet of its own.
      if (endsMidSentence(lastTextOf(item)) && startsLikeContinuation(start.text)) {
        appendTo(item, start.text);
        return;
      }
    }
    this.startItem(start, section);
  }

  private readLineBeforeItem(i: number, line: string, section: OpenSection): void {
    if (looksLikeHeading(line) && this.nextStartsItem(i + 1)) {
      section.theme = line;
      section.themeUnconfirmed = section.lastNumber !== null;
      return;
    }
    if (isIntroduction(line)) {
      this.current = { number: null, parts: [line], subItems: [], isIntroduction: true };
      return;
    }
    section.strayLines += 1;
    if (section.strayLines > MAX_STRAY_LINES) this.closeSection();
  }

  private readLineInItem(i: number, line: string, lineAfterGap: boolean, item: OpenItem, section: OpenSection): void {
    const previous = lastTextOf(item);
    if (previous.length === 0) {
      appendTo(item, line);
      return;
    }
    if (!lineAfterGap) {
      // Without a gap only a subheading directly followed by the next item is taken as a theme; a
      // sentence of the item that happens to fill a line ("Improve the quality of ...") is not.
      if (endsSentence(previous) && looksLikeHeading(line) && !readsLikeRecommendation(line) && this.nextStartsItem(i + 1)) {
        this.finishItem();
        section.theme = line;
        section.themeUnconfirmed = true;
        return;
      }
      appendTo(item, line);
      return;
    }
    if (startsLikeContinuation(line) || endsMidSentence(previous) || (item.isIntroduction && !endsSentence(previous))) {
      appendTo(item, line);
      return;
    }
    if (looksLikeHeading(line) && this.nextStartsItem(i + 1)) {
      this.finishItem();
      section.theme = line;
      section.themeUnconfirmed = true;
      return;
    }
    this.closeSection();
  }

  private nextStartsItem(from: number): boolean {
    for (let i = from; i < this.lines.length; i += 1) if (this.lines[i].length > 0) return parseItemStart(this.lines[i]) !== null;
    return false;
  }

  private finishItem(): void {
    const item = this.current;
    const section = this.section;
    this.current = null;
    if (!item || !section || item.isIntroduction) return;
    const text = itemText(item);
    if (text.length > 0) this.items.push({ number: item.number, text, timeframe: section.timeframe, theme: section.theme, part: this.part });
  }

  private closeSection(): void {
    this.finishItem();
    this.section = null;
  }

  private openSection(timeframe: Timeframe): void {
    this.closeSection();
    this.sawRecommendationsHeading = true;
    this.section = { timeframe, theme: null, listBullet: null, numbered: false, lastNumber: null, strayLines: 0, themeUnconfirmed: false };
  }

  private startItem(start: ItemStart, section: OpenSection): void {
    this.finishItem();
    const introduction = isIntroduction(start.text);
    this.current = { number: start.number, parts: [start.text], subItems: [], isIntroduction: introduction };
    if (introduction) return;
    if (start.number !== null) {
      section.numbered = true;
      section.lastNumber = start.number;
    } else if (section.listBullet === null && start.bullet) {
      section.listBullet = bulletClass(start.bullet);
    }
    section.strayLines = 0;
  }

  private applyHeading(role: HeadingRole): void {
    switch (role.kind) {
      case 'contents':
        this.closeSection();
        this.inContents = true;
        this.contentsLines = 0;
        return;
      case 'part':
        this.closeSection();
        this.part = role.part;
        return;
      case 'end':
        this.closeSection();
        return;
      case 'section':
        if (role.part) this.part = role.part;
        this.openSection(role.timeframe);
        return;
      case 'list': {
        const section = this.section;
        if (!section) {
          this.openSection(role.timeframe);
          return;
        }
        this.finishItem();
        section.timeframe = role.timeframe;
        section.theme = null;
        section.themeUnconfirmed = false;
        section.strayLines = 0;
        this.sawRecommendationsHeading = true;
        return;
      }
    }
  }
}

export function findRecommendationSections(lines: readonly string[]): FoundSections {
  const reader = new RecommendationSectionReader(lines);
  reader.read();
  return { items: reader.items, sawRecommendationsHeading: reader.sawRecommendationsHeading, listHeadings: reader.listHeadings };
}
