import type { Timeframe } from '#deadlines';
import type { ReportFormat } from '../report-draft.js';

/** Which part of a report a recommendation sits in: the local authority's own, or the LSCB review's. */
export type ReportPart = 'local_authority' | 'lscb';

/**
 * What a heading line means to the section locator.
 * - `section`: opens a recommendations section ("Recommendations", "What needs to improve?"),
 *   closing any open one; items default to `timeframe` until a list heading says otherwise.
 * - `list`: a timeframe list inside a section ("Within three months:", "Areas for improvement");
 *   opens a section when none is open (LSCB parts often start straight with one).
 * - `part`: says that what follows belongs to the local authority or to the LSCB.
 * - `end`: a heading that closes a recommendations section (the findings that follow are not recommendations).
 * - `contents`: a table of contents, whose repeated headings are not sections.
 */
export type HeadingRole =
  | { kind: 'section'; timeframe: Timeframe; part?: ReportPart }
  | { kind: 'list'; timeframe: Timeframe }
  | { kind: 'part'; part: ReportPart }
  | { kind: 'end' }
  | { kind: 'contents' };

export interface LayoutFamily {
  format: ReportFormat;
  /** Tested against the report's opening lines joined by spaces; the first family that matches wins. */
  titlePatterns: readonly RegExp[];
  /** Heading lines, written lower case without trailing ':' or '?', and what they mean. */
  headings: Readonly<Record<string, HeadingRole>>;
  /** Headings that may wrap or vary, tested as prefixes of the normalised heading. */
  headingPrefixes?: readonly (readonly [RegExp, HeadingRole])[];
}

export const END: HeadingRole = { kind: 'end' };
