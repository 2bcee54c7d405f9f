import { END, type LayoutFamily } from './layout-family.js';

/**
 * 2012-13 inspections of "local authority arrangements for the protection of children": an
 * "Areas for improvement" section with "Immediately:", "Within three months:" and "Within six
 * months:" lists (any may be missing), introduced by a numbered "In order to improve ..." paragraph.
 * The judgements are in a "Record of main findings" table at the end.
 */
export const PROTECTION_2012_LAYOUT: LayoutFamily<'protection_2012'> = {
  format: 'protection_2012',
  wording: { title: 'Child protection inspection', inSentence: 'child protection inspection' },
  titlePatterns: [/inspection of local authority arrangements for the protection of children/i],
  identifyingHeadings: [/^immediately$/, /^within /],
  judgementTableHeadings: ['record of main findings'],
  headings: {
    'areas for improvement': { kind: 'list', timeframe: 'unspecified' },
    immediately: { kind: 'list', timeframe: 'immediate' },
    'within three months': { kind: 'list', timeframe: 'three_months' },
    'within 3 months': { kind: 'list', timeframe: 'three_months' },
    'within six months': { kind: 'list', timeframe: 'six_months' },
    'within 6 months': { kind: 'list', timeframe: 'six_months' },
    'about this inspection': END,
    'service information': END,
    'overall effectiveness': END,
    'the effectiveness of the help and protection provided to children, young people, families and carers': END,
    'the quality of practice': END,
    'quality of practice': END,
    'leadership and governance': END,
    'record of main findings': END,
    'the inspection judgements and what they mean': END,
  },
  lookedFor: '"Areas for improvement" with "Immediately:" / "Within three months:" / "Within six months:"',
};
