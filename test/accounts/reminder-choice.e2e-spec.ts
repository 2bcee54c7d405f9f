import type { Browser } from 'playwright-core';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReminderPreference } from '#reminders';
import { launchChromium, newBrowserContext, seriousAccessibilityProblems, signIn, type AccessibilityProblem } from '../support/browser.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { bannerText, errorSummary, makePagePerson, mainText, signedInAgent, type PagePerson } from '../web/support/page-agent.js';

const BRENT = 'E09000005';

const checked = (html: string, name: string) => [...html.matchAll(new RegExp(`<input[^>]*name="${name}"[^>]*>`, 'g'))].map((match) => match[0]).filter((input) => / checked/.test(input)).map((input) => /value="([^"]*)"/.exec(input)![1]);

/** /account#reminders and /api/account/preferences: each person's own choice of digest. */
describe('choosing how often reminders come', () => {
  let api: TestApi;
  /** A viewer of their own for each test: one test's saved choice is never another's starting point. */
  const aViewer = (name: string): Promise<PagePerson> => makePagePerson(api, name, [{ role: 'viewer', authorityCode: BRENT }]);

  const saved = (userId: number) => api.app.get(DataSource).getRepository(ReminderPreference).findOneBy({ userId });

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await request(api.app.getHttpServer()).post('/api/teams').set(api.adminAuth).send({ authorityCode: BRENT, name: 'Front door' }).expect(201);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('offers daily, weekly or none, daily until chosen, and says what cannot be turned off', async () => {
    const person = await aViewer('reminder-newcomer');
    const { agent } = await signedInAgent(api, person.email, person.password);
    const page = await agent.get('/account').expect(200);
    expect(checked(page.text, 'digest')).toEqual(['daily']);
    const text = mainText(page.text);
    expect(text).toContain('Reminder emails');
    expect(text).toContain('A daily digest');
    expect(text).toContain('A weekly digest');
    expect(text).toContain('No digest');
    expect(text).toContain('Overdue escalations to the chairs and challenges about your actions are always sent: you cannot turn them off.');
    // The weekday is a question of its own, after the choice it belongs to.
    expect(page.text).toContain('Which day for a weekly digest?');
    expect(page.text).toContain('name="weekday" type="radio" value="5"');
  });

  it('refuses a weekly digest without a day, or no choice at all, with an error summary and nothing saved', async () => {
    const person = await aViewer('reminder-undecided');
    const { agent, csrf } = await signedInAgent(api, person.email, person.password);
    const noDay = await agent.post('/account/reminders').type('form').send({ _csrf: csrf, digest: 'weekly' }).expect(400);
    expect(errorSummary(noDay.text)).toBe('Select the day of the week for your weekly digest, Monday to Friday');
    expect(noDay.text).toContain('href="#weekday"');
    expect(noDay.text).toMatch(/<title>Error: /);
    // The radios keep what was sent.
    expect(checked(noDay.text, 'digest')).toEqual(['weekly']);
    const nothing = await agent.post('/account/reminders').type('form').send({ _csrf: csrf }).expect(400);
    expect(errorSummary(nothing.text)).toBe('Select how often you want reminders: a daily digest, a weekly digest or none');
    const saturday = await agent.post('/account/reminders').type('form').send({ _csrf: csrf, digest: 'weekly', weekday: '6' }).expect(400);
    expect(errorSummary(saturday.text)).toContain('Monday to Friday');
    expect(await saved(person.id)).toBeNull();
  });

  it('saves a weekly digest on a chosen day, says so, and shows it chosen', async () => {
    const person = await aViewer('reminder-chooser');
    const other = await aViewer('reminder-bystander');
    const { agent, csrf } = await signedInAgent(api, person.email, person.password);
    const done = await agent.post('/account/reminders').type('form').send({ _csrf: csrf, digest: 'weekly', weekday: '5' }).expect(303);
    expect(done.headers.location).toBe('/account?saved=reminders#reminders');
    const page = await agent.get('/account?saved=reminders').expect(200);
    expect(bannerText(page.text)).toBe('Your reminder choice was saved.');
    expect(checked(page.text, 'digest')).toEqual(['weekly']);
    expect(checked(page.text, 'weekday')).toEqual(['5']);
    const row = await saved(person.id);
    expect(row).toMatchObject({ digest: 'weekly', weekday: 5 });
    // The row carries the secret of the one-click unsubscribe link from the start.
    expect(row!.unsubscribeToken).toMatch(/^[A-Za-z0-9_-]{43}$/);

    // A day left over from before is ignored with daily or none.
    await agent.post('/account/reminders').type('form').send({ _csrf: csrf, digest: 'none', weekday: '5' }).expect(303);
    expect(await saved(person.id)).toMatchObject({ digest: 'none', weekday: null, unsubscribeToken: row!.unsubscribeToken });
    // Nobody else's choice moved.
    expect(await saved(other.id)).toBeNull();
  });

  it('refuses the form without the session’s CSRF token', async () => {
    const other = await aViewer('reminder-no-token');
    const { agent } = await signedInAgent(api, other.email, other.password);
    await agent.post('/account/reminders').type('form').send({ digest: 'none' }).expect(403);
    expect(await saved(other.id)).toBeNull();
  });

  it('reads and changes the same choice through the API, for the caller only', async () => {
    const person = await aViewer('reminder-someone-else');
    const other = await aViewer('reminder-api-caller');
    const { agent, csrf } = await signedInAgent(api, other.email, other.password);
    expect((await agent.get('/api/account/preferences').expect(200)).body).toEqual({
      digest: 'daily',
      weekday: null,
      summary: 'A daily digest',
      alwaysSent: 'Overdue escalations to the chairs and challenges are always sent.',
    });
    const weekly = await agent.patch('/api/account/preferences').set('X-CSRF-Token', csrf).send({ digest: 'weekly', weekday: 2 }).expect(200);
    expect(weekly.body).toMatchObject({ digest: 'weekly', weekday: 2, summary: 'A weekly digest on Tuesdays' });
    expect(await saved(other.id)).toMatchObject({ digest: 'weekly', weekday: 2 });

    const noDay = await agent.patch('/api/account/preferences').set('X-CSRF-Token', csrf).send({ digest: 'weekly' }).expect(400);
    expect(JSON.stringify(noDay.body)).toContain('weekday');
    const unknown = await agent.patch('/api/account/preferences').set('X-CSRF-Token', csrf).send({ digest: 'hourly' }).expect(400);
    expect(JSON.stringify(unknown.body)).toContain('digest must be one of daily, weekly, none');
    // Nobody else's preference can be named: the body takes no user.
    await agent.patch('/api/account/preferences').set('X-CSRF-Token', csrf).send({ digest: 'none', userId: person.id }).expect(400);
    expect(await saved(other.id)).toMatchObject({ digest: 'weekly', weekday: 2 });
    await request(api.app.getHttpServer()).get('/api/account/preferences').expect(401);
    await request(api.app.getHttpServer()).patch('/api/account/preferences').send({ digest: 'none' }).expect(401);
  });

  it('documents the API', async () => {
    const document = (await request(api.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    expect(document.paths['/api/account/preferences'].get.summary).toMatch(/reminder preference/);
    expect(document.paths['/api/account/preferences'].patch.description).toMatch(/cannot be turned off/);
    expect(document.paths['/api/account/preferences'].patch.responses).toHaveProperty('400');
  });

  describe('in a browser', () => {
    let browser: Browser;
    let baseUrl: string;

    beforeAll(async () => {
      await api.app.listen(0, '127.0.0.1');
      baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
      browser = await launchChromium();
    });

    afterAll(async () => {
      await browser?.close();
    });

    it('asks the day for a weekly digest, passes axe-core at 320 px, and works without JavaScript', async () => {
      const chooser = await makePagePerson(api, 'reminder-browser', [{ role: 'viewer', authorityCode: BRENT }]);
      const problems: AccessibilityProblem[] = [];
      const context = await newBrowserContext(browser);
      const page = await context.newPage();
      await page.setViewportSize({ width: 320, height: 800 });
      await signIn(page, baseUrl, chooser.email, chooser.password);
      await page.goto(`${baseUrl}/account#reminders`);
      expect(await page.isVisible('#weekday')).toBe(true);
      problems.push(...(await seriousAccessibilityProblems(page, 'account, reminders')));
      await page.check('input[name="digest"][value="weekly"]');
      await Promise.all([page.waitForURL(/\/account/), page.click('button:has-text("Save reminder choice")')]);
      expect(await page.textContent('.govuk-error-summary')).toContain('Select the day of the week');
      problems.push(...(await seriousAccessibilityProblems(page, 'account, reminders refused')));
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
      await page.check('input[name="weekday"][value="3"]');
      await Promise.all([page.waitForURL(/saved=reminders/), page.click('button:has-text("Save reminder choice")')]);
      expect(await page.textContent('.govuk-notification-banner')).toContain('Your reminder choice was saved.');
      problems.push(...(await seriousAccessibilityProblems(page, 'account, reminders saved')));
      expect(await page.evaluate<number>('document.documentElement.scrollWidth')).toBeLessThanOrEqual(320);
      expect(await api.app.get(DataSource).getRepository(ReminderPreference).findOneBy({ userId: chooser.id })).toMatchObject({ digest: 'weekly', weekday: 3 });
      await context.close();

      // Without JavaScript the form works the same.
      const plain = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 320, height: 800 } });
      const noScript = await plain.newPage();
      await signIn(noScript, baseUrl, chooser.email, chooser.password);
      await noScript.goto(`${baseUrl}/account`);
      expect(await noScript.isVisible('#weekday')).toBe(true);
      await noScript.check('input[name="weekday"][value="1"]');
      await Promise.all([noScript.waitForURL(/saved=reminders/), noScript.click('button:has-text("Save reminder choice")')]);
      expect(await api.app.get(DataSource).getRepository(ReminderPreference).findOneBy({ userId: chooser.id })).toMatchObject({ digest: 'weekly', weekday: 1 });
      await plain.close();
      expect(problems).toEqual([]);
    });
  });
});
