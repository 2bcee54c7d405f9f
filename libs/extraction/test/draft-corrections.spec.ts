import { describe, expect, it } from 'vitest';
import { MAX_REPORT_RECOMMENDATIONS } from '#core';
import { applyCorrections, correctableList, describeEdit, extractReport, ExtractionError, type CorrectedRecommendation } from '#extraction';

const REPORT = [
  'Inspection of local authority arrangements for the protection of children',
  'London Borough of Brent',
  'Inspection dates: 22 October to 31 October 2012',
  'Areas for improvement',
  'Immediately:',
  '- ensure that strategy discussions with the police are recorded',
  '- ensure that the children with disabilities team has enough social workers',
  'Within three months:',
  '- review the quality of assessments and plans',
  'About this inspection',
  '4. This inspection was unannounced.',
].join('\n');

const extracted = extractReport(REPORT);

function kept(ordinal: number): CorrectedRecommendation {
  const item = extracted.recommendations[ordinal - 1];
  return { from: ordinal, text: item.text, timeframe: item.timeframe, addressee: item.addressee, theme: item.theme };
}

function invalidMessage(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ExtractionError);
    expect((error as ExtractionError).code).toBe('INVALID_CORRECTION');
    return (error as ExtractionError).message;
  }
  throw new Error('no error');
}

describe('corrections before confirming', () => {
  it('without corrections, the draft is the extracted one and nothing was changed by hand', () => {
    const result = applyCorrections(extracted);
    expect(result.draft).toEqual(extracted);
    expect(result.edits).toEqual([]);
    expect(result.teams).toEqual([undefined, undefined, undefined]);
  });

  it('corrects an item’s text, timeframe, addressee and theme, counting its due date and bodies again', () => {
    const result = applyCorrections(extracted, {
      recommendations: [
        kept(1),
        { from: 2, text: 'ensure that the police public protection unit shares information', timeframe: 'six_months', addressee: 'partnership', theme: 'Partners' },
        kept(3),
      ],
    });
    const item = result.draft.recommendations[1];
    expect([item.reference, item.timeframe, item.addressee, item.theme, item.dueDate, item.dueDateAssumed]).toEqual(['A2', 'six_months', 'partnership', 'Partners', '2013-04-30', false]);
    expect(item.mentionedBodies).toContain('police public protection unit');
    expect(result.edits.map((edit) => (edit.change === 'changed' ? edit.field : edit.change))).toEqual(['text', 'timeframe', 'addressee', 'theme']);
    expect(describeEdit(result.edits[1])).toBe('Recommendation A2: timeframe changed from "immediate" to "six_months"');
  });

  it('removes, adds and splits, renumbering in order; the journal says which', () => {
    const result = applyCorrections(extracted, {
      recommendations: [
        { ...kept(1), text: 'ensure that strategy discussions with the police are recorded' },
        { from: 3, text: 'review the quality of assessments', timeframe: 'three_months', addressee: 'local_authority' },
        { from: 3, text: 'review the quality of plans', timeframe: 'three_months', addressee: 'local_authority' },
        { text: 'Make sure care leavers know their entitlements.', timeframe: 'unspecified', addressee: 'local_authority' },
      ],
    });
    expect(result.draft.recommendations.map((item) => [item.ordinal, item.reference, item.text])).toEqual([
      [1, 'A1', 'ensure that strategy discussions with the police are recorded'],
      [2, 'A3a', 'review the quality of assessments'],
      [3, 'A3b', 'review the quality of plans'],
      [4, 'H1', 'Make sure care leavers know their entitlements.'],
    ]);
    expect(result.draft.recommendations[3].dueDateAssumed).toBe(true);
    expect(result.edits).toEqual([
      { change: 'added', reference: 'H1', text: 'Make sure care leavers know their entitlements.' },
      { change: 'split', ordinal: 3, reference: 'A3', into: ['A3a', 'A3b'] },
      { change: 'removed', ordinal: 2, reference: 'A2', text: extracted.recommendations[1].text },
    ]);
    expect(result.sources.map((source) => source?.ordinal ?? null)).toEqual([1, 3, 3, null]);
  });

  it('moves the baseline and every due date with it', () => {
    const result = applyCorrections(extracted, { baselineDate: '2013-01-15' });
    expect(result.draft.baselineDate).toBe('2013-01-15');
    expect(result.draft.recommendations.map((item) => item.dueDate)).toEqual(['2013-01-15', '2013-01-15', '2013-04-15']);
    expect(result.edits).toEqual([{ change: 'baseline', from: '2012-10-31', to: '2013-01-15' }]);
  });

  it('keeps a team chosen by hand, and says so', () => {
    const result = applyCorrections(extracted, { recommendations: [{ ...kept(1), teamId: 7 }, { ...kept(2), teamId: null }, kept(3)] });
    expect(result.teams).toEqual([7, null, undefined]);
    expect(result.edits).toEqual([
      { change: 'team', reference: 'A1', teamId: 7 },
      { change: 'team', reference: 'A2', teamId: null },
    ]);
  });

  it('removing every item leaves a report with no recommendations, and says why', () => {
    const result = applyCorrections(extracted, { recommendations: [] });
    expect(result.draft.recommendations).toEqual([]);
    expect(result.draft.noRecommendations).toEqual({ reason: 'Every recommendation the extractor found was removed by hand before confirming' });
    expect(result.edits.filter((edit) => edit.change === 'removed')).toHaveLength(3);
  });

  it('takes as many corrected recommendations as an ingested report may hold, and no more', () => {
    const added = (count: number): CorrectedRecommendation[] =>
      Array.from({ length: count }, (_, index) => ({ text: `Item ${index + 1}.`, timeframe: 'immediate', addressee: 'local_authority' }));
    // The same limit as ingestion's: a report the upload accepts can be corrected and confirmed whole.
    expect(applyCorrections(extracted, { recommendations: added(MAX_REPORT_RECOMMENDATIONS) }).draft.recommendations).toHaveLength(MAX_REPORT_RECOMMENDATIONS);
    expect(invalidMessage(() => applyCorrections(extracted, { recommendations: added(MAX_REPORT_RECOMMENDATIONS + 1) }))).toBe(
      `recommendations may hold at most ${MAX_REPORT_RECOMMENDATIONS} items`,
    );
  });

  it.each([
    [{ recommendations: [{ from: 9, text: 'x', timeframe: 'immediate', addressee: 'lscb' }] }, /recommendations\[0\]\.from must be the ordinal of an extracted recommendation \(1 to 3\)/],
    [{ recommendations: [{ text: '  ', timeframe: 'immediate', addressee: 'lscb' }] }, /recommendations\[0\]\.text must contain the recommendation/],
    [{ recommendations: [{ text: 'x'.repeat(4001), timeframe: 'immediate', addressee: 'lscb' }] }, /4000 characters or fewer/],
    [{ recommendations: [{ text: 'x', timeframe: 'soon', addressee: 'lscb' }] }, /timeframe must be one of immediate, three_months, six_months, unspecified/],
    [{ recommendations: [{ text: 'x', timeframe: 'immediate', addressee: 'mayor' }] }, /addressee must be one of local_authority, lscb, partnership/],
    [{ recommendations: [{ text: 'x', timeframe: 'immediate', addressee: 'lscb', teamId: 'Social care' }] }, /teamId must be the id of one of the council's teams/],
    [{ recommendations: 'all of them' }, /recommendations must be the whole corrected list/],
    [{ baselineDate: '2013-02-30' }, /baselineDate must be a calendar date/],
  ])('refuses %j with a message that says what to fix', (corrections, message) => {
    expect(invalidMessage(() => applyCorrections(extracted, corrections as never))).toMatch(message);
  });
});

describe('the list being corrected', () => {
  it('is the extracted list, each item pointing back at its recommendation, until it is corrected', () => {
    const list = correctableList(extracted, null);
    expect(list).toEqual([1, 2, 3].map(kept));
    expect(applyCorrections(extracted, { recommendations: list }).edits).toEqual([]);
  });

  it('is the corrections so far once there are any, as a copy the caller may change', () => {
    const corrections = { recommendations: [kept(2), { text: 'Added by hand.', timeframe: 'immediate' as const, addressee: 'lscb' as const }] };
    const list = correctableList(extracted, corrections);
    expect(list).toEqual(corrections.recommendations);
    list[0].text = 'Changed';
    expect(corrections.recommendations[0].text).toBe(extracted.recommendations[1].text);
    // Corrections that only move the baseline leave the extracted list to be corrected.
    expect(correctableList(extracted, { baselineDate: '2013-01-01' })).toEqual([1, 2, 3].map(kept));
  });
});
