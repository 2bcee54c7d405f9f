import { readdir, readFile, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { Option, type Command } from 'commander';
import { SYSTEM_CONTEXT, type RequestContext } from '#core';
import { ReportsService, TrackingErrorCode, TrackingException } from '#tracking';
import { EXIT_FAILURE, type CliIo } from './cli-io.js';
import { withCliContext } from './cli.module.js';

/** The files a directory contributes: reports as published (PDF) or converted (text, markdown). */
const REPORT_EXTENSIONS = new Set(['.pdf', '.txt', '.md', '.markdown', '.text']);

export type ImportOutcome =
  | { file: string; outcome: 'created'; reportId: number; actions: number; warnings: number }
  | { file: string; outcome: 'no_recommendations'; reportId: number; reason: string }
  | { file: string; outcome: 'duplicate'; reportId: number | null }
  | { file: string; outcome: 'failed'; reason: string };

export interface ImportSummary {
  created: number;
  noRecommendations: number;
  duplicate: number;
  failed: number;
  results: ImportOutcome[];
}

interface ImportOptions {
  authority?: string;
  format: 'text' | 'json';
}

/** Who the journal names for imported reports. */
const IMPORT_CONTEXT: RequestContext = { ...SYSTEM_CONTEXT, actorName: 'improvement-tracker import' };

/** Files named on the command line, and the report files directly inside named directories, in name order. */
export async function reportFilesOf(paths: readonly string[]): Promise<{ files: string[]; missing: string[] }> {
  const files: string[] = [];
  const missing: string[] = [];
  for (const path of paths) {
    const info = await stat(path).catch(() => null);
    if (!info) {
      missing.push(path);
    } else if (info.isDirectory()) {
      const names = (await readdir(path)).filter((name) => REPORT_EXTENSIONS.has(extname(name).toLowerCase())).sort();
      for (const name of names) files.push(join(path, name));
    } else {
      files.push(path);
    }
  }
  return { files, missing };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * Ingests each file in its own transaction (a failure leaves the reports before it stored and the
 * ones after it still to come), reporting progress as it goes.
 */
export async function importReports(
  files: readonly string[],
  reports: ReportsService,
  options: { authority?: string },
  progress: (line: string) => void,
): Promise<ImportSummary> {
  const summary: ImportSummary = { created: 0, noRecommendations: 0, duplicate: 0, failed: 0, results: [] };
  const width = String(files.length).length;
  for (const [index, file] of files.entries()) {
    const outcome = await importOne(file, reports, options.authority);
    summary.results.push(outcome);
    if (outcome.outcome === 'created') summary.created += 1;
    else if (outcome.outcome === 'no_recommendations') summary.noRecommendations += 1;
    else if (outcome.outcome === 'duplicate') summary.duplicate += 1;
    else summary.failed += 1;
    progress(`[${String(index + 1).padStart(width)}/${files.length}] ${file}: ${describe(outcome)}`);
  }
  return summary;
}

async function importOne(file: string, reports: ReportsService, authority: string | undefined): Promise<ImportOutcome> {
  let content: Uint8Array;
  try {
    content = new Uint8Array(await readFile(file));
  } catch (error) {
    return { file, outcome: 'failed', reason: oneLine(`cannot read the file (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`) };
  }
  try {
    const result = await reports.ingest({ content, fileName: file.split(/[\\/]/).pop(), authorityCode: authority }, IMPORT_CONTEXT);
    if (result.dryRun) throw new Error('an import was taken as a dry run');
    const { report } = result;
    if (result.actionCount === 0) return { file, outcome: 'no_recommendations', reportId: report.id, reason: report.noRecommendations?.reason ?? 'no recommendations' };
    return { file, outcome: 'created', reportId: report.id, actions: result.actionCount, warnings: report.warnings?.length ?? 0 };
  } catch (error) {
    if (error instanceof TrackingException && error.code === TrackingErrorCode.DUPLICATE_REPORT) {
      const reportId = (error.details as { reportId?: number } | undefined)?.reportId ?? null;
      return { file, outcome: 'duplicate', reportId };
    }
    // Whatever went wrong with this report, the others are still imported; the summary gives the reason.
    return { file, outcome: 'failed', reason: oneLine(error instanceof Error ? error.message : String(error)) };
  }
}

function describe(outcome: ImportOutcome): string {
  switch (outcome.outcome) {
    case 'created':
      return `created report ${outcome.reportId} with ${outcome.actions} action${outcome.actions === 1 ? '' : 's'}${outcome.warnings > 0 ? ` (${outcome.warnings} warning${outcome.warnings === 1 ? '' : 's'} to check)` : ''}`;
    case 'no_recommendations':
      return `created report ${outcome.reportId} with no recommendations: ${outcome.reason}`;
    case 'duplicate':
      return `already imported${outcome.reportId === null ? '' : ` as report ${outcome.reportId}`}`;
    case 'failed':
      return `failed: ${outcome.reason}`;
  }
}

function summaryText(summary: ImportSummary): string {
  const lines = [
    `Imported ${summary.results.length} file${summary.results.length === 1 ? '' : 's'}:`,
    `  created:            ${summary.created}`,
    `  no recommendations: ${summary.noRecommendations}`,
    `  duplicate:          ${summary.duplicate}`,
    `  failed:             ${summary.failed}`,
  ];
  const failures = summary.results.filter((result) => result.outcome === 'failed');
  if (failures.length > 0) {
    lines.push('', 'Failed:');
    for (const failure of failures) lines.push(`  ${failure.file}: ${failure.reason}`);
  }
  return `${lines.join('\n')}\n`;
}

export async function runImport(paths: readonly string[], options: ImportOptions, io: CliIo): Promise<void> {
  const { files, missing } = await reportFilesOf(paths);
  const summary = await withCliContext((context) =>
    importReports(files, context.get(ReportsService), { authority: options.authority }, (line) => io.writeErr(`${line}\n`)),
  );
  for (const path of missing) {
    summary.failed += 1;
    summary.results.push({ file: path, outcome: 'failed', reason: 'no such file or directory' });
  }
  if (options.format === 'json') {
    const { results, ...counts } = summary;
    io.writeOut(`${JSON.stringify({ ...counts, results })}\n`);
  } else {
    io.writeOut(summaryText(summary));
  }
  io.exitCode = summary.failed > 0 ? EXIT_FAILURE : 0;
}

/** `improvement-tracker import <dir|files...>`: a council's history, or the public archive, into the database. */
export function registerImportCommand(program: Command, io: CliIo): void {
  program
    .command('import')
    .description('ingest many reports (PDF, text or markdown): each file or each report in a directory becomes a report and its actions')
    .addHelpText(
      'after',
      '\nEach report is stored in its own transaction: one that fails leaves the others imported. Progress goes to stderr,\n' +
        'a summary (created, no recommendations, duplicate, failed with reasons) to stdout. Reports imported before are\n' +
        'counted as duplicates and left as they are. The exit code is 2 if any file failed.',
    )
    .argument('<path...>', 'report files, or directories whose .pdf/.txt/.md files are imported')
    .option('--authority <onsCode>', "the council's ONS code, for reports that name no recognisable council")
    .addOption(new Option('--format <format>', 'summary format').choices(['text', 'json']).default('text'))
    .action(async (paths: string[], options: ImportOptions) => runImport(paths, options, io));
}
