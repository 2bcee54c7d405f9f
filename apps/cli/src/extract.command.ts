import { readFile } from 'node:fs/promises';
import { InvalidArgumentError, Option, type Command } from 'commander';
import { isIsoDate } from '#deadlines';
import { extractFromFile, type ReportDraft } from '#extraction';
import { EXIT_FAILURE, type CliIo } from './cli-io.js';
import { formatDraftTable } from './report-table.js';
import type { IsoDate } from '#core';

type OutputFormat = 'json' | 'table';

interface ExtractOptions {
  baseline?: IsoDate;
  format: OutputFormat;
}

type FileResult = { file: string; draft: ReportDraft } | { file: string; error: string };

function parseBaseline(value: string): IsoDate {
  if (!isIsoDate(value)) throw new InvalidArgumentError('expected a calendar date in the form YYYY-MM-DD.');
  return value;
}

function oneLine(text: string): string {
  return text.replace(/(?<!\s)\s*\n\s*/g, ' ').trim();
}

function messageOf(error: unknown, file: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (code === 'ENOENT') return `${file}: no such file`;
  if (code === 'EISDIR') return `${file}: is a directory, not a report`;
  if (code === 'EACCES') return `${file}: permission denied`;
  return oneLine(error instanceof Error ? error.message : String(error));
}

async function extractFile(file: string, baselineDate: IsoDate | undefined): Promise<FileResult> {
  try {
    const bytes = new Uint8Array(await readFile(file));
    return { file, draft: await extractFromFile(bytes, file, { baselineDate }) };
  } catch (error) {
    return { file, error: messageOf(error, file) };
  }
}

/** `{"file": ..., <the draft's fields>}` or `{"file": ..., "error": ...}`: one JSON Lines record. */
function jsonLine(result: FileResult): string {
  return 'draft' in result ? JSON.stringify({ file: result.file, ...result.draft }) : JSON.stringify({ file: result.file, error: result.error });
}

export async function runExtract(files: readonly string[], options: ExtractOptions, io: CliIo): Promise<void> {
  const results: FileResult[] = [];
  // One file at a time: PDF reading is CPU-bound, and output order follows the command line.
  for (const file of files) results.push(await extractFile(file, options.baseline));
  const failed = results.some((result) => 'error' in result);

  if (options.format === 'table') {
    results.forEach((result, index) => {
      if ('error' in result) {
        io.writeErr(`error: ${result.error}\n`);
        return;
      }
      if (index > 0) io.writeOut('\n');
      if (files.length > 1) io.writeOut(`== ${result.file} ==\n`);
      io.writeOut(formatDraftTable(result.draft));
    });
  } else if (files.length === 1) {
    const [result] = results;
    if ('draft' in result) io.writeOut(`${JSON.stringify(result.draft, null, 2)}\n`);
    else io.writeErr(`error: ${result.error}\n`);
  } else {
    for (const result of results) io.writeOut(`${jsonLine(result)}\n`);
  }
  io.exitCode = failed ? EXIT_FAILURE : 0;
}

/** `improvement-tracker extract <file...> [--baseline YYYY-MM-DD] [--format json|table]`: no database, no server. */
export function registerExtractCommand(program: Command, io: CliIo): void {
  program
    .command('extract')
    .description('extract the recommendations of inspection reports (PDF, text or markdown)')
    .addHelpText(
      'after',
      '\nOne file: its draft as JSON on stdout. Several files: JSON Lines, one object per file with a "file" field,\n{"file": ..., "error": ...} for a file that fails. Errors go to stderr; the exit code is 2 if any file fails.',
    )
    .argument('<file...>', 'inspection report files')
    .addOption(new Option('--baseline <date>', 'count due dates from this date (YYYY-MM-DD) instead of the report’s own').argParser(parseBaseline))
    .addOption(new Option('--format <format>', 'output format').choices(['json', 'table']).default('json'))
    .action(async (files: string[], options: ExtractOptions) => runExtract(files, options, io));
}
