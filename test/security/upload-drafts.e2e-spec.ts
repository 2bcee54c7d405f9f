import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { PendingUpload } from '#database';
import { SeedService } from '#tracking';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';
import { errorSummaryOf, hiddenField, signedInAgent, WALTHAM_FOREST } from './support.js';

const REPORT = 'waltham-forest-2014-sif.txt';

/**
 * An uploaded report waits on the server, under a one-off id, for its uploader to check the
 * preview and confirm: the preview form carries only that id, whatever the report's size.
 */
describe('pending uploads', () => {
  let api: TestApi;
  let report: string;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await api.app.get(SeedService).seed();
    report = await readFile(join(SEEDS_DIR, 'reports', REPORT), 'utf8');
  });

  afterAll(async () => {
    await api?.close();
  });

  /** A variant of the seed report with its own text (a report already ingested cannot be confirmed again). */
  const variant = (label: string, padding = 0) =>
    `${report}\n\nAnnex ${label}\n\n${'This annex repeats the background to the inspection for the board. '.repeat(Math.ceil(padding / 68)).slice(0, padding)}\n`;

  async function preview(email: string, text: string, fileName = 'report.txt') {
    const { agent, csrf } = await signedInAgent(api, email);
    const response = await agent.post('/reports/new').field('_csrf', csrf).attach('file', Buffer.from(text, 'utf8'), fileName);
    return { agent, csrf, response, upload: hiddenField(response.text, 'upload') };
  }

  it('confirms a 16 MB report: the preview carries a one-off id, not the text', async () => {
    const big = variant('sixteen', 16 * 1024 * 1024);
    const { agent, csrf, response, upload } = await preview('board.member@walthamforest.example', big, 'big-report.txt');
    expect(response.status, errorSummaryOf(response.text)).toBe(200);
    expect(upload).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(response.text.length).toBeLessThan(200_000);
    const confirmed = await agent.post('/reports/confirm').type('form').send({ _csrf: csrf, upload }).expect(303);
    expect(confirmed.headers.location).toMatch(new RegExp(`^/actions\\?authority=${WALTHAM_FOREST}&report=\\d+&saved=report$`));
    // Once confirmed, the upload is gone: it cannot be confirmed twice.
    const again = await agent.post('/reports/confirm').type('form').send({ _csrf: csrf, upload }).expect(404);
    expect(errorSummaryOf(again.text)).toContain('expired or was already confirmed');
    expect(await api.app.get(DataSource).getRepository(PendingUpload).countBy({ id: upload })).toBe(0);
  });

  it('lets only the uploader confirm, and only before it expires', async () => {
    const { upload } = await preview('board.member@walthamforest.example', variant('someone else'));
    const admin = await signedInAgent(api, 'admin@tracker.test', 'test-admin-password');
    const stolen = await admin.agent.post('/reports/confirm').type('form').send({ _csrf: admin.csrf, upload }).expect(404);
    expect(errorSummaryOf(stolen.text)).toContain('expired or was already confirmed');

    const late = await preview('board.member@walthamforest.example', variant('late'));
    // Past the upload's hour, within the session's eight.
    api.clock.advance(61 * 60_000);
    try {
      await late.agent.post('/reports/confirm').type('form').send({ _csrf: late.csrf, upload: late.upload }).expect(404);
    } finally {
      api.clock.set('2015-06-01');
    }
    const before = await request(api.app.getHttpServer()).get(`/api/reports?authority=${WALTHAM_FOREST}`).set(api.adminAuth).expect(200);
    expect(before.body.some((row: { sourceFileName: string }) => row.sourceFileName === 'report.txt')).toBe(false);
  });

  it('refuses a confirmation that names no upload', async () => {
    const { agent, csrf } = await signedInAgent(api, 'board.member@walthamforest.example');
    // As a page served before drafts were kept would send it (a whole report is now over the size this form reads: 413).
    const response = await agent.post('/reports/confirm').type('form').send({ _csrf: csrf, text: Buffer.from('Inspection of children’s services').toString('base64') }).expect(400);
    expect(errorSummaryOf(response.text)).toContain('Upload the report again');
  });
});
