import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedService } from '#tracking';
import { launchChromium, saveScreenshot, seriousAccessibilityProblems, signIn, type AccessibilityProblem } from '../support/browser.js';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

const WALTHAM_FOREST = 'E09000031';
const BOARD_MEMBER = 'board.member@walthamforest.example';
const DEMO_PASSWORD = 'demo-password-2015';
/** The narrowest screen the pages are made for. */
const NARROW = { width: 320, height: 640 };

/**
 * A board member corrects an upload's recommendations in a real headless Chromium on a 320 px
 * wide screen before confirming it: every page is checked with axe-core and for sideways
 * scrolling, and the confirmed report is compared with what was typed.
 */
describe('correcting an upload in a browser', () => {
  let api: TestApi;
  let baseUrl: string;
  let browser: Browser;
  let page: Page;
  const accessibility: AccessibilityProblem[] = [];
  const overflowing: string[] = [];

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await api.app.get(SeedService).seed();
    await api.app.listen(0, '127.0.0.1');
    baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
    const context = await browser.newContext({ bypassCSP: true, viewport: NARROW });
    page = await context.newPage();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function check(label: string): Promise<void> {
    accessibility.push(...(await seriousAccessibilityProblems(page, label)));
    const width = await page.evaluate<number>('document.documentElement.scrollWidth');
    if (width > NARROW.width) overflowing.push(`${label}: ${width}px wide`);
  }

  const text = async (selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const card = (position: number) => page.locator(`#recommendation-${position}`);
  const follow = async (click: () => Promise<void>) => Promise.all([page.waitForNavigation(), click()]);

  it('changes, splits, removes and adds recommendations and moves the baseline, then confirms the list as corrected', async () => {
    await signIn(page, baseUrl, BOARD_MEMBER, DEMO_PASSWORD);
    await page.goto(`${baseUrl}/reports/new?authority=${WALTHAM_FOREST}`);
    const report = await readFile(join(SEEDS_DIR, 'reports', 'waltham-forest-2014-sif.txt'), 'utf8');
    await page.setInputFiles('#file', { name: 'waltham-forest-annexed.txt', mimeType: 'text/plain', buffer: Buffer.from(`${report}\n\nAnnex for the board\n`) });
    await follow(() => page.click('button:has-text("Check the recommendations")'));
    expect(await text('h1')).toBe('Check the recommendations');
    expect(await page.locator('[data-recommendation]').count()).toBe(27);
    const first = await text('#recommendation-1 [data-text]');
    const third = await text('#recommendation-3 [data-text]');
    await check('upload preview');

    // Change the first recommendation; a blank text is refused with an error summary first.
    await follow(() => card(1).locator('a:has-text("Change")').click());
    expect(await page.inputValue('#text')).toBe(first);
    await check('change a recommendation');
    await page.fill('#text', '');
    await follow(() => page.click('button:has-text("Save the recommendation")'));
    expect(await text('.govuk-error-summary')).toContain('Enter the recommendation as the report words it');
    await check('change a recommendation with errors');
    await page.click('.govuk-error-summary a');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('text');
    await page.fill('#text', 'Ensure that every child missing from care is offered a return interview.');
    await page.check('#timeframe-2');
    await page.fill('#theme', 'Children missing from care');
    await follow(() => page.click('button:has-text("Save the recommendation")'));
    expect(await text('.govuk-notification-banner')).toContain('The recommendation was changed.');
    expect(await text('#recommendation-1 [data-text]')).toBe('Ensure that every child missing from care is offered a return interview.');

    // Split the second in two.
    await follow(() => card(2).locator('a:has-text("Split")').click());
    await check('split a recommendation');
    await page.fill('#first', 'Improve the quality of assessments.');
    await page.fill('#second', 'Improve the quality of plans.');
    await follow(() => page.click('button:has-text("Split the recommendation")'));
    expect(await page.locator('[data-recommendation]').count()).toBe(28);
    expect(await text('#recommendation-3 [data-text]')).toBe('Improve the quality of plans.');

    // Remove the third of the report (now fourth), after confirming.
    await follow(() => card(4).locator('a:has-text("Remove")').click());
    expect(await text('h1')).toMatch(/^Are you sure you want to remove recommendation /);
    await check('remove a recommendation');
    await follow(() => page.click('button:has-text("Remove the recommendation")'));
    expect(await page.locator('[data-recommendation]').count()).toBe(27);
    expect(await page.locator('[data-text]').allTextContents()).not.toContain(third);

    // Add one that was missed: the add-another pattern, back to the list each time.
    await follow(() => page.click('a[data-add-recommendation]'));
    await check('add a recommendation');
    await page.fill('#text', 'Review how the out-of-hours service records its decisions.');
    await follow(() => page.click('button:has-text("Add the recommendation")'));
    expect(await text('.govuk-error-summary')).toContain('Select when the recommendation must be done');
    await page.check('#timeframe-3');
    await page.check('#addressee');
    await follow(() => page.click('button:has-text("Add the recommendation")'));
    expect(await text('.govuk-notification-banner')).toContain('added at the end of the list');
    expect(await text('#recommendation-28 [data-text]')).toBe('Review how the out-of-hours service records its decisions.');

    // Count the due dates from another date.
    await follow(() => page.click('[data-summary=report] a:has-text("Change")'));
    await check('baseline date');
    await page.fill('#baselineDay', '1');
    await page.fill('#baselineMonth', '3');
    await page.fill('#baselineYear', '2015');
    await follow(() => page.click('button:has-text("Save the date")'));
    expect(await text('[data-summary=report]')).toContain('1 March 2015');
    expect(await page.locator('[data-changes] li').count()).toBeGreaterThanOrEqual(5);
    await check('upload preview after corrections');
    await saveScreenshot(page, 'upload-corrections');

    await Promise.all([page.waitForURL(/saved=report/), page.click('button:has-text("Confirm and create 28 actions")')]);
    const reportId = Number(new URL(page.url()).searchParams.get('report'));
    const extraction = (await (await page.request.get(`${baseUrl}/api/reports/${reportId}/extraction`)).json()) as { extracted: { recommendations: { text: string }[] }; journal: string[] };
    expect(extraction.extracted.recommendations[0].text).toBe(first);
    expect(extraction.journal).toEqual(
      expect.arrayContaining([
        'Due dates counted from 2015-03-01 instead of 2015-01-20',
        expect.stringMatching(/^Recommendation \S+ split into \S+a and \S+b$/),
        expect.stringMatching(/^Recommendation H1 added by hand: "Review how the out-of-hours service/),
        expect.stringContaining(`removed: "${third}"`),
      ]),
    );
    const recommendations = (await (await page.request.get(`${baseUrl}/api/reports/${reportId}/recommendations`)).json()) as { text: string; timeframe: string; theme: string }[];
    expect(recommendations).toHaveLength(28);
    expect(recommendations[0]).toMatchObject({ text: 'Ensure that every child missing from care is offered a return interview.', timeframe: 'three_months', theme: 'Children missing from care' });
  });

  it('finds no serious or critical accessibility problem, and no page wider than the screen', () => {
    expect(accessibility).toEqual([]);
    expect(overflowing).toEqual([]);
  });
});
