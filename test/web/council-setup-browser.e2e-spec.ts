import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CouncilDataService, TrackingErrorCode, TrackingException } from '#tracking';
import { launchChromium, newBrowserContext, saveScreenshot, seriousAccessibilityProblems, signIn } from '../support/browser.js';
import { Outbox } from '../support/outbox.js';
import { ingestSeedReport, SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

const BRENT = 'E09000005';

/**
 * A new council set up from nothing through the pages, in a real headless Chromium: the deployment's
 * admin uploads its report, accepts suggested teams, invites a board member (who sets a password
 * from the emailed link), adds the escalation contacts and triages the unassigned actions in one
 * step. Every page visited is checked with axe-core; the team and people pages are kept as
 * screenshots for the README. Each test starts from a Brent of its own making (its data deleted,
 * then its report ingested and a team added where the step needs them), so they pass in any order.
 */
describe('setting up a council in a browser', () => {
  let api: TestApi;
  let baseUrl: string;
  let browser: Browser;
  let outbox: Outbox;
  let admin: Page;

  const check = async (page: Page, label: string) => {
    const problems = await seriousAccessibilityProblems(page, label);
    expect(problems, JSON.stringify(problems, null, 1)).toEqual([]);
  };
  /** Brent with nothing, or with its report (every action unassigned) and these teams. */
  const brentWith = async (state: { report: boolean; teams?: string[] }) => {
    // Brent is in the authority directory only once a report of it has come in.
    await api.app
      .get(CouncilDataService)
      .deleteCouncil(BRENT)
      .catch((error: unknown) => {
        if (!(error instanceof TrackingException && error.code === TrackingErrorCode.UNKNOWN_AUTHORITY)) throw error;
      });
    if (state.report) await ingestSeedReport(api, 'brent-2012-protection.txt');
    for (const name of state.teams ?? []) {
      const response = await fetch(`${baseUrl}/api/teams`, { method: 'POST', headers: { ...api.adminAuth, 'Content-Type': 'application/json' }, body: JSON.stringify({ authorityCode: BRENT, name }) });
      expect(response.status).toBe(201);
    }
  };
  const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const go = async (page: Page, path: string, label: string) => {
    await page.goto(`${baseUrl}${path}`);
    await check(page, label);
  };

  beforeAll(async () => {
    outbox = new Outbox();
    api = await startTestApi({ today: '2012-06-01', env: { OUTBOX_DIR: outbox.dir } });
    await api.app.listen(0, '127.0.0.1');
    baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
    admin = await (await newBrowserContext(browser)).newPage();
    await signIn(admin, baseUrl, 'admin@tracker.test', 'test-admin-password');
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    outbox?.remove();
  });

  it("uploads the council's first report: every action comes in unassigned", async () => {
    await brentWith({ report: false });
    await go(admin, '/reports/new', 'upload');
    await admin.setInputFiles('#file', join(SEEDS_DIR, 'reports', 'brent-2012-protection.txt'));
    await Promise.all([admin.waitForSelector('[data-recommendation]'), admin.click('button:has-text("Check the recommendations")')]);
    await Promise.all([admin.waitForURL(/saved=report/), admin.click('button:has-text("Confirm and create")')]);
    await go(admin, `/authorities/${BRENT}`, 'dashboard of a new council');
    expect(Number(await admin.getAttribute('[data-unassigned]', 'data-unassigned'))).toBeGreaterThan(0);
  });

  it('accepts two suggested teams and gives one its reminder address', async () => {
    await brentWith({ report: true });
    await go(admin, `/authorities/${BRENT}`, 'dashboard of a new council');
    await admin.click('.govuk-service-navigation a:has-text("Set up")');
    expect(await text(admin, 'h1')).toBe('Teams');
    await check(admin, 'teams, none yet, with suggestions');
    const suggestions = await admin.$$eval('[data-suggestion]', (rows) => rows.map((row) => row.getAttribute('data-suggestion')!));
    expect(suggestions.length).toBeGreaterThanOrEqual(2);
    for (const name of suggestions.slice(0, 2)) {
      await Promise.all([admin.waitForURL(/saved=added/), admin.click(`[data-suggestion="${name}"] button`)]);
      expect(await text(admin, '.govuk-notification-banner')).toContain('The team was added.');
    }
    await admin.locator('main a', { hasText: new RegExp(`^Change\\s+${suggestions[0]}`) }).click();
    await check(admin, 'change a team');
    await admin.fill('#emails', 'front.door@brent.example');
    await Promise.all([admin.waitForURL(/saved=changed/), admin.click('button:has-text("Save changes")')]);
    expect(await text(admin, `[data-team="${suggestions[0]}"]`)).toContain('front.door@brent.example');
    await saveScreenshot(admin, 'council-teams');

    await admin.locator('main a', { hasText: new RegExp(`^Remove\\s+${suggestions[1]}`) }).click();
    expect(await text(admin, 'h1')).toBe(`Are you sure you want to remove ${suggestions[1]}?`);
    await check(admin, 'remove a team');
    await admin.click('a:has-text("No, keep it")');

    // Work at 320 px: nothing wider than the screen.
    await admin.setViewportSize({ width: 320, height: 800 });
    // Evaluated as text: the tests are type-checked without the DOM's types.
    const widest = await admin.evaluate<string[]>(
      "[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1).map((e) => e.tagName + '.' + [...e.classList].join('.')).slice(0, 5)",
    );
    expect(await admin.evaluate<number>('document.documentElement.scrollWidth'), widest.join(', ')).toBeLessThanOrEqual(320);
    await admin.setViewportSize({ width: 1280, height: 900 });
  });

  it('invites a board member, who sets a password from the emailed link and lands on the dashboard', async () => {
    await brentWith({ report: true });
    outbox.takeNew();
    await go(admin, `/authorities/${BRENT}/teams`, 'teams, none yet, with suggestions');
    await admin.click('.app-sub-navigation a:has-text("People")');
    await check(admin, 'people, nobody yet');
    await admin.click('a:has-text("Invite someone")');
    await admin.click('button:has-text("Send invitation")');
    expect(await text(admin, '.govuk-error-summary')).toContain('Enter the person’s full name');
    await check(admin, 'invite with errors');
    await admin.fill('#displayName', 'Bola Board');
    await admin.fill('#email', 'bola.board@brent.example');
    await admin.check('input[name=role][value=board_member]');
    await Promise.all([admin.waitForURL(/saved=invited/), admin.click('button:has-text("Send invitation")')]);
    expect(await text(admin, '[data-person="bola.board@brent.example"]')).toContain('Invited');
    await check(admin, 'people, one invited');
    await saveScreenshot(admin, 'council-people');

    const [email] = outbox.takeNew();
    const invited = await (await newBrowserContext(browser)).newPage();
    // The link is to PUBLIC_URL; this server listens on a port of its own.
    const link = new URL(email.link!);
    await invited.goto(`${baseUrl}${link.pathname}${link.search}`);
    await check(invited, 'set your password');
    await invited.fill('#password', 'harbour-violet-kettle-9');
    await invited.fill('#confirmPassword', 'harbour-violet-kettle-9');
    await Promise.all([invited.waitForURL(new RegExp(`/authorities/${BRENT}$`)), invited.click('button:has-text("Set password and sign in")')]);
    expect(await text(invited, 'h1')).toBe('Brent');
    await go(invited, '/account', 'your account');
    expect(await text(invited, 'main')).toContain('Board member, Brent');

    await admin.click('[data-person="bola.board@brent.example"] a:has-text("Change")');
    await check(admin, 'a person');
    expect(await text(admin, '#account')).toContain('Active');
    await admin.click('a:has-text("Deactivate the account")');
    await check(admin, 'deactivate confirmation');
  });

  it('adds the board chair as a reminder contact', async () => {
    await brentWith({ report: true });
    await go(admin, `/authorities/${BRENT}/contacts`, 'reminder contacts, none yet');
    await admin.click('a[href$="/contacts/new?role=board_chair"]');
    await check(admin, 'add a contact');
    await admin.fill('#name', 'Pat Chair');
    await admin.fill('#email', 'pat.chair@brent.example');
    await Promise.all([admin.waitForURL(/saved=added/), admin.click('button:has-text("Add contact")')]);
    expect(await text(admin, '[data-contacts="board_chair"]')).toContain('pat.chair@brent.example');
    await check(admin, 'reminder contacts');
  });

  it('triages the unassigned actions in one step from the dashboard', async () => {
    await brentWith({ report: true, teams: ['Front door team'] });
    await go(admin, `/authorities/${BRENT}`, 'dashboard');
    const before = Number(await admin.getAttribute('[data-unassigned]', 'data-unassigned'));
    await admin.click('a:has-text("Assign the unassigned actions")');
    await check(admin, 'unassigned actions, ready to triage');
    const boxes = admin.locator('input[name=actionIds]');
    for (let index = 0; index < 3; index += 1) await boxes.nth(index).check();
    await admin.selectOption('#teamId', { index: 1 });
    await admin.fill('#leadOfficer', 'Sam Lee');
    await Promise.all([admin.waitForURL(/saved=assigned/), admin.click('button:has-text("Assign selected actions")')]);
    expect(await text(admin, '.govuk-notification-banner')).toContain('The selected actions were assigned.');
    expect(await text(admin, '#result-count')).toBe(`${before - 3} actions`);

    await admin.click('button:has-text("Assign selected actions")');
    expect(await text(admin, '.govuk-error-summary')).toContain('Select the actions to assign');
    await check(admin, 'triage with errors');
  });

  // Every test above checks each page it visits; this one visits the set-up pages of a council
  // that has a team, a person and a contact, which the tests above see only while building them.
  it('finds no serious or critical accessibility problem on any page visited', async () => {
    await brentWith({ report: true, teams: ['Front door team'] });
    await go(admin, `/authorities/${BRENT}/contacts/new?role=board_chair`, 'add a contact');
    await admin.fill('#name', 'Pat Chair');
    await admin.fill('#email', 'pat.chair@brent.example');
    await Promise.all([admin.waitForURL(/saved=added/), admin.click('button:has-text("Add contact")')]);
    await check(admin, 'reminder contacts, one added');
    await go(admin, `/authorities/${BRENT}`, 'dashboard, with a team');
    await go(admin, `/authorities/${BRENT}/teams`, 'teams, one added');
    await admin.click('.app-sub-navigation a:has-text("People")');
    await check(admin, 'people');
  });
});
