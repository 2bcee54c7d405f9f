import { describe, expect, it } from 'vitest';
import { extractReport, LAYOUT_FAMILIES, REPORT_FORMATS, reportFormatInSentence, reportFormatTitle, type LayoutFamily } from '#extraction';
import { focusedVisitLetter, protectionReport, singleInspectionReport } from './support/synthetic-report.js';

describe('2012-13 timeframe lists', () => {
  it.each([
    ['markdown headings', '### Immediately:\n\n- ensure one\n\n### Within three months:\n\n- ensure two\n\n### Within six months:\n\n- ensure three'],
    ['bold lines', '**Immediately:**\n\n- ensure one\n\n**Within three months:**\n\n- ensure two\n\n**Within six months:**\n\n- ensure three'],
    ['plain lines', 'Immediately:\n- ensure one\nWithin three months:\n- ensure two\nWithin six months:\n- ensure three'],
  ])('reads timeframe headings written as %s', (_, lists) => {
    expect(extractReport(protectionReport(lists)).recommendations.map((item) => [item.timeframe, item.text])).toEqual([
      ['immediate', 'ensure one'],
      ['three_months', 'ensure two'],
      ['six_months', 'ensure three'],
    ]);
  });

  it('copes with a missing list and dates each item from the last inspection day', () => {
    const draft = extractReport(protectionReport('Immediately:\n- ensure one\n\nWithin six months:\n- ensure three'));
    expect(draft.recommendations.map((item) => [item.timeframe, item.dueDate, item.dueDateAssumed])).toEqual([
      ['immediate', '2012-10-31', false],
      ['six_months', '2013-04-30', false],
    ]);
    expect(draft.recommendations.map((item) => item.reference)).toEqual(['A1', 'A2']);
  });
});

describe('2014-17 single inspections', () => {
  const localAuthority = [
    'What does the local authority need to improve?',
    'Priority and immediate action',
    '',
    'Child protection',
    '',
    '1. Better coordinate information on children missing from home.',
    '',
    'Areas for improvement',
    '',
    'Corporate parenting',
    '2. Use the views of children more consistently.',
    '3. Develop practice guidelines for care leavers who are parents.',
  ].join('\n');
  const lscb = [
    'Local Safeguarding Children Board (LSCB)',
    'The Local Safeguarding Children Board requires improvement',
    'What does the LSCB need to improve?',
    'Priority and immediate action',
    '161. Strengthen the Board’s oversight and challenge.',
    'Areas for improvement',
    '162. Bring together intelligence on sexual exploitation.',
    '',
    'Inspection judgement about the LSCB',
    '168. The Board has a wide breadth of membership.',
  ].join('\n');

  it('reads priority and areas lists, themes, printed numbers and the LSCB part', () => {
    const draft = extractReport(singleInspectionReport(localAuthority, lscb));
    expect(draft.format).toBe('single_inspection_2014');
    expect(draft.recommendations.map((item) => [item.reference, item.timeframe, item.theme, item.addressee])).toEqual([
      ['1', 'immediate', 'Child protection', 'local_authority'],
      ['2', 'unspecified', 'Corporate parenting', 'local_authority'],
      ['3', 'unspecified', 'Corporate parenting', 'local_authority'],
      ['161', 'immediate', null, 'lscb'],
      ['162', 'unspecified', null, 'lscb'],
    ]);
    expect(draft.recommendations.map((item) => [item.dueDate, item.dueDateAssumed])).toEqual([
      ['2014-03-20', false],
      ['2015-03-20', true],
      ['2015-03-20', true],
      ['2014-03-20', false],
      ['2015-03-20', true],
    ]);
    expect(draft.judgements).toEqual([{ area: 'LSCB', grade: 'requires improvement' }]);
  });

  it('letters unnumbered items by section: A for the local authority, B for the LSCB', () => {
    const draft = extractReport(
      singleInspectionReport(
        'Recommendations\n\uF06E Ensure that thresholds are understood.\n\uF06E Improve life story work.',
        'The Local Safeguarding Children Board (LSCB)\nRecommendations\n\uF06E The board should ensure that it reviews thresholds.\n\nInspection findings – the Local Safeguarding Children Board\n112. The board meets its responsibilities.',
      ),
    );
    expect(draft.recommendations.map((item) => [item.reference, item.addressee])).toEqual([
      ['A1', 'local_authority'],
      ['A2', 'local_authority'],
      ['B1', 'lscb'],
    ]);
  });

  it('reads an LSCB part that starts straight with its lists ("Section 2: ...")', () => {
    const draft = extractReport(
      singleInspectionReport(
        'What does the local authority need to improve?\nAreas for improvement\n12. Ensure that experiences are evaluated.',
        'Section 2: The effectiveness of the Local Safeguarding\nChildren Board\nThe effectiveness of the LSCB is good\nAreas for improvement\n98. Strengthen the links with the Domestic Abuse Board.\nKey strengths and weaknesses of the LSCB\n101. The Board is highly effective.',
      ),
    );
    expect(draft.recommendations.map((item) => [item.reference, item.addressee])).toEqual([
      ['12', 'local_authority'],
      ['98', 'lscb'],
    ]);
    expect(draft.judgements).toEqual([{ area: 'LSCB', grade: 'good' }]);
  });
});

describe('2018 onwards', () => {
  it('reads an ILACS "What needs to improve?" list and stops at the graded sections', () => {
    const report = [
      'Inspection of Calderdale local authority',
      'children’s services',
      'Inspection dates: 19 to 23 February 2024',
      'Judgement',
      'Grade',
      'Overall effectiveness',
      'Good',
      '',
      'What needs to improve?',
      '\u25FC The response to 16- and 17-year-olds who present as homeless.',
      '\u25FC The quality and impact of personal education plans to progress children’s',
      'educational attainment.',
      '',
      'The experiences and progress of children who need help and',
      'protection: good',
      '1. Children and families are offered support when needs are first identified.',
    ].join('\n');
    const draft = extractReport(report);
    expect(draft.format).toBe('ilacs_2018');
    expect(draft.authority).toBe('Calderdale');
    expect(draft.recommendations.map((item) => [item.reference, item.timeframe, item.text])).toEqual([
      ['A1', 'unspecified', 'The response to 16- and 17-year-olds who present as homeless.'],
      ['A2', 'unspecified', 'The quality and impact of personal education plans to progress children’s educational attainment.'],
    ]);
    expect(draft.judgements).toEqual([{ area: 'overall effectiveness', grade: 'good' }]);
  });

  it('reads a focused-visit letter with areas for priority action as immediate', () => {
    const draft = extractReport(
      focusedVisitLetter(
        'Areas for priority action\n\u25FC Leaders must ensure that all children at risk are seen promptly.\n\nWhat needs to improve in this area of social work practice\n\u25FC The quality of plans.',
      ),
    );
    expect(draft.format).toBe('focused_visit');
    expect([draft.authority, draft.authorityCode, draft.inspectionStart, draft.inspectionEnd, draft.publishedOn]).toEqual([
      'Ealing',
      'E09000009',
      '2018-10-24',
      '2018-10-25',
      '2018-11-16',
    ]);
    expect(draft.recommendations.map((item) => [item.timeframe, item.dueDate, item.text])).toEqual([
      ['immediate', '2018-11-16', 'Leaders must ensure that all children at risk are seen promptly.'],
      ['unspecified', '2019-11-16', 'The quality of plans.'],
    ]);
  });
});

describe('layout registry', () => {
  it('declares each family once, with its wording, and exactly one fallback family', () => {
    const formats = LAYOUT_FAMILIES.map((family) => family.format);
    expect(new Set(formats).size).toBe(formats.length);
    expect(REPORT_FORMATS).toEqual(formats);
    for (const family of LAYOUT_FAMILIES as readonly LayoutFamily[]) {
      expect(family.wording.title.length).toBeGreaterThan(0);
      expect(family.wording.inSentence.toLowerCase()).toBe(family.wording.title.toLowerCase());
      expect(reportFormatTitle(family.format)).toBe(family.wording.title);
      expect(reportFormatInSentence(family.format)).toBe(family.wording.inSentence);
      expect(family.titlePatterns.length).toBeGreaterThan(0);
    }
    expect((LAYOUT_FAMILIES as readonly LayoutFamily[]).filter((family) => family.fallback).map((family) => family.format)).toEqual(['single_inspection_2014']);
    expect(reportFormatTitle('no_such_format')).toBe('Inspection');
  });

  it("names every family's recommendations headings when none is found", () => {
    let message = '';
    try {
      extractReport('Minutes of the meeting\n\nInspection dates: 1 to 5 July 2013\n\nAll agreed.');
    } catch (error) {
      message = (error as Error).message;
    }
    for (const family of LAYOUT_FAMILIES as readonly LayoutFamily[]) expect(message).toContain(family.lookedFor);
  });

  it('tells a family from its headings when the title is missing', () => {
    const bare = (lists: string) => `Inspection dates: 1 to 5 July 2013\n\n${lists}\n`;
    expect(extractReport(bare('Within three months:\n- ensure one')).format).toBe('protection_2012');
    expect(extractReport(bare('Areas for priority action\n- Ensure one.')).format).toBe('focused_visit');
    expect(extractReport(bare('What needs to improve?\n- The quality of plans.')).format).toBe('ilacs_2018');
    expect(extractReport(bare('Recommendations\n1. Ensure one.')).format).toBe('single_inspection_2014');
  });
});
