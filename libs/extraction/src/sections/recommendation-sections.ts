import { formatFromTitle, headingKey, headingMatchOf, type HeadingRole, type LayoutFamily, type ReportPart } from '../layouts/index.js';
import type { ExtractionWarning } from '../report-draft.js';
import {
  bulletClass,
  endsMidSentence,
  endsSentence,
  isIntroduction,
  isNoItemsSentence,
  isSubBulletGlyph,
  isSubheadingShape,
  looksLikeHeading,
  parseItemStart,
  opensLikeRecommendation,
  opensAsRecommendation,
  opensWithImperative,
  opensWithPlainImperative,
  readsLikeArea,
  recommendationsHeadingShape,
  readsLikeRecommendation,
  startsLikeContinuation,
  timeframeHeading,
  type ItemStart,
} from './list-lines.js';
import type { Timeframe } from '#core';

/** A recommendation as found in the text, before addressee, bodies and dates are worked out. */
export interface FoundItem {
  /** The report's own paragraph number, when it prints one. */
  number: number | null;
  text: string;
  timeframe: Timeframe;
  theme: string | null;
  part: ReportPart;
  /** Which recommendations section (in document order) the item was read in. */
  section: number;
}

/** A recommendations section that was opened, and what was under it. */
export interface SectionSeen {
  heading: string;
  part: ReportPart;
  items: number;
  /** "There are no areas for priority action": what the report says instead of a list. */
  noItemsSentence: string | null;
  /** The first line under the heading that was neither an item nor a subheading. */
  firstProse: string | null;
}

export interface FoundSections {
  items: FoundItem[];
  /** Whether any recommendations heading was found (outside a table of contents). */
  sawRecommendationsHeading: boolean;
  /** The headings (as heading keys) that opened sections or lists, in document order. */
  listHeadings: string[];
  sections: SectionSeen[];
  warnings: ExtractionWarning[];
  /** Lists outside every section whose heading no layout knows: where recommendations may hide when none were found. */
  listsUnderUnfamiliarHeadings: { heading: string; firstItem: string }[];
}

interface OpenItem {
  number: number | null;
  parts: string[];
  subItems: string[][];
  /** An introduction ("In order to improve ... the following action.") is read and then dropped. */
  isIntroduction: boolean;
}

interface OpenSection {
  index: number;
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
  /** The heading that set the current timeframe, as printed, for messages. */
  listName: string;
  /** Set when the current theme is a subheading of a layout that has none: warned about with its first item. */
  unexpectedTheme: boolean;
  /** How the section's items are worded, to recognise more of them after an interruption. */
  items: number;
  areaItems: number;
  directiveItems: number;
}

/**
 * A list that ended at something other than a heading the layout knows (prose, an unfamiliar
 * heading, a table): kept for a while in case the list turns out to go on after it.
 */
interface SuspendedList {
  section: OpenSection;
  part: ReportPart;
  /** Non-blank lines left before the list is taken to be over for good. */
  linesLeft: number;
  /** The line the list ended at. */
  near: string;
  /** A heading-like line seen since: the theme of the items if the list goes on. */
  heading: string | null;
  /** Whether later bullets that read like recommendations have been reported already. */
  reported: boolean;
  /** Ended at a heading of the layout's own: only the very next line, continuing the list as a recommendation, resumes it. */
  atKnownHeading: boolean;
}

/** After this many non-item lines a heading is taken not to open a list after all. */
const MAX_STRAY_LINES = 4;
/** A table of contents longer than this is not one. */
const MAX_CONTENTS_LINES = 160;
/** How many lines after an unexplained end a list may still turn out to continue. */
const SUSPENDED_LINES = 60;
/** How many lines after an unexplained end further bullets are reported as possibly missed. */
const REPORTED_BULLET_LINES = 12;
const NEAR_LENGTH = 100;

/** A range broken at its dash over a line end ("paragraphs 129–" / "130"): the parts join without a space. */
const RANGE_BROKEN_AT_DASH = /\d[-\u2010-\u2015]$/;

function joinText(parts: readonly string[]): string {
  let text = '';
  for (const part of parts) {
    if (part.length === 0) continue;
    if (text.length === 0) text = part;
    else if (RANGE_BROKEN_AT_DASH.test(text) && /^\d/.test(part)) text += part;
    else text = `${text} ${part}`;
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

/** Whether an item's opening is worded as most of the list's items are: as areas ("The quality of ..."), or as instructions. */
function wordedLike(section: OpenSection, text: string): boolean {
  if (section.items === 0) return false;
  if (section.areaItems * 2 > section.items) return readsLikeArea(text);
  if (section.directiveItems * 2 > section.items) return opensLikeRecommendation(text);
  return false;
}

function isContentsEnd(line: string, start: ItemStart | null): boolean {
  if (start && start.text.length > 30) return true;
  if (line.length > 100) return true;
  return line.endsWith('.') && line.split(' ').length >= 8;
}

/** A line of the report, shortened for a warning's `near`. */
export function nearText(line: string): string {
  return line.length <= NEAR_LENGTH ? line : `${line.slice(0, NEAR_LENGTH - 1)}…`;
}

/**
 * Walks the normalised lines once, tracking which part of the report it is in (local authority
 * or LSCB), which recommendations section and timeframe list is open, and the item being read.
 */
class RecommendationSectionReader {
  readonly items: FoundItem[] = [];
  readonly listHeadings: string[] = [];
  readonly sections: SectionSeen[] = [];
  readonly warnings: ExtractionWarning[] = [];
  sawRecommendationsHeading = false;
  private part: ReportPart;
  private section: OpenSection | null = null;
  private current: OpenItem | null = null;
  private suspended: SuspendedList | null = null;
  private unreadList: { heading: string; known: boolean; kind: string; first: string; items: { text: string; bullet: boolean }[] } | null = null;
  /** The heading a list outside every section would sit straight under. */
  private listHeading: { line: string; known: boolean; proseLines: number } | null = null;
  private previousLine = '';
  readonly listsUnderUnfamiliarHeadings: { heading: string; firstItem: string }[] = [];
  private inContents = false;
  private contentsLines = 0;
  private readonly sectionKeys = new Set<string>();

  constructor(
    private readonly lines: readonly string[],
    private readonly family: LayoutFamily | null,
    initialPart: ReportPart,
  ) {
    this.part = initialPart;
  }

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
      this.previousLine = lines[i];
    }
    this.closeSection();
    this.endUnreadList();
  }

  private warn(code: ExtractionWarning['code'], message: string, near: string | null): void {
    this.warnings.push({ code, message, near: near === null ? null : nearText(near) });
  }

  /**
   * The heading a line is, for this report. A heading that only another family uses to close its
   * list ("Leadership and management" after a 2013 list) is a subheading here, not an end.
   */
  private roleOf(line: string): { role: HeadingRole | null; foreignEnd: boolean } {
    const match = headingMatchOf(line);
    if (!match) return { role: null, foreignEnd: false };
    if (match.role.kind === 'end' && this.family && !match.families.has(this.family.format)) return { role: null, foreignEnd: true };
    return { role: match.role, foreignEnd: false };
  }

  /** Reads one non-blank line; returns the index of the last line it consumed. */
  private readLine(i: number, line: string, lineAfterGap: boolean): number {
    const current = this.current;
    // Headings start with a capital; a wrapped line such as "recommendations." inside an item is not one.
    const couldBeHeading = /^[A-Z0-9]/.test(line) && !(current && !lineAfterGap && endsMidSentence(lastTextOf(current)));
    let role = couldBeHeading ? this.roleOf(line).role : null;
    let consumed = i;
    // Part headings wrap ("Section 2: The effectiveness of the Local Safeguarding" / "Children Board").
    if (!role && couldBeHeading && /^section 2\b/i.test(line) && i + 1 < this.lines.length) {
      const joined = this.roleOf(`${line} ${this.lines[i + 1]}`).role;
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
      this.applyHeading(role, line);
      return consumed;
    }
    const section = this.section;
    if (!section) {
      if (couldBeHeading && this.readUnfamiliarSectionHeading(i, line)) return i;
      this.readLineAfterList(i, line);
      this.watchForUnreadList(line, lineAfterGap || endsSentence(this.previousLine) || this.unreadList === null);
      return i;
    }
    if (isNoItemsSentence(line)) {
      this.noItems(line);
      return i;
    }
    const start = parseItemStart(line);
    if (start) {
      this.readItemStart(start, section, line);
      return i;
    }
    if (!current) {
      this.readLineBeforeItem(i, line, section);
      return i;
    }
    this.readLineInItem(i, line, lineAfterGap, current, section);
    return i;
  }

  private noItems(line: string): void {
    this.finishItem();
    const seen = this.sections[this.sections.length - 1];
    if (seen && seen.noItemsSentence === null) seen.noItemsSentence = line;
  }

  private readItemStart(start: ItemStart, section: OpenSection, line: string): void {
    const item = this.current;
    if (start.number !== null) {
      // Numbering that goes backwards belongs to something else (a table, the next part's findings).
      if (section.lastNumber !== null && start.number <= section.lastNumber && !isIntroduction(start.text)) {
        this.suspendSection(line);
        return;
      }
      if (section.themeUnconfirmed) {
        section.themeUnconfirmed = false;
        if (!readsLikeRecommendation(start.text)) {
          // The "theme" was the heading of the findings after the list.
          this.suspendSection(section.theme ?? line);
          return;
        }
      }
      // "18. There are no areas for priority or immediate action." says a list is empty.
      if (isNoItemsSentence(start.text)) {
        this.noItems(start.text);
        section.lastNumber = start.number;
        return;
      }
      if (section.lastNumber !== null && start.number > section.lastNumber + 1 && !isIntroduction(start.text)) {
        const missing = start.number === section.lastNumber + 2 ? `item ${section.lastNumber + 1}` : `items ${section.lastNumber + 1} to ${start.number - 1}`;
        this.warn(
          'NUMBERING_GAP',
          `The numbering jumps from ${section.lastNumber} to ${start.number}: ${missing} of this list were not found. Add them by hand if they are recommendations.`,
          line,
        );
      }
      this.startItem(start, section);
      return;
    }
    if (isNoItemsSentence(start.text)) {
      this.noItems(start.text);
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
    if (this.readTimeframeHeading(i, line, section)) return;
    if (looksLikeHeading(line) && this.nextStartsItem(i + 1)) {
      this.setTheme(line, section, section.lastNumber !== null);
      return;
    }
    if (isIntroduction(line)) {
      this.current = { number: null, parts: [line], subItems: [], isIntroduction: true };
      return;
    }
    const seen = this.sections[this.sections.length - 1];
    if (seen && seen.firstProse === null && seen.items === 0) seen.firstProse = line;
    section.strayLines += 1;
    if (section.strayLines > MAX_STRAY_LINES) this.suspendSection(line);
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
      if (endsSentence(previous) && this.readTimeframeHeading(i, line, section)) return;
      if (endsSentence(previous) && looksLikeHeading(line) && !readsLikeRecommendation(line) && this.nextStartsItem(i + 1)) {
        this.finishItem();
        this.setTheme(line, section, true);
        return;
      }
      appendTo(item, line);
      return;
    }
    if (startsLikeContinuation(line) || endsMidSentence(previous) || (item.isIntroduction && !endsSentence(previous))) {
      appendTo(item, line);
      return;
    }
    if (this.readTimeframeHeading(i, line, section)) return;
    if ((looksLikeHeading(line) && this.nextStartsItem(i + 1)) || (isSubheadingShape(line) && this.nextContinuesNumbering(i + 1, section))) {
      this.finishItem();
      this.setTheme(line, section, true);
      return;
    }
    this.suspendSection(line);
  }

  /**
   * A subheading that names a timeframe the layout does not spell that way ("In the next three
   * months:"): the items after it take that timeframe.
   */
  private readTimeframeHeading(i: number, line: string, section: OpenSection): boolean {
    const timeframe = timeframeHeading(line);
    if (!timeframe || !this.nextStartsItem(i + 1)) return false;
    this.finishItem();
    this.warn(
      'UNFAMILIAR_HEADING',
      `"${line}" is not a heading this layout uses; the items after it were read as a list with the timeframe it names. Check their timeframe.`,
      line,
    );
    section.timeframe = timeframe;
    section.theme = null;
    section.themeUnconfirmed = false;
    section.unexpectedTheme = false;
    section.listName = line;
    return true;
  }

  private setTheme(line: string, section: OpenSection, unconfirmed: boolean): void {
    section.theme = line;
    section.themeUnconfirmed = unconfirmed;
    // A layout without theme subheadings: said once an item is read under it.
    section.unexpectedTheme = this.family !== null && !this.family.themes;
  }

  /**
   * After a list ended without a heading the layout knows, the next lines may show that it did not
   * end at all: an item numbered one after its last resumes it; bullets that read like
   * recommendations are reported.
   */
  private readLineAfterList(i: number, line: string): void {
    const suspended = this.suspended;
    if (!suspended) return;
    suspended.linesLeft -= 1;
    if (suspended.linesLeft < 0) {
      this.suspended = null;
      return;
    }
    const start = parseItemStart(line);
    const list = suspended.section;
    if (start?.number != null) {
      if (list.lastNumber !== null && start.number === list.lastNumber + 1 && opensLikeRecommendation(start.text) && !isNoItemsSentence(start.text)) {
        this.resume(suspended, start, line);
      }
      return;
    }
    if (start && suspended.atKnownHeading) {
      if (!list.numbered && list.listBullet === bulletClass(start.bullet ?? '-') && opensWithPlainImperative(start.text)) this.resume(suspended, start, line);
      return;
    }
    if (start && !list.numbered && list.listBullet === bulletClass(start.bullet ?? '-') && !suspended.reported) {
      const near = SUSPENDED_LINES - suspended.linesLeft <= REPORTED_BULLET_LINES;
      // Worded like the list's own items, a bullet soon after an interruption (a footnote, a stray paragraph) carries the list on.
      if (near && wordedLike(list, start.text)) {
        this.resume(suspended, start, line);
        return;
      }
      if (near && readsLikeRecommendation(start.text)) {
        suspended.reported = true;
        this.warn(
          'ITEMS_AFTER_LIST',
          `The "${list.listName}" list seemed to end at "${nearText(suspended.near)}", but a bullet that reads like a recommendation follows: check whether the list goes on.`,
          line,
        );
      }
      return;
    }
    if (!start && looksLikeHeading(line) && this.nextStartsItem(i + 1)) suspended.heading = line;
  }

  /**
   * A heading no layout spells this way but that names recommendations ("Areas for development"),
   * followed by a list: read as a recommendations section, and said so.
   */
  private readUnfamiliarSectionHeading(i: number, line: string): boolean {
    const timeframe = recommendationsHeadingShape(line);
    if (timeframe === null || !this.listFollows(i + 1)) return false;
    this.warn(
      'UNFAMILIAR_HEADING',
      `"${line}" is not a heading this layout uses, but it names recommendations and a list follows it: the list was read as recommendations. Check it.`,
      line,
    );
    this.listHeadings.push(headingKey(line));
    this.openSection(timeframe, line);
    return true;
  }

  /** Whether a list starts within the next few lines (after at most a short introduction). */
  private listFollows(from: number): boolean {
    let seen = 0;
    for (let i = from; i < this.lines.length && seen < 3; i += 1) {
      if (this.lines[i].length === 0) continue;
      if (parseItemStart(this.lines[i]) !== null) return true;
      seen += 1;
    }
    return false;
  }

  /**
   * Outside every recommendations section, a list straight under a heading no layout knows may be
   * recommendations under a heading nobody recognised. Items that open as recommendations do
   * ("Ensure ...", "The board should ...") one after another are reported; any such list is kept
   * in case no recommendations are found at all.
   */
  private watchForUnreadList(line: string, mayBeHeading: boolean): void {
    const start = parseItemStart(line);
    const list = this.unreadList;
    if (!start) {
      // Wrapped lines of an item belong to it; a new heading ends the list.
      if (mayBeHeading && looksLikeHeading(line)) {
        this.endUnreadList();
        this.listHeading = formatFromTitle(line) === null ? { line, known: false, proseLines: 0 } : null;
      } else if (list) {
        list.items[list.items.length - 1].text += ` ${line}`;
      } else if (this.listHeading) {
        // A short introduction may sit between the heading and its list.
        this.listHeading.proseLines += 1;
        if (this.listHeading.proseLines > 4) this.listHeading = null;
      }
      return;
    }
    const kind = start.number !== null ? '1' : bulletClass(start.bullet ?? '-');
    if (this.listHeading) {
      this.endUnreadList();
      this.unreadList = { heading: this.listHeading.line, known: this.listHeading.known, kind, first: line, items: [] };
      this.listHeading = null;
    }
    const current = this.unreadList;
    if (!current) return;
    // Sub-bullets fold into the item above them.
    if (kind !== current.kind && current.items.length > 0) current.items[current.items.length - 1].text += ` ${start.text}`;
    else current.items.push({ text: start.text, bullet: start.bullet !== null });
  }

  /**
   * A list outside every section, read to its end: reported when its items read like
   * recommendations or areas for improvement (under a known findings heading, where a summary for
   * children says "The council needs to ...", only imperatives count).
   */
  private endUnreadList(): void {
    const list = this.unreadList;
    this.unreadList = null;
    if (!list || list.items.length === 0) return;
    if (!list.known) this.listsUnderUnfamiliarHeadings.push({ heading: list.heading, firstItem: list.first });
    let alike = 0;
    for (const item of list.items) {
      if (isIntroduction(item.text)) continue;
      const opens = list.known ? opensWithImperative(item.text) : opensAsRecommendation(item.text) || (item.bullet && readsLikeArea(item.text));
      if (opens) alike += 1;
    }
    if (alike >= 2 && alike * 2 >= list.items.length) {
      this.warn(
        'UNREAD_LIST',
        `A list whose items read like recommendations or areas for improvement sits under "${nearText(list.heading)}", which is not a recommendations heading: check whether they are recommendations and add them by hand.`,
        list.first,
      );
    }
  }

  private resume(suspended: SuspendedList, start: ItemStart, line: string): void {
    this.suspended = null;
    this.part = suspended.part;
    const section: OpenSection = { ...suspended.section, theme: suspended.heading ?? suspended.section.theme, strayLines: 0, themeUnconfirmed: false, unexpectedTheme: false };
    this.section = section;
    this.warn(
      'UNFAMILIAR_HEADING',
      `The "${section.listName}" list seemed to end at "${nearText(suspended.near)}", but ${start.number !== null ? `item ${start.number} follows on from item ${section.lastNumber}` : 'its items carry on straight after it'}: the items after it were kept. Check that they are recommendations.`,
      suspended.near,
    );
    this.readItemStart(start, section, line);
  }

  /** Whether the next non-blank line is the list's next numbered item, opening as a recommendation does. */
  private nextContinuesNumbering(from: number, section: OpenSection): boolean {
    if (section.lastNumber === null) return false;
    for (let i = from; i < this.lines.length; i += 1) {
      if (this.lines[i].length === 0) continue;
      const start = parseItemStart(this.lines[i]);
      return start !== null && start.number === section.lastNumber + 1 && opensLikeRecommendation(start.text);
    }
    return false;
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
    if (text.length === 0) return;
    this.items.push({ number: item.number, text, timeframe: section.timeframe, theme: section.theme, part: this.part, section: section.index });
    section.items += 1;
    if (readsLikeArea(text)) section.areaItems += 1;
    if (opensLikeRecommendation(text)) section.directiveItems += 1;
    const seen = this.sections[section.index];
    if (seen) seen.items += 1;
  }

  private closeSection(): void {
    this.finishItem();
    this.section = null;
    this.suspended = null;
  }

  /** Ends the list at something that is not a known heading, remembering it in case it goes on. */
  private suspendSection(near: string, atKnownHeading = false): void {
    const section = this.section;
    const part = this.part;
    this.closeSection();
    if (section && (section.lastNumber !== null || section.listBullet !== null)) {
      this.suspended = {
        section,
        part,
        linesLeft: atKnownHeading ? 1 : SUSPENDED_LINES,
        near,
        heading: atKnownHeading ? near : null,
        reported: false,
        atKnownHeading,
      };
    }
  }

  private openSection(timeframe: Timeframe, heading: string): void {
    this.closeSection();
    this.endUnreadList();
    this.sawRecommendationsHeading = true;
    const index = this.sections.length;
    this.sections.push({ heading, part: this.part, items: 0, noItemsSentence: null, firstProse: null });
    this.section = {
      index,
      timeframe,
      theme: null,
      listBullet: null,
      numbered: false,
      lastNumber: null,
      strayLines: 0,
      themeUnconfirmed: false,
      listName: heading,
      unexpectedTheme: false,
      items: 0,
      areaItems: 0,
      directiveItems: 0,
    };
  }

  private startItem(start: ItemStart, section: OpenSection): void {
    this.finishItem();
    const introduction = isIntroduction(start.text);
    this.current = { number: start.number, parts: [start.text], subItems: [], isIntroduction: introduction };
    if (introduction) return;
    if (section.unexpectedTheme) {
      section.unexpectedTheme = false;
      this.warn(
        'UNFAMILIAR_HEADING',
        `"${section.theme}" inside the "${section.listName}" list is not a heading this layout uses; the items after it were kept in that list. Check their timeframe and that they are recommendations.`,
        section.theme,
      );
    }
    if (start.number !== null) {
      section.numbered = true;
      section.lastNumber = start.number;
    } else if (section.listBullet === null && start.bullet) {
      section.listBullet = bulletClass(start.bullet);
    }
    section.strayLines = 0;
  }

  private applyHeading(role: HeadingRole, line: string): void {
    this.endUnreadList();
    this.listHeading = null;
    switch (role.kind) {
      case 'contents':
        this.closeSection();
        this.inContents = true;
        this.contentsLines = 0;
        return;
      case 'part':
        if (role.onlyAfterRecommendations && !this.sawRecommendationsHeading) return;
        this.closeSection();
        this.part = role.part;
        return;
      case 'end':
        // The layout's own closing heading ends the list, unless the list visibly carries straight on after it.
        this.suspendSection(line, true);
        // Findings follow an end heading; a list of recommendations straight under one is reported.
        this.listHeading = { line, known: true, proseLines: 0 };
        return;
      case 'section': {
        if (role.part) this.part = role.part;
        const key = `${this.part}/${headingKey(line)}`;
        if (this.sectionKeys.has(key)) {
          this.warn(
            'SECTION_REPEATED',
            `"${line}" appears more than once in the ${this.part === 'lscb' ? "LSCB's" : "local authority's"} part of the report: the items under each were kept. Check for items read twice or read from the wrong place.`,
            line,
          );
        }
        this.sectionKeys.add(key);
        this.openSection(role.timeframe, line);
        return;
      }
      case 'list': {
        const section = this.section;
        if (!section) {
          this.openSection(role.timeframe, line);
          return;
        }
        this.finishItem();
        section.timeframe = role.timeframe;
        section.theme = null;
        section.themeUnconfirmed = false;
        section.unexpectedTheme = false;
        section.strayLines = 0;
        section.listName = line;
        this.sawRecommendationsHeading = true;
        return;
      }
    }
  }
}

export function findRecommendationSections(lines: readonly string[], family: LayoutFamily | null = null, initialPart: ReportPart = 'local_authority'): FoundSections {
  const reader = new RecommendationSectionReader(lines, family, initialPart);
  reader.read();
  return {
    items: reader.items,
    sawRecommendationsHeading: reader.sawRecommendationsHeading,
    listHeadings: reader.listHeadings,
    sections: reader.sections,
    warnings: reader.warnings,
    listsUnderUnfamiliarHeadings: reader.listsUnderUnfamiliarHeadings,
  };
}
