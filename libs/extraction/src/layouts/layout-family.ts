import type { Timeframe } from '#core';

/** Which part of a report a recommendation sits in: the local authority's own, or the LSCB review's. */
export type ReportPart = 'local_authority' | 'lscb';

/**
 * What a heading line means to the section locator.
 * - `section`: opens a recommendations section ("Recommendations", "What needs to improve?"),
 *   closing any open one; items default to `timeframe` until a list heading says otherwise.
 * - `list`: a timeframe list inside a section ("Within three months:", "Areas for improvement");
 *   opens a section when none is open (LSCB parts often start straight with one).
 * - `part`: says that what follows belongs to the local authority or to the LSCB; with
 *   `onlyAfterRecommendations`, only once a recommendations section has been read (a title that
 *   also heads the whole report, such as "Review of the effectiveness of the LSCB", starts the
 *   board's part only when its report is appended after the council's).
 * - `end`: a heading that closes a recommendations section (the findings that follow are not recommendations).
 * - `contents`: a table of contents, whose repeated headings are not sections.
 */
export type HeadingRole =
  | { kind: 'section'; timeframe: Timeframe; part?: ReportPart }
  | { kind: 'list'; timeframe: Timeframe }
  | { kind: 'part'; part: ReportPart; onlyAfterRecommendations?: boolean }
  | { kind: 'end' }
  | { kind: 'contents' };

/**
 * Everything the extractor and the product know about one family of reports, in one place: how
 * to recognise it, the headings it uses, where it prints the authority and dates, what the product
 * calls it, and what an error message should say was looked for.
 */
export interface LayoutFamily<Format extends string = string> {
  /** The `format` value of drafts of this family (stored with the report; never rename one). */
  format: Format;
  /** What a board calls such a report: `title` starts a line ("Single inspection"), `inSentence` sits inside one. */
  wording: { title: string; inSentence: string };
  /** Tested against the report's opening lines joined by spaces; the first family that matches wins. */
  titlePatterns: readonly RegExp[];
  /** Titles that name the authority inside them; the first capture group is the name. */
  authorityInTitle?: readonly RegExp[];
  /**
   * Heading keys that identify the family when its title is missing (a pasted extract), tested in
   * registry order against the keys of the headings that opened sections and lists.
   */
  identifyingHeadings?: readonly RegExp[];
  /** The family to assume when neither the title nor the headings say (exactly one family sets it). */
  fallback?: boolean;
  /** Letters carry their own date above the salutation: it stands in for a publication date. */
  datedLetter?: boolean;
  /** Headings of a judgements table printed after the recommendations (as heading keys). */
  judgementTableHeadings?: readonly string[];
  /**
   * A report of the Local Safeguarding Children Board alone, whose recommendations are all the
   * board's: its opening text matches `title` and not `unless` (the council's own inspection).
   */
  boardReview?: { title: RegExp; unless: RegExp };
  /** Whether subheadings group a list's items into themes ("Corporate parenting"); elsewhere a subheading inside a list is unexpected. */
  themes?: boolean;
  /** Heading lines, written lower case without trailing ':' or '?', and what they mean. */
  headings: Readonly<Record<string, HeadingRole>>;
  /** Headings that may wrap or vary, tested as prefixes of the normalised heading; each pattern starts `^word` (its first word is looked up first). */
  headingPrefixes?: readonly (readonly [RegExp, HeadingRole])[];
  /** The recommendations headings, as an error message names them when none is found. */
  lookedFor: string;
}

export const END: HeadingRole = { kind: 'end' };
