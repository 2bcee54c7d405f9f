import { describe, expect, it } from 'vitest';
import type { RecommendationDraft, ReportDraft } from '#extraction';
import { MAX_REPORT_RECOMMENDATIONS } from '#core';
import { chosenTeamIds, foreignTeam, planBaselineMove, planReportActions, reportAuthority, tooManyRecommendations } from '../src/report-rules.js';
import { TrackingErrorCode } from '../src/tracking.exception.js';

const recommendation = (ordinal: number, text: string, overrides: Partial<RecommendationDraft> = {}): RecommendationDraft => ({
  ordinal,
  reference: `R${ordinal}`,
  text,
  timeframe: 'three_months',
  theme: null,
  addressee: 'local_authority',
  dueDate: '2026-06-01',
  dueDateAssumed: false,
  mentionedBodies: [],
  ...overrides,
});

const draft = (recommendations: RecommendationDraft[]): ReportDraft => ({
  authority: 'Barnet',
  authorityCode: 'E09000003',
  format: 'ilacs_2018',
  inspectionStart: null,
  inspectionEnd: null,
  publishedOn: '2026-03-01',
  baselineDate: '2026-03-01',
  judgements: [],
  recommendations,
  noRecommendations: null,
  warnings: [],
});

describe('reportAuthority', () => {
  it('takes the council the report names, or the code given when it names none the directory knows', () => {
    expect(reportAuthority({ authority: 'Barnet', authorityCode: 'E09000003' }, undefined)).toEqual({ ok: true, code: 'E09000003' });
    expect(reportAuthority({ authority: 'Somewhere', authorityCode: null }, 'E09000002')).toEqual({ ok: true, code: 'E09000002' });
  });

  it('refuses a code that is no English council, one that disagrees with the report, and no council at all', () => {
    expect(reportAuthority({ authority: 'Barnet', authorityCode: 'E09000003' }, 'X1')).toMatchObject({ ok: false, code: TrackingErrorCode.UNKNOWN_AUTHORITY });
    expect(reportAuthority({ authority: 'Barnet', authorityCode: 'E09000003' }, 'E09000002')).toMatchObject({
      ok: false,
      code: TrackingErrorCode.AUTHORITY_MISMATCH,
      message: 'The report is about Barnet (E09000003), not authority E09000002',
    });
    expect(reportAuthority({ authority: 'Somewhere', authorityCode: null }, undefined)).toMatchObject({ ok: false, code: TrackingErrorCode.UNKNOWN_AUTHORITY, message: expect.stringMatching(/pass authorityCode/) });
  });
});

describe('report size and teams chosen by hand', () => {
  it('refuses more recommendations than a report holds', () => {
    expect(tooManyRecommendations(MAX_REPORT_RECOMMENDATIONS)).toBeNull();
    expect(tooManyRecommendations(MAX_REPORT_RECOMMENDATIONS + 1)).toMatchObject({
      code: TrackingErrorCode.TOO_MANY_RECOMMENDATIONS,
      details: { recommendationCount: MAX_REPORT_RECOMMENDATIONS + 1, limit: MAX_REPORT_RECOMMENDATIONS },
    });
  });

  it("names the first recommendation whose team is not the council's", () => {
    const teams = [undefined, 4, null, 9, 4];
    expect(chosenTeamIds(teams)).toEqual([4, 9]);
    expect(foreignTeam(teams, new Set([4, 9]), 'E09000003')).toBeNull();
    expect(foreignTeam(teams, new Set([4]), 'E09000003')).toMatchObject({
      code: TrackingErrorCode.INVALID_INPUT,
      message: 'recommendations[3].teamId 9 is not one of the teams of authority E09000003',
    });
  });
});

describe('planReportActions', () => {
  const councilTeams = [
    { id: 1, name: 'Fostering team', keywords: ['foster carers'] },
    { id: 2, name: 'Front door', keywords: ['referrals'] },
  ];

  it('routes each action to the team its recommendation names, or leaves it for triage', () => {
    const first = recommendation(1, 'Ensure that foster carers receive training.');
    const second = recommendation(2, 'Improve the quality of plans.', { timeframe: 'unspecified', dueDate: '2027-03-01', dueDateAssumed: true });
    const planned = planReportActions({ draft: draft([first, second]), edits: [], teams: [undefined, undefined], sources: [first, second] }, 'E09000003', councilTeams);
    expect(planned.map((item) => [item.action.teamId, item.note])).toEqual([
      [1, 'Created from recommendation R1; routed to Fostering team'],
      [null, 'Created from recommendation R2; no team matched, awaiting triage'],
    ]);
    expect(planned[1]).toMatchObject({
      recommendation: { ordinal: 2, reference: 'R2', timeframe: 'unspecified' },
      action: { authorityCode: 'E09000003', status: 'not_started', originalDueDate: '2027-03-01', dueDate: '2027-03-01', dueDateAssumed: true, dueDateReason: null },
    });
  });

  it('says what was corrected, split or added by hand, and which team was chosen', () => {
    const source = recommendation(1, 'Ensure that referrals are handled promptly and foster carers are supported.');
    const edited = recommendation(2, 'Improve plans.');
    const editedSource = recommendation(2, 'Improve plan.');
    const confirmed = {
      draft: draft([recommendation(1, 'Ensure that referrals are handled promptly.'), recommendation(2, 'Ensure foster carers are supported.'), edited, recommendation(4, 'A new one.')]),
      edits: [{ change: 'changed' as const, ordinal: 2, reference: 'R2', field: 'text' as const, from: 'Improve plan.', to: 'Improve plans.' }],
      teams: [undefined, 2, null, undefined],
      sources: [source, source, editedSource, null],
    };
    expect(planReportActions(confirmed, 'E09000003', councilTeams).map((item) => item.note)).toEqual([
      'Created from recommendation R1 (split by hand from R1 before confirming); routed to Front door',
      'Created from recommendation R2 (split by hand from R1 before confirming); owning team Front door chosen by hand',
      'Created from recommendation R2 (text corrected by hand before confirming); no team chosen, awaiting triage',
      'Created from recommendation R4 (added by hand before confirming); no team matched, awaiting triage',
    ]);
  });
});

describe('planBaselineMove', () => {
  it('moves every original due date, and the due date only where it was not re-programmed by hand', () => {
    const move = planBaselineMove(
      [
        { id: 1, timeframe: 'three_months', originalDueDate: '2026-06-01', dueDate: '2026-06-01', dueDateReason: null },
        { id: 2, timeframe: 'six_months', originalDueDate: '2026-09-01', dueDate: '2026-12-01', dueDateReason: 'Agreed at board' },
      ],
      '2026-03-01',
      '2026-04-15',
    );
    expect(move.derived).toEqual({ immediate: '2026-04-15', three_months: '2026-07-15', six_months: '2026-10-15', unspecified: '2027-04-15' });
    expect(move.journal).toEqual([
      {
        actionId: 1,
        changes: [
          { field: 'originalDueDate', from: '2026-06-01', to: '2026-07-15' },
          { field: 'dueDate', from: '2026-06-01', to: '2026-07-15' },
        ],
        note: 'Report baseline moved from 2026-03-01 to 2026-04-15',
      },
      { actionId: 2, changes: [{ field: 'originalDueDate', from: '2026-09-01', to: '2026-10-15' }], note: 'Report baseline moved from 2026-03-01 to 2026-04-15' },
    ]);
  });
});
