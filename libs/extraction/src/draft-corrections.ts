import { ADDRESSEES, MAX_REPORT_RECOMMENDATIONS, TIMEFRAMES, type Addressee, type IsoDate, type Timeframe } from '#core';
import { dueDateFor, isIsoDate } from '#deadlines';
import { ExtractionError } from './extraction-error.js';
import { mentionedBodiesOf } from './recommendations/mentioned-bodies.js';
import type { RecommendationDraft, ReportDraft } from './report-draft.js';

/** The longest recommendation a board may type or keep (the longest in the archive is under 1,500 characters). */
export const MAX_RECOMMENDATION_TEXT = 4000;
export const MAX_THEME_LENGTH = 200;
export const MAX_REFERENCE_LENGTH = 20;

/**
 * One recommendation of the list a board confirms, as corrected by hand before confirming. The
 * whole list is given, in order: an item left out is removed, one without `from` is added, two
 * with the same `from` split that item in two.
 */
export interface CorrectedRecommendation {
  /** The `ordinal` of the extracted recommendation this one comes from; absent for one added by hand. */
  from?: number;
  /** The report's reference; kept from the extracted item (with "a", "b" for a split), "H1", "H2" ... for one added by hand. */
  reference?: string;
  text: string;
  timeframe: Timeframe;
  addressee: Addressee;
  theme?: string | null;
  /** The team that will own the action: absent to route it by its text as usual, null for none (awaiting triage). */
  teamId?: number | null;
}

/** What a board may correct before confirming a report; the same for the pages and `POST /api/reports`. */
export interface DraftCorrections {
  /** Due dates count from this date instead of the report's own. */
  baselineDate?: IsoDate;
  /** The whole corrected list; absent to keep the extracted one. */
  recommendations?: CorrectedRecommendation[];
}

/** One change made by hand, as the report's journal keeps it. */
export type DraftEdit =
  | { change: 'baseline'; from: IsoDate; to: IsoDate }
  | { change: 'changed'; ordinal: number; reference: string; field: 'text' | 'timeframe' | 'addressee' | 'theme' | 'reference'; from: string | null; to: string | null }
  | { change: 'removed'; ordinal: number; reference: string; text: string }
  | { change: 'split'; ordinal: number; reference: string; into: string[] }
  | { change: 'added'; reference: string; text: string }
  | { change: 'team'; reference: string; teamId: number | null };

export interface CorrectedDraft {
  draft: ReportDraft;
  edits: DraftEdit[];
  /** Per corrected recommendation, in order: the team chosen by hand (a number or null), or undefined to route it. */
  teams: (number | null | undefined)[];
  /** Per corrected recommendation, in order: the extracted one it came from, if any. */
  sources: (RecommendationDraft | null)[];
}

function invalid(message: string): ExtractionError {
  return new ExtractionError('INVALID_CORRECTION', message);
}

function checkItem(item: CorrectedRecommendation, position: number, extractedCount: number): void {
  const where = `recommendations[${position}]`;
  if (item === null || typeof item !== 'object') throw invalid(`${where} must be an object with text, timeframe and addressee`);
  if (item.from !== undefined && (!Number.isInteger(item.from) || item.from < 1 || item.from > extractedCount)) {
    throw invalid(`${where}.from must be the ordinal of an extracted recommendation (1 to ${extractedCount})`);
  }
  if (typeof item.text !== 'string' || item.text.trim().length === 0) throw invalid(`${where}.text must contain the recommendation`);
  if (item.text.length > MAX_RECOMMENDATION_TEXT) throw invalid(`${where}.text must be ${MAX_RECOMMENDATION_TEXT} characters or fewer`);
  if (!TIMEFRAMES.includes(item.timeframe)) throw invalid(`${where}.timeframe must be one of ${TIMEFRAMES.join(', ')}`);
  if (!ADDRESSEES.includes(item.addressee)) throw invalid(`${where}.addressee must be one of ${ADDRESSEES.join(', ')}`);
  if (item.theme !== undefined && item.theme !== null && (typeof item.theme !== 'string' || item.theme.length > MAX_THEME_LENGTH)) {
    throw invalid(`${where}.theme must be text of ${MAX_THEME_LENGTH} characters or fewer, or null`);
  }
  if (item.reference !== undefined && (typeof item.reference !== 'string' || item.reference.trim().length === 0 || item.reference.length > MAX_REFERENCE_LENGTH)) {
    throw invalid(`${where}.reference must be text of 1 to ${MAX_REFERENCE_LENGTH} characters`);
  }
  if (item.teamId !== undefined && item.teamId !== null && (!Number.isInteger(item.teamId) || item.teamId < 1)) {
    throw invalid(`${where}.teamId must be the id of one of the council's teams, or null for none`);
  }
}

function splitSuffix(index: number): string {
  return String.fromCharCode('a'.charCodeAt(0) + Math.min(index, 25));
}

function normalisedText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * The draft a board confirms: the extracted one with the corrections applied (due dates counted
 * again from the baseline, bodies named found again in corrected text, ordinals renumbered), and
 * the edits that say what was changed by hand. Pure: the caller stores both.
 */
export function applyCorrections(extracted: ReportDraft, corrections: DraftCorrections = {}): CorrectedDraft {
  const edits: DraftEdit[] = [];
  let baselineDate = extracted.baselineDate;
  if (corrections.baselineDate !== undefined) {
    if (!isIsoDate(corrections.baselineDate)) throw invalid('baselineDate must be a calendar date in the form YYYY-MM-DD');
    if (corrections.baselineDate !== extracted.baselineDate) edits.push({ change: 'baseline', from: extracted.baselineDate, to: corrections.baselineDate });
    baselineDate = corrections.baselineDate;
  }

  const given = corrections.recommendations;
  if (given !== undefined && !Array.isArray(given)) throw invalid('recommendations must be the whole corrected list, as an array');
  if (given && given.length > MAX_REPORT_RECOMMENDATIONS) throw invalid(`recommendations may hold at most ${MAX_REPORT_RECOMMENDATIONS} items`);
  const items: CorrectedRecommendation[] =
    given ??
    extracted.recommendations.map((item) => ({ from: item.ordinal, text: item.text, timeframe: item.timeframe, addressee: item.addressee, theme: item.theme }));
  items.forEach((item, position) => checkItem(item, position, extracted.recommendations.length));

  const uses = new Map<number, number>();
  for (const item of items) if (item.from !== undefined) uses.set(item.from, (uses.get(item.from) ?? 0) + 1);
  const splitIndex = new Map<number, number>();
  const splitInto = new Map<number, string[]>();
  let added = 0;

  const recommendations: RecommendationDraft[] = [];
  const teams: (number | null | undefined)[] = [];
  const sources: (RecommendationDraft | null)[] = [];
  items.forEach((item, position) => {
    const source = item.from !== undefined ? extracted.recommendations[item.from - 1] : null;
    const text = normalisedText(item.text);
    const theme = item.theme === undefined ? (source?.theme ?? null) : item.theme === null || item.theme.trim() === '' ? null : normalisedText(item.theme);
    let reference: string;
    if (item.reference !== undefined) {
      reference = item.reference.trim();
    } else if (source && (uses.get(source.ordinal) ?? 0) > 1) {
      const index = splitIndex.get(source.ordinal) ?? 0;
      splitIndex.set(source.ordinal, index + 1);
      reference = `${source.reference}${splitSuffix(index)}`;
    } else if (source) {
      reference = source.reference;
    } else {
      added += 1;
      reference = `H${added}`;
    }
    const due = dueDateFor(item.timeframe, baselineDate);
    recommendations.push({
      ordinal: position + 1,
      reference,
      text,
      timeframe: item.timeframe,
      theme,
      addressee: item.addressee,
      dueDate: due.dueDate,
      dueDateAssumed: due.dueDateAssumed,
      mentionedBodies: source && text === source.text ? source.mentionedBodies : mentionedBodiesOf(text),
    });
    teams.push(item.teamId);
    sources.push(source);

    if (!source) {
      edits.push({ change: 'added', reference, text });
    } else if ((uses.get(source.ordinal) ?? 0) > 1) {
      splitInto.set(source.ordinal, [...(splitInto.get(source.ordinal) ?? []), reference]);
    } else {
      const changes: Extract<DraftEdit, { change: 'changed' }>['field'][] = [];
      if (text !== source.text) changes.push('text');
      if (item.timeframe !== source.timeframe) changes.push('timeframe');
      if (item.addressee !== source.addressee) changes.push('addressee');
      if (theme !== source.theme) changes.push('theme');
      if (reference !== source.reference) changes.push('reference');
      const now = { text, timeframe: item.timeframe, addressee: item.addressee, theme, reference };
      for (const field of changes) edits.push({ change: 'changed', ordinal: source.ordinal, reference: source.reference, field, from: source[field], to: now[field] });
    }
    if (item.teamId !== undefined) edits.push({ change: 'team', reference, teamId: item.teamId });
  });
  for (const [ordinal, into] of splitInto) {
    edits.push({ change: 'split', ordinal, reference: extracted.recommendations[ordinal - 1].reference, into });
  }
  for (const item of extracted.recommendations) {
    if (!uses.has(item.ordinal)) edits.push({ change: 'removed', ordinal: item.ordinal, reference: item.reference, text: item.text });
  }

  const noRecommendations =
    recommendations.length > 0
      ? null
      : (extracted.noRecommendations ?? { reason: 'Every recommendation the extractor found was removed by hand before confirming' });
  return {
    draft: { ...extracted, baselineDate, recommendations, noRecommendations },
    edits,
    teams,
    sources,
  };
}

/** A line of the journal for one edit, as a person reads it. */
export function describeEdit(edit: DraftEdit): string {
  switch (edit.change) {
    case 'baseline':
      return `Due dates counted from ${edit.to} instead of ${edit.from}`;
    case 'changed':
      return `Recommendation ${edit.reference}: ${edit.field} changed from "${edit.from ?? '(none)'}" to "${edit.to ?? '(none)'}"`;
    case 'removed':
      return `Recommendation ${edit.reference} removed: "${edit.text}"`;
    case 'split':
      return `Recommendation ${edit.reference} split into ${edit.into.join(' and ')}`;
    case 'added':
      return `Recommendation ${edit.reference} added by hand: "${edit.text}"`;
    case 'team':
      return `Recommendation ${edit.reference}: owning team chosen by hand`;
  }
}

/**
 * The list a board is correcting, item by item: the corrections made so far, or else the
 * extracted list as it stands (each item pointing back at the recommendation it comes from).
 */
export function correctableList(extracted: ReportDraft, corrections: DraftCorrections | null | undefined): CorrectedRecommendation[] {
  if (corrections?.recommendations) return corrections.recommendations.map((item) => ({ ...item }));
  return extracted.recommendations.map((item) => ({ from: item.ordinal, text: item.text, timeframe: item.timeframe, addressee: item.addressee, theme: item.theme }));
}
