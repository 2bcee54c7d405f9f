import type { Timeframe } from '#deadlines';
import type { ActionStatus } from '#database';
import type { Addressee } from '#extraction';

// The words boards read for the codes the API carries: one set for the pages and the exports.

export const STATUS_WORDING: Record<ActionStatus, string> = {
  not_started: 'Not started',
  in_progress: 'In progress',
  blocked: 'Blocked',
  completed: 'Completed',
};

export const TIMEFRAME_WORDING: Record<Timeframe, string> = {
  immediate: 'Immediately',
  three_months: 'Within three months',
  six_months: 'Within six months',
  unspecified: 'No timeframe given (a year assumed)',
};

export const ADDRESSEE_WORDING: Record<Addressee, string> = {
  local_authority: 'Local authority',
  lscb: 'LSCB',
  partnership: 'Partnership',
};

const REPORT_FORMAT_WORDING: Record<string, string> = {
  protection_2012: 'Child protection inspection',
  looked_after_2013: 'Looked after children inspection',
  single_inspection_2014: 'Single inspection',
  ilacs_2018: 'ILACS inspection',
  focused_visit: 'Focused visit',
};

/** "Single inspection": the kind of report, as a board would name it. */
export function reportKindOf(report: { format: string }): string {
  return REPORT_FORMAT_WORDING[report.format] ?? 'Inspection';
}
