import { baselineDateOf, dueDateFor, isIsoDate, type DueDate } from '#deadlines';
import { ExtractionError, MAX_REPORT_BYTES } from './extraction-error.js';
import {
  formatFromHeadings,
  formatFromTitle,
  headingKey,
  isBoardReview,
  JUDGEMENT_TABLE_HEADINGS,
  layoutFamilyOf,
  RECOMMENDATIONS_HEADINGS_LOOKED_FOR,
  type ReportPart,
} from './layouts/index.js';
import { findAuthority } from './metadata/authority-name.js';
import { findJudgements } from './metadata/judgements.js';
import { findReportDates } from './metadata/report-dates.js';
import { addresseeOf } from './recommendations/addressee.js';
import { mentionedBodiesOf } from './recommendations/mentioned-bodies.js';
import { itemWarnings, metadataWarnings } from './checks/draft-checks.js';
import type { ExtractionWarning, NoRecommendations, RecommendationDraft, ReportDraft, ReportFormat } from './report-draft.js';
import { findRecommendationSections, nearText, type FoundItem, type FoundSections } from './sections/recommendation-sections.js';
import { normaliseReportText } from './text/page-artefacts.js';
import type { IsoDate, Timeframe } from '#core';

export interface ExtractOptions {
  /** Replaces the report's own baseline (publication date, else last inspection day) for due dates. */
  baselineDate?: IsoDate;
  /** Named in error messages. */
  fileName?: string;
}

/** The front matter: title, authority, dates and the judgement table all sit within it. */
const OPENING_LINES = 80;
const MAIN_FINDINGS_LINES = 40;

/**
 * References: the report's own paragraph number where it prints one ("161"); otherwise a letter for
 * the recommendations section, in the order the sections appear (A for the first, normally the
 * local authority's, B for the next, normally the LSCB's), and the item's position in that section
 * ("A7" is the seventh recommendation of the first section).
 */
function referencesOf(items: readonly FoundItem[]): string[] {
  const letters = new Map<ReportPart, string>();
  const counts = new Map<ReportPart, number>();
  return items.map((item) => {
    let letter = letters.get(item.part);
    if (!letter) {
      letter = String.fromCharCode('A'.charCodeAt(0) + letters.size);
      letters.set(item.part, letter);
    }
    const position = (counts.get(item.part) ?? 0) + 1;
    counts.set(item.part, position);
    return item.number !== null ? String(item.number) : `${letter}${position}`;
  });
}

function openingLinesOf(lines: readonly string[]): string[] {
  const opening: string[] = [];
  for (const line of lines) {
    if (line.length === 0) continue;
    opening.push(line);
    if (opening.length >= OPENING_LINES) break;
  }
  return opening;
}

function mainFindingsLinesOf(lines: readonly string[]): string[] {
  for (let i = lines.length - 1; i >= 0; i -= 1) {
    if (lines[i].length < 40 && JUDGEMENT_TABLE_HEADINGS.has(headingKey(lines[i]))) return lines.slice(i + 1, i + 1 + MAIN_FINDINGS_LINES);
  }
  return [];
}

function beforeContents(opening: readonly string[]): string[] {
  const contents = opening.findIndex((line) => /^(?:table of )?contents$/i.test(line));
  return contents < 0 ? [...opening] : opening.slice(0, contents);
}

/**
 * Reads an inspection report's text (pdftotext output, text from a PDF, or markdown) into a draft:
 * the authority, dates and judgements, and every recommendation with its timeframe, theme,
 * addressee, due date and the bodies it names. Throws `ExtractionError` for input that is not a
 * report it can read; never returns a draft without recommendations.
 */
export function extractReport(text: string, options: ExtractOptions = {}): ReportDraft {
  const fileName = options.fileName;
  if (typeof text !== 'string' || text.trim().length === 0) {
    throw new ExtractionError('EMPTY_INPUT', 'the report is empty: expected the text of an Ofsted inspection report', fileName);
  }
  if (text.length > MAX_REPORT_BYTES) {
    throw new ExtractionError('TOO_LARGE', `the report is larger than ${MAX_REPORT_BYTES / (1024 * 1024)} MB: upload the inspection report alone`, fileName);
  }
  if (options.baselineDate !== undefined && !isIsoDate(options.baselineDate)) {
    throw new ExtractionError('INVALID_OPTION', `baseline date "${String(options.baselineDate)}" is not a calendar date in the form YYYY-MM-DD`, fileName);
  }

  const lines = normaliseReportText(text);
  if (lines.length === 0) {
    throw new ExtractionError('EMPTY_INPUT', 'the report has no text once page numbers and markup are removed', fileName);
  }
  const opening = openingLinesOf(lines);
  const openingText = opening.slice(0, 40).join(' ').replace(/\s+/g, ' ');
  const titleFormat = formatFromTitle(openingText);
  // A review of the board on its own: everything in it is the board's, whatever its headings say.
  const initialPart = isBoardReview(openingText) ? 'lscb' : 'local_authority';
  const found = findRecommendationSections(lines, titleFormat ? layoutFamilyOf(titleFormat) : null, initialPart);
  const format = titleFormat ?? formatFromHeadings(found.listHeadings);
  const noRecommendations = found.items.length === 0 ? noRecommendationsOf(found, titleFormat, fileName) : null;

  const dates = findReportDates(opening, layoutFamilyOf(format).datedLetter === true);
  const baselineDate = options.baselineDate ?? baselineDateOf(dates.publishedOn, dates.inspectionEnd);
  if (!baselineDate) {
    throw new ExtractionError(
      'NO_REPORT_DATE',
      'found no inspection or publication date (looked for "Inspection dates:", "Report published:" and a visit letter\'s date) to count due dates from: give a baseline date (YYYY-MM-DD)',
      fileName,
    );
  }
  const authority = findAuthority(opening);
  const judgements = findJudgements(beforeContents(opening), mainFindingsLinesOf(lines), lines);

  const references = referencesOf(found.items);
  const dueDates = new Map<Timeframe, DueDate>();
  const recommendations: RecommendationDraft[] = found.items.map((item, index) => {
    let due = dueDates.get(item.timeframe);
    if (!due) {
      due = dueDateFor(item.timeframe, baselineDate);
      dueDates.set(item.timeframe, due);
    }
    return {
      ordinal: index + 1,
      reference: references[index],
      text: item.text,
      timeframe: item.timeframe,
      theme: item.theme,
      addressee: addresseeOf(item.text, item.part),
      dueDate: due.dueDate,
      dueDateAssumed: due.dueDateAssumed,
      mentionedBodies: mentionedBodiesOf(item.text),
    };
  });

  return {
    authority: authority?.name ?? '',
    authorityCode: authority?.entry?.onsCode ?? null,
    format,
    inspectionStart: dates.inspectionStart,
    inspectionEnd: dates.inspectionEnd,
    publishedOn: dates.publishedOn,
    baselineDate,
    judgements,
    recommendations,
    noRecommendations,
    warnings: [...found.warnings, ...unreadListWarnings(found), ...itemWarnings(found.items), ...metadataWarnings(authority, dates)],
  };
}

/** When nothing was found, the lists under headings no layout knows are where recommendations may be. */
function unreadListWarnings(found: FoundSections): ExtractionWarning[] {
  if (found.items.length > 0) return [];
  return found.listsUnderUnfamiliarHeadings.slice(0, 3).map(({ heading, firstItem }) => ({
    code: 'UNREAD_LIST' as const,
    message: `No recommendations heading was found, but a list follows "${heading}": if it holds the report's recommendations, add them by hand.`,
    near: nearText(firstItem),
  }));
}

/**
 * A report that was read but gives no items: a valid answer when the report says it makes no
 * recommendations or has no recommendations section at all; an error when there is a
 * recommendations heading whose list the extractor cannot read.
 */
function noRecommendationsOf(found: FoundSections, titleFormat: ReportFormat | null, fileName: string | undefined): NoRecommendations {
  const saying = found.sections.find((section) => section.noItemsSentence !== null);
  if (saying) return { reason: `Under "${saying.heading}" the report says: "${saying.noItemsSentence}"` };
  if (!found.sawRecommendationsHeading) {
    if (!titleFormat) {
      throw new ExtractionError(
        'NO_RECOMMENDATIONS_SECTION',
        `no recommendations section found: looked for ${RECOMMENDATIONS_HEADINGS_LOOKED_FOR}. Check that this is an Ofsted inspection report of local authority children's services and that its text is not a scanned image`,
        fileName,
      );
    }
    const family = layoutFamilyOf(titleFormat);
    return { reason: `The report is a ${family.wording.inSentence} with no recommendations section (looked for ${family.lookedFor})` };
  }
  const heading = found.sections[0]?.heading ?? found.listHeadings[0] ?? '';
  throw new ExtractionError(
    'UNKNOWN_LAYOUT',
    `found a recommendations heading ("${heading}") but no numbered or bulleted recommendations under it: the layout is not one the extractor knows; add the recommendations by hand or report the layout`,
    fileName,
  );
}
