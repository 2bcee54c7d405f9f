import { formatLongDate } from '#deadlines';
import { describeSlippage } from '#governance';
import type { ActionView } from './action-view.js';
import { type IsoDate, type Rag, STATUS_WORDING, TIMEFRAME_WORDING } from '#core';
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
}

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

export function actionPlanRow(action: ActionView, latestNote: string | null, report: string): ActionPlanRow {
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
    latestNote: latestNote ?? '',
    reprogrammed: action.reprogrammed ? `${describeSlippage(action)}${action.dueDateReason ? ` (${action.dueDateReason})` : ''}` : '',
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
