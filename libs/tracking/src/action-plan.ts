import { formatLongDate } from '#deadlines';
import { describeSlippage } from '#governance';
import type { ActionView } from './action-view.js';
import { ADDRESSEE_WORDING, type IsoDate, type Rag, STATUS_WORDING, TIMEFRAME_WORDING } from '#core';
import { reportFormatTitle } from '#extraction';

/** One action as a board's action plan lists it: every value already in the words a reader expects. */
export interface ActionPlanRow {
  /** Which report the action answers; shown only in an authority's plan, where reports mix. */
  report: string;
  reference: string;
  recommendation: string;
  timeframe: string;
  owner: string;
  leadOfficer: string;
  originalDueDate: IsoDate;
  dueDate: IsoDate;
  status: string;
  rag: Rag;
  latestNote: string;
  /** "Re-programmed: 45 days later (reason)", or empty while the due date is the original one. */
  reprogrammed: string;
  addressee: string;
  whatWillBeDone: string;
  successMeasure: string;
  /** One line a milestone, in date order: "Audit of 40 cases: due 30 June 2015, met 20 June 2015". */
  milestones: string;
  signedOffBy: string;
  signedOffOn: IsoDate | null;
  /** The action's update for the board meeting the plan is taken for, if written. */
  cycleUpdate: string;
  /** Evidence links and evidence files together. */
  evidenceCount: number;
  openChallenges: number;
  /** The most recently raised open challenge's words, with its answer if it has one. */
  latestOpenChallenge: string;
  /** One line a likely repeat: "Raised before: 2013 report, A2, still in progress (likely)". */
  raisedBefore: string;
}

/** What the journal and the governance records add to an action's row; tracking's own records. */
export interface ActionPlanRecords {
  latestProgressNote: string | null;
  milestones: readonly { title: string; dueDate: IsoDate; metOn: IsoDate | null }[];
  evidenceCount: number;
  openChallenges: readonly { question: string; response: string | null }[];
}

/** What libraries built on tracking add to an action's row (the board: this cycle's update, recommendations made before). */
export interface ActionPlanSupplement {
  cycleUpdate?: string | null;
  raisedBefore?: readonly string[];
}

export const NO_RECORDS: ActionPlanRecords = { latestProgressNote: null, milestones: [], evidenceCount: 0, openChallenges: [] };

export interface ActionPlan {
  /** An authority's plan spans its reports, so each row names its report; one report's plan does not need to. */
  showsReport: boolean;
  rows: ActionPlanRow[];
}

/** The parts of a report that tell one of an authority's reports from another. */
export interface ActionPlanReport {
  format: string;
  publishedOn: IsoDate | null;
  inspectionEnd: IsoDate | null;
  baselineDate: IsoDate;
}

export const RAG_WORDING: Record<Rag, string> = {
  red: 'Red',
  amber: 'Amber',
  green: 'Green',
  complete: 'Signed off',
};

/** The date a report is known by: its publication, else the last inspection day, else the baseline a board set for it. */
export function reportDateOf(report: ActionPlanReport): IsoDate {
  return report.publishedOn ?? report.inspectionEnd ?? report.baselineDate;
}

/** "Single inspection, 20 January 2015": enough to tell an authority's reports apart. */
export function actionPlanReportLabel(report: ActionPlanReport): string {
  return `${reportFormatTitle(report.format)}, ${formatLongDate(reportDateOf(report))}`;
}

export function actionPlanRow(action: ActionView, records: ActionPlanRecords, report: string, supplement: ActionPlanSupplement = {}): ActionPlanRow {
  // Newest first: the records come oldest first.
  const latestChallenge = records.openChallenges.at(-1);
  return {
    report,
    reference: action.recommendation?.reference ?? '',
    recommendation: action.recommendation?.text ?? action.title,
    timeframe: TIMEFRAME_WORDING[action.timeframe] ?? action.timeframe,
    owner: action.team?.name ?? 'Unassigned',
    leadOfficer: action.leadOfficer ?? '',
    originalDueDate: action.originalDueDate,
    dueDate: action.dueDate,
    status: STATUS_WORDING[action.status] ?? action.status,
    rag: action.rag,
    latestNote: records.latestProgressNote ?? '',
    reprogrammed: action.reprogrammed ? `${describeSlippage(action)}${action.dueDateReason ? ` (${action.dueDateReason})` : ''}` : '',
    addressee: ADDRESSEE_WORDING[action.addressee] ?? action.addressee,
    whatWillBeDone: action.whatWillBeDone ?? '',
    successMeasure: action.successMeasure ?? '',
    milestones: [...records.milestones]
      .sort((a, b) => a.dueDate.localeCompare(b.dueDate))
      .map((milestone) => `${milestone.title}: due ${formatLongDate(milestone.dueDate)}${milestone.metOn ? `, met ${formatLongDate(milestone.metOn)}` : ', not met yet'}`)
      .join('\n'),
    signedOffBy: action.status === 'signed_off' ? (action.signedOffBy ?? '') : '',
    signedOffOn: action.status === 'signed_off' && action.signedOffAt ? action.signedOffAt.slice(0, 10) : null,
    cycleUpdate: supplement.cycleUpdate ?? '',
    evidenceCount: records.evidenceCount,
    openChallenges: records.openChallenges.length,
    latestOpenChallenge: latestChallenge ? `${latestChallenge.question}${latestChallenge.response ? `\nAnswer: ${latestChallenge.response}` : ''}` : '',
    raisedBefore: (supplement.raisedBefore ?? []).join('\n'),
  };
}

/** "Waltham Forest" → "waltham-forest"; accents dropped, so the name is safe in any header or file system. */
export function slugOf(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/['’]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|(?<!-)-+$/g, '');
}

/** "brent-action-plan-2026-12-01": whose plan, and the day it was taken, since the figures in it change daily. */
export function actionPlanFileStem(parts: readonly string[], today: IsoDate): string {
  return [...parts.map(slugOf).filter(Boolean), 'action-plan', today].join('-');
}

/** The plan's order: by report (in the order given), then in the report's own order of recommendations, then by action. */
export function inPlanOrder<T extends { id: number; reportId: number; recommendation?: { ordinal: number } | null }>(actions: readonly T[], reportIds: readonly number[]): T[] {
  const reportOrder = new Map(reportIds.map((id, index) => [id, index]));
  return [...actions].sort(
    (a, b) =>
      (reportOrder.get(a.reportId) ?? Number.MAX_SAFE_INTEGER) - (reportOrder.get(b.reportId) ?? Number.MAX_SAFE_INTEGER) ||
      (a.recommendation?.ordinal ?? 0) - (b.recommendation?.ordinal ?? 0) ||
      a.id - b.id,
  );
}

/** Tracking's own records of each action, gathered from what was read for all of them at once. */
export function actionPlanRecords(
  ids: readonly number[],
  read: {
    latestNotes: ReadonlyMap<number, string>;
    evidence: ReadonlyMap<number, number>;
    milestones: readonly { actionId: number; title: string; dueDate: IsoDate; metOn: IsoDate | null }[];
    openChallenges: readonly { actionId: number; question: string; response: string | null }[];
  },
): Map<number, ActionPlanRecords> {
  const records = new Map<number, { latestProgressNote: string | null; milestones: ActionPlanRecords['milestones'][number][]; evidenceCount: number; openChallenges: ActionPlanRecords['openChallenges'][number][] }>();
  const of = (id: number) => {
    let record = records.get(id);
    if (!record) records.set(id, (record = { latestProgressNote: read.latestNotes.get(id) ?? null, milestones: [], evidenceCount: read.evidence.get(id) ?? 0, openChallenges: [] }));
    return record;
  };
  for (const id of ids) of(id);
  for (const milestone of read.milestones) of(milestone.actionId).milestones.push({ title: milestone.title, dueDate: milestone.dueDate, metOn: milestone.metOn });
  for (const challenge of read.openChallenges) of(challenge.actionId).openChallenges.push({ question: challenge.question, response: challenge.response });
  return records;
}
