import type { ReportDraft } from '#extraction';

const TEXT_WIDTH = 72;

const TIMEFRAME_LABELS: Record<string, string> = {
  immediate: 'immediately',
  three_months: '3 months',
  six_months: '6 months',
  unspecified: 'unspecified',
};

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line.length > 0 && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line.length > 0 ? `${line} ${word}` : word;
    }
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** A readable view of a draft for a terminal: the report's details, then one block per recommendation. */
export function formatDraftTable(draft: ReportDraft): string {
  const out: string[] = [];
  out.push(`Authority:   ${draft.authority || '(not found)'}${draft.authorityCode ? ` (${draft.authorityCode})` : ''}`);
  out.push(`Format:      ${draft.format}`);
  out.push(`Inspected:   ${draft.inspectionStart ?? '?'} to ${draft.inspectionEnd ?? '?'}`);
  out.push(`Published:   ${draft.publishedOn ?? '(not printed)'}`);
  out.push(`Baseline:    ${draft.baselineDate}`);
  if (draft.judgements.length > 0) {
    out.push('Judgements:');
    for (const judgement of draft.judgements) out.push(`  ${judgement.area}: ${judgement.grade}`);
  }
  out.push('');
  const columns = ['#', 'Ref', 'Timeframe', 'Due', 'Addressee', 'Recommendation'];
  const rows = draft.recommendations.map((item) => [
    String(item.ordinal),
    item.reference,
    TIMEFRAME_LABELS[item.timeframe] ?? item.timeframe,
    `${item.dueDate}${item.dueDateAssumed ? '*' : ''}`,
    item.addressee,
  ]);
  const widths = columns.slice(0, 5).map((column, index) => Math.max(column.length, ...rows.map((row) => row[index].length)));
  const pad = (cells: string[]): string => cells.map((cell, index) => cell.padEnd(widths[index])).join('  ');
  out.push(`${pad(columns.slice(0, 5))}  ${columns[5]}`);
  out.push(`${widths.map((width) => '-'.repeat(width)).join('  ')}  ${'-'.repeat(TEXT_WIDTH)}`);
  const indent = ' '.repeat(widths.reduce((sum, width) => sum + width + 2, 0));
  draft.recommendations.forEach((item, index) => {
    const text = item.theme ? `[${item.theme}] ${item.text}` : item.text;
    const [first, ...rest] = wrap(text, TEXT_WIDTH);
    out.push(`${pad(rows[index])}  ${first ?? ''}`);
    for (const line of rest) out.push(`${indent}${line}`);
  });
  if (draft.recommendations.some((item) => item.dueDateAssumed)) out.push('', '* due date assumed: the report sets no timeframe, so a year from the baseline');
  if (draft.noRecommendations) out.push('', `No recommendations: ${draft.noRecommendations.reason}`);
  out.push(`${draft.recommendations.length} recommendation${draft.recommendations.length === 1 ? '' : 's'}`);
  if (draft.warnings.length > 0) {
    out.push('', `Check before confirming (${draft.warnings.length} warning${draft.warnings.length === 1 ? '' : 's'}):`);
    for (const warning of draft.warnings) {
      const [first, ...rest] = wrap(`${warning.code}: ${warning.message}`, TEXT_WIDTH + 20);
      out.push(`  ! ${first}`);
      for (const line of rest) out.push(`    ${line}`);
      if (warning.near) out.push(`    near: "${warning.near}"`);
    }
  }
  return `${out.join('\n')}\n`;
}
