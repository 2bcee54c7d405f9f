import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ExtractionPool, extractReport, readReportText } from '#extraction';
import { SeedService } from '#tracking';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';
import { compressedStreamBomb, manyPages, pdfOf, textPage } from './hostile-pdfs.js';
import { errorSummaryOf, signedInAgent, WALTHAM_FOREST } from './support.js';

/** Waits, without a timer, until the pool has taken the file on. */
async function untilReading(pool: ExtractionPool): Promise<void> {
  while (pool.pending === 0) await new Promise((resolve) => setImmediate(resolve));
}

/**
 * Untrusted files are read in worker threads within a page, time and memory budget: a hostile
 * PDF is refused with a 422 that says which limit it went over, and the API answers everyone
 * else meanwhile.
 */
describe('hostile PDFs', () => {
  let api: TestApi;
  let http: ReturnType<typeof request>;

  beforeAll(async () => {
    // The default page and memory limits; time enough for a thread to start from the TypeScript sources on a busy machine.
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000', PDF_TIME_LIMIT_MS: '120000' } });
    await api.app.get(SeedService).seed();
    http = request(api.app.getHttpServer());
    await api.app.get(ExtractionPool).readReportText(pdfOf([textPage(['Recommendations'])]), 'warm-up.pdf');
  }, 180_000);

  afterAll(async () => {
    await api?.close();
  });

  const upload = (pdf: Buffer, name = 'report.pdf') => http.post('/api/reports?dryRun=true').set(api.adminAuth).attach('file', pdf, name);

  it('refuses a PDF of 8,000 pages before reading any, naming MAX_PDF_PAGES', async () => {
    const response = await upload(manyPages(8000));
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('TOO_MANY_PAGES');
    expect(response.body.message).toContain('8000 pages, over the limit of 300 (MAX_PDF_PAGES)');
  });

  it('refuses a few kilobytes that expand to gigabytes, naming PDF_MEMORY_MB, and keeps answering', async () => {
    const bomb = compressedStreamBomb(4);
    expect(bomb.length).toBeLessThan(100 * 1024);
    const pool = api.app.get(ExtractionPool);
    const refused = upload(bomb).then((response) => response);
    await untilReading(pool);
    const live = await http.get('/api/health/live').expect(200);
    expect(live.body.status).toBe('ok');
    expect(pool.pending).toBe(1);
    const response = await refused;
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('PDF_STREAM_TOO_LARGE');
    expect(response.body.message).toContain('expands to more than 256 MB (half of PDF_MEMORY_MB)');
  });

  it('says the same on the upload page, in its error summary', async () => {
    const { agent, csrf } = await signedInAgent(api, 'board.member@walthamforest.example');
    const response = await agent.post('/reports/new').field('_csrf', csrf).attach('file', compressedStreamBomb(4), 'report.pdf');
    expect(response.status).toBe(422);
    expect(errorSummaryOf(response.text)).toContain('expands to more than 256 MB');
  });

  it('reads an ordinary PDF in a thread as it would on the calling one', async () => {
    const text = (await readFile(join(SEEDS_DIR, 'reports', 'waltham-forest-2013-protection.txt'), 'utf8')).replace(/[^\x20-\x7e\n]/g, ' ');
    const lines = text.split('\n');
    const pdf = pdfOf(Array.from({ length: Math.ceil(lines.length / 45) }, (_, index) => textPage(lines.slice(index * 45, index * 45 + 45))));
    const response = await upload(pdf).expect(201);
    const inProcess = extractReport(await readReportText(pdf, 'report.pdf'), { fileName: 'report.pdf' });
    expect(response.body.authorityCode).toBe(WALTHAM_FOREST);
    expect(response.body.draft.recommendations.length).toBeGreaterThan(10);
    expect(response.body.draft.recommendations).toEqual(inProcess.recommendations);
  });

  it('refuses a report of more than 500 recommendations with a 422, storing nothing', async () => {
    const text = await readFile(join(SEEDS_DIR, 'reports', 'waltham-forest-2013-protection.txt'), 'utf8');
    const many = Array.from({ length: 600 }, (_, index) => `- ensure that case audit ${index + 1} of child protection plans is completed and its findings recorded`).join('\n');
    const hostile = text.replace('### Immediately:\n', `### Immediately:\n\n${many}\n`);
    const before = (await http.get('/api/reports').set(api.adminAuth).expect(200)).body.length;
    const response = await http.post('/api/reports').set(api.adminAuth).set('Content-Type', 'text/plain').send(hostile);
    expect(response.status).toBe(422);
    expect(response.body.code).toBe('TOO_MANY_RECOMMENDATIONS');
    expect(response.body.message).toMatch(/reads as 6\d\d recommendations, more than the 500 a report may hold/);
    expect((await http.get('/api/reports').set(api.adminAuth).expect(200)).body.length).toBe(before);
  });
});

describe('the budget of each file', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { MAX_PDF_PAGES: '20000', PDF_TIME_LIMIT_MS: '1500' } });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('stops reading after PDF_TIME_LIMIT_MS, while the API answers others', async () => {
    const http = request(api.app.getHttpServer());
    const pool = api.app.get(ExtractionPool);
    const refused = http.post('/api/reports?dryRun=true').set(api.adminAuth).attach('file', manyPages(8000), 'report.pdf').then((response) => response);
    await untilReading(pool);
    for (let call = 0; call < 5; call += 1) await http.get('/api/health/live').expect(200);
    expect(pool.pending).toBe(1);
    const response = await refused;
    expect(response.status, response.text).toBe(422);
    expect(response.body.code).toBe('TOO_SLOW');
    expect(response.body.message).toContain('took longer than 1.5 s (PDF_TIME_LIMIT_MS)');
  });
});
