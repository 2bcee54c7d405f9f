/**
 * Extraction time per report: the median (and 90th percentile) of many runs after a warm-up, for
 * every seed report and every corpus text. Runs on one core (the extractor is synchronous).
 *
 *   npx tsc -p tsconfig.build.json && node dist/bench/extraction.bench.js [--runs 200] [--warmup 50]
 *
 * Besides the median of all runs, each report's quiet median: the lowest median of ten batches of
 * consecutive runs, which stays close to the extractor's own time when other processes share the core.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { extractReport } from '#extraction';

// Compiled to dist/bench/, so the repository root is two levels up.
const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));
const REPORT_DIRS = [`${REPO_ROOT}seeds/reports/`, `${REPO_ROOT}test/fixtures/corpus/`];

function option(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  const value = index >= 0 ? Number(process.argv[index + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
}

function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}

interface Measurement {
  report: string;
  kilobytes: number;
  recommendations: number;
  medianMs: number;
  p90Ms: number;
  /** The lowest median of ten consecutive batches: the time when nothing else ran on the core. */
  quietMedianMs: number;
}

const BATCHES = 10;

function measure(path: string, runs: number, warmup: number): Measurement {
  const text = readFileSync(path, 'utf8');
  let recommendations = 0;
  for (let i = 0; i < warmup; i += 1) recommendations = extractReport(text).recommendations.length;
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    extractReport(text);
    times.push(Number(process.hrtime.bigint() - started) / 1e6);
  }
  // On a shared machine other processes take the core for a while at a time: a batch of
  // consecutive runs they left alone shows the extractor's own time.
  const batchSize = Math.max(1, Math.floor(runs / BATCHES));
  let quietMedianMs = Number.POSITIVE_INFINITY;
  for (let start = 0; start + batchSize <= times.length; start += batchSize) {
    const batch = times.slice(start, start + batchSize).sort((first, second) => first - second);
    quietMedianMs = Math.min(quietMedianMs, quantile(batch, 0.5));
  }
  times.sort((first, second) => first - second);
  return {
    report: path.slice(path.lastIndexOf('/') + 1),
    kilobytes: Buffer.byteLength(text) / 1024,
    recommendations,
    medianMs: quantile(times, 0.5),
    p90Ms: quantile(times, 0.9),
    quietMedianMs,
  };
}

function main(): void {
  const runs = option('runs', 200);
  const warmup = option('warmup', 50);
  const files = REPORT_DIRS.filter((dir) => existsSync(dir)).flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => name.endsWith('.txt'))
      .sort()
      .map((name) => `${dir}${name}`),
  );
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`extractReport: median of ${runs} runs after ${warmup} warm-up runs, Node ${process.version}, ${cpu}, ${cpus().length} CPUs (one used)\n`);
  const rows = files.map((file) => measure(file, runs, warmup));
  const width = Math.max(...rows.map((row) => row.report.length), 'report'.length);
  console.log(`${'report'.padEnd(width)}  ${'KB'.padStart(6)}  ${'items'.padStart(5)}  ${'median ms'.padStart(9)}  ${'p90 ms'.padStart(7)}  ${'quiet median ms'.padStart(15)}`);
  for (const row of rows) {
    console.log(
      `${row.report.padEnd(width)}  ${row.kilobytes.toFixed(1).padStart(6)}  ${String(row.recommendations).padStart(5)}  ${row.medianMs.toFixed(3).padStart(9)}  ${row.p90Ms.toFixed(3).padStart(7)}  ${row.quietMedianMs.toFixed(3).padStart(15)}`,
    );
  }
  console.log(`\nquiet median: the lowest median of ${BATCHES} batches of consecutive runs; load average now ${loadavg()[0].toFixed(1)}`);
  const total = rows.reduce((sum, row) => sum + row.medianMs, 0);
  console.log(`\n${rows.length} reports, ${total.toFixed(1)} ms in all (sum of medians)`);
}

main();
