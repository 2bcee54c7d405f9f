import { describe, expect, it } from 'vitest';
import { BoardErrorCode, checkedDecision, labelOf, linkedRecommendation, linkView, newLinkRows, repeatsOfStoredReport, type LinkedRecommendation } from '#board';

const SUPERVISION = 'Improve the quality and frequency of supervision for social workers so that case direction is clear';
const SUPERVISION_AGAIN = 'Strengthen supervision of social workers so that case direction is regular and clear';
const ADVOCACY = 'Make advocacy available to children in care when they need it';

const side = (overrides: Partial<LinkedRecommendation> = {}): LinkedRecommendation => ({
  recommendationId: 1,
  reference: 'A3',
  text: SUPERVISION,
  reportId: 1,
  reportYear: 2014,
  reportDate: '2014-05-02',
  actionId: 10,
  actionStatus: 'in_progress',
  completedAt: null,
  ...overrides,
});

describe('repeats of a stored report', () => {
  const reports = [
    { id: 1, baselineDate: '2014-04-01', publishedOn: '2014-05-02' },
    { id: 2, baselineDate: '2018-01-10', publishedOn: null },
    { id: 3, baselineDate: '2022-03-01', publishedOn: '2022-04-01' },
  ];
  const recommendations = [
    { id: 11, reportId: 1, text: SUPERVISION },
    { id: 21, reportId: 2, text: SUPERVISION_AGAIN },
    { id: 22, reportId: 2, text: ADVOCACY },
    { id: 31, reportId: 3, text: SUPERVISION_AGAIN },
  ];

  it('link its recommendations to earlier reports’ and later reports’ to its own, by report date', () => {
    const pairs = repeatsOfStoredReport(2, reports, recommendations).map((candidate) => [candidate.recommendationId, candidate.earlierRecommendationId]);
    expect(pairs).toContainEqual([21, 11]);
    expect(pairs).toContainEqual([31, 21]);
    expect(pairs.every(([later, earlier]) => later !== 22 && earlier !== 22)).toBe(true);
    expect(pairs.some(([later, earlier]) => later === 31 && earlier === 11)).toBe(false);
  });

  it('date a report by its publication, else its baseline, then by id', () => {
    // Report 4 is published before report 1 although its baseline is later: it is the earlier one.
    const older = [...reports, { id: 4, baselineDate: '2015-01-01', publishedOn: '2013-01-01' }];
    const pairs = repeatsOfStoredReport(4, older, [...recommendations, { id: 41, reportId: 4, text: SUPERVISION }]).map((candidate) => [candidate.recommendationId, candidate.earlierRecommendationId]);
    expect(pairs).toContainEqual([11, 41]);
  });

  it('find nothing for a council’s only report, or a report not among the council’s', () => {
    expect(repeatsOfStoredReport(1, reports.slice(0, 1), recommendations)).toEqual([]);
    expect(repeatsOfStoredReport(9, reports, recommendations)).toEqual([]);
  });

  it('are stored as suggestions, with the score in thousandths', () => {
    expect(newLinkRows('E09000001', [{ recommendationId: 21, earlierRecommendationId: 11, score: 0.4567, sharedWords: ['supervis'] }])).toEqual([
      { recommendationId: 21, earlierRecommendationId: 11, authorityCode: 'E09000001', scorePermille: 457, sharedWords: ['supervis'], status: 'suggested', decidedBy: null, decidedAt: null },
    ]);
  });
});

describe('a board member’s decision', () => {
  it('is confirmed or dismissed, nothing else', () => {
    expect(checkedDecision('confirmed')).toBe('confirmed');
    expect(checkedDecision('dismissed')).toBe('dismissed');
    for (const status of ['suggested', '', null, 'CONFIRMED']) expect(() => checkedDecision(status)).toThrow(expect.objectContaining({ code: BoardErrorCode.INVALID_INPUT }));
  });
});

describe('a link as printed', () => {
  it('dates a side by its report’s publication, else its baseline, and gives its action', () => {
    const report = { id: 2, baselineDate: '2018-01-10', publishedOn: null };
    expect(linkedRecommendation({ id: 5, reference: 'B1', text: ADVOCACY, reportId: 2, report }, undefined)).toEqual(
      side({ recommendationId: 5, reference: 'B1', text: ADVOCACY, reportId: 2, reportYear: 2018, reportDate: '2018-01-10', actionId: null, actionStatus: null }),
    );
    const done = linkedRecommendation({ id: 5, reference: 'B1', text: ADVOCACY, reportId: 2, report: { ...report, publishedOn: '2018-02-01' } }, { id: 7, status: 'signed_off', completedAt: new Date('2019-03-04T10:00:00Z') });
    expect([done.reportYear, done.reportDate, done.actionId, done.completedAt]).toEqual([2018, '2018-02-01', 7, '2019-03-04T10:00:00.000Z']);
  });

  it('says whether the earlier one was signed off and when, is still going, or was never tracked', () => {
    expect(labelOf(side({ actionStatus: 'signed_off', completedAt: '2016-03-15' }))).toBe('Raised before: 2014 report, A3, signed off March 2016');
    // A side's completedAt is the action's completion instant as ISO text.
    expect(labelOf(side({ actionStatus: 'signed_off', completedAt: '2016-03-31T23:30:00.000Z' }))).toBe('Raised before: 2014 report, A3, signed off March 2016');
    expect(labelOf(side({ actionStatus: 'in_progress' }))).toBe('Raised before: 2014 report, A3, still in progress');
    expect(labelOf(side({ actionId: null, actionStatus: null }))).toBe('Raised before: 2014 report, A3, not tracked');
  });

  it('gives the score as a fraction and the decision time as ISO text', () => {
    const sides = new Map([
      [1, side()],
      [2, side({ recommendationId: 2, reference: 'C4', reportYear: 2022 })],
    ]);
    const view = linkView({ id: 9, recommendationId: 2, earlierRecommendationId: 1, scorePermille: 457, sharedWords: ['supervis'], status: 'confirmed', decidedBy: 'Chair', decidedAt: new Date('2026-01-02T09:00:00Z') }, sides);
    expect(view).toMatchObject({ id: 9, score: 0.457, decidedAt: '2026-01-02T09:00:00.000Z', label: 'Raised before: 2014 report, A3, still in progress' });
    expect([view.earlier.reference, view.later.reference]).toEqual(['A3', 'C4']);
  });
});
