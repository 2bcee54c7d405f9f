#!/usr/bin/env node
// Generates libs/extraction/src/authority-directory.data.ts from seeds/local-authorities.csv, so the
// extraction library ships the directory as code and never reads files at run time.
// `--check` exits 1 instead of writing when the generated file is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const CSV_PATH = fileURLToPath(new URL('../seeds/local-authorities.csv', import.meta.url));
const OUTPUT_PATH = fileURLToPath(new URL('../libs/extraction/src/authority-directory.data.ts', import.meta.url));
const EXPECTED_HEADER = ['ofsted_urn', 'dfe_la_code', 'ons_code', 'name', 'also_known_as', 'region', 'authority_type'];

/** RFC 4180 fields: commas inside double quotes, doubled quotes as an escaped quote. */
function parseCsvLine(line) {
  const fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      fields.push(field);
      field = '';
    } else {
      field += char;
    }
  }
  fields.push(field);
  return fields;
}

/** `also_known_as` is written as `[Name one, Name two]`. */
function parseNameList(value) {
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
}

export function parseAuthorityCsv(csvText) {
  const lines = csvText.replace(/^\uFEFF/, '').split(/\r?\n/).filter((line) => line.trim().length > 0);
  const header = parseCsvLine(lines[0]);
  if (header.join(',') !== EXPECTED_HEADER.join(',')) {
    throw new Error(`unexpected CSV header: ${header.join(',')} (expected ${EXPECTED_HEADER.join(',')})`);
  }
  return lines.slice(1).map((line, index) => {
    const fields = parseCsvLine(line);
    if (fields.length !== EXPECTED_HEADER.length) {
      throw new Error(`row ${index + 2} has ${fields.length} fields, expected ${EXPECTED_HEADER.length}: ${line}`);
    }
    const [ofstedUrn, dfeLaCode, onsCode, name, alsoKnownAs, region, authorityType] = fields.map((field) => field.trim());
    return {
      ofstedUrn,
      dfeLaCode,
      onsCode,
      name,
      alsoKnownAs: parseNameList(alsoKnownAs),
      region,
      authorityType: authorityType === '' ? null : authorityType,
    };
  });
}

export function renderAuthorityDirectoryModule(csvText) {
  const rows = parseAuthorityCsv(csvText);
  const body = rows.map((row) => `  ${JSON.stringify(row)},`).join('\n');
  return [
    '// Generated from seeds/local-authorities.csv by `npm run generate:authorities`. Do not edit by hand.',
    "import type { AuthorityDirectoryEntry } from './authority-directory.types.js';",
    '',
    'export const AUTHORITY_DIRECTORY_ROWS: readonly AuthorityDirectoryEntry[] = [',
    body,
    '];',
    '',
  ].join('\n');
}

const isMain = process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1];
if (isMain) {
  const rendered = renderAuthorityDirectoryModule(readFileSync(CSV_PATH, 'utf8'));
  if (process.argv.includes('--check')) {
    let current = '';
    try {
      current = readFileSync(OUTPUT_PATH, 'utf8');
    } catch {
      // a missing file is drift too
    }
    if (current !== rendered) {
      process.stderr.write('authority-directory.data.ts is out of date with seeds/local-authorities.csv: run `npm run generate:authorities`\n');
      process.exit(1);
    }
  } else {
    writeFileSync(OUTPUT_PATH, rendered);
    process.stdout.write(`wrote ${OUTPUT_PATH}\n`);
  }
}
