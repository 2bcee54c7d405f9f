import { END, type LayoutFamily } from './layout-family.js';

/**
 * Focused-visit letters (2018 onwards): "Areas for priority action" (immediate) where the visit
 * found serious weaknesses, and "What needs to improve in this area of social work practice",
 * followed by "Findings" or "Main findings" lists that are not recommendations.
 */
export const FOCUSED_VISIT_LAYOUT: LayoutFamily<'focused_visit'> = {
  format: 'focused_visit',
  wording: { title: 'Focused visit', inSentence: 'focused visit' },
  titlePatterns: [/focused visit to /i],
  authorityInTitle: [/\bfocused visit to (?:the )?(.{2,80}?) (?:local authority )?children(?:'s|’s) services\b/i],
  identifyingHeadings: [/^what needs to improve in/, /^areas for priority action/],
  datedLetter: true,
  headings: {
    'areas for priority action': { kind: 'section', timeframe: 'immediate' },
    'area for priority action': { kind: 'section', timeframe: 'immediate' },
    'what needs to improve in this area of social work practice': { kind: 'section', timeframe: 'unspecified' },
    'what needs to improve in these areas of social work practice': { kind: 'section', timeframe: 'unspecified' },
    findings: END,
    'main findings': END,
    'headline findings': END,
    'evaluation of progress': END,
    'yours sincerely': END,
    'yours faithfully': END,
  },
  // "What needs to improve in this area of practice", "... in these areas of social work practice".
  headingPrefixes: [
    [/^what needs to improve in (?:this|these) areas? of\b/, { kind: 'section', timeframe: 'unspecified' }],
    // The letter's closing paragraph: "Ofsted will take the findings from this focused visit into account ...".
    [/^ofsted will take the findings\b/, END],
  ],
  lookedFor: '"Areas for priority action" or "What needs to improve in this area of social work practice"',
};
