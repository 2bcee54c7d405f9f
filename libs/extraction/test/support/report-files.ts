import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The five seed reports the product ships (seeds/reports). */
export const SEED_REPORTS_DIR = fileURLToPath(new URL('../../../../seeds/reports/', import.meta.url));
/** The development corpus shared beside the repository: published PDFs and their pdftotext conversions. */
export const CORPUS_DIR = fileURLToPath(new URL('../../../../../shared/reports/corpus/', import.meta.url));

export const SEED_REPORTS = [
  'waltham-forest-2013-protection',
  'norfolk-2013-protection',
  'brent-2012-protection',
  'rochdale-2012-protection',
  'waltham-forest-2014-sif',
] as const;

export function seedReportText(name: string): string {
  return readFileSync(`${SEED_REPORTS_DIR}${name}.txt`, 'utf8');
}

function corpusFile(fileName: string): string {
  const path = `${CORPUS_DIR}${fileName}`;
  if (!existsSync(path)) throw new Error(`corpus file ${path} is missing: the corpus tests read ../shared/reports/corpus beside the repository`);
  return path;
}

export function corpusText(name: string): string {
  return readFileSync(corpusFile(`${name}.txt`), 'utf8');
}

export function corpusPdf(name: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusFile(`${name}.pdf`)));
}
