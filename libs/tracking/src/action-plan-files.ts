import { stringify } from 'csv-stringify/sync';
import ExcelJS from 'exceljs';
import { RAG_WORDING, type ActionPlan, type ActionPlanRow } from './action-plan.js';
import type { IsoDate, Rag } from '#core';

export type ActionPlanFormat = 'xlsx' | 'csv';

export const ACTION_PLAN_CONTENT_TYPES: Record<ActionPlanFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
};

export const ACTION_PLAN_SHEET_NAME = 'Action plan';

interface Column {
  header: string;
  kind: 'text' | 'date' | 'rag' | 'number';
  /** In characters, as Excel measures column widths. */
  width: number;
  /** Long prose wraps within its column rather than running across the sheet. */
  wrap?: boolean;
  value(row: ActionPlanRow): string | number | null;
}

const REPORT_COLUMN: Column = { header: 'Report', kind: 'text', width: 34, wrap: true, value: (row) => row.report };

const PLAN_COLUMNS: readonly Column[] = [
  { header: 'Reference', kind: 'text', width: 11, value: (row) => row.reference },
  { header: 'Recommendation', kind: 'text', width: 70, wrap: true, value: (row) => row.recommendation },
  { header: 'Timeframe', kind: 'text', width: 20, wrap: true, value: (row) => row.timeframe },
  { header: 'Owner', kind: 'text', width: 30, wrap: true, value: (row) => row.owner },
  { header: 'Lead officer', kind: 'text', width: 22, wrap: true, value: (row) => row.leadOfficer },
  { header: 'Original due date', kind: 'date', width: 13, value: (row) => row.originalDueDate },
  { header: 'Current due date', kind: 'date', width: 13, value: (row) => row.dueDate },
  { header: 'Status', kind: 'text', width: 13, value: (row) => row.status },
  { header: 'RAG', kind: 'rag', width: 11, value: (row) => RAG_WORDING[row.rag] },
  { header: 'Latest progress note', kind: 'text', width: 60, wrap: true, value: (row) => row.latestNote },
  { header: 'Re-programmed', kind: 'text', width: 40, wrap: true, value: (row) => row.reprogrammed },
  // The whole plan, after the columns earlier versions had, so a script reading those by position still reads them.
  { header: 'Addressee', kind: 'text', width: 16, wrap: true, value: (row) => row.addressee },
  { header: 'What will be done', kind: 'text', width: 60, wrap: true, value: (row) => row.whatWillBeDone },
  { header: 'Success measure', kind: 'text', width: 50, wrap: true, value: (row) => row.successMeasure },
  { header: 'Milestones', kind: 'text', width: 50, wrap: true, value: (row) => row.milestones },
  { header: 'Signed off by', kind: 'text', width: 22, wrap: true, value: (row) => row.signedOffBy },
  { header: 'Signed off on', kind: 'date', width: 13, value: (row) => row.signedOffOn },
  { header: "This cycle's update", kind: 'text', width: 60, wrap: true, value: (row) => row.cycleUpdate },
  { header: 'Evidence items', kind: 'number', width: 10, value: (row) => row.evidenceCount },
  { header: 'Open challenges', kind: 'number', width: 11, value: (row) => row.openChallenges },
  { header: 'Latest open challenge', kind: 'text', width: 50, wrap: true, value: (row) => row.latestOpenChallenge },
  { header: 'Raised before', kind: 'text', width: 40, wrap: true, value: (row) => row.raisedBefore },
];

/** The columns of a plan, in order; the CSV and the workbook share them so the two never drift apart. */
export function actionPlanColumns(plan: Pick<ActionPlan, 'showsReport'>): readonly Column[] {
  return plan.showsReport ? [REPORT_COLUMN, ...PLAN_COLUMNS] : PLAN_COLUMNS;
}

/**
 * UTF-8 with a byte order mark, without which Excel reads the file in the machine's legacy code
 * page and mangles curly quotes and accented names; CRLF between records as RFC 4180 has them,
 * with a line break inside a note quoted; ISO dates, which every spreadsheet and script reads alike.
 *
 * Formula injection: a spreadsheet opens a cell that starts with =, +, - or @ (or a tab or carriage
 * return, or their full-width forms) as a formula, so a lead officer or note typed as
 * `=HYPERLINK(...)` would run on the reader's machine. `escape_formulas` puts an apostrophe in
 * front of such a cell, making it text; a note that really starts with a dash shows the apostrophe,
 * the price of never running one.
 */
export function actionPlanCsv(plan: ActionPlan): Buffer {
  const columns = actionPlanColumns(plan);
  const records = plan.rows.map((row) => columns.map((column) => column.value(row) ?? ''));
  const text = stringify(records, {
    bom: true,
    header: true,
    columns: columns.map((column) => column.header),
    record_delimiter: 'windows',
    // Naming the record delimiter turns off quoting of bare \n and \r unless asked for again.
    quote_record_delimiter: true,
    escape_formulas: true,
  });
  return Buffer.from(text, 'utf8');
}

/** Fill and text colours from the GOV.UK palette; the text colours keep the word readable on its fill. */
const RAG_COLOURS: Record<Rag, { fill: string; text: string }> = {
  red: { fill: 'FFD4351C', text: 'FFFFFFFF' },
  amber: { fill: 'FFFFBF47', text: 'FF0B0C0C' },
  green: { fill: 'FF00703C', text: 'FFFFFFFF' },
  complete: { fill: 'FF1D70B8', text: 'FFFFFFFF' },
};

const HEADER_FILL = 'FFF3F2F1';
const DATE_FORMAT = 'd mmm yyyy';

/**
 * One worksheet a board can filter and print as it is: header frozen and filterable, long text
 * wrapped, due dates as real dates (so they sort and filter as dates), and each RAG cell coloured
 * and worded, so the rating never depends on seeing colour. Values go in as strings, never as
 * formulas, so a typed `=...` stays text here without the CSV's apostrophe.
 */
export async function actionPlanWorkbook(plan: ActionPlan, createdAt: Date): Promise<Buffer> {
  const columns = actionPlanColumns(plan);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'improvement-tracker';
  workbook.created = createdAt;
  workbook.modified = createdAt;
  const sheet = workbook.addWorksheet(ACTION_PLAN_SHEET_NAME, {
    views: [{ state: 'frozen', ySplit: 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1' },
  });
  sheet.columns = columns.map((column) => ({ header: column.header, width: column.width }));

  const header = sheet.getRow(1);
  header.eachCell((cell) => {
    cell.font = { bold: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = { bottom: { style: 'thin' } };
    cell.alignment = { vertical: 'top', wrapText: true };
  });

  for (const row of plan.rows) {
    const added = sheet.addRow(
      columns.map((column) => {
        const value = column.value(row);
        // An empty cell, not an empty string, where there is nothing: a date column filters and sorts cleanly.
        if (value === null || value === '') return null;
        return column.kind === 'date' ? excelDate(String(value)) : value;
      }),
    );
    columns.forEach((column, index) => {
      const cell = added.getCell(index + 1);
      cell.alignment = { vertical: 'top', wrapText: column.wrap ?? false };
      if (column.kind === 'date') cell.numFmt = DATE_FORMAT;
      if (column.kind === 'rag') {
        const colours = RAG_COLOURS[row.rag];
        cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: colours.fill } };
        cell.font = { bold: true, color: { argb: colours.text } };
        cell.alignment = { vertical: 'top', horizontal: 'center' };
      }
    });
  }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: Math.max(1, sheet.rowCount), column: columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Excel dates are day counts with no time zone: UTC midnight makes the count whole whatever the server's zone. */
function excelDate(date: IsoDate): Date {
  return new Date(`${date}T00:00:00Z`);
}
