import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedService } from '#tracking';
import { SMALL_BODY_BYTES } from '../../apps/api/src/http/body-limits.js';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';
import { signedInAgent, WALTHAM_FOREST } from './support.js';

const MAX_UPLOAD_BYTES = 1024 * 1024;
/** A little over what a route without uploads reads. */
const tooMuch = 'x'.repeat(SMALL_BODY_BYTES + 1024);

/**
 * Routes that take no upload read a few KB of JSON, form or text, and refuse more with 413 before
 * asking who is calling; only the report routes read a whole report (MAX_UPLOAD_BYTES).
 */
describe('body size limits', () => {
  let api: TestApi;
  let http: ReturnType<typeof request>;
  let actionId: number;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000', MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) } });
    await api.app.get(SeedService).seed();
    http = request(api.app.getHttpServer());
    const list = await http.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=100`).set(api.adminAuth).expect(200);
    actionId = list.body.items.find((item: { team: { name: string } | null }) => item.team?.name === 'Referral and advice team').id;
  });

  afterAll(async () => {
    await api?.close();
  });

  it('refuses a large JSON body with 413 before authentication, saying what to do', async () => {
    const signIn = await http.post('/api/auth/login').send({ email: 'someone@tracker.test', password: tooMuch });
    expect(signIn.status).toBe(413);
    expect(signIn.body.message).toBe(`The request body is larger than the ${SMALL_BODY_BYTES / 1024} KB this address accepts: send less text`);
    // Anonymous: refused for its size, not for the missing credentials, so the body was never read.
    const anonymous = await http.post(`/api/actions/${actionId}/updates`).send({ note: tooMuch });
    expect(anonymous.status).toBe(413);
    expect((await http.post(`/api/actions/${actionId}/updates`).send({ note: 'Short' })).status).toBe(401);
  });

  it('refuses a large form or text body the same way, on pages and the API', async () => {
    const page = await http.post('/sign-in').type('form').send({ email: 'someone@tracker.test', password: tooMuch });
    expect(page.status).toBe(413);
    expect(page.text).toContain(`larger than the ${SMALL_BODY_BYTES / 1024} KB this address accepts`);
    expect((await http.post(`/actions/${actionId}/progress`).type('form').send({ progressNote: tooMuch })).status).toBe(413);
    expect((await http.patch('/api/teams/1').set('Content-Type', 'text/plain').send(tooMuch)).status).toBe(413);
  });

  it('takes the longest note anyone may write, with its evidence links, in the API and the page form', async () => {
    const note = 'Audit of strategy discussions completed and reported to the board. '.repeat(150).slice(0, 10_000);
    const evidenceLinks = Array.from({ length: 20 }, (_, index) => `https://intranet.walthamforest.example/children/audits/2015/strategy-discussions/${index + 1}.pdf`);
    await http.post(`/api/actions/${actionId}/updates`).set(api.adminAuth).send({ note, evidenceLinks }).expect(201);
    const { agent, csrf } = await signedInAgent(api, 'team.member@walthamforest.example');
    const form = await agent.post(`/actions/${actionId}/progress`).type('form').send({ _csrf: csrf, progressNote: note, evidenceLinks: evidenceLinks.join('\n') });
    expect(form.status).toBe(303);
  });

  it('takes a whole report, as text or JSON with a corrected list, on the report route, up to MAX_UPLOAD_BYTES', async () => {
    const text = await readFile(join(SEEDS_DIR, 'reports', 'waltham-forest-2014-sif.txt'), 'utf8');
    expect(Buffer.byteLength(text)).toBeGreaterThan(SMALL_BODY_BYTES);
    const plain = await http.post('/api/reports?dryRun=true').set(api.adminAuth).set('Content-Type', 'text/plain').send(`${text}\nA copy.`).expect(201);
    const recommendations = (plain.body.draft.recommendations as { ordinal: number; text: string; timeframe: string; addressee: string }[]).map((item) => ({
      from: item.ordinal,
      text: item.text,
      timeframe: item.timeframe,
      addressee: item.addressee,
    }));
    const json = await http.post('/api/reports?dryRun=true').set(api.adminAuth).send({ text: `${text}\nA copy.`, recommendations }).expect(201);
    expect(json.body.draft.recommendations).toHaveLength(recommendations.length);
    const over = await http.post('/api/reports?dryRun=true').set(api.adminAuth).set('Content-Type', 'text/plain').send('x'.repeat(MAX_UPLOAD_BYTES + 1));
    expect(over.status).toBe(413);
    expect(over.body.message).toBe('The request body is larger than 1 MB: send a smaller report or upload it as a file');
  });
});
