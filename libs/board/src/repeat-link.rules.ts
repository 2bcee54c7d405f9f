import type { IsoDate } from '#core';
import { BoardErrorCode, BoardException } from './board.exception.js';
import type { RepeatLinkStatus } from './entities/recommendation-link.entity.js';
import { findRepeats, type RepeatCandidate } from './repeat-detector.js';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** A date or an instant (ISO text, as a side's completedAt is) as "March 2016", by its UTC day. */
const monthYear = (date: Date | string) => {
  const value = typeof date === 'string' ? new Date(`${date.slice(0, 10)}T12:00:00Z`) : date;
  return `${MONTHS[value.getUTCMonth()]} ${value.getUTCFullYear()}`;
};

/** One side of a link, as the pages, the pack and the exports print it. */
export interface LinkedRecommendation {
  recommendationId: number;
  reference: string;
  text: string;
  reportId: number;
  /** The year the report is dated by (publication, else its baseline). */
  reportYear: number;
  reportDate: IsoDate;
  actionId: number | null;
  actionStatus: string | null;
  completedAt: string | null;
}

export interface RepeatLinkView {
  id: number;
  score: number;
  sharedWords: string[];
  status: RepeatLinkStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The recommendation made before. */
  earlier: LinkedRecommendation;
  /** The recommendation that repeats it. */
  later: LinkedRecommendation;
  /** "Raised before: 2014 report, A3, signed off March 2016". */
  label: string;
}

/** A likely repeat of a draft recommendation, before its report is confirmed. */
export interface DraftRepeat {
  ordinal: number;
  score: number;
  sharedWords: string[];
  earlier: LinkedRecommendation;
  label: string;
}

/** What the link rules read of a stored link. */
export interface StoredLink {
  id: number;
  recommendationId: number;
  earlierRecommendationId: number;
  scorePermille: number;
  sharedWords: string[];
  status: RepeatLinkStatus;
  decidedBy: string | null;
  decidedAt: Date | null;
}

export interface DatedReport {
  id: number;
  baselineDate: IsoDate;
  publishedOn: IsoDate | null;
}

export interface ReportRecommendation {
  id: number;
  reportId: number;
  text: string;
}

export interface NewRepeatLink {
  recommendationId: number;
  earlierRecommendationId: number;
  authorityCode: string;
  scorePermille: number;
  sharedWords: string[];
  status: 'suggested';
  decidedBy: null;
  decidedAt: null;
}

/**
 * The repeats a newly stored report brings, in both directions: its recommendations against those
 * of the council's earlier reports, and later reports' against its own (a report older than those
 * already held is the earlier one). Reports are ordered by their date (publication, else baseline),
 * then by id.
 */
export function repeatsOfStoredReport(storedId: number, reports: readonly DatedReport[], recommendations: readonly ReportRecommendation[]): RepeatCandidate[] {
  if (!reports.some((report) => report.id === storedId) || reports.length < 2) return [];
  const order = new Map(reports.map((report) => [report.id, `${report.publishedOn ?? report.baselineDate}#${String(report.id).padStart(10, '0')}`]));
  const own = order.get(storedId)!;
  const mine = recommendations.filter((row) => row.reportId === storedId);
  const earlier = recommendations.filter((row) => row.reportId !== storedId && order.get(row.reportId)! < own);
  const later = recommendations.filter((row) => row.reportId !== storedId && order.get(row.reportId)! > own);
  return [...findRepeats(mine, earlier), ...findRepeats(later, mine)];
}

/** The rows a council's new repeats are stored as: suggested, for a board member to decide. */
export function newLinkRows(authorityCode: string, candidates: readonly RepeatCandidate[]): NewRepeatLink[] {
  return candidates.map((candidate) => ({
    recommendationId: candidate.recommendationId,
    earlierRecommendationId: candidate.earlierRecommendationId,
    authorityCode,
    scorePermille: Math.round(candidate.score * 1000),
    sharedWords: candidate.sharedWords,
    status: 'suggested',
    decidedBy: null,
    decidedAt: null,
  }));
}

/** A board member's decision: confirmed or dismissed, nothing else. */
export function checkedDecision(status: unknown): Exclude<RepeatLinkStatus, 'suggested'> {
  if (status !== 'confirmed' && status !== 'dismissed') throw new BoardException(BoardErrorCode.INVALID_INPUT, 'status must be confirmed or dismissed');
  return status;
}

/** One side of a link from its recommendation, its report's dates and its action if it has one. */
export function linkedRecommendation(
  recommendation: { id: number; reference: string; text: string; reportId: number; report: DatedReport },
  action: { id: number; status: string; completedAt: Date | string | null } | undefined,
): LinkedRecommendation {
  const reportDate = recommendation.report.publishedOn ?? recommendation.report.baselineDate;
  return {
    recommendationId: recommendation.id,
    reference: recommendation.reference,
    text: recommendation.text,
    reportId: recommendation.reportId,
    reportYear: Number(reportDate.slice(0, 4)),
    reportDate,
    actionId: action?.id ?? null,
    actionStatus: action?.status ?? null,
    completedAt: action?.completedAt ? new Date(action.completedAt).toISOString() : null,
  };
}

export function linkView(link: StoredLink, sides: ReadonlyMap<number, LinkedRecommendation>): RepeatLinkView {
  const earlier = sides.get(link.earlierRecommendationId)!;
  return {
    id: link.id,
    score: link.scorePermille / 1000,
    sharedWords: link.sharedWords,
    status: link.status,
    decidedBy: link.decidedBy,
    decidedAt: link.decidedAt ? new Date(link.decidedAt).toISOString() : null,
    earlier,
    later: sides.get(link.recommendationId)!,
    label: labelOf(earlier),
  };
}

/** "Raised before: 2014 report, A3, signed off March 2016". */
export function labelOf(earlier: LinkedRecommendation): string {
  const outcome = earlier.completedAt && earlier.actionStatus === 'signed_off' ? `signed off ${monthYear(earlier.completedAt)}` : earlier.actionStatus ? `still ${earlier.actionStatus.replace(/_/g, ' ')}` : 'not tracked';
  return `Raised before: ${earlier.reportYear} report, ${earlier.reference}, ${outcome}`;
}
