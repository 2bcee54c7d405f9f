import PDFDocument from 'pdfkit';
import { formatLongDate } from '#deadlines';
import type { PackAction } from './board-pack.rules.js';
import type { BoardPackData } from './board-pack.service.js';
import { CHANGE_WORDING, type ChangeKind } from './since-last-meeting.js';
import { STATUS_WORDING, TIMEFRAME_WORDING, type ActionStatus, type Rag, type Timeframe } from '#core';

/** RAG in words first: the colour only repeats what the words say. */
export const RAG_WORDS: Record<Rag, string> = { red: 'Red: overdue', amber: 'Amber: due within 14 days', green: 'Green: on track', complete: 'Complete' };
const RAG_COLOURS: Record<Rag, string> = { red: '#d4351c', amber: '#f47738', green: '#00703c', complete: '#505a5f' };
const TEXT = '#0b0c0c';
const SECONDARY = '#505a5f';
const MARGIN = 50;
const BORDER = '#b1b4b6';
const HEADER_FILL = '#f3f2f1';

/**
 * The standard Helvetica's WinAnsi encoding has no arrow: "Not started → In progress" would print
 * as stray characters, so it is worded.
 */
function printable(text: string): string {
  // Split and trimmed rather than /\s*→\s*/g, which rescans a long run of spaces from each of them.
  const parts = text.split('→');
  return parts.map((part, index) => (index > 0 ? part.trimStart() : part)).map((part, index) => (index < parts.length - 1 ? part.trimEnd() : part)).join(' to ');
}

/**
 * The board pack as a PDF, drawn with pdfkit (no browser): a cover, the summary with a small RAG
 * chart, every open action by report and theme, then what changed since the last meeting. Tagged
 * (document structure with headings, paragraphs and tables whose header cells head their rows and
 * columns), with a title and language, and RAG always in words.
 */
export function renderBoardPack(data: BoardPackData): Promise<Buffer> {
  const title = `${data.authority.name} improvement board pack${data.meeting ? `: ${data.meeting.title}` : ''}`;
  const doc = new PDFDocument({ size: 'A4', margin: MARGIN, tagged: true, lang: 'en-GB', displayTitle: true, pdfVersion: '1.7', info: { Title: title, Subject: 'Inspection action plan', Author: data.authority.name }, bufferPages: true });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const root = doc.struct('Document');
  doc.addStructure(root);
  const width = doc.page.width - 2 * MARGIN;
  // Each heading and paragraph is a structure element of the document, in reading order.
  const tag = (type: string, draw: () => unknown) => {
    root.add(doc.struct(type, {}, [() => void draw()]));
  };

  const heading = (level: 1 | 2 | 3, text: string) => {
    const size = level === 1 ? 22 : level === 2 ? 16 : 12.5;
    if (doc.y > doc.page.height - MARGIN - 60) doc.addPage();
    tag(`H${level}`, () => doc.font('Helvetica-Bold').fontSize(size).fillColor(TEXT).text(printable(text), { width }));
    doc.moveDown(0.4);
  };
  const paragraph = (text: string, options: { size?: number; colour?: string; bold?: boolean } = {}) => {
    tag('P', () => doc.font(options.bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(options.size ?? 10).fillColor(options.colour ?? TEXT).text(printable(text), { width }));
  };
  const swatch = (rag: Rag, x: number, y: number, size = 9) => {
    // Decoration only: the words beside it say the same.
    doc.markContent('Artifact');
    doc.rect(x, y, size, size).fill(RAG_COLOURS[rag]);
    doc.endMarkedContent();
    doc.fillColor(TEXT);
  };

  /**
   * A tagged table (Table, TR, TH, TD structure elements, pdfkit's own): a header row whose cells
   * head their columns, and, with rowHeaders, a first column whose cells head their rows, so a
   * screen reader says which figure or field each value is.
   */
  const table = (header: readonly string[] | null, rows: readonly (readonly (string | number)[])[], options: { columns?: (number | '*')[]; rowHeaders?: boolean; size?: number } = {}) => {
    const size = options.size ?? 9.5;
    const drawn = doc.table({
      position: { x: MARGIN, y: doc.y },
      maxWidth: width,
      columnStyles: options.columns,
      defaultStyle: { padding: 3, border: 0.5, borderColor: BORDER, textColor: TEXT },
      structParent: root,
    } as PDFKit.Mixins.TableOptions);
    if (header) drawn.row(header.map((text) => ({ text, type: 'TH', scope: 'Column', backgroundColor: HEADER_FILL, font: { src: 'Helvetica-Bold', size } }) as PDFKit.Mixins.RowOptions));
    for (const row of rows) {
      // Every cell names its font: a cell otherwise takes whatever the last heading left set.
      drawn.row(
        row.map((value, index) =>
          options.rowHeaders && index === 0
            ? ({ text: printable(String(value)), type: 'TH', scope: 'Row', font: { src: 'Helvetica-Bold', size } } as PDFKit.Mixins.RowOptions)
            : { text: printable(String(value)), font: { src: 'Helvetica', size } },
        ),
      );
    }
    drawn.end();
    doc.x = MARGIN;
    doc.moveDown(0.6);
  };

  // Cover.
  doc.moveDown(6);
  heading(1, data.authority.name);
  paragraph('Improvement board pack', { size: 18 });
  doc.moveDown(0.5);
  paragraph(data.meeting ? `${data.meeting.title}, ${formatLongDate(data.meeting.meetingDate)}` : 'No board meeting recorded', { size: 14 });
  paragraph(`Figures as at ${formatLongDate(data.today)}`, { size: 12, colour: SECONDARY });
  if (data.since.window) paragraph(`Changes reported from ${formatLongDate(data.since.window.from)} to ${formatLongDate(data.since.window.to)}`, { size: 12, colour: SECONDARY });
  for (const report of data.reports.filter((row) => row.ofstedPlanDue)) paragraph(`${report.label}: action plan due to Ofsted ${formatLongDate(report.ofstedPlanDue!)}`, { size: 11 });

  // Summary.
  doc.addPage();
  heading(2, 'Summary');
  const s = data.summary;
  const figures: [string, number][] = [
    ['Actions', s.total],
    ['Overdue', s.overdue],
    ['Due within 14 days', s.dueSoon],
    ['Awaiting sign-off', s.awaitingSignOff],
    ['Signed off', s.signedOff],
    ['Re-programmed', s.reprogrammed],
    ['Open challenges', s.openChallenges],
  ];
  table(['Figure', 'Number'], figures, { columns: [200, 80], rowHeaders: true, size: 10.5 });
  heading(3, 'RAG rating');
  const max = Math.max(1, ...Object.values(s.byRag));
  for (const rag of ['red', 'amber', 'green', 'complete'] as Rag[]) {
    const y = doc.y;
    swatch(rag, MARGIN, y + 1);
    doc.markContent('Artifact');
    doc.rect(MARGIN + 190, y + 1, Math.max(1, (200 * s.byRag[rag]) / max), 9).fill(RAG_COLOURS[rag]);
    doc.endMarkedContent();
    doc.fillColor(TEXT);
    tag('P', () => doc.font('Helvetica').fontSize(10).text(`${RAG_WORDS[rag]}: ${s.byRag[rag]}`, MARGIN + 14, y, { width: 170 }));
    doc.x = MARGIN;
    doc.y = y + 14;
  }
  doc.moveDown(0.6);
  heading(3, 'By timeframe');
  table(
    ['Timeframe', 'Actions', 'Overdue', 'Due soon', 'Awaiting sign-off', 'Signed off'],
    s.timeframes.map((row) => [TIMEFRAME_WORDING[row.timeframe as Timeframe] ?? row.timeframe, row.total, row.overdue, row.dueSoon, row.awaitingSignOff, row.signedOff]),
    { columns: ['*', 55, 55, 55, 70, 55], rowHeaders: true },
  );
  heading(3, 'By team');
  table(
    ['Team', 'Actions', 'Overdue', 'Due soon', 'Awaiting sign-off', 'Re-programmed'],
    s.byTeam.map((team) => [team.teamName, team.total, team.overdue, team.dueSoon, team.awaitingSignOff, team.reprogrammed]),
    { columns: ['*', 55, 55, 55, 70, 80], rowHeaders: true },
  );

  // Every open action, by report and theme.
  doc.addPage();
  heading(2, `Open actions (${data.actions.length})`);
  for (const report of data.reports) {
    const ofReport = data.actions.filter((action) => action.reportId === report.id);
    if (ofReport.length === 0) continue;
    heading(3, report.label);
    const themes = [...new Set(ofReport.map((action) => action.theme ?? ''))];
    for (const theme of themes) {
      if (theme) paragraph(`Theme: ${theme}`, { bold: true, colour: SECONDARY });
      for (const action of ofReport.filter((row) => (row.theme ?? '') === theme)) actionBlock(action);
    }
  }

  function actionBlock(action: PackAction) {
    if (doc.y > doc.page.height - MARGIN - 110) doc.addPage();
    const y = doc.y;
    swatch(action.rag, MARGIN, y + 2);
    tag('P', () => doc.font('Helvetica-Bold').fontSize(10).fillColor(TEXT).text(printable(`${action.reference}. ${action.recommendation}`), MARGIN + 14, y, { width: width - 14 }));
    doc.x = MARGIN;
    // Label and value as paragraphs, not a table each: 200 small tables cost the pack seconds and megabytes.
    const lines = [
      `RAG: ${RAG_WORDS[action.rag]}. Status: ${STATUS_WORDING[action.status as ActionStatus] ?? action.status}.`,
      `Owner: ${action.owner}. Lead officer: ${action.leadOfficer ?? 'not given'}.`,
      `Original due date: ${formatLongDate(action.originalDueDate)}. Current due date: ${formatLongDate(action.dueDate)}${action.dueDateReason ? ` (re-programmed: ${action.dueDateReason})` : ''}.`,
      `Evidence: ${action.evidenceCount}. Open challenges: ${action.openChallenges}.`,
      ...(action.latestOpenChallenge ? [`Latest open challenge: ${action.latestOpenChallenge}`] : []),
      `This cycle's update: ${action.cycleUpdate ?? 'none written'}`,
      ...action.raisedBefore,
    ];
    for (const line of lines) paragraph(line, { size: 9 });
    doc.moveDown(0.5);
  }

  // Since the last meeting.
  doc.addPage();
  heading(2, 'What changed since the last meeting');
  paragraph(`From ${formatLongDate(data.since.window.from)} to ${formatLongDate(data.since.window.to)}.`, { colour: SECONDARY });
  table(['Change', 'Count'], Object.entries(data.since.counts).map(([kind, count]) => [CHANGE_WORDING[kind as ChangeKind], count]), { columns: [220, 60], rowHeaders: true });
  for (const group of data.since.groups) {
    heading(3, `${group.reportLabel}, ${group.teamName}`);
    table(
      ['Date', 'Action', 'Change', 'Detail'],
      group.changes.map((change) => [formatLongDate(change.on), change.reference, CHANGE_WORDING[change.kind], `${change.detail}${change.actor ? ` (${change.actor})` : ''}`]),
      { columns: [85, 50, 110, '*'], size: 8.5 },
    );
  }
  if (data.since.groups.length === 0) paragraph('Nothing changed in this period.');

  // Page numbers, as artifacts: they are not part of the reading order.
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    doc.switchToPage(index);
    doc.markContent('Artifact', { type: 'Pagination' });
    // Below the bottom margin pdfkit would start a new page for the text: the margin is lifted while it is written.
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc.font('Helvetica').fontSize(8).fillColor(SECONDARY).text(`Page ${index + 1} of ${range.count}`, MARGIN, doc.page.height - MARGIN + 15, { width, align: 'right', lineBreak: false });
    doc.page.margins.bottom = bottom;
    doc.endMarkedContent();
  }
  root.end();
  doc.end();
  return done;
}
