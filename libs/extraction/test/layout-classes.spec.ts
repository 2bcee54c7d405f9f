import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { extractReport, type ReportDraft } from '#extraction';
import { addresseeOf } from '../src/recommendations/addressee.js';
import { singleInspectionReport } from './support/synthetic-report.js';

/** Reports from the archive that showed a layout once missed (test/fixtures/layout-classes/SOURCE.md). */
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/layout-classes/', import.meta.url));

function fixture(name: string): string {
  return readFileSync(`${FIXTURES}${name}.txt`, 'utf8');
}

function extract(name: string): ReportDraft {
  return extractReport(fixture(name), { fileName: `${name}.txt` });
}

function references(draft: ReportDraft): string[] {
  return draft.recommendations.map((item) => item.reference);
}

function range(from: number, to: number): string[] {
  return Array.from({ length: to - from + 1 }, (_, index) => String(from + index));
}

describe('numbered lists', () => {
  it('theme subheadings followed by bare item numbers on their own lines after a page break, then inline numbers (Lincolnshire 2015)', () => {
    const draft = extract('lincolnshire--06-january-2015');
    expect(references(draft)).toEqual([...range(1, 15), '152', '153', '154']);
    expect(draft.recommendations.map((item) => [item.reference, item.theme, item.timeframe]).slice(0, 3)).toEqual([
      ['1', null, 'immediate'],
      ['2', 'Leadership and management', 'unspecified'],
      ['3', 'Leadership and management', 'unspecified'],
    ]);
    expect(draft.recommendations[9].text).toMatch(/^Introduce a chronology tool that is fit for purpose/);
    expect(draft.recommendations[12].theme).toBe('Care Leavers');
    expect(draft.recommendations.slice(15).every((item) => item.addressee === 'lscb')).toBe(true);
    expect(draft.warnings).toEqual([]);
  });

  it('the same report with a running header on every page reads the same', () => {
    const pages = fixture('lincolnshire--06-january-2015').split('\f');
    const headed = pages.map((page, index) => (index === 0 ? page : `Inspection report: Lincolnshire County Council, 6 January 2015\n\n${page}`)).join('\f');
    expect(extractReport(headed).recommendations).toEqual(extract('lincolnshire--06-january-2015').recommendations);
  });

  it('"136. No areas were identified for immediate improvement." is not a recommendation (Portsmouth 2014)', () => {
    const draft = extract('portsmouth--01-september-2014');
    expect(references(draft)).toEqual([...range(13, 23), '137', '138', '139', '140']);
    expect(draft.recommendations.filter((item) => item.addressee === 'lscb').every((item) => item.timeframe === 'unspecified')).toBe(true);
    expect(draft.warnings).toEqual([]);
  });

  it('findings paragraphs tagged "(Recommendation)" are not extra recommendations (Derby 2017)', () => {
    const draft = extract('derby--13-june-2017');
    expect(fixture('derby--13-june-2017').match(/\(Recommendation\)/g)?.length).toBeGreaterThan(10);
    expect(references(draft)).toEqual(range(1, 11));
  });

  it('a range broken at its dash over a line end joins without a space', () => {
    const draft = extractReport(
      singleInspectionReport('Recommendations\n1. Ensure that plans are reviewed regularly (paragraphs 129–\n130).\n2. Review the threshold document (paragraphs 12-\n14).'),
    );
    expect(draft.recommendations.map((item) => item.text)).toEqual([
      'Ensure that plans are reviewed regularly (paragraphs 129–130).',
      'Review the threshold document (paragraphs 12-14).',
    ]);
  });
});

describe('dates', () => {
  it('two inspection ranges (a return visit): the inspection ends on the last day, and the dates are flagged (South Tyneside 2023)', () => {
    const draft = extract('south-tyneside--10-may-2023');
    expect([draft.inspectionStart, draft.inspectionEnd, draft.baselineDate]).toEqual(['2022-12-05', '2023-02-15', '2023-02-15']);
    expect(draft.warnings.map((warning) => warning.code)).toEqual(['DATES_DISAGREE']);
    expect(references(draft)).toHaveLength(7);
  });

  it('two ranges wrapped over two lines (Derbyshire 2019)', () => {
    const draft = extract('derbyshire--19-september-2019');
    expect([draft.inspectionStart, draft.inspectionEnd]).toEqual(['2019-07-08', '2019-08-08']);
    expect(draft.warnings[0].near).toBe('Inspection dates: 8 July 2019 to 12 July 2019 and 7 August 2019 to 8 August 2019');
  });

  it('day-first numeric dates ("Report published: 16/05/2016")', () => {
    const draft = extract('bury-2016-numeric-dates');
    expect([draft.inspectionStart, draft.inspectionEnd, draft.publishedOn]).toEqual(['2016-02-22', '2016-03-17', '2016-05-16']);
    expect(references(draft)).toEqual(range(1, 11));
  });
});

describe('the Local Safeguarding Children Board', () => {
  it('an LSCB report appended after the council’s: both parts read, the board’s items addressed to it, the council’s dates kept', () => {
    const draft = extract('bury-2016-with-appended-lscb-report');
    expect(references(draft)).toEqual([...range(1, 11), ...range(120, 124)]);
    expect(draft.recommendations.map((item) => item.addressee)).toEqual([...Array(11).fill('local_authority'), ...Array(5).fill('lscb')]);
    expect([draft.authorityCode, draft.inspectionEnd, draft.publishedOn]).toEqual(['E08000002', '2016-03-17', '2016-05-16']);
  });

  it('a review of the board on its own: every item is the board’s, and the authority is the council it serves', () => {
    const draft = extract('bury-2016-lscb-review-alone');
    expect(references(draft)).toEqual(range(120, 124));
    expect(draft.recommendations.every((item) => item.addressee === 'lscb')).toBe(true);
    expect([draft.authority, draft.authorityCode, draft.format]).toEqual(['Bury Local Safeguarding Children Board', 'E08000002', 'single_inspection_2014']);
    expect(draft.judgements).toContainEqual({ area: 'LSCB', grade: 'good' });
  });
});

describe('focused-visit letters', () => {
  it('"What needs to improve in this area of social work practice" with an introductory sentence and a page break before the bullets', () => {
    const draft = extract('middlesbrough-2021-list-after-page-break');
    expect(draft.recommendations.map((item) => item.text)).toEqual([
      'Management oversight and actions to ensure that vulnerable children and children in care, including those with special educational needs and/or disabilities (SEND), receive their full educational entitlement.',
      'The understanding of identity and the diverse needs of children and their families to inform assessment, planning and support.',
    ]);
  });

  it('"Areas for priority action" are immediate, "What needs to improve" unspecified (Herefordshire 2021)', () => {
    const draft = extract('herefordshire--16-august-2021');
    expect(draft.recommendations.map((item) => item.timeframe)).toEqual(['immediate', 'immediate', 'immediate', 'unspecified', 'unspecified', 'unspecified', 'unspecified']);
    expect(draft.recommendations[0].text).toMatch(/^Address inconsistent and variable social work practice/);
    expect(draft.recommendations[6].text).toBe('The voice of the child in case records and planning.');
  });

  it('a footnote at the foot of the page the list continues over does not end it (Brent 2025)', () => {
    const draft = extract('brent--18-december-2025');
    expect(draft.recommendations.map((item) => item.text)).toEqual([
      'The consistency and rigour of responses to children who go missing from care (Outcome 3, national framework)',
      'Life-story work for children in long-term care (Outcome 4, national framework).',
    ]);
  });

  it('a letter that makes no recommendations (Bracknell Forest 2024)', () => {
    const draft = extract('bracknell-forest--12-january-2024');
    expect(draft.recommendations).toEqual([]);
    expect(draft.noRecommendations?.reason).toMatch(/^The report is a focused visit with no recommendations section/);
    expect([draft.authorityCode, draft.inspectionEnd, draft.publishedOn]).toEqual(['E06000036', '2023-11-22', '2024-01-12']);
  });
});

describe('authorities', () => {
  it('a name wrapped over two title lines (Kingston upon Thames 2015)', () => {
    const draft = extract('kingston-upon-thames--03-august-2015');
    expect([draft.authority, draft.authorityCode]).toEqual(['Royal Borough of Kingston upon Thames Council', 'E09000021']);
    expect(references(draft)).toEqual([...range(1, 12), ...range(120, 123)]);
  });

  it('a council whose services a children’s trust provides (Birmingham 2021)', () => {
    const draft = extract('birmingham--01-december-2021');
    expect(draft.authorityCode).toBe('E08000025');
    expect(draft.recommendations).toHaveLength(5);
  });
});

describe('joint work is a partnership, consistently', () => {
  it('"Work with partners to ..." items (Nottinghamshire 2015)', () => {
    const draft = extract('nottinghamshire--20-july-2015');
    expect(draft.recommendations.filter((item) => item.addressee === 'partnership').map((item) => item.reference)).toEqual(['10', '11']);
  });

  it.each([
    'Work with schools and other partners to improve attendance.',
    'Working with the LSCB to strengthen the response to neglect.',
    'With partners, ensure that early help is coordinated.',
    'Continue to work with partner agencies to increase the number of care leavers in education.',
    'In partnership with the Safeguarding Children Board, develop a strategy.',
    'Together with the LSCB and police, review the effectiveness of MARAC.',
    'Work with all housing providers to increase the range of accommodation.',
    'Engage with partner agencies to agree the aims of the early help strategy.',
  ])('%s', (text) => {
    expect(addresseeOf(text, 'local_authority')).toBe('partnership');
  });

  it.each([
    'Work with managers and independent reviewing officers to improve supervision.',
    'Work with children and families to understand their experiences.',
  ])('but not work with the council’s own staff or the families it serves: %s', (text) => {
    expect(addresseeOf(text, 'local_authority')).toBe('local_authority');
  });
});
