import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { CliIo } from '../src/cli-io.js';
import { runCli } from '../src/main.js';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SEED = (name: string): string => join(REPO_ROOT, 'seeds/reports', `${name}.txt`);
const CORPUS_PDF = (name: string): string => join(REPO_ROOT, 'test/fixtures/corpus', `${name}.pdf`);

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs the real command line (commander parsing, options, exit codes) with its output captured. */
async function run(...args: string[]): Promise<Run> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { writeOut: (text) => (stdout += text), writeErr: (text) => (stderr += text), exitCode: 0 };
  const code = await runCli(['node', 'improvement-tracker', ...args], io);
  return { code, stdout, stderr };
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('improvement-tracker extract', () => {
  it('prints one file’s draft as JSON with exactly the draft’s field names and dates as YYYY-MM-DD, exit 0', async () => {
    const { code, stdout, stderr } = await run('extract', SEED('waltham-forest-2014-sif'));
    expect([code, stderr]).toEqual([0, '']);
    const draft = JSON.parse(stdout) as Record<string, unknown> & { recommendations: Record<string, unknown>[] };
    expect(Object.keys(draft)).toEqual([
      'authority',
      'authorityCode',
      'format',
      'inspectionStart',
      'inspectionEnd',
      'publishedOn',
      'baselineDate',
      'judgements',
      'recommendations',
      'noRecommendations',
      'warnings',
    ]);
    expect([draft.noRecommendations, draft.warnings]).toEqual([null, []]);
    expect(Object.keys(draft.recommendations[0])).toEqual(['ordinal', 'reference', 'text', 'timeframe', 'theme', 'addressee', 'dueDate', 'dueDateAssumed', 'mentionedBodies']);
    expect([draft.inspectionStart, draft.inspectionEnd, draft.publishedOn, draft.baselineDate]).toEqual(['2014-11-04', '2014-11-26', '2015-01-20', '2015-01-20']);
    expect(draft.recommendations).toHaveLength(27);
    for (const item of draft.recommendations) expect(item.dueDate).toMatch(ISO_DATE);
  });

  it('counts due dates from --baseline', async () => {
    const { code, stdout } = await run('extract', '--baseline', '2013-08-31', SEED('norfolk-2013-protection'));
    const draft = JSON.parse(stdout) as { baselineDate: string; recommendations: { timeframe: string; dueDate: string }[] };
    expect(code).toBe(0);
    expect(draft.baselineDate).toBe('2013-08-31');
    expect(draft.recommendations.find((item) => item.timeframe === 'six_months')?.dueDate).toBe('2014-02-28');
  });

  it('reads PDFs', async () => {
    const { code, stdout } = await run('extract', CORPUS_PDF('ealing-focused-visit-2018'));
    expect(code).toBe(0);
    expect((JSON.parse(stdout) as { recommendations: unknown[] }).recommendations).toHaveLength(3);
  });

  it('prints one line on stderr and exits 2 when the file is not a report', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'extract-'));
    const minutes = join(directory, 'minutes.txt');
    writeFileSync(minutes, 'Minutes of the meeting.\n\nThe board noted the report.\n');
    const result = await run('extract', minutes);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^error: .*minutes\.txt: no recommendations section found: looked for .+\n$/);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints one line on stderr and exits 2 for a missing file', async () => {
    expect(await run('extract', join(REPO_ROOT, 'no-such-report.pdf'))).toEqual({
      code: 2,
      stdout: '',
      stderr: `error: ${join(REPO_ROOT, 'no-such-report.pdf')}: no such file\n`,
    });
  });

  it('prints JSON Lines for several files, one object per file with a file field, and exits 0 when all succeed', async () => {
    const files = [SEED('brent-2012-protection'), SEED('rochdale-2012-protection')];
    const { code, stdout, stderr } = await run('extract', ...files);
    expect([code, stderr]).toEqual([0, '']);
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { file: string; recommendations: unknown[] });
    expect(lines.map((line) => [line.file, line.recommendations.length])).toEqual([
      [files[0], 12],
      [files[1], 11],
    ]);
    expect(Object.keys(lines[0])[0]).toBe('file');
  });

  it('reports a failing file as {"file", "error"} among the others and exits 2', async () => {
    const missing = join(REPO_ROOT, 'missing.txt');
    const { code, stdout } = await run('extract', SEED('brent-2012-protection'), missing, join(REPO_ROOT, 'package.json'));
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(code).toBe(2);
    expect(lines).toHaveLength(3);
    expect(lines[0].file).toBe(SEED('brent-2012-protection'));
    expect(lines[1]).toEqual({ file: missing, error: `${missing}: no such file` });
    expect(Object.keys(lines[2])).toEqual(['file', 'error']);
    expect(lines[2].error).toMatch(/no recommendations section found/);
  });

  it('prints a readable table with --format table', async () => {
    const { code, stdout } = await run('extract', '--format', 'table', SEED('waltham-forest-2014-sif'));
    expect(code).toBe(0);
    expect(stdout).toContain('Authority:   London Borough of Waltham Forest (E09000031)');
    expect(stdout).toContain('Published:   2015-01-20');
    expect(stdout).toMatch(/\n21 +161 +immediately +2015-01-20 +lscb +\[Children who go missing and are at risk/);
    expect(stdout).toContain('27 recommendations');
  });

  it('prints the warnings in the JSON and under the table, and says where to look', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'extract-'));
    const report = join(directory, 'gap.txt');
    writeFileSync(
      report,
      [
        'Coventry City Council',
        'Inspection of services for children in need of help and protection, children looked after and care leavers',
        'Inspection date: 28 January–5 February 2014',
        'Report published: 20 March 2014',
        '',
        'Recommendations',
        '1. Ensure one thing is done.',
        '2. Ensure another thing is done.',
        '',
        'A table the converter could not read',
        '',
        '6. Ensure the sixth thing is done.',
        '',
        'Information about this inspection',
      ].join('\n'),
    );
    const json = await run('extract', report);
    expect(json.code).toBe(0);
    const draft = JSON.parse(json.stdout) as { warnings: { code: string; message: string; near: string }[] };
    expect(draft.warnings).toEqual([
      { code: 'NUMBERING_GAP', message: expect.stringMatching(/from 2 to 6: items 3 to 5/), near: '6. Ensure the sixth thing is done.' },
    ]);
    const table = await run('extract', '--format', 'table', report);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('Check before confirming (1 warning):');
    expect(table.stdout).toMatch(/ ! NUMBERING_GAP: The numbering jumps from 2 to 6/);
    expect(table.stdout).toContain('near: "6. Ensure the sixth thing is done."');
  });

  it('a report that makes no recommendations is a result: exit 0, an empty list and the reason', async () => {
    const directory = mkdtempSync(join(tmpdir(), 'extract-'));
    const letter = join(directory, 'letter.txt');
    writeFileSync(
      letter,
      [
        'Ofsted',
        '12 January 2024',
        'Dear Ms Siggins',
        'Focused visit to Bracknell Forest local authority children’s services',
        'This letter summarises the findings of the focused visit to Bracknell Forest local authority children’s services on 21 and 22 November 2023.',
        'Headline findings',
        'Children in care are well supported.',
        'Main findings',
        'Social workers know their children well.',
      ].join('\n'),
    );
    const json = await run('extract', letter);
    expect([json.code, json.stderr]).toEqual([0, '']);
    const draft = JSON.parse(json.stdout) as { recommendations: unknown[]; noRecommendations: { reason: string } };
    expect(draft.recommendations).toEqual([]);
    expect(draft.noRecommendations.reason).toMatch(/focused visit with no recommendations section/);
    const table = await run('extract', '--format', 'table', letter);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/No recommendations: The report is a focused visit with no recommendations section/);
    expect(table.stdout).toContain('0 recommendations');
  });

  it.each([
    [['extract', '--baseline', '2015-02-30', 'report.pdf'], /--baseline.*2015-02-30.*YYYY-MM-DD/],
    [['extract', '--format', 'xml', 'report.pdf'], /Allowed choices are json, table/],
    [['extract'], /missing required argument 'file'/],
  ])('rejects a malformed command line %j with one line on stderr and exit 2', async (args, message) => {
    const { code, stdout, stderr } = await run(...args);
    expect([code, stdout]).toEqual([2, '']);
    expect(stderr).toMatch(message);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });

  it('prints help and exits 0', async () => {
    const { code, stdout } = await run('extract', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: improvement-tracker extract [options] <file...>');
  });
});
