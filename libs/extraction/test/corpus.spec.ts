import { describe, expect, it } from 'vitest';
import { extractReport, readReportText, type ReportDraft } from '#extraction';
import { CORPUS_EXPECTATIONS, type ExpectedCorpusReport } from './corpus-expectations.js';
import { corpusPdf, corpusText } from './support/report-files.js';

function listsOf(draft: ReportDraft): { list: string; texts: string[] }[] {
  const lists: { list: string; texts: string[] }[] = [];
  for (const item of draft.recommendations) {
    const list = `${item.addressee === 'lscb' ? 'lscb' : 'local_authority'}/${item.timeframe}`;
    const last = lists[lists.length - 1];
    if (last?.list === list) last.texts.push(item.text);
    else lists.push({ list, texts: [item.text] });
  }
  return lists;
}

function countsOf(draft: ReportDraft): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of draft.recommendations) counts[`${item.addressee}/${item.timeframe}`] = (counts[`${item.addressee}/${item.timeframe}`] ?? 0) + 1;
  return counts;
}

function expectReport(draft: ReportDraft, expected: ExpectedCorpusReport): void {
  expect({
    authority: draft.authority,
    authorityCode: draft.authorityCode,
    format: draft.format,
    inspectionStart: draft.inspectionStart,
    inspectionEnd: draft.inspectionEnd,
    publishedOn: draft.publishedOn,
  }).toEqual({
    authority: expected.authority,
    authorityCode: expected.authorityCode,
    format: expected.format,
    inspectionStart: expected.inspectionStart,
    inspectionEnd: expected.inspectionEnd,
    publishedOn: expected.publishedOn,
  });
  expect(draft.baselineDate).toBe(expected.publishedOn ?? expected.inspectionEnd);
  expect(countsOf(draft)).toEqual(expected.counts);
  expect(draft.recommendations.map((item) => item.reference)).toEqual(expected.references);
  expect(draft.recommendations.map((item) => item.ordinal)).toEqual(expected.references.map((_, index) => index + 1));
  expect(
    listsOf(draft).map(({ list, texts }) => ({ list, count: texts.length, first: texts[0], last: texts[texts.length - 1] })),
  ).toEqual(expected.lists);
}

/** pdftotext joins words hyphenated at a line end without their hyphen ("multiagency"); our PDF text keeps it. */
function withoutHyphens(draft: ReportDraft): ReportDraft {
  return { ...draft, recommendations: draft.recommendations.map((item) => ({ ...item, text: item.text.replace(/-/g, '') })) };
}

describe('corpus reports (pdftotext text)', () => {
  it.each(CORPUS_EXPECTATIONS.map((expected) => [expected.name, expected] as const))('%s', (name, expected) => {
    expectReport(extractReport(corpusText(name), { fileName: `${name}.txt` }), expected);
  });
});

describe('corpus reports (PDF)', () => {
  it.each(CORPUS_EXPECTATIONS.map((expected) => [expected.name, expected] as const))(
    '%s gives the same draft from its PDF as from its text',
    async (name, expected) => {
      const fromPdf = extractReport(await readReportText(corpusPdf(name), `${name}.pdf`), { fileName: `${name}.pdf` });
      const fromText = extractReport(corpusText(name), { fileName: `${name}.txt` });
      expect(withoutHyphens(fromPdf)).toEqual(withoutHyphens(fromText));
      expect(countsOf(fromPdf)).toEqual(expected.counts);
    },
  );
});

describe('corpus families', () => {
  it('reads an LSCB part with no priority actions ("There are no priority actions.") as its areas list only', () => {
    const draft = extractReport(corpusText('enfield-2015'));
    expect(draft.recommendations.filter((item) => item.addressee === 'lscb').map((item) => [item.reference, item.timeframe])).toEqual([
      ['139', 'unspecified'],
      ['140', 'unspecified'],
      ['141', 'unspecified'],
      ['142', 'unspecified'],
    ]);
  });

  it('folds sub-bullets into their numbered recommendation', () => {
    const first = extractReport(corpusText('cheshire-east-2015')).recommendations[0];
    expect(first.text).toBe(
      'Strengthen senior managers’ oversight and monitoring of: complex cases where there are historic drift and delay in taking decisive action (paragraph 36); private fostering and connected persons’ arrangements to ensure that these arrangements are suitable and comply with regulations (paragraphs 40, 83); care leavers who are homeless (paragraph 112).',
    );
  });

  it('keeps theme subheadings of the 2014-15 layout', () => {
    const draft = extractReport(corpusText('enfield-2015'));
    expect(draft.recommendations.slice(0, 11).map((item) => item.theme)).toEqual([
      ...Array<string>(5).fill('Leadership, management and governance'),
      ...Array<string>(6).fill('Quality of social work practice'),
    ]);
  });

  it('reads the judgements tables of each generation', () => {
    expect(extractReport(corpusText('coventry-2014')).judgements).toEqual([
      { area: 'overall effectiveness', grade: 'inadequate' },
      { area: 'children who need help and protection', grade: 'inadequate' },
      { area: 'children looked after and achieving permanence', grade: 'requires improvement' },
      { area: 'adoption performance', grade: 'requires improvement' },
      { area: 'experiences and progress of care leavers', grade: 'requires improvement' },
      { area: 'leadership, management and governance', grade: 'inadequate' },
      { area: 'LSCB', grade: 'inadequate' },
    ]);
    expect(extractReport(corpusText('stoke-on-trent-2025')).judgements).toEqual([
      { area: 'the impact of leaders on social work practice with children and families', grade: 'requires improvement' },
      { area: 'the experiences and progress of children who need help and protection', grade: 'requires improvement' },
      { area: 'the experiences and progress of children in care', grade: 'good' },
      { area: 'the experiences and progress of care leavers', grade: 'requires improvement' },
      { area: 'overall effectiveness', grade: 'requires improvement' },
    ]);
    expect(extractReport(corpusText('sandwell-2013')).judgements).toEqual([
      { area: 'overall effectiveness', grade: 'inadequate' },
      { area: 'capacity to improve', grade: 'adequate' },
      { area: 'outcomes for looked after children and young people', grade: 'adequate' },
      { area: 'quality of provision', grade: 'inadequate' },
      { area: 'leadership and management', grade: 'inadequate' },
    ]);
    expect(extractReport(corpusText('ealing-focused-visit-2018')).judgements).toEqual([]);
  });
});
