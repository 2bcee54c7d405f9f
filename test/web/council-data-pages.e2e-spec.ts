import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCouncilArchive } from '#tracking';
import { launchChromium, newBrowserContext, seriousAccessibilityProblems, signIn } from '../support/browser.js';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';
import { bannerText, mainText, makePagePerson, signedInAgent, type Agent, type PagePerson } from './support/page-agent.js';

const BRENT = 'E09000005';
const WALTHAM_FOREST = 'E09000031';

/** A council's data page, its export and its deletion after a confirmation, for the deployment's admins only. */
describe('council data pages', () => {
  let api: TestApi;
  let admin: PagePerson;
  let councilAdmin: PagePerson;
  let agent: Agent;
  let csrf: string;
  const base = `/authorities/${BRENT}/data`;
  const http = () => request(api.app.getHttpServer());
  const actionsOf = async (code: string) => (await http().get(`/api/actions?authority=${code}&limit=1`).set(api.adminAuth).expect(200)).body.total as number;
  /** Brent's report in place: ingested again if the deletion test has run. */
  const brentPresent = async () => {
    if ((await actionsOf(BRENT)) === 0) await ingestSeedReport(api, 'brent-2012-protection.txt');
  };

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await ingestSeedReport(api, 'brent-2012-protection.txt');
    await ingestSeedReport(api, 'waltham-forest-2014-sif.txt');
    admin = await makePagePerson(api, 'deployment-admin', [{ role: 'admin', authorityCode: null }]);
    councilAdmin = await makePagePerson(api, 'waltham-admin', [{ role: 'council_admin', authorityCode: WALTHAM_FOREST }]);
    ({ agent, csrf } = await signedInAgent(api, admin.email, admin.password));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('lists what the council holds, with a download and a link to delete it', async () => {
    await brentPresent();
    const page = await agent.get(base).expect(200);
    const text = mainText(page.text);
    expect(text).toMatch(new RegExp(`Actions ${await actionsOf(BRENT)}\\b`));
    expect(text).toContain('Download all of it');
    expect(page.text).toContain(`href="${base}/delete"`);
  });

  it('downloads the export as a zip with its manifest', async () => {
    await brentPresent();
    const download = await agent.get(`${base}/export`).buffer(true).parse((response, done) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(download.headers['content-type']).toBe('application/zip');
    expect(download.headers['content-disposition']).toMatch(new RegExp(`attachment; filename="council-${BRENT}-\\d{4}-\\d\\d-\\d\\d\\.zip"`));
    const { manifest, rows } = await readCouncilArchive(download.body as Buffer);
    expect(manifest.authority.code).toBe(BRENT);
    expect(rows.get('actions')!.length).toBe(await actionsOf(BRENT));
  });

  it('names what will go before deleting, and deletes only on the confirming post with its CSRF token', async () => {
    await brentPresent();
    const confirm = await agent.get(`${base}/delete`).expect(200);
    const text = mainText(confirm.text);
    expect(text).toContain('Are you sure you want to delete all the data of Brent?');
    expect(text).toContain(`${await actionsOf(BRENT)} actions`);
    expect(text).toContain('1 reports');
    await agent.post(`${base}/delete`).type('form').send({}).expect(403);
    expect(await actionsOf(BRENT)).toBeGreaterThan(0);

    const deleted = await agent.post(`${base}/delete`).type('form').send({ _csrf: csrf }).expect(303);
    expect(deleted.headers.location).toBe(`${base}?saved=deleted`);
    const after = await agent.get(deleted.headers.location).expect(200);
    expect(bannerText(after.text)).toContain('The data of Brent was deleted.');
    expect(after.text).not.toContain(`href="${base}/delete"`);
    expect(await actionsOf(BRENT)).toBe(0);
    expect(await actionsOf(WALTHAM_FOREST)).toBeGreaterThan(0);
  });

  it("refuses everyone but the deployment's admins, and an unknown council is not found", async () => {
    const { agent: councilAgent, csrf: councilCsrf } = await signedInAgent(api, councilAdmin.email, councilAdmin.password);
    const own = `/authorities/${WALTHAM_FOREST}/data`;
    for (const path of [own, `${own}/export`, `${own}/delete`, base]) await councilAgent.get(path).expect(403);
    await councilAgent.post(`/authorities/${WALTHAM_FOREST}/data/delete`).type('form').send({ _csrf: councilCsrf }).expect(403);
    expect(await actionsOf(WALTHAM_FOREST)).toBeGreaterThan(0);
    await agent.get('/authorities/E99999999/data').expect(404);
  });

  it('passes axe-core at 320 px, the data page and the confirmation alike', async () => {
    await api.app.listen(0, '127.0.0.1');
    const baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    const browser = await launchChromium();
    try {
      const context = await newBrowserContext(browser);
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 800 });
      await signIn(page, baseUrl, admin.email, admin.password);
      const problems = [];
      for (const path of [`/authorities/${WALTHAM_FOREST}/data`, `/authorities/${WALTHAM_FOREST}/data/delete`]) {
        await page.goto(`${baseUrl}${path}`);
        expect(await page.locator('h1').first().textContent()).toBeTruthy();
        problems.push(...(await seriousAccessibilityProblems(page, path)));
        // Nothing wider than the screen: the page reflows at 320 px.
        expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
      }
      expect(problems).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
