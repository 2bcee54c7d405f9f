import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { actionPlanCsv } from '../src/action-plan-files.js';
import { actionPlanFileStem, actionPlanReportLabel, slugOf, type ActionPlanRow } from '../src/action-plan.js';

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
};

describe('actionPlanCsv', () => {
  it('starts with a byte order mark and ends records with CRLF', () => {
    const text = actionPlanCsv({ showsReport: false, rows: [row] }).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Reference,Recommendation,Timeframe,Owner,Lead officer,Original due date,Current due date,Status,RAG,Latest progress note,Re-programmed');
    expect(lines[1]).toBe('3.2,"Ensure that plans, reviews and visits are ""timely"", and recorded",Within three months,Unassigned,,2015-04-20,2015-07-31,Blocked,Green,"Waiting on the café’s landlord\nsecond line",');
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
