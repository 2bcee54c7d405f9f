import { END, type LayoutFamily } from './layout-family.js';

/**
 * 2014-17 single inspections of services for children in need of help and protection, children
 * looked after and care leavers, with a review of the Local Safeguarding Children Board.
 * - 2014-15: "What does the local authority need to improve?" with "Priority and immediate action"
 *   and "Areas for improvement" lists, theme subheadings and numbered paragraphs; the LSCB part has
 *   its own "What does the LSCB need to improve?" (or starts straight with the lists).
 * - 2016-17: a "Recommendations" section in each part, numbered items with sub-bullets.
 */
export const SINGLE_INSPECTION_2014_LAYOUT: LayoutFamily<'single_inspection_2014'> = {
  format: 'single_inspection_2014',
  wording: { title: 'Single inspection', inSentence: 'single inspection' },
  titlePatterns: [
    /inspection of services for children in need of help and protection,? children looked after and care leavers/i,
    /review of the effectiveness of the local safeguarding children board/i,
  ],
  // A review of the board published on its own (no inspection of the council's services in its title).
  boardReview: {
    title: /\breview of the effectiveness of the (?:local safeguarding children(?:'s|’s)? board|lscb)\b/i,
    unless: /\binspection of services for children\b/i,
  },
  // The family of most reports that print only a "Recommendations" heading.
  fallback: true,
  themes: true,
  headings: {
    'what does the local authority need to improve': { kind: 'section', timeframe: 'unspecified', part: 'local_authority' },
    'what does the lscb need to improve': { kind: 'section', timeframe: 'unspecified', part: 'lscb' },
    'what does the local safeguarding children board need to improve': { kind: 'section', timeframe: 'unspecified', part: 'lscb' },
    recommendations: { kind: 'section', timeframe: 'unspecified' },
    'priority and immediate action': { kind: 'list', timeframe: 'immediate' },
    'priority and immediate actions': { kind: 'list', timeframe: 'immediate' },
    'priority action': { kind: 'list', timeframe: 'immediate' },
    'priority actions': { kind: 'list', timeframe: 'immediate' },
    'the local authority': { kind: 'part', part: 'local_authority' },
    'section 1: the local authority': { kind: 'part', part: 'local_authority' },
    'local safeguarding children board (lscb)': { kind: 'part', part: 'lscb' },
    'the local safeguarding children board (lscb)': { kind: 'part', part: 'lscb' },
    'local safeguarding children board': { kind: 'part', part: 'lscb' },
    'the local safeguarding children board': { kind: 'part', part: 'lscb' },
    "the local authority's strengths": END,
    'progress since the last inspection': END,
    'summary for children and young people': END,
    'information about this inspection': END,
    'information about this local authority area': END,
    'information about the local authority area': END,
    'inspection judgements about the local authority': END,
    'inspection judgement about the lscb': END,
    'inspection judgements about the lscb': END,
    'key strengths and weaknesses of the lscb': END,
    'summary of findings': END,
    'summary of key findings': END,
    'executive summary': END,
    'what the inspection judgements mean': END,
    'what the inspection judgements mean: the local authority': END,
    'what the inspection judgments mean: the lscb': END,
    'what the inspection judgements mean: the lscb': END,
    'the inspection team': END,
  },
  headingPrefixes: [
    [/^section 2\b.*\b(?:safeguarding|lscb|board)\b/, { kind: 'part', part: 'lscb' }],
    // An LSCB review published as its own report and appended after the council's (its own title page).
    [/^review of the effectiveness of the (?:local safeguarding children|lscb)\b/, { kind: 'part', part: 'lscb', onlyAfterRecommendations: true }],
    [/^inspection findings\b/, END],
    [/^the experiences and progress of\b/, END],
    [/^key strengths and weaknesses\b/, END],
  ],
  lookedFor: '"What does the local authority need to improve?" or "Recommendations"',
};
