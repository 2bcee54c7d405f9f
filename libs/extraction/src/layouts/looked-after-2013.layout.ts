import { END, type LayoutFamily } from './layout-family.js';

/**
 * 2013 inspections of looked after children services: the same "Areas for improvement" section
 * and timeframe lists as the protection inspections (whose headings are read from that family),
 * published as PDFs whose text carries page furniture and bullet glyphs, followed by graded
 * sections ("Outcomes for looked after children").
 */
export const LOOKED_AFTER_2013_LAYOUT: LayoutFamily<'looked_after_2013'> = {
  format: 'looked_after_2013',
  wording: { title: 'Looked after children inspection', inSentence: 'looked after children inspection' },
  titlePatterns: [/inspection of looked after children(?:'s|’s)? services/i, /inspection of services for looked after children/i],
  headings: {
    'capacity to improve': END,
    'quality of provision': END,
    'leadership and management': END,
  },
  headingPrefixes: [
    [/^outcomes for looked after children\b/, END],
    [/^overall effectiveness of services for looked after children\b/, END],
    [/^grade \d\b/, END],
  ],
  lookedFor: '"Areas for improvement" with "Immediately:" / "Within three months:" / "Within six months:"',
};
