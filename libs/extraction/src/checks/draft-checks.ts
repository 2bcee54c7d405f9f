import type { PrintedAuthority } from '../metadata/authority-name.js';
import type { ReportDates } from '../metadata/report-dates.js';
import type { ExtractionWarning } from '../report-draft.js';
import { endsMidSentence } from '../sections/list-lines.js';
import { nearText, type FoundItem } from '../sections/recommendation-sections.js';

const STARTS_UPPER = /^[A-Z]/;
const STARTS_LOWER = /^[a-z]/;

/**
 * Items that look cut: one that stops mid-sentence (a page break or heading took the rest), or one
 * that starts in lower case in a list whose other items start with a capital (its beginning was
 * read into the item before).
 */
export function itemWarnings(items: readonly FoundItem[]): ExtractionWarning[] {
  const warnings: ExtractionWarning[] = [];
  const upperBySection = new Map<number, { upper: number; total: number }>();
  for (const item of items) {
    const counts = upperBySection.get(item.section) ?? { upper: 0, total: 0 };
    counts.total += 1;
    if (STARTS_UPPER.test(item.text)) counts.upper += 1;
    upperBySection.set(item.section, counts);
  }
  for (const item of items) {
    const name = item.number !== null ? `Item ${item.number}` : `The item "${nearText(item.text).slice(0, 40)}"`;
    if (endsMidSentence(item.text)) {
      warnings.push({
        code: 'ITEM_MAY_BE_CUT',
        message: `${name} stops mid-sentence: a page break or a heading may have cut it. Check its ending against the report.`,
        near: nearText(item.text.length > 100 ? `…${item.text.slice(-99)}` : item.text),
      });
      continue;
    }
    const counts = upperBySection.get(item.section)!;
    if (STARTS_LOWER.test(item.text) && counts.upper * 2 > counts.total) {
      warnings.push({
        code: 'ITEM_MAY_BE_CUT',
        message: `${name} starts in lower case where the rest of its list starts with capitals: its beginning may have been read into the item before. Check both against the report.`,
        near: nearText(item.text),
      });
    }
  }
  return warnings;
}

export function metadataWarnings(authority: PrintedAuthority | null, dates: ReportDates): ExtractionWarning[] {
  const warnings: ExtractionWarning[] = [];
  if (!authority?.entry) {
    warnings.push({
      code: 'AUTHORITY_NOT_MATCHED',
      message: authority
        ? `"${authority.name}" matches no English local authority: choose the council by hand.`
        : 'The report names no local authority the extractor could find: choose the council by hand.',
      near: authority ? nearText(authority.name) : null,
    });
  }
  for (const disagreement of dates.disagreements) warnings.push({ code: 'DATES_DISAGREE', message: disagreement.message, near: nearText(disagreement.near) });
  return warnings;
}
