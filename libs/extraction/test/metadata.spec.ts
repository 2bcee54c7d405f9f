import { describe, expect, it } from 'vitest';
import { findAuthority } from '../src/metadata/authority-name.js';
import { findJudgements } from '../src/metadata/judgements.js';
import { findReportDates, parseDateRange } from '../src/metadata/report-dates.js';

describe('inspection date ranges', () => {
  it.each([
    ['7 January to 16 January 2013', '2013-01-07', '2013-01-16'],
    ['14 – 24 January 2013', '2013-01-14', '2013-01-24'],
    ['12–23 March 2012', '2012-03-12', '2012-03-23'],
    ['4 November 2014 – 26 November 2014', '2014-11-04', '2014-11-26'],
    ['28 January–5 February 2014', '2014-01-28', '2014-02-05'],
    ['6 to 30 July 2015', '2015-07-06', '2015-07-30'],
    ['20 January 2015 to 11 February 2015', '2015-01-20', '2015-02-11'],
    ['24 and 25 October 2018', '2018-10-24', '2018-10-25'],
    ['28 December 2015 to 8 January 2016', '2015-12-28', '2016-01-08'],
    ['28 December to 8 January 2016', '2015-12-28', '2016-01-08'],
    ['1st - 3rd Sept 2019', '2019-09-01', '2019-09-03'],
    ['12 March 2012', '2012-03-12', '2012-03-12'],
  ])('%s', (text, start, end) => {
    expect(parseDateRange(text)).toEqual({ start, end });
  });

  it('rejects impossible dates', () => {
    expect(parseDateRange('30 February 2015')).toBeNull();
    expect(parseDateRange('no dates here')).toBeNull();
  });
});

describe('report dates', () => {
  it('reads labelled dates, with the value a few lines after its label as PDF converters leave it', () => {
    expect(findReportDates(['Inspection dates:', '8 – 12 July 2013', 'Reporting inspector Gary Lamb HMI', 'Age group:', 'Published:', 'All', '16 August 2013'], false)).toEqual({
      inspectionStart: '2013-07-08',
      inspectionEnd: '2013-07-12',
      publishedOn: '2013-08-16',
      disagreements: [],
    });
    expect(findReportDates(['Inspection date: 4 November 2014 – 26 November 2014', 'Report published: 20 January 2015'], false)).toEqual({
      inspectionStart: '2014-11-04',
      inspectionEnd: '2014-11-26',
      publishedOn: '2015-01-20',
      disagreements: [],
    });
  });

  it('reads a visit letter’s visit dates and its own date', () => {
    const letter = ['Ofsted', '31 August 2021', 'Jenny Coles', 'Dear Ms. Coles', 'This letter summarises the findings of a focused visit to Hertfordshire County Council', 'children’s services on 21 and 22 July 2021.'];
    expect(findReportDates(letter, true)).toEqual({ inspectionStart: '2021-07-21', inspectionEnd: '2021-07-22', publishedOn: '2021-08-31', disagreements: [] });
    expect(findReportDates(letter, false).publishedOn).toBeNull();
  });

  it('reads day-first numeric dates ("Report published: 10/08/2015")', () => {
    expect(findReportDates(['Inspection dates: 06/07/2015 to 30/07/2015', 'Report published: 10/08/2015'], false)).toEqual({
      inspectionStart: '2015-07-06',
      inspectionEnd: '2015-07-30',
      publishedOn: '2015-08-10',
      disagreements: [],
    });
    expect(findReportDates(['Inspection date: 31/02/2015'], false).inspectionEnd).toBeNull();
  });

  it('takes the last day of two inspection ranges (a return visit) as the end, and says the dates need checking', () => {
    const dates = findReportDates(['Inspection dates: 8 July 2019 to 12 July 2019 and 7 August 2019 to', '8 August 2019', 'Lead inspector: A Person'], false);
    expect([dates.inspectionStart, dates.inspectionEnd]).toEqual(['2019-07-08', '2019-08-08']);
    expect(dates.disagreements).toHaveLength(1);
    expect(dates.disagreements[0].message).toMatch(/2 inspection date ranges/);
    expect(dates.disagreements[0].near).toBe('Inspection dates: 8 July 2019 to 12 July 2019 and 7 August 2019 to 8 August 2019');
    expect(findReportDates(['Inspection dates: 5 to 9 December 2022 and 14 to 15 February 2023'], false).inspectionEnd).toBe('2023-02-15');
  });

  it('says when the publication date comes before the inspection ended, or long after it', () => {
    expect(findReportDates(['Inspection dates: 1 to 5 July 2019', 'Report published: 1 June 2019'], false).disagreements.map((item) => item.near)).toEqual([
      'Report published: 1 June 2019',
    ]);
    expect(findReportDates(['Inspection dates: 1 to 5 July 2019', 'Report published: 1 June 2020'], false).disagreements).toHaveLength(1);
    expect(findReportDates(['Inspection dates: 1 to 5 July 2019', 'Report published: 1 September 2019'], false).disagreements).toEqual([]);
  });
});

describe('authority as printed', () => {
  it.each([
    [['Inspection of local authority arrangements for the protection of children', 'Waltham Forest', 'Inspection dates: 7 January to 16 January 2013'], 'Waltham Forest', 'E09000031'],
    [['London Borough of Waltham Forest', 'Inspection of services for children in need of help and protection'], 'London Borough of Waltham Forest', 'E09000031'],
    [['Inspection of Stoke-on-Trent local', 'authority children’s services'], 'Stoke-on-Trent', 'E06000021'],
    [['Ofsted', 'Piccadilly Gate', 'Manchester', 'M1 2WD', 'Focused visit to the Isle of Wight local authority children’s services'], 'Isle of Wight', 'E06000046'],
    [['Ofsted', 'Piccadilly Gate', 'Manchester', 'M1 2WD', 'Dear Ms Smith', 'Somewhere Borough Council'], 'Somewhere Borough Council', null],
  ])('%j → %s', (lines, name, onsCode) => {
    const found = findAuthority(lines);
    expect([found?.name, found?.entry?.onsCode ?? null]).toEqual([name, onsCode]);
  });

  it('falls back to the directory name the opening text mentions most', () => {
    expect(findAuthority(['Annual conversation', 'Services in Gateshead are improving.', 'Gateshead partners met in Newcastle.', 'Gateshead has a plan.'])?.entry?.name).toBe('Gateshead');
  });
});

describe('judgements', () => {
  it('reads a 2014 table with numbered areas, wrapped areas and wrapped grades, and the LSCB sentence', () => {
    const opening = [
      'The overall judgement is inadequate',
      '1. Children who need help and protection',
      'Inadequate',
      '2. Children looked after and achieving',
      'permanence',
      'Requires',
      'Improvement',
      '2.1 Adoption performance',
      'Good',
    ];
    expect(findJudgements(opening, [], [...opening, 'The effectiveness of the Local Safeguarding Children Board (LSCB) is', 'inadequate'])).toEqual([
      { area: 'overall effectiveness', grade: 'inadequate' },
      { area: 'children who need help and protection', grade: 'inadequate' },
      { area: 'children looked after and achieving permanence', grade: 'requires improvement' },
      { area: 'adoption performance', grade: 'good' },
      { area: 'LSCB', grade: 'inadequate' },
    ]);
  });

  it('reads tables whose grades share a line with their area, as PDF text lays them out', () => {
    const opening = ['Judgement Grade', 'The impact of leaders on social work\tOutstanding', 'practice with children and families', 'The experiences and progress of care Good', 'leavers', 'Overall effectiveness Requires improvement to be good'];
    expect(findJudgements(opening, [], opening)).toEqual([
      { area: 'the impact of leaders on social work practice with children and families', grade: 'outstanding' },
      { area: 'the experiences and progress of care leavers', grade: 'good' },
      { area: 'overall effectiveness', grade: 'requires improvement' },
    ]);
  });

  it('reads a 2012-13 record of main findings', () => {
    const record = ['Local authority arrangements for the protection of children', 'Overall effectiveness\tInadequate', 'The quality of practice\tAdequate'];
    expect(findJudgements([], record, record)).toEqual([
      { area: 'overall effectiveness', grade: 'inadequate' },
      { area: 'the quality of practice', grade: 'adequate' },
    ]);
  });
});
