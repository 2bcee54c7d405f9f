import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { extractReport, type ReportDraft } from '#extraction';
import { SEED_REPORTS, seedReportText } from './support/report-files.js';

function golden(name: string): ReportDraft {
  return JSON.parse(readFileSync(new URL(`./golden/${name}.json`, import.meta.url), 'utf8')) as ReportDraft;
}

function countBy(draft: ReportDraft, key: (recommendation: ReportDraft['recommendations'][number]) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const recommendation of draft.recommendations) counts[key(recommendation)] = (counts[key(recommendation)] ?? 0) + 1;
  return counts;
}

describe('seed reports: every field of every recommendation', () => {
  it.each(SEED_REPORTS)('%s matches its golden draft', (name) => {
    expect(extractReport(seedReportText(name), { fileName: `${name}.txt` })).toEqual(golden(name));
  });
});

describe('seed reports: the counts the issue states', () => {
  it('Waltham Forest 2013: 15 (4 immediate, 3 within three months, 8 within six months)', () => {
    const draft = extractReport(seedReportText('waltham-forest-2013-protection'));
    expect(draft.recommendations).toHaveLength(15);
    expect(countBy(draft, (item) => item.timeframe)).toEqual({ immediate: 4, three_months: 3, six_months: 8 });
  });

  it('Norfolk 2013: 12 (5 + 5 + 2)', () => {
    const draft = extractReport(seedReportText('norfolk-2013-protection'));
    expect(countBy(draft, (item) => item.timeframe)).toEqual({ immediate: 5, three_months: 5, six_months: 2 });
  });

  it('Brent 2012: 12 (7 + 5), the bullet split by a page break read as one', () => {
    const draft = extractReport(seedReportText('brent-2012-protection'));
    expect(countBy(draft, (item) => item.timeframe)).toEqual({ immediate: 7, three_months: 5 });
    expect(draft.recommendations[5].text).toBe(
      "ensure that assessments contain sufficient analysis of information to inform risk and to understand the impact of the situation from the child's perspective, and that the outcome of assessments, plans and key documents are explained and given to parents",
    );
  });

  it('Rochdale 2012: 11 (5 + 5 + 1)', () => {
    const draft = extractReport(seedReportText('rochdale-2012-protection'));
    expect(countBy(draft, (item) => item.timeframe)).toEqual({ immediate: 5, three_months: 5, six_months: 1 });
  });

  it('Waltham Forest 2014: 27 (local authority 4 priority + 16 areas; LSCB 1 priority + 6 areas), inspected 4-26 Nov 2014, published 20 Jan 2015', () => {
    const draft = extractReport(seedReportText('waltham-forest-2014-sif'));
    expect(countBy(draft, (item) => `${item.addressee}/${item.timeframe}`)).toEqual({
      'local_authority/immediate': 4,
      'local_authority/unspecified': 16,
      'lscb/immediate': 1,
      'lscb/unspecified': 6,
    });
    expect([draft.inspectionStart, draft.inspectionEnd, draft.publishedOn, draft.baselineDate]).toEqual(['2014-11-04', '2014-11-26', '2015-01-20', '2015-01-20']);
    expect(draft.recommendations.map((item) => item.reference).slice(19, 22)).toEqual(['20', '161', '162']);
  });

  it('gives all 77 seed recommendations', () => {
    const total = SEED_REPORTS.reduce((sum, name) => sum + extractReport(seedReportText(name)).recommendations.length, 0);
    expect(total).toBe(77);
  });

  it('lets a baseline date replace the report’s own for every due date', () => {
    const draft = extractReport(seedReportText('waltham-forest-2013-protection'), { baselineDate: '2013-08-31' });
    expect(draft.baselineDate).toBe('2013-08-31');
    expect(new Set(draft.recommendations.map((item) => `${item.timeframe} ${item.dueDate}`))).toEqual(
      new Set(['immediate 2013-08-31', 'three_months 2013-11-30', 'six_months 2014-02-28']),
    );
  });
});
