import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { actionPlanCsv } from '../src/action-plan-files.js';
import { actionPlanFileStem, actionPlanRecords, actionPlanReportLabel, actionPlanRow, inPlanOrder, NO_RECORDS, slugOf, type ActionPlanRow } from '../src/action-plan.js';
import { toActionView } from '../src/action-view.js';
import type { Action } from '#database';

const row: ActionPlanRow = {
  report: 'Single inspection, 20 January 2015',
  reference: '3.2',
  recommendation: 'Ensure that plans, reviews and visits are "timely", and recorded',
  timeframe: 'Within three months',
  owner: 'Unassigned',
  leadOfficer: '',
  originalDueDate: '2015-04-20',
  dueDate: '2015-07-31',
  status: 'Blocked',
  rag: 'green',
  latestNote: 'Waiting on the café’s landlord\nsecond line',
  reprogrammed: '',
  addressee: 'Local authority',
  whatWillBeDone: '',
  successMeasure: '',
  milestones: '',
  signedOffBy: '',
  signedOffOn: null,
  cycleUpdate: '',
  evidenceCount: 0,
  openChallenges: 0,
  latestOpenChallenge: '',
  raisedBefore: '',
};

describe('actionPlanCsv', () => {
  it('starts with a byte order mark and ends records with CRLF', () => {
    const text = actionPlanCsv({ showsReport: false, rows: [row] }).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe(
      'Reference,Recommendation,Timeframe,Owner,Lead officer,Original due date,Current due date,Status,RAG,Latest progress note,Re-programmed,' +
        "Addressee,What will be done,Success measure,Milestones,Signed off by,Signed off on,This cycle's update,Evidence items,Open challenges,Latest open challenge,Raised before",
    );
    expect(lines[1]).toBe('3.2,"Ensure that plans, reviews and visits are ""timely"", and recorded",Within three months,Unassigned,,2015-04-20,2015-07-31,Blocked,Green,"Waiting on the café’s landlord\nsecond line",,Local authority,,,,,,,0,0,,');
    expect(lines).toHaveLength(3);
    expect(lines[2]).toBe('');
  });

  it('makes text a spreadsheet would evaluate plain, and leaves other text alone', () => {
    const cellOf = (leadOfficer: string) => (parse(actionPlanCsv({ showsReport: false, rows: [{ ...row, leadOfficer }] }), { bom: true }) as string[][])[1][4];
    for (const value of ['=1+1', '+44 20 7946 0000', '-2', '@SUM(A1)', '\t=cmd', '\uFF1D1+1']) expect(cellOf(value)).toBe(`'${value}`);
    for (const value of ['1', 'Jo Bloggs', 'Audit booked = done', ' =not first']) expect(cellOf(value)).toBe(value);
  });

  it('names the report first in an authority-wide plan', () => {
    const text = actionPlanCsv({ showsReport: true, rows: [row] }).toString('utf8');
    expect(text.slice(1).split('\r\n')[1]).toMatch(/^"Single inspection, 20 January 2015",3\.2,/);
  });
});

describe('actionPlanRow', () => {
  const action = (changes: Partial<Action> = {}) =>
    toActionView(
      {
        id: 7, title: 'Plans on time', status: 'in_progress', ragOverride: null, ragOverrideNote: null, authorityCode: 'E09000031', reportId: 1, timeframe: 'three_months',
        addressee: 'lscb', team: null, teamId: null, leadOfficer: null, originalDueDate: '2015-04-20', dueDate: '2015-04-20', dueDateAssumed: false, dueDateReason: null,
        whatWillBeDone: null, successMeasure: null, recommendation: undefined, completedAt: null, signedOffAt: null, signedOffBy: null, version: 1,
        createdAt: new Date('2015-01-20T10:00:00Z'), updatedAt: new Date('2015-01-20T10:00:00Z'), recommendationId: 1, ...changes,
      } as Action,
      '2015-03-01',
    );

  it('lists milestones by date, says which are met, and names the latest open challenge with its answer', () => {
    const planned = actionPlanRow(
      action({ whatWillBeDone: 'Weekly audit', successMeasure: '95% of plans on time' }),
      {
        latestProgressNote: 'Audit booked',
        milestones: [
          { title: 'Re-audit', dueDate: '2015-06-30', metOn: null },
          { title: 'First audit', dueDate: '2015-03-31', metOn: '2015-03-20' },
        ],
        evidenceCount: 3,
        openChallenges: [
          { question: 'Where is the audit?', response: null },
          { question: 'Who checks the audits?', response: 'The principal social worker' },
        ],
      },
      '',
      { cycleUpdate: 'Audit done', raisedBefore: ['Raised before: 2013 report, 3, still in progress (likely)'] },
    );
    expect(planned).toMatchObject({
      addressee: 'LSCB',
      whatWillBeDone: 'Weekly audit',
      successMeasure: '95% of plans on time',
      milestones: 'First audit: due 31 March 2015, met 20 March 2015\nRe-audit: due 30 June 2015, not met yet',
      latestNote: 'Audit booked',
      evidenceCount: 3,
      openChallenges: 2,
      latestOpenChallenge: 'Who checks the audits?\nAnswer: The principal social worker',
      cycleUpdate: 'Audit done',
      raisedBefore: 'Raised before: 2013 report, 3, still in progress (likely)',
      signedOffBy: '',
      signedOffOn: null,
    });
  });

  it('says who signed an action off and when, only while it is signed off', () => {
    const signedOff = { signedOffAt: new Date('2015-02-27T16:30:00Z'), signedOffBy: 'Board Chair' };
    expect(actionPlanRow(action({ status: 'signed_off', ...signedOff }), NO_RECORDS, '')).toMatchObject({ status: 'Signed off', signedOffBy: 'Board Chair', signedOffOn: '2015-02-27' });
    expect(actionPlanRow(action({ status: 'in_progress', ...signedOff }), NO_RECORDS, '')).toMatchObject({ signedOffBy: '', signedOffOn: null });
  });
});

describe('naming', () => {
  it('labels a report by its kind and the date it is known by', () => {
    expect(actionPlanReportLabel({ format: 'single_inspection_2014', publishedOn: '2015-01-20', inspectionEnd: '2014-11-26', baselineDate: '2015-01-20' })).toBe(
      'Single inspection, 20 January 2015',
    );
    expect(actionPlanReportLabel({ format: 'protection_2012', publishedOn: null, inspectionEnd: '2013-01-16', baselineDate: '2013-01-16' })).toBe(
      'Child protection inspection, 16 January 2013',
    );
    expect(actionPlanReportLabel({ format: 'something_new', publishedOn: null, inspectionEnd: null, baselineDate: '2020-03-01' })).toBe('Inspection, 1 March 2020');
  });

  it('slugs authority names into safe file names', () => {
    expect(slugOf('Waltham Forest')).toBe('waltham-forest');
    expect(slugOf('Bristol, City of')).toBe('bristol-city-of');
    expect(slugOf('St. Helens')).toBe('st-helens');
    expect(slugOf('Brighton & Hove')).toBe('brighton-and-hove');
    expect(slugOf("King's Lynn — Ŵales")).toBe('kings-lynn-wales');
    expect(actionPlanFileStem(['Brent'], '2026-12-01')).toBe('brent-action-plan-2026-12-01');
    expect(actionPlanFileStem(['Waltham Forest', 'Single inspection', '2015-01-20'], '2015-06-01')).toBe('waltham-forest-single-inspection-2015-01-20-action-plan-2015-06-01');
  });
});

describe('gathering an action plan', () => {
  it('orders actions by report as given, then by recommendation, then by id; a report not given goes last', () => {
    const actions = [
      { id: 5, reportId: 2, recommendation: { ordinal: 1 } },
      { id: 4, reportId: 1, recommendation: { ordinal: 2 } },
      { id: 3, reportId: 1, recommendation: { ordinal: 2 } },
      { id: 2, reportId: 9, recommendation: null },
      { id: 1, reportId: 1, recommendation: { ordinal: 1 } },
    ];
    expect(inPlanOrder(actions, [1, 2]).map((action) => action.id)).toEqual([1, 3, 4, 5, 2]);
  });

  it("gives every action its records, and one with none the empty ones", () => {
    const records = actionPlanRecords([1, 2], {
      latestNotes: new Map([[1, 'On track']]),
      evidence: new Map([[1, 3]]),
      milestones: [
        { actionId: 1, title: 'Audit', dueDate: '2026-04-01', metOn: null },
        { actionId: 1, title: 'Report', dueDate: '2026-05-01', metOn: '2026-04-20' },
      ],
      openChallenges: [{ actionId: 1, question: 'Where is the audit?', response: null }],
    });
    expect(records.get(1)).toEqual({
      latestProgressNote: 'On track',
      evidenceCount: 3,
      milestones: [
        { title: 'Audit', dueDate: '2026-04-01', metOn: null },
        { title: 'Report', dueDate: '2026-05-01', metOn: '2026-04-20' },
      ],
      openChallenges: [{ question: 'Where is the audit?', response: null }],
    });
    expect(records.get(2)).toEqual(NO_RECORDS);
  });
});
