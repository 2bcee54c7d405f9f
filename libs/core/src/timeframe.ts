/** How soon a report asks for a recommendation to be met; due dates are derived from it (#deadlines). */
export type Timeframe = 'immediate' | 'three_months' | 'six_months' | 'unspecified';
export const TIMEFRAMES: readonly Timeframe[] = ['immediate', 'three_months', 'six_months', 'unspecified'];

export const TIMEFRAME_WORDING: Record<Timeframe, string> = {
  immediate: 'Immediately',
  three_months: 'Within three months',
  six_months: 'Within six months',
  unspecified: 'No timeframe given (a year assumed)',
};
