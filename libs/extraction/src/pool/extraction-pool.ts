import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Piscina } from 'piscina';
import { ExtractionError } from '../extraction-error.js';
import { extractReport, type ExtractOptions } from '../extract-report.js';
import { isPdf, readReportText } from '../read-report-text.js';
import type { ReportDraft } from '../report-draft.js';
import type { ExtractionOutcome, ExtractionTask } from './extraction.worker.js';

export interface ExtractionPoolLimits {
  /** Threads reading files at once; further files wait in a short queue. */
  threads: number;
  /** A PDF with more pages is refused before any page is read. */
  maxPdfPages: number;
  /** Time one file may take, waiting included, in milliseconds. */
  timeLimitMs: number;
  /** Heap of each thread, in megabytes; a PDF's compressed streams may expand to half of it. */
  memoryMb: number;
}

/**
 * Texts up to this many characters are extracted on the calling thread: it takes a few tens of
 * milliseconds, less than the trip to a thread and back.
 */
export const EXTRACT_ON_CALLER_UP_TO = 256 * 1024;

/** Files waiting per thread before more are turned away as busy. */
const QUEUE_PER_THREAD = 8;

const FROM_SOURCES = import.meta.url.endsWith('.ts');
let sourcesPrepared = false;

/**
 * Running from the TypeScript sources (the tests), the threads load the libraries' files with
 * their types stripped here, once per process, by swc on this thread (see source-hooks.mjs).
 */
function prepareSources(): void {
  if (sourcesPrepared) return;
  sourcesPrepared = true;
  const swc = createRequire(import.meta.url)('@swc/core') as { transformSync(source: string, options: object): { code: string } };
  const cache = join(tmpdir(), 'improvement-tracker-extraction-sources');
  mkdirSync(cache, { recursive: true });
  const libraries = fileURLToPath(new URL('../../../', import.meta.url));
  for (const library of readdirSync(libraries)) {
    const directory = join(libraries, library, 'src');
    if (!existsSync(directory)) continue;
    for (const file of readdirSync(directory, { recursive: true, encoding: 'utf8' })) {
      if (!file.endsWith('.ts')) continue;
      const source = readFileSync(join(directory, file), 'utf8');
      const target = join(cache, `${createHash('sha256').update(source).digest('hex')}.js`);
      if (existsSync(target)) continue;
      const { code } = swc.transformSync(source, {
        filename: join(directory, file),
        jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022' },
        module: { type: 'es6' },
      });
      writeFileSync(target, code);
    }
  }
}

/**
 * Reads untrusted files (and extracts long texts) in worker threads, so one hostile PDF cannot
 * hold the event loop that serves every council. Each file gets a page limit, a time budget and
 * a memory limit; going over any of them is an ExtractionError saying which, and the thread that
 * went over is thrown away.
 */
export class ExtractionPool {
  private readonly piscina: Piscina<ExtractionTask, ExtractionOutcome<string | ReportDraft>>;
  private inFlight = 0;

  constructor(readonly limits: ExtractionPoolLimits) {
    if (FROM_SOURCES) prepareSources();
    this.piscina = new Piscina({
      filename: new URL(`./extraction.worker.${FROM_SOURCES ? 'ts' : 'js'}`, import.meta.url).href,
      // Threads start with the first file and stop when idle: most API processes never read a PDF.
      minThreads: 0,
      maxThreads: limits.threads,
      idleTimeout: 60_000,
      maxQueue: limits.threads * QUEUE_PER_THREAD,
      resourceLimits: { maxOldGenerationSizeMb: limits.memoryMb, maxYoungGenerationSizeMb: Math.min(64, Math.max(8, limits.memoryMb / 8)) },
      execArgv: FROM_SOURCES ? ['--conditions=source', '--import', fileURLToPath(new URL('./source-register.mjs', import.meta.url))] : [],
    });
  }

  /** Files being read or waiting for a thread. */
  get pending(): number {
    return this.inFlight;
  }

  /**
   * `readReportText` for an uploaded file: a PDF in a thread, within the limits. Text files are
   * decoded here: decoding is native and linear, and the file's size is already capped.
   */
  readReportText(bytes: Uint8Array, fileName?: string): Promise<string> {
    if (!isPdf(bytes)) return readReportText(bytes, fileName);
    const limits = { maxPdfPages: this.limits.maxPdfPages, maxInflatedBytes: (this.limits.memoryMb / 2) * 1024 * 1024 };
    return this.run<string>({ kind: 'read', bytes, fileName, limits }, fileName);
  }

  /** `extractReport`, in a thread for a long text. */
  async extractReport(text: string, options: ExtractOptions = {}): Promise<ReportDraft> {
    if (text.length <= EXTRACT_ON_CALLER_UP_TO) return extractReport(text, options);
    return this.run<ReportDraft>({ kind: 'extract', text, options }, options.fileName);
  }

  async destroy(): Promise<void> {
    await this.piscina.destroy();
  }

  /** Called by Nest as the application closes, where the pool is a provider. */
  onModuleDestroy(): Promise<void> {
    return this.destroy();
  }

  private async run<T>(task: ExtractionTask, fileName: string | undefined): Promise<T> {
    const budget = AbortSignal.timeout(this.limits.timeLimitMs);
    this.inFlight += 1;
    let outcome: ExtractionOutcome<string | ReportDraft>;
    try {
      outcome = await this.piscina.run(task, { signal: budget });
    } catch (error) {
      throw this.refusal(error, budget, fileName) ?? error;
    } finally {
      this.inFlight -= 1;
    }
    if (!outcome.ok) throw new ExtractionError(outcome.code, outcome.reason, outcome.fileName);
    return outcome.value as T;
  }

  /** The limit a failed task went over, as the error its uploader sees; null for anything else. */
  private refusal(error: unknown, budget: AbortSignal, fileName: string | undefined): ExtractionError | null {
    if (budget.aborted) {
      return new ExtractionError(
        'TOO_SLOW',
        `reading the file took longer than ${this.limits.timeLimitMs / 1000} s (PDF_TIME_LIMIT_MS): save or export it again and re-upload, or upload the inspection report alone`,
        fileName,
      );
    }
    if ((error as { code?: unknown } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY') {
      return new ExtractionError(
        'TOO_MUCH_MEMORY',
        `reading the file needed more than ${this.limits.memoryMb} MB (PDF_MEMORY_MB): save or export it again and re-upload, or upload the inspection report alone`,
        fileName,
      );
    }
    if (error instanceof Error && error.message === 'Task queue is at limit') {
      return new ExtractionError('BUSY', 'too many reports are being read at once: try again in a minute', fileName);
    }
    return null;
  }
}
