import { END, type LayoutFamily } from './layout-family.js';

/**
 * 2018 onwards inspections of local authority children's services (ILACS): a short "What needs to
 * improve?" bullet list after the summary, then graded sections of numbered findings.
 */
export const ILACS_2018_LAYOUT: LayoutFamily<'ilacs_2018'> = {
  format: 'ilacs_2018',
  wording: { title: 'ILACS inspection', inSentence: 'ILACS inspection' },
  titlePatterns: [
    /inspection of (?:the )?.{2,80}? local authority children(?:'s|’s) services/i,
    /inspection of children(?:'s|’s) social care services/i,
  ],
  authorityInTitle: [/\binspection of (?:the )?(?!local authority arrangements)(.{2,80}?) local authority children(?:'s|’s) services\b/i],
  identifyingHeadings: [/^what needs to improve$/],
  headings: {
    'what needs to improve': { kind: 'section', timeframe: 'unspecified' },
    'overall effectiveness': END,
    'next steps': END,
  },
  headingPrefixes: [
    [/^the experiences and progress of\b/, END],
    [/^experiences and progress of\b/, END],
    [/^the impact of leaders\b/, END],
    [/^impact of leaders\b/, END],
  ],
  lookedFor: '"What needs to improve?"',
};
