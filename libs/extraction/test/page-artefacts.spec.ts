import { describe, expect, it } from 'vitest';
import { extractReport } from '#extraction';
import { normaliseReportText } from '../src/text/page-artefacts.js';
import { focusedVisitLetter, protectionReport, singleInspectionReport } from './support/synthetic-report.js';

const texts = (report: string): string[] => extractReport(report).recommendations.map((item) => item.text);

describe('normaliseReportText', () => {
  it('strips markdown headings, emphasis, links, tags, rules and tables', () => {
    const lines = normaliseReportText(
      '# Title\n\n**Within six months:**\n\n### Immediately:\n\n---\n\nSee [the website](http://www.ofsted.gov.uk) and <b>bold</b>, 15<sup>th</sup>\n\n| a | b |\n|--|--|\n| Overall effectiveness | Adequate |',
    );
    expect(lines).toEqual(['Title', '', 'Within six months:', '', 'Immediately:', '', 'See the website and bold, 15th', '', 'a\tb', 'Overall effectiveness\tAdequate']);
  });

  it('removes page numbers and running headers and footers repeated across pages', () => {
    const page = (number: number, body: string): string =>
      `Norfolk County Council Inspection of looked after children services\n\n${number}\n\n${body}\n\nInspection of Norfolk\n12 to 23 May 2025\n\n${number}`;
    const lines = normaliseReportText([page(1, 'First page.'), page(2, 'Second page.'), page(3, 'Third page.'), page(4, 'Fourth page.')].join('\f'));
    expect(lines.filter((line) => line.length > 0)).toEqual(['First page.', 'Second page.', 'Third page.', 'Fourth page.']);
  });

  it('joins a bullet glyph or an item number alone on its line with the text after the blank line', () => {
    expect(normaliseReportText('\uF0A7\n\nensure all plans are reviewed\n\n42.\n\nDevelop the workforce strategy')).toEqual([
      '\uF0A7 ensure all plans are reviewed',
      '',
      '42. Develop the workforce strategy',
    ]);
  });

  it('joins words hyphenated across lines and page breaks, keeping the hyphen of compounds', () => {
    expect(normaliseReportText('the assess-\nment of risk and multi-\n\n- agency working in mid-\n2012')).toEqual([
      'the assessment of risk and multi-agency working in mid-2012',
    ]);
  });

  it('drops control characters, zero-width characters and ligatures, and makes unusual spaces plain', () => {
    expect(normaliseReportText('e\uFB00ective\u00A0plans\u200B for\u0007 children\r\nnext\rline')).toEqual(['effective plans for children', 'next', 'line']);
  });
});

describe('PDF converter artefacts inside recommendation lists', () => {
  it('reads a list broken by form feeds, running headers and page numbers as one list', () => {
    const pageTop = (number: number): string => `\fBrent Inspection of arrangements for the protection of children\n\n${number}\n`;
    const report = protectionReport(
      [
        'Immediately:',
        '\uF0A7 ensure that all staff receive regular supervision and that this is',
        '',
        pageTop(7),
        'recorded by managers',
        '\uF0A7 ensure that strategy discussions are recorded.',
        pageTop(8),
        'Within three months:',
        '\uF0A7 ensure that plans are specific',
        pageTop(9),
        'and measurable.',
      ].join('\n'),
    );
    expect(texts(report)).toEqual([
      'ensure that all staff receive regular supervision and that this is recorded by managers',
      'ensure that strategy discussions are recorded.',
      'ensure that plans are specific and measurable.',
    ]);
  });

  it.each([
    ['U+F0A7', '\uF0A7'],
    ['U+F06E', '\uF06E'],
    ['U+25FC', '\u25FC'],
    ['U+2022', '\u2022'],
  ])('reads items bulleted with %s', (_, glyph) => {
    const report = protectionReport(`Within three months:\n${glyph} ensure plans are specific\n${glyph} ensure plans are reviewed`);
    expect(extractReport(report).recommendations.map((item) => [item.text, item.timeframe])).toEqual([
      ['ensure plans are specific', 'three_months'],
      ['ensure plans are reviewed', 'three_months'],
    ]);
  });

  it('reads a glyph alone on its line with its text after a blank line', () => {
    const report = protectionReport('Immediately:\n\uF0A7\n\nEnsure that a clear plan is in place\n\n\uF0A7\n\nReview all children on care orders');
    expect(texts(report)).toEqual(['Ensure that a clear plan is in place', 'Review all children on care orders']);
  });

  it('joins a word hyphenated across lines inside an item', () => {
    const report = protectionReport('Immediately:\n- ensure that every assess-\nment is recorded and that multi-\nagency meetings are held');
    expect(texts(report)).toEqual(['ensure that every assessment is recorded and that multi-agency meetings are held']);
  });

  it('folds sub-bullets (U+F02D under U+F06E, or any bullet under a numbered item) into their parent', () => {
    const bulleted = protectionReport('Immediately:\n\uF06E ensure oversight of:\n\uF02D complex cases\n\uF02D care leavers\n\uF06E ensure plans are reviewed');
    expect(texts(bulleted)).toEqual(['ensure oversight of: complex cases; care leavers', 'ensure plans are reviewed']);
    const numbered = singleInspectionReport(
      'Recommendations\n1. Strengthen oversight of:\n\uF06E complex cases (paragraph 36)\n\uF06E care leavers (paragraph 112).\n2. Ensure that supervision is reflective.',
    );
    expect(texts(numbered)).toEqual(['Strengthen oversight of: complex cases (paragraph 36); care leavers (paragraph 112).', 'Ensure that supervision is reflective.']);
  });

  it('reads one bullet split by a page break as one recommendation, even when the continuation has a bullet', () => {
    const report = protectionReport(
      'Immediately:\n- ensure that assessments reflect the impact of the situation from the\n\n- child’s perspective, and are shared with parents\n- ensure that all decisions are risk assessed.',
    );
    expect(texts(report)).toEqual([
      'ensure that assessments reflect the impact of the situation from the child’s perspective, and are shared with parents',
      'ensure that all decisions are risk assessed.',
    ]);
  });

  it('ignores a contents page that repeats the headings with page numbers', () => {
    const report = [
      'London Borough of Enfield',
      'Inspection of services for children in need of help and protection, children looked after and care leavers',
      'Inspection date: 20 January 2015 to 11 February 2015',
      'Report published: 27 March 2015',
      '',
      'Contents',
      'What does the local authority need to improve?\t4',
      'Areas for improvement',
      '',
      '4',
      '',
      'Recommendations',
      '',
      '7',
      '',
      'The local authority',
      'Summary of findings',
      '\uF06E Enfield’s senior managers have a strong track record of making significant improvements.',
      '',
      'What does the local authority need to improve?',
      'Areas for improvement',
      '2. Prioritise the planned integration of the Single Point of Entry.',
      '',
      'The local authority’s strengths',
      '12. The local authority benefits from consistent and stable leadership.',
    ].join('\n');
    expect(extractReport(report).recommendations.map((item) => [item.reference, item.text])).toEqual([['2', 'Prioritise the planned integration of the Single Point of Entry.']]);
  });

  it('does not read "There are no areas for priority or immediate action" as a recommendation', () => {
    const report = singleInspectionReport(
      'What does the local authority need to improve?\nPriority and immediate action\nThere are no areas for priority or immediate action.\n\nAreas for improvement\n5. Ensure that plans are reviewed.',
    );
    expect(extractReport(report).recommendations.map((item) => [item.timeframe, item.text])).toEqual([['unspecified', 'Ensure that plans are reviewed.']]);
  });

  it('keeps item numbers that continue from the findings paragraphs, and stops at findings that follow', () => {
    const report = singleInspectionReport(
      [
        'Summary of key findings',
        '21. Too many children are not seen swiftly enough.',
        '22. Leaders have not tackled key weaknesses.',
        '',
        'What does the local authority need to improve?',
        'Priority and immediate action',
        '23. Senior leaders and managers need to ensure that children are seen swiftly.',
        '24. Promote police attendance at initial child protection conferences.',
        '',
        'Key strengths and weaknesses',
        '25. The local authority has a stable workforce.',
      ].join('\n'),
    );
    expect(extractReport(report).recommendations.map((item) => item.reference)).toEqual(['23', '24']);
  });

  it('does not read a findings list right after the recommendations as recommendations', () => {
    const letter = focusedVisitLetter(
      'What needs to improve in this area of social work practice\n\uF06E The quality and consistency of kinship assessments.\n\uF06E The recording of managers’ decisions.\nFindings\n\uF06E The co-location of fostering social workers works well.',
    );
    expect(texts(letter)).toEqual(['The quality and consistency of kinship assessments.', 'The recording of managers’ decisions.']);
  });

  it('stops at an unrecognised heading followed by numbered findings rather than reading it as a theme', () => {
    const report = singleInspectionReport(
      'Recommendations\n1. Ensure that plans are reviewed.\n2. Improve the quality of supervision.\n\nThe wider partnership\n3. The partnership has a shared vision for children.\n4. Most partners attend meetings.',
    );
    expect(texts(report)).toEqual(['Ensure that plans are reviewed.', 'Improve the quality of supervision.']);
  });
});
