import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ExtractionError, ExtractionPool, extractReport } from '../src/index.js';

const REPORT = readFileSync(new URL('../../../seeds/reports/waltham-forest-2014-sif.txt', import.meta.url), 'utf8');

// Threads start from the TypeScript sources here, which takes a while on a busy machine.
describe('the extraction pool', { timeout: 120_000 }, () => {
  it('throws away a thread that goes over PDF_MEMORY_MB, and the next text is read', async () => {
    const pool = new ExtractionPool({ threads: 1, maxPdfPages: 300, timeLimitMs: 100_000, memoryMb: 32 });
    try {
      const refusal = await pool.extractReport(REPORT.repeat(100)).catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(ExtractionError);
      expect((refusal as ExtractionError).code).toBe('TOO_MUCH_MEMORY');
      expect((refusal as ExtractionError).message).toContain('needed more than 32 MB (PDF_MEMORY_MB)');
      const draft = await pool.extractReport(REPORT.repeat(3));
      expect(draft).toEqual(extractReport(REPORT.repeat(3)));
    } finally {
      await pool.destroy();
    }
  });

  it('extracts a short text on the calling thread, with the same result', async () => {
    const pool = new ExtractionPool({ threads: 1, maxPdfPages: 300, timeLimitMs: 100_000, memoryMb: 256 });
    try {
      expect(await pool.extractReport(REPORT, { fileName: 'report.txt' })).toEqual(extractReport(REPORT, { fileName: 'report.txt' }));
      expect(pool.pending).toBe(0);
    } finally {
      await pool.destroy();
    }
  });
});
