// Renders the README's images of the board pack's pages from the PDF the board pack test writes
// (test/artifacts/board-pack.pdf: 200 actions, the May board), with poppler's pdftoppm:
//   npx vitest run test/board/board-pack.e2e-spec.ts && node scripts/board-pack-pages.js
// Each image is found by what its page says, so the pages chosen stay right as the pack grows.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const pdf = join(root, 'test/artifacts/board-pack.pdf');
const out = join(root, 'docs/screenshots');

/** Image name → the words that start the page to show. */
const PAGES = {
  'board-pack-cover': 'Improvement board pack',
  'board-pack-summary': 'Summary',
  'board-pack-actions': 'Open actions (',
  'board-pack-since': 'What changed since the last meeting',
};

if (!existsSync(pdf)) {
  console.error(`No ${pdf}: run "npx vitest run test/board/board-pack.e2e-spec.ts" first.`);
  process.exit(1);
}
mkdirSync(out, { recursive: true });
// pdftotext separates pages with form feeds; the first page whose text holds the words is the one.
const pages = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).split('\f');
for (const [name, words] of Object.entries(PAGES)) {
  const index = pages.findIndex((text) => text.includes(words));
  if (index < 0) throw new Error(`No page of the pack says "${words}"`);
  const page = String(index + 1);
  const stem = join(out, `${name}.tmp`);
  execFileSync('pdftoppm', ['-png', '-r', '60', '-f', page, '-l', page, '-singlefile', pdf, stem]);
  renameSync(`${stem}.png`, join(out, `${name}.png`));
  console.log(`${name}.png: page ${page} of ${pages.length - 1}`);
}
