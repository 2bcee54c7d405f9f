import { FOCUSED_VISIT_LAYOUT } from './focused-visit.layout.js';
import { ILACS_2018_LAYOUT } from './ilacs-2018.layout.js';
import type { HeadingRole, LayoutFamily } from './layout-family.js';
import { LOOKED_AFTER_2013_LAYOUT } from './looked-after-2013.layout.js';
import { PROTECTION_2012_LAYOUT } from './protection-2012.layout.js';
import { SINGLE_INSPECTION_2014_LAYOUT } from './single-inspection-2014.layout.js';

export type { HeadingRole, LayoutFamily, ReportPart } from './layout-family.js';

/**
 * Every layout family, in title-matching order: focused-visit letters mention "local authority
 * children's services" too. Adding a family is adding its file and its line here.
 */
export const LAYOUT_FAMILIES = [
  FOCUSED_VISIT_LAYOUT,
  PROTECTION_2012_LAYOUT,
  LOOKED_AFTER_2013_LAYOUT,
  SINGLE_INSPECTION_2014_LAYOUT,
  ILACS_2018_LAYOUT,
] as const;

/** The report families the extractor understands. */
export type ReportFormat = (typeof LAYOUT_FAMILIES)[number]['format'];

export const REPORT_FORMATS: readonly ReportFormat[] = LAYOUT_FAMILIES.map((family) => family.format);

const FAMILY_BY_FORMAT = new Map<string, LayoutFamily<ReportFormat>>(LAYOUT_FAMILIES.map((family) => [family.format, family]));

export function layoutFamilyOf(format: ReportFormat): LayoutFamily<ReportFormat> {
  return FAMILY_BY_FORMAT.get(format)!;
}

export function isReportFormat(value: string): value is ReportFormat {
  return FAMILY_BY_FORMAT.has(value);
}

/** What a board calls a report of this format ("Single inspection"); "Inspection" for a format no family declares. */
export function reportFormatTitle(format: string): string {
  return FAMILY_BY_FORMAT.get(format)?.wording.title ?? 'Inspection';
}

/** The same inside a sentence ("a single inspection"). */
export function reportFormatInSentence(format: string): string {
  return FAMILY_BY_FORMAT.get(format)?.wording.inSentence ?? 'inspection';
}

const FALLBACK_FAMILY: LayoutFamily<ReportFormat> = LAYOUT_FAMILIES.find((family: LayoutFamily<ReportFormat>) => family.fallback) ?? SINGLE_INSPECTION_2014_LAYOUT;

/** The recommendations headings of every family, for an error message that says what was looked for. */
export const RECOMMENDATIONS_HEADINGS_LOOKED_FOR = [...new Set(LAYOUT_FAMILIES.map((family) => family.lookedFor))].join(', or ');

/** Titles that name the authority inside them, from every family. */
export const AUTHORITY_TITLE_PATTERNS: readonly RegExp[] = LAYOUT_FAMILIES.flatMap((family: LayoutFamily<ReportFormat>) => family.authorityInTitle ?? []);

/** Heading keys after which a judgements table is printed (the 2012-13 "Record of main findings"). */
export const JUDGEMENT_TABLE_HEADINGS: ReadonlySet<string> = new Set(LAYOUT_FAMILIES.flatMap((family: LayoutFamily<ReportFormat>) => family.judgementTableHeadings ?? []));

/**
 * Headings are looked up across all families, not just the detected one: an LSCB part, a
 * "Recommendations" list or a timeframe list reads the same whoever wrote the rest of the report.
 */
/** A heading of some family's vocabulary, and which families use it. */
export interface HeadingMatch {
  role: HeadingRole;
  families: ReadonlySet<string>;
}

const EVERY_FAMILY: ReadonlySet<string> = new Set(REPORT_FORMATS);
const HEADINGS = new Map<string, { role: HeadingRole; families: Set<string> }>();
const HEADING_PREFIXES: { pattern: RegExp; match: HeadingMatch }[] = [];
for (const family of LAYOUT_FAMILIES as readonly LayoutFamily<ReportFormat>[]) {
  for (const [text, role] of Object.entries(family.headings)) {
    const known = HEADINGS.get(text);
    if (known) known.families.add(family.format);
    else HEADINGS.set(text, { role, families: new Set([family.format]) });
  }
  for (const [pattern, role] of family.headingPrefixes ?? []) HEADING_PREFIXES.push({ pattern, match: { role, families: new Set([family.format]) } });
}
HEADINGS.set('contents', { role: { kind: 'contents' }, families: new Set(EVERY_FAMILY) });
HEADINGS.set('table of contents', { role: { kind: 'contents' }, families: new Set(EVERY_FAMILY) });

const TRAILING_MARKS = /(?<=[A-Za-z)?:.])[0-9¹²³⁴⁵⁶⁷⁸⁹⁰*]{1,2}$/;
// The lookbehind starts a match only where a run begins, so a long run is scanned once, not once per character.
const TRAILING_PUNCTUATION = /(?<![\s:?.])[\s:?.]+$/;
const VARIANT_CHARACTERS = /[\u2010-\u2015\u2018\u2019`]|\s{2,}|[\t\n]/g;

function plainCharacter(match: string): string {
  const code = match.charCodeAt(0);
  if (code >= 0x2010 && code <= 0x2015) return '-';
  if (code === 0x2018 || code === 0x2019 || code === 0x60) return "'";
  return ' ';
}

/** Lower case, footnote marks and trailing ':' '?' '.' removed, dashes, apostrophes and spaces plain. */
export function headingKey(line: string): string {
  return line.replace(TRAILING_MARKS, '').replace(TRAILING_PUNCTUATION, '').replace(VARIANT_CHARACTERS, plainCharacter).toLowerCase();
}

/** The longest heading in any family's vocabulary; longer lines are never headings. */
const MAX_HEADING_LENGTH = 130;

/**
 * First words of every heading, so that most lines are turned away before their key is built:
 * the locator asks about every line of a report, and most lines are prose.
 */
const HEADING_FIRST_WORDS = new Set<string>();
for (const key of HEADINGS.keys()) HEADING_FIRST_WORDS.add(key.split(' ')[0]);
for (const { pattern } of HEADING_PREFIXES) {
  const firstWord = /^\^([a-z]+)/.exec(pattern.source)?.[1];
  if (firstWord) HEADING_FIRST_WORDS.add(firstWord);
}

function firstWordOf(line: string): string {
  let end = 0;
  while (end < line.length && end < 24) {
    const code = line.charCodeAt(end) | 0x20;
    if (code < 0x61 || code > 0x7a) break;
    end += 1;
  }
  return line.slice(0, end).toLowerCase();
}

/** The heading a line is in any family's vocabulary, with the families that use it. */
export function headingMatchOf(line: string): HeadingMatch | null {
  if (line.length > MAX_HEADING_LENGTH || line.includes('\t')) return null;
  // A longer line ending in a full stop is a sentence, not a heading.
  if (line.length > 40 && line.endsWith('.')) return null;
  if (!HEADING_FIRST_WORDS.has(firstWordOf(line))) return null;
  const key = headingKey(line);
  const exact = HEADINGS.get(key);
  if (exact) return exact;
  let found: HeadingMatch | null = null;
  for (const { pattern, match } of HEADING_PREFIXES) {
    if (!pattern.test(key)) continue;
    if (!found) found = match;
    // The same heading in several families' vocabularies belongs to all of them.
    else if (match.role.kind === found.role.kind) found = { role: found.role, families: new Set([...found.families, ...match.families]) };
  }
  return found;
}

export function headingRoleOf(line: string): HeadingRole | null {
  return headingMatchOf(line)?.role ?? null;
}

/** Whether the opening text is that of a review of the LSCB published on its own. */
export function isBoardReview(openingText: string): boolean {
  return (LAYOUT_FAMILIES as readonly LayoutFamily<ReportFormat>[]).some(
    (family) => family.boardReview !== undefined && family.boardReview.title.test(openingText) && !family.boardReview.unless.test(openingText),
  );
}

/** The report family named by the report's opening lines, if any. */
export function formatFromTitle(openingText: string): ReportFormat | null {
  for (const family of LAYOUT_FAMILIES) if (family.titlePatterns.some((pattern) => pattern.test(openingText))) return family.format;
  return null;
}

/** The family the recommendations headings point to, when the title named none (the headings as heading keys). */
export function formatFromHeadings(listHeadings: readonly string[]): ReportFormat {
  for (const family of LAYOUT_FAMILIES) {
    const identifying = (family as LayoutFamily<ReportFormat>).identifyingHeadings ?? [];
    if (listHeadings.some((key) => identifying.some((pattern) => pattern.test(key)))) return family.format;
  }
  return FALLBACK_FAMILY.format;
}
