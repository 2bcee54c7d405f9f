import { describe, expect, it } from 'vitest';
import { extractReport, type ExtractionWarningCode, type ReportDraft } from '#extraction';
import { CORPUS_EXPECTATIONS } from './corpus-expectations.js';
import { corpusText } from './support/report-files.js';
import { focusedVisitLetter, protectionReport, singleInspectionReport } from './support/synthetic-report.js';

function codes(draft: ReportDraft): ExtractionWarningCode[] {
  return draft.warnings.map((warning) => warning.code);
}

function warning(draft: ReportDraft, code: ExtractionWarningCode) {
  const found = draft.warnings.find((item) => item.code === code);
  if (!found) throw new Error(`no ${code} warning in ${JSON.stringify(draft.warnings)}`);
  return found;
}

/** Recommendations headings of every family, as printed. */
const RECOMMENDATIONS_HEADING =
  /^(?:Immediately:?|Within (?:three|six) months:?|Priority and immediate action|Areas for improvement|What needs to improve\??|Recommendations|What does the (?:LSCB|local authority) need to improve\??|What needs to improve in this area of social work practice\??|Areas for priority action)\s*$/i;

describe('renamed headings: every item comes back, or the draft says where to look', () => {
  const cases = CORPUS_EXPECTATIONS.flatMap((expected) => {
    const lines = corpusText(expected.name).split('\n');
    return lines.flatMap((line, index) => (RECOMMENDATIONS_HEADING.test(line.trim()) ? [[expected.name, index, line.trim()] as const] : []));
  });

  it('finds the headings to rename', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  it.each(['Quality of practice', 'Next steps for the service'])('each corpus recommendations heading renamed "%s"', (replacement) => {
    const silent: string[] = [];
    for (const [name, index, heading] of cases) {
      const expected = CORPUS_EXPECTATIONS.find((report) => report.name === name)!;
      const count = expected.references.length;
      const lines = corpusText(name).split('\n');
      lines[index] = replacement;
      const draft = extractReport(lines.join('\n'));
      const pointed = draft.warnings.some((item) => !['AUTHORITY_NOT_MATCHED', 'DATES_DISAGREE'].includes(item.code));
      if (draft.recommendations.length !== count && !pointed) silent.push(`${name}: "${heading}" → ${draft.recommendations.length} of ${count}`);
    }
    expect(silent).toEqual([]);
  });

  it('a renamed timeframe heading keeps every item and reads the timeframe it names ("In the next three months:")', () => {
    const text = corpusText('norfolk-2013').replace('Within three months:', 'In the next three months:');
    const draft = extractReport(text);
    expect(draft.recommendations).toHaveLength(17);
    expect(draft.recommendations.filter((item) => item.timeframe === 'three_months')).toHaveLength(4);
    expect(warning(draft, 'UNFAMILIAR_HEADING').near).toBe('In the next three months:');
  });

  it('an unknown subheading inside a timeframe list keeps the items after it, and says so', () => {
    const draft = extractReport(protectionReport('Immediately:\n- ensure one\n\nChildren in care\n- ensure two\n- ensure three\n\nWithin six months:\n- ensure four'));
    expect(draft.recommendations.map((item) => [item.text, item.timeframe])).toEqual([
      ['ensure one', 'immediate'],
      ['ensure two', 'immediate'],
      ['ensure three', 'immediate'],
      ['ensure four', 'six_months'],
    ]);
    expect(warning(draft, 'UNFAMILIAR_HEADING').near).toBe('Children in care');
  });

  it('a subheading another family uses to end its list is a theme here ("Leadership and management" after a page break)', () => {
    const draft = extractReport(
      singleInspectionReport(
        [
          'What does the local authority need to improve?',
          'Priority and immediate action',
          '1.',
          '',
          'Cease the use of bed and breakfast accommodation.',
          '',
          'Areas for improvement',
          '',
          'Leadership and management',
          '',
          '4',
          '',
          '\f2.',
          '',
          'Undertake a review of quality assurance activity.',
          '',
          '3.',
          '',
          'Improve the rate of progress for children looked after.',
        ].join('\n'),
      ),
    );
    expect(draft.recommendations.map((item) => [item.reference, item.theme])).toEqual([
      ['1', null],
      ['2', 'Leadership and management'],
      ['3', 'Leadership and management'],
    ]);
    expect(draft.warnings).toEqual([]);
  });

  it('a list that seemed to end at prose (a footnote) resumes at its next number, and says so', () => {
    const draft = extractReport(
      singleInspectionReport(
        [
          'What does the local authority need to improve?',
          'Areas for improvement',
          '17. Improve the quality of personal education plans.',
          '',
          'Looked after children here are known locally as cared for children, following a consultation with them.',
          '',
          'Timeliness of intervention',
          '18. Ensure that reviews of child protection plans are robust.',
          '19. Further improve the timeliness of care proceedings.',
        ].join('\n'),
      ),
    );
    expect(draft.recommendations.map((item) => item.reference)).toEqual(['17', '18', '19']);
    expect(draft.recommendations[1].theme).toBe('Timeliness of intervention');
    expect(codes(draft)).toEqual(['UNFAMILIAR_HEADING']);
  });

  it('a list under a heading nobody knows is read when the heading names recommendations ("Areas for development")', () => {
    const draft = extractReport(focusedVisitLetter('Areas for development\n\u25FC The quality of plans.\n\u25FC Supervision of social workers.'));
    expect(draft.recommendations.map((item) => item.text)).toEqual(['The quality of plans.', 'Supervision of social workers.']);
    expect(warning(draft, 'UNFAMILIAR_HEADING').near).toBe('Areas for development');
  });

  it('a list that reads like recommendations under a heading that does not name them is reported', () => {
    const draft = extractReport(
      singleInspectionReport(
        'What does the local authority need to improve?\nAreas for improvement\n1. Ensure one thing is done.',
        'Local Safeguarding Children Board (LSCB)\nQuality of practice\n120. Ensure that partners fulfil their roles.\n121. Review the threshold document.\n',
      ),
    );
    expect(draft.recommendations).toHaveLength(1);
    expect(warning(draft, 'UNREAD_LIST').near).toBe('120. Ensure that partners fulfil their roles.');
  });
});

describe('numbering', () => {
  it('items numbered 1-3 then 7 say that 4-6 were not found', () => {
    const draft = extractReport(
      singleInspectionReport(
        'What does the local authority need to improve?\nAreas for improvement\n1. Ensure one.\n2. Ensure two.\n3. Ensure three.\n\nA table nobody could read\n\n7. Ensure seven.\n8. Ensure eight.',
      ),
    );
    expect(draft.recommendations.map((item) => item.reference)).toEqual(['1', '2', '3', '7', '8']);
    const gap = warning(draft, 'NUMBERING_GAP');
    expect(gap.message).toMatch(/from 3 to 7: items 4 to 6/);
    expect(gap.near).toBe('7. Ensure seven.');
  });

  it('"18. There are no areas for priority or immediate action." is not an item and leaves no gap', () => {
    const draft = extractReport(
      singleInspectionReport(
        'What does the local authority need to improve?\nPriority and immediate action\n18. There are no areas for priority or immediate action.\nAreas for improvement\n19. Ensure one.\n20. Ensure two.',
      ),
    );
    expect(draft.recommendations.map((item) => [item.reference, item.timeframe])).toEqual([
      ['19', 'unspecified'],
      ['20', 'unspecified'],
    ]);
    expect(draft.warnings).toEqual([]);
  });
});

describe('items that look cut', () => {
  it('an item that stops mid-sentence', () => {
    const draft = extractReport(singleInspectionReport('Recommendations\n1. Ensure that plans are reviewed with the\n\nInformation about this inspection'));
    expect(warning(draft, 'ITEM_MAY_BE_CUT').message).toMatch(/^Item 1 stops mid-sentence/);
  });

  it('an item starting in lower case in a list of capitals', () => {
    const draft = extractReport(focusedVisitLetter('What needs to improve in this area of social work practice\n\u25FC The quality of plans.\n\u25FC The timeliness of visits.\n\u25FC and supervision.'));
    expect(warning(draft, 'ITEM_MAY_BE_CUT').near).toBe('and supervision.');
  });

  it('but not in 2012-13 lists, whose items all start in lower case', () => {
    expect(extractReport(protectionReport('Immediately:\n- ensure one\n- ensure two')).warnings).toEqual([]);
  });
});

describe('the report as a whole', () => {
  it('a section found twice in the same part', () => {
    const draft = extractReport(singleInspectionReport('Recommendations\n1. Ensure one.\n\nRecommendations\n2. Ensure two.'));
    expect(draft.recommendations).toHaveLength(2);
    expect(warning(draft, 'SECTION_REPEATED').near).toBe('Recommendations');
  });

  it('two inspection ranges: the last day ends the inspection, and the dates are flagged', () => {
    const draft = extractReport(
      singleInspectionReport('Recommendations\n1. Ensure one.').replace('Inspection date: 28 January–5 February 2014', 'Inspection dates: 5 to 9 December 2022 and 14 to 15 February 2023').replace('Report published: 20 March 2014', 'Report published: 10 April 2023'),
    );
    expect([draft.inspectionStart, draft.inspectionEnd]).toEqual(['2022-12-05', '2023-02-15']);
    expect(codes(draft)).toEqual(['DATES_DISAGREE']);
  });

  it('an authority that matches no English local authority', () => {
    const draft = extractReport(singleInspectionReport('Recommendations\n1. Ensure one.').replace('Coventry City Council', 'Atlantis Borough Council'));
    expect(draft.authorityCode).toBeNull();
    expect(warning(draft, 'AUTHORITY_NOT_MATCHED').near).toBe('Atlantis Borough Council');
  });

  it('the seed reports need no warning', async () => {
    const { SEED_REPORTS, seedReportText } = await import('./support/report-files.js');
    for (const name of SEED_REPORTS) expect(extractReport(seedReportText(name)).warnings).toEqual([]);
  });
});
