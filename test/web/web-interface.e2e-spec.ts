import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { SeedService } from '#tracking';
import { launchChromium, newBrowserContext, saveScreenshot, seriousAccessibilityProblems, signIn } from '../support/browser.js';
import { patchActionAsAdmin, SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

const WALTHAM_FOREST = 'E09000031';
const DEMO_PASSWORD = 'demo-password-2015';
const BOARD_MEMBER = 'board.member@walthamforest.example';
const LSCB_CHAIR = 'lscb.chair@walthamforest.example';
/** Left out of the seed so the board can upload it through the page. */
const UPLOADED_REPORT = 'waltham-forest-2013-protection.txt';

interface ActionJson {
  id: number;
  status: string;
  rag: string;
  dueDate: string;
  version: number;
  team: { id: number; name: string } | null;
  recommendation: { reference: string; text: string } | null;
  journal: { kind: string; note: string | null; evidenceLinks: string[]; changes: { field: string; to: unknown }[] }[];
}

/**
 * The web interface in a real headless Chromium, against the real API on its own database:
 * a board member's day, the LSCB chair's review, an upload and the board pack download.
 * Every page visited is checked with axe-core; three are kept as screenshots for the README.
 */
interface Breakdown {
  total: number;
  overdue: number;
  dueSoon: number;
  inProgress: number;
  awaitingSignOff: number;
  signedOff: number;
  reprogrammed: number;
}

const breakdownCells = (row: Breakdown) => [row.total, row.overdue, row.dueSoon, row.inProgress, row.awaitingSignOff, row.signedOff, row.reprogrammed].map(String);

describe('web interface in a browser', () => {
  let api: TestApi;
  let baseUrl: string;
  let browser: Browser;
  let seedsDir: string;

  beforeAll(async () => {
    seedsDir = mkdtempSync(join(tmpdir(), 'improvement-tracker-seeds-'));
    cpSync(SEEDS_DIR, seedsDir, { recursive: true, filter: (source) => !source.endsWith(UPLOADED_REPORT) });
    // Each test signs in on a page of its own: many sign-ins within a minute.
    api = await startTestApi({ today: '2015-06-01', env: { SEEDS_DIR: seedsDir, AUTH_RATE_LIMIT: '1000' } });
    await api.app.get(SeedService).seed();
    await api.app.listen(0, '127.0.0.1');
    baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
    if (seedsDir) rmSync(seedsDir, { recursive: true, force: true });
  });

  /** axe-core on the page as it is now: no serious or critical problem. */
  async function check(page: Page, label: string): Promise<void> {
    expect(await seriousAccessibilityProblems(page, label)).toEqual([]);
  }

  /** The seeded actions of Waltham Forest in the order they were made: each test that changes one takes its own. */
  async function seededAction(index: number): Promise<ActionJson> {
    const listed = (await (await fetch(`${baseUrl}/api/actions?authority=${WALTHAM_FOREST}&sort=id&limit=20`, { headers: api.adminAuth })).json()) as { items: ActionJson[] };
    return listed.items[index];
  }


  const api$ = async <T>(page: Page, path: string): Promise<T> => {
    const response = await page.request.get(`${baseUrl}${path}`);
    expect(response.status(), path).toBe(200);
    return (await response.json()) as T;
  };
  const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();

  describe('a board member', () => {
    let context: BrowserContext;
    let page: Page;

    // Each test starts signed in, on a page of its own, at the page it is about.
    beforeEach(async () => {
      context = await newBrowserContext(browser);
      page = await context.newPage();
    });

    afterEach(async () => {
      await context?.close();
    });

    const signedIn = async (path = `/authorities/${WALTHAM_FOREST}`) => {
      await signIn(page, baseUrl, BOARD_MEMBER, DEMO_PASSWORD);
      await page.goto(`${baseUrl}${path}`);
    };

    it('is sent to sign in, told what is missing, then signed in to their council’s dashboard', async () => {
      await page.goto(`${baseUrl}/`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
      await check(page, 'sign in');
      await page.click('button:has-text("Sign in")');
      expect(await text(page, '.govuk-error-summary')).toContain('Enter your email address');
      await check(page, 'sign in with errors');
      await page.fill('#email', BOARD_MEMBER);
      await page.fill('#password', 'not-the-password');
      await page.click('button:has-text("Sign in")');
      expect(await text(page, '.govuk-error-summary')).toContain('Enter a correct email address and password');

      await signIn(page, baseUrl, BOARD_MEMBER, DEMO_PASSWORD);
      expect(new URL(page.url()).pathname).toBe(`/authorities/${WALTHAM_FOREST}`);
      expect(await text(page, 'h1')).toBe('Waltham Forest');
      await check(page, 'dashboard');
    });

    it('shows on the dashboard exactly the figures the API summary gives', async () => {
      await signedIn();
      const summary = await api$<{
        overdue: number;
        dueSoon: number;
        total: number;
        byStatus: Record<string, number>;
        awaitingSignOff: number;
        signedOff: number;
        reprogrammed: number;
        timeframes: Breakdown[];
        byTeam: ({ teamName: string } & Breakdown)[];
        reports: { id: number; signedOff: number; awaitingSignOff: number; total: number; percentComplete: number }[];
      }>(page, `/api/authorities/${WALTHAM_FOREST}/summary`);
      const figure = async (name: string) => Number(await text(page, `[data-figure=${name}] .app-figure__count`));
      expect(await figure('overdue')).toBe(summary.overdue);
      expect(await figure('dueSoon')).toBe(summary.dueSoon);
      expect(await figure('inProgress')).toBe(summary.byStatus.in_progress);
      expect(await figure('awaitingSignOff')).toBe(summary.awaitingSignOff);
      expect(await figure('signedOff')).toBe(summary.signedOff);
      expect(await figure('reprogrammed')).toBe(summary.reprogrammed);
      expect(summary.overdue).toBeGreaterThan(0);

      const cells = async (table: string) =>
        page.$$eval(`table[data-table=${table}] tbody tr`, (rows) => rows.map((row) => Array.from(row.querySelectorAll('td')).map((cell) => ((cell as { textContent: string | null }).textContent ?? '').trim())));
      expect(await cells('timeframes')).toEqual(summary.timeframes.map(breakdownCells));
      const teams = await page.$$eval('table[data-table=teams] tbody tr', (rows) => rows.map((row) => (row.querySelector('th, td')?.textContent ?? '').trim()));
      expect(teams).toEqual(summary.byTeam.map((team) => team.teamName));
      expect(await cells('teams')).toEqual(summary.byTeam.map(breakdownCells));
      for (const report of summary.reports) {
        expect(await text(page, `[data-progress="${report.id}"]`)).toContain(`${report.percentComplete}% signed off: ${report.signedOff} of ${report.total} actions, ${report.awaitingSignOff} awaiting sign-off`);
      }

      // The longest overdue, oldest first, and how many there are, as the API's overdue list has them.
      const overdue = await api$<{ items: { id: number }[]; total: number }>(page, `/api/actions/overdue?authority=${WALTHAM_FOREST}&limit=10`);
      expect(overdue.total).toBe(summary.overdue);
      const listed = await page.$$eval('table:has(caption:text-matches("longest overdue")) tbody tr a', (links) => links.map((link) => link.getAttribute('href')));
      expect(listed).toEqual(overdue.items.map((action) => `/actions/${action.id}`));
      expect(await page.getByRole('link', { name: `See all ${overdue.total} overdue actions` }).count()).toBe(1);
    });

    it('prints the dashboard as a board pack, without navigation, forms or buttons', async () => {
      await signedIn();
      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.govuk-service-navigation').isVisible()).toBe(false);
      expect(await page.locator('.app-figures').isVisible()).toBe(true);
      expect(await page.locator('table[data-table=timeframes]').isVisible()).toBe(true);
      await page.emulateMedia({ media: 'screen' });
    });

    it('filters the actions to the overdue ones, as the API counts them', async () => {
      await signedIn();
      await page.click('.govuk-service-navigation a:has-text("Actions")');
      await check(page, 'actions');
      await page.check('input[name=overdue][value=true]');
      await Promise.all([page.waitForURL(/overdue=true/), page.click('button:has-text("Apply filters")')]);
      const overdue = await api$<{ total: number }>(page, `/api/actions?authority=${WALTHAM_FOREST}&overdue=true&limit=1`);
      expect(await text(page, '#result-count')).toBe(`${overdue.total} actions`);
      const rags = await page.$$eval('table[data-table=actions] tbody tr td:last-child', (cells) => cells.map((cell) => (cell.textContent ?? '').trim()));
      expect(rags.length).toBeGreaterThan(0);
      expect(rags.every((rag) => rag === 'Red: overdue')).toBe(true);
      expect(await text(page, '.app-selected-filters')).toContain('Overdue');
      await check(page, 'actions filtered');

      const dueDates = async () => page.$$eval('table[data-table=actions] tbody tr td[data-due]', (cells) => cells.map((cell) => Date.parse(cell.getAttribute('data-due') ?? '')));
      const ascending = await dueDates();
      expect(ascending.length).toBeGreaterThan(1);
      expect(ascending.every((due) => Number.isFinite(due))).toBe(true);
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      await Promise.all([page.waitForURL(/sort=-dueDate/), page.click('th[aria-sort] a')]);
      const descending = await dueDates();
      expect(descending).toEqual([...descending].sort((a, b) => b - a));
      expect(await page.getAttribute('th[aria-sort]', 'aria-sort')).toBe('descending');
      expect(await text(page, '#result-count')).toBe(`${overdue.total} actions`);
    });

    it('opens an action and moves it to in progress with a note that shows in the journal', async () => {
      const actionId = (await seededAction(0)).id;
      await signedIn(`/actions/${actionId}`);
      const before = await api$<ActionJson>(page, `/api/actions/${actionId}`);
      expect(await text(page, '[data-recommendation]')).toContain(before.recommendation!.text);
      await check(page, 'action');

      await page.check('input[name=status][value=in_progress]');
      await page.fill('#statusNote', 'Audit of the front door started this week');
      await Promise.all([page.waitForURL(/saved=status/), page.click('button:has-text("Change status")')]);
      expect(await text(page, '.govuk-notification-banner')).toContain('The status was changed.');
      expect(await text(page, '[data-summary=action]')).toContain('In progress');
      const latest = page.locator('[data-journal] li').first();
      expect(await latest.textContent()).toContain('Status: Not started → In progress');
      expect(await latest.textContent()).toContain('Audit of the front door started this week');

      await page.fill('#progressNote', 'Audit findings went to the improvement board');
      await page.fill('#evidenceLinks', 'https://intranet.example/board/minutes-2015-05.pdf');
      await Promise.all([page.waitForURL(/saved=progress/), page.click('button:has-text("Add progress note")')]);
      expect(await page.locator('[data-journal] li').first().textContent()).toContain('Audit findings went to the improvement board');
      expect(await page.locator('[data-journal] li a[href="https://intranet.example/board/minutes-2015-05.pdf"]').count()).toBe(1);

      const after = await api$<ActionJson>(page, `/api/actions/${actionId}`);
      expect(after.status).toBe('in_progress');
      expect(after.journal.at(-1)).toMatchObject({ kind: 'progress', note: 'Audit findings went to the improvement board' });
      await check(page, 'action after changes');
      await saveScreenshot(page, 'action');
    });

    it('says what is missing from a form, and keeps what was typed', async () => {
      await signedIn(`/actions/${(await seededAction(1)).id}`);
      await page.fill('#dueDateDay', '31');
      await page.fill('#dueDateMonth', '2');
      await page.fill('#dueDateYear', '2016');
      await page.click('button:has-text("Re-programme")');
      const summary = await text(page, '.govuk-error-summary');
      expect(summary).toContain('Enter the new due date as a real date');
      expect(summary).toContain('Enter why the due date is changing');
      expect(await page.inputValue('#dueDateDay')).toBe('31');
      await check(page, 'action with errors');
    });

    it('refuses a stale edit with an error summary, and never overwrites the newer change', async () => {
      const actionId = (await seededAction(2)).id;
      await signedIn(`/actions/${actionId}`);
      const other = await context.newPage();
      await other.goto(`${baseUrl}/actions/${actionId}`);
      // Someone else reassigns the action first...
      const teams = await other.$$eval('#teamId option', (options) => options.map((option) => ({ value: (option as unknown as { value: string }).value, text: (option.textContent ?? '').trim() })));
      const current = await api$<ActionJson>(page, `/api/actions/${actionId}`);
      const newTeam = teams.find((team) => team.value !== '' && Number(team.value) !== current.team?.id)!;
      await other.selectOption('#teamId', newTeam.value);
      await other.fill('#leadOfficer', 'Head of Safeguarding');
      await Promise.all([other.waitForURL(/saved=owner/), other.click('button:has-text("Save owner")')]);
      await other.close();

      // ...then this page, loaded before that, re-programmes the due date.
      await page.fill('#dueDateDay', '30');
      await page.fill('#dueDateMonth', '9');
      await page.fill('#dueDateYear', '2015');
      await page.fill('#dueDateReason', 'Waiting for the new case management system');
      await page.click('button:has-text("Re-programme")');
      expect(await text(page, '.govuk-error-summary')).toContain('Someone else changed this action after you opened this page');
      expect(await page.inputValue('#dueDateReason')).toBe('Waiting for the new case management system');
      expect(await text(page, '[data-summary=action]')).toContain(newTeam.text);
      const after = await api$<ActionJson>(page, `/api/actions/${actionId}`);
      expect(after.dueDate).toBe(current.dueDate);
      expect(after.team?.id).toBe(Number(newTeam.value));
      await check(page, 'action with a stale form');

      // The page now carries the current version, so the same change goes through.
      await Promise.all([page.waitForURL(/saved=due-date/), page.click('button:has-text("Re-programme")')]);
      expect((await api$<ActionJson>(page, `/api/actions/${actionId}`)).dueDate).toBe('2015-09-30');
    });

    it('uploads a report, shows its recommendations for checking, and creates the actions on confirmation', async () => {
      await signedIn();
      await page.click('.govuk-service-navigation a:has-text("Upload a report")');
      await check(page, 'upload');
      await page.click('button:has-text("Check the recommendations")');
      expect(await text(page, '.govuk-error-summary')).toContain('Select the inspection report');
      await check(page, 'upload with errors');

      await page.setInputFiles('#file', join(SEEDS_DIR, 'reports', UPLOADED_REPORT));
      await Promise.all([page.waitForSelector('[data-recommendation]'), page.click('button:has-text("Check the recommendations")')]);
      expect(await text(page, 'h1')).toBe('Check the recommendations');
      expect(await text(page, '[data-summary=report]')).toContain('Waltham Forest');
      expect(await page.locator('[data-recommendation]').count()).toBe(15);
      const before = await api$<{ total: number }>(page, `/api/actions?authority=${WALTHAM_FOREST}&limit=1`);
      await check(page, 'upload preview');
      await saveScreenshot(page, 'upload-preview');

      await Promise.all([page.waitForURL(/saved=report/), page.click('button:has-text("Confirm and create 15 actions")')]);
      expect(await text(page, '#result-count')).toBe('15 actions');
      const after = await api$<{ total: number }>(page, `/api/actions?authority=${WALTHAM_FOREST}&limit=1`);
      expect(after.total).toBe(before.total + 15);

      // The same file again is recognised before anything is confirmed.
      await page.goto(`${baseUrl}/reports/new`);
      await page.setInputFiles('#file', join(SEEDS_DIR, 'reports', UPLOADED_REPORT));
      await Promise.all([page.waitForSelector('[data-recommendation]'), page.click('button:has-text("Check the recommendations")')]);
      expect(await text(page, '.govuk-warning-text')).toContain('already been uploaded');
      expect(await page.locator('button:has-text("Confirm")').count()).toBe(0);
    });

    it('downloads the action plan as a workbook with one row per action, as the API lists them', async () => {
      // An action of its own, in progress with an owner, a lead officer, a new date and a note.
      const actionId = (await seededAction(3)).id;
      const teams = (await (await fetch(`${baseUrl}/api/teams?authority=${WALTHAM_FOREST}`, { headers: api.adminAuth })).json()) as { id: number }[];
      await patchActionAsAdmin(api, actionId, { status: 'in_progress', teamId: teams[0].id, leadOfficer: 'Head of Safeguarding' });
      await patchActionAsAdmin(api, actionId, { dueDate: '2015-09-30', dueDateReason: 'Waiting for the new case management system' });
      const noted = await fetch(`${baseUrl}/api/actions/${actionId}/updates`, {
        method: 'POST',
        headers: { ...api.adminAuth, 'Content-Type': 'application/json' },
        body: JSON.stringify({ note: 'Audit findings went to the improvement board' }),
      });
      expect(noted.status).toBe(201);
      await signedIn();
      await saveScreenshot(page, 'dashboard');
      const [download] = await Promise.all([page.waitForEvent('download'), page.click('a:has-text("Excel spreadsheet")')]);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load((await readFile(await download.path())) as unknown as ArrayBuffer);
      const sheet = workbook.getWorksheet('Action plan')!;
      const header = (sheet.getRow(1).values as unknown[]).slice(1);
      expect(header).toEqual(expect.arrayContaining(['Reference', 'Recommendation', 'Owner', 'Status', 'RAG', 'Latest progress note']));
      const column = (name: string) => header.indexOf(name) + 1;

      const listed = await api$<{ total: number; items: { id: number }[] }>(page, `/api/actions?authority=${WALTHAM_FOREST}&limit=100`);
      expect(sheet.actualRowCount - 1).toBe(listed.total);
      const changed = await api$<ActionJson>(page, `/api/actions/${actionId}`);
      const rows = Array.from({ length: sheet.actualRowCount - 1 }, (_, index) => sheet.getRow(index + 2));
      const row = rows.find(
        (candidate) => candidate.getCell(column('Recommendation')).value === changed.recommendation!.text && candidate.getCell(column('Status')).value === 'In progress',
      )!;
      expect(row).toBeDefined();
      expect(row.getCell(column('Reference')).value).toBe(changed.recommendation!.reference);
      expect(row.getCell(column('Owner')).value).toBe(changed.team!.name);
      expect(row.getCell(column('Lead officer')).value).toBe('Head of Safeguarding');
      expect(row.getCell(column('Latest progress note')).value).toBe('Audit findings went to the improvement board');
      expect((row.getCell(column('Current due date')).value as Date).toISOString().slice(0, 10)).toBe('2015-09-30');
      const inProgress = await api$<{ total: number }>(page, `/api/actions?authority=${WALTHAM_FOREST}&status=in_progress&limit=1`);
      expect(rows.filter((candidate) => candidate.getCell(column('Status')).value === 'In progress')).toHaveLength(inProgress.total);
    });

    it('answers an unknown address, and a page the role may not use, with a page that says so', async () => {
      await signedIn();
      const response = await page.goto(`${baseUrl}/actions/999999`);
      expect(response?.status()).toBe(404);
      expect(await text(page, 'h1')).toBe('Page not found');
      await check(page, 'not found');
      const forbidden = await page.goto(`${baseUrl}/review?authority=${WALTHAM_FOREST}`);
      expect(forbidden?.status()).toBe(403);
      expect(await text(page, 'h1')).toBe('You cannot do that');
      await check(page, 'forbidden');
    });

    it('signs out, after which the pages ask to sign in again', async () => {
      await signedIn();
      await Promise.all([page.waitForURL(/\/sign-in/), page.click('button:has-text("Sign out")')]);
      await page.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}`);
      expect(new URL(page.url()).pathname).toBe('/sign-in');
    });
  });

  describe('the LSCB chair', () => {
    it('reviews the overdue actions addressed to the LSCB, challenging one with a note', async () => {
      const context = await newBrowserContext(browser);
      const page = await context.newPage();
      await signIn(page, baseUrl, LSCB_CHAIR, DEMO_PASSWORD);
      await page.click('.govuk-service-navigation a:has-text("Chair review")');
      expect(await text(page, 'h1')).toBe('LSCB chair review');
      await check(page, 'chair review');

      const lscb = await api$<{ items: { id: number }[]; total: number }>(page, `/api/actions/overdue?authority=${WALTHAM_FOREST}&addressee=lscb,partnership&limit=100`);
      const listed = await page.$$eval('[data-review-action]', (items) => items.map((item) => Number(item.getAttribute('data-review-action'))));
      expect(listed.slice(0, lscb.total)).toEqual(lscb.items.map((item) => item.id));
      const first = lscb.items[0].id;
      const item = page.locator(`[data-review-action="${first}"]`);

      await item.locator('summary').click();
      await item.locator('button:has-text("Record review")').click();
      expect(await text(page, '.govuk-error-summary')).toContain('Select whether you have reviewed or are challenging this action');
      await check(page, 'chair review with errors');

      await page.locator(`[data-review-action="${first}"] input[value=challenged]`).check();
      await page.fill(`#reviewNote-${first}`, 'Why has the board not started this? Report back in July.');
      await Promise.all([page.waitForURL(/reviewed=/), page.locator(`[data-review-action="${first}"] button:has-text("Record review")`).click()]);
      expect(await text(page, '.govuk-notification-banner')).toContain('Your review was recorded.');
      expect(await text(page, `[data-review-action="${first}"] [data-latest-review]`)).toContain('Challenged by Lesley Chair');
      const action = await api$<ActionJson>(page, `/api/actions/${first}`);
      expect(action.journal.at(-1)).toMatchObject({ kind: 'review', note: 'Why has the board not started this? Report back in July.' });
      await saveScreenshot(page, 'chair-review');
      await context.close();
    });
  });

  it('lets an administrator of the whole deployment choose a council', async () => {
    const context = await newBrowserContext(browser);
    const page = await context.newPage();
    await signIn(page, baseUrl, 'admin@tracker.test', 'test-admin-password');
    expect(await text(page, 'h1')).toBe('Choose a council');
    const councils = await page.$$eval('main li a', (links) => links.map((link) => (link.textContent ?? '').trim()));
    expect(councils).toEqual(expect.arrayContaining(['Brent', 'Norfolk', 'Rochdale', 'Waltham Forest']));
    await check(page, 'choose a council');
    await Promise.all([page.waitForURL(/\/authorities\/E09000005$/), page.click('main a:has-text("Brent")')]);
    expect(await text(page, 'h1')).toBe('Brent');
    await context.close();
  });

  it('has an accessibility checker that finds problems where there are some', async () => {
    const context = await newBrowserContext(browser);
    const page = await context.newPage();
    await page.setContent('<!DOCTYPE html><html><head><title>Broken</title></head><body><main><img src="chart.png"><input type="text"></main></body></html>');
    const found = await seriousAccessibilityProblems(page, 'a broken page');
    expect(found.map((problem) => problem.rule)).toEqual(expect.arrayContaining(['image-alt', 'label']));
    await context.close();
  });
});
