import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The five seed reports the product ships (seeds/reports). */
export const SEED_REPORTS_DIR = fileURLToPath(new URL('../../../../seeds/reports/', import.meta.url));
/** The development corpus: published PDFs and their pdftotext conversions (Crown copyright, OGL). */
export const CORPUS_DIR = fileURLToPath(new URL('../../../../test/fixtures/corpus/', import.meta.url));

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
  if (!existsSync(path)) throw new Error(`corpus file ${path} is missing: the corpus tests read test/fixtures/corpus`);
  return path;
}

export function corpusText(name: string): string {
  return readFileSync(corpusFile(`${name}.txt`), 'utf8');
}

export function corpusPdf(name: string): Uint8Array {
  return new Uint8Array(readFileSync(corpusFile(`${name}.pdf`)));
}
