#!/usr/bin/env node
// Runs the extractor over every report under a directory (the public archive by default) and
// counts what it gave: recommendations, "no recommendations", warnings (by code) and errors (by
// code). Anything thrown that is not an ExtractionError is a crash, listed by file; the exit code
// is 1 if there was any crash or any error other than UNKNOWN_LAYOUT, so the run can gate a change.
//
//   npm run build && node scripts/survey-archive.js [dir] [--list]
//
// --list also prints one line per report: its file, what it gave and its warning codes.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExtractionError, extractReport } from '#extraction';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const list = args.includes('--list');
const dir = args.find((arg) => !arg.startsWith('--')) ?? join(ROOT, '..', 'shared', 'reports', 'archive');

function reportsUnder(path) {
  return readdirSync(path)
    .sort()
    .flatMap((name) => {
      const full = join(path, name);
      if (statSync(full).isDirectory()) return reportsUnder(full);
      return /\.(txt|md)$/.test(name) ? [full] : [];
    });
}

function bump(counts, key) {
  counts[key] = (counts[key] ?? 0) + 1;
}

let files;
try {
  files = reportsUnder(dir);
} catch {
  console.error(`No reports to read at ${dir}: give the directory, for example node scripts/survey-archive.js ../shared/reports/archive`);
  process.exit(2);
}
const totals = { reports: files.length, withItems: 0, noRecommendations: 0, withWarnings: 0, errors: 0, crashes: 0, recommendations: 0 };
const warningCodes = {};
const errorCodes = {};
const crashes = [];
for (const file of files) {
  const name = relative(dir, file);
  try {
    const draft = extractReport(readFileSync(file, 'utf8'), { fileName: name });
    if (draft.recommendations.length > 0) totals.withItems += 1;
    else totals.noRecommendations += 1;
    totals.recommendations += draft.recommendations.length;
    if (draft.warnings.length > 0) totals.withWarnings += 1;
    for (const code of new Set(draft.warnings.map((warning) => warning.code))) bump(warningCodes, code);
    if (list) console.log(`${name}\t${draft.recommendations.length || 'none'}\t${draft.warnings.map((warning) => warning.code).join(',')}`);
  } catch (error) {
    if (error instanceof ExtractionError) {
      totals.errors += 1;
      bump(errorCodes, error.code);
      if (list) console.log(`${name}\terror\t${error.code}`);
    } else {
      totals.crashes += 1;
      crashes.push(`${name}: ${error instanceof Error ? error.stack : String(error)}`);
    }
  }
}

let commit = 'unknown';
try {
  commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
} catch {
  // Not a checkout: the figures still stand, without a commit to pin them to.
}
console.log(JSON.stringify({ dir: relative(ROOT, dir) || '.', commit, ...totals, warningCodes, errorCodes }, null, 2));
for (const crash of crashes) console.error(`crash: ${crash}`);
const unexpected = Object.keys(errorCodes).filter((code) => code !== 'UNKNOWN_LAYOUT');
process.exit(totals.crashes > 0 || unexpected.length > 0 ? 1 : 0);
