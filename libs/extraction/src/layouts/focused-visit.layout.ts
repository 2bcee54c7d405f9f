import { END, type LayoutFamily } from './layout-family.js';

/**
 * Focused-visit letters (2018 onwards): "Areas for priority action" (immediate) where the visit
 * found serious weaknesses, and "What needs to improve in this area of social work practice",
 * followed by "Findings" or "Main findings" lists that are not recommendations.
 */
export const FOCUSED_VISIT_LAYOUT: LayoutFamily = {
  format: 'focused_visit',
  titlePatterns: [/focused visit to /i],
  headings: {
    'areas for priority action': { kind: 'section', timeframe: 'immediate' },
    'area for priority action': { kind: 'section', timeframe: 'immediate' },
    'what needs to improve in this area of social work practice': { kind: 'section', timeframe: 'unspecified' },
    'what needs to improve in these areas of social work practice': { kind: 'section', timeframe: 'unspecified' },
    findings: END,
    'main findings': END,
    'headline findings': END,
    'evaluation of progress': END,
  },
};
