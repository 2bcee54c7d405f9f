import type { Timeframe } from '#deadlines';
import type { ActionStatus } from '#database';
import { reportFormatTitle, type Addressee } from '#extraction';

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

/** "Single inspection": the kind of report, as a board would name it (each layout family declares its wording). */
export function reportKindOf(report: { format: string }): string {
  return reportFormatTitle(report.format);
}
