import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedService } from '#tracking';
import { launchChromium, saveScreenshot, seriousAccessibilityProblems, signIn } from '../support/browser.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

const WALTHAM_FOREST = 'E09000031';
const DEMO_PASSWORD = 'demo-password-2015';
const BOARD_MEMBER = 'board.member@walthamforest.example';
const TEAM_MEMBER = 'team.member@walthamforest.example';
const LSCB_CHAIR = 'lscb.chair@walthamforest.example';
const NARROW = { width: 320, height: 800 };

interface MeetingJson {
  id: number;
  title: string;
  meetingDate: string;
  updateReminderWorkingDays: number;
}

/**
 * A council's board meetings through the pages, at 320 px in a real Chromium: the board adds
 * meetings (the form's errors first, then a second meeting on a day already taken), changes one,
 * and deletes one after the confirmation; a team member writes their action's update for the
 * meeting being prepared for; the LSCB chair sees the meetings but no controls. Every page state,
 * and the since-the-last-meeting page, is checked with axe-core and for sideways scrolling.
 * Each test first records, through the API, the meetings (and update) it starts from, so the
 * tests pass in any order.
 */
describe('board meetings pages in a browser, at 320 px', () => {
  let api: TestApi;
  let baseUrl: string;
  let browser: Browser;
  let teamAction: number;
  const meetingsPath = `/authorities/${WALTHAM_FOREST}/meetings`;

  const apiGet = async <T>(path: string): Promise<T> => (await fetch(`${baseUrl}${path}`, { headers: api.adminAuth })).json() as Promise<T>;
  const apiSend = async (method: string, path: string, body?: unknown): Promise<Response> => {
    const response = await fetch(`${baseUrl}${path}`, { method, headers: { ...api.adminAuth, 'Content-Type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    expect(response.ok, `${method} ${path}: ${response.status}`).toBe(true);
    return response;
  };

  /** The council's meetings become exactly these (deleting a meeting deletes its updates). */
  async function meetingsAre(meetings: { title: string; meetingDate: string; updateReminderWorkingDays: number }[]): Promise<MeetingJson[]> {
    for (const meeting of await apiGet<MeetingJson[]>(`/api${meetingsPath}`)) await apiSend('DELETE', `/api/meetings/${meeting.id}`);
    const created: MeetingJson[] = [];
    for (const meeting of meetings) created.push((await (await apiSend('POST', `/api${meetingsPath}`, meeting)).json()) as MeetingJson);
    return created;
  }
  const JUNE_IMPROVEMENT_BOARD = { title: 'June improvement board', meetingDate: '2015-06-18', updateReminderWorkingDays: 3 };
  const SCREENING_UPDATE = 'Screening audit done: 36 of 40 referrals screened within 24 hours.';

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await api.app.get(SeedService).seed();
    await api.app.listen(0, '127.0.0.1');
    baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
    const teams = await apiGet<{ id: number; name: string }[]>(`/api/teams?authority=${WALTHAM_FOREST}`);
    const teamId = teams.find((team) => team.name === 'Referral and advice team')!.id;
    teamAction = (await apiGet<{ items: { id: number }[] }>(`/api/actions?authority=${WALTHAM_FOREST}&team=${teamId}&sort=id&limit=1`)).items[0].id;
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function as(email: string): Promise<Page> {
    const context = await browser.newContext({ bypassCSP: true, viewport: NARROW });
    const page = await context.newPage();
    await signIn(page, baseUrl, email, DEMO_PASSWORD);
    return page;
  }

  /** axe-core's serious and critical problems, and the page never wider than the screen. */
  async function check(page: Page, label: string): Promise<void> {
    expect(await seriousAccessibilityProblems(page, label)).toEqual([]);
    const width = await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement.scrollWidth);
    expect(width, `${label}: scrolls sideways`).toBeLessThanOrEqual(NARROW.width);
  }

  const text = async (page: Page, selector: string) => ((await page.locator(selector).first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  const click = async (page: Page, selector: string) => {
    await Promise.all([page.waitForLoadState('load'), page.locator(selector).first().click()]);
    await page.waitForLoadState('load');
  };

  it('the board adds meetings: the form says what to fix, and a day already taken is refused', async () => {
    await meetingsAre([]);
    const board = await as(BOARD_MEMBER);
    await board.goto(`${baseUrl}${meetingsPath}`);
    expect(await text(board, 'h1')).toBe('Board meetings');
    expect(await text(board, '[data-meetings]')).toBe('No board meeting is recorded yet.');
    await check(board, 'meetings, none yet');

    await click(board, 'a:has-text("Add a meeting")');
    expect(await text(board, 'h1')).toBe('Add a board meeting');
    expect(await board.inputValue('#reminderDays')).toBe('5');
    await check(board, 'add a meeting');

    await board.fill('#reminderDays', '40');
    await click(board, 'button:has-text("Add meeting")');
    expect(await board.title()).toMatch(/^Error: /);
    const problems = await board.locator('.govuk-error-summary__list a').evaluateAll((links) => links.map((link) => [link.getAttribute('href'), link.textContent?.trim()]));
    expect(problems).toEqual([
      ['#title', 'Enter the meeting’s title, for example March board'],
      ['#meetingDay', 'Enter the meeting date as a real date, for example 18 3 2015'],
      ['#reminderDays', 'Enter how many working days before the meeting to remind teams, a whole number from 1 to 30'],
    ]);
    expect(await board.inputValue('#reminderDays')).toBe('40');
    await check(board, 'add a meeting, with errors');

    for (const [title, day, month, days] of [
      ['June board', '17', '6', '3'],
      ['May board', '6', '5', '5'],
    ]) {
      await board.goto(`${baseUrl}${meetingsPath}/new`);
      await board.fill('#title', title);
      await board.fill('#meetingDay', day);
      await board.fill('#meetingMonth', month);
      await board.fill('#meetingYear', '2015');
      await board.fill('#reminderDays', days);
      await click(board, 'button:has-text("Add meeting")');
      expect(new URL(board.url()).search).toBe('?saved=added');
      expect(await text(board, '.govuk-notification-banner')).toContain('The meeting was added.');
    }
    // Latest first; the one being prepared for is named.
    expect(await board.locator('[data-meetings] .govuk-summary-list__key').allTextContents()).toEqual(['June board', 'May board'].map((title) => expect.stringContaining(title)));
    expect(await text(board, '[data-meetings] .govuk-summary-list__row')).toContain('17 June 2015 Teams reminded 3 working days before');
    expect(await text(board, '[data-current-meeting]')).toBe('Updates written now are for the June board on 17 June 2015.');
    await check(board, 'meetings, two added');
    await saveScreenshot(board, 'board-meetings');

    await board.goto(`${baseUrl}${meetingsPath}/new`);
    await board.fill('#title', 'Second June board');
    await board.fill('#meetingDay', '17');
    await board.fill('#meetingMonth', '6');
    await board.fill('#meetingYear', '2015');
    await click(board, 'button:has-text("Add meeting")');
    expect(await text(board, '.govuk-error-summary')).toContain('already has a board meeting on 2015-06-17 (June board): choose another date');
    expect(await text(board, '#meetingDate-error')).toContain('choose another date');
    await check(board, 'add a meeting, day taken');
    expect((await apiGet<MeetingJson[]>(`/api${meetingsPath}`)).map((meeting) => meeting.title)).toEqual(['May board', 'June board']);
    await board.context().close();
  });

  it('the board changes a meeting, and deletes one only after confirming', async () => {
    await meetingsAre([
      { title: 'June board', meetingDate: '2015-06-17', updateReminderWorkingDays: 3 },
      { title: 'May board', meetingDate: '2015-05-06', updateReminderWorkingDays: 5 },
    ]);
    const board = await as(BOARD_MEMBER);
    await board.goto(`${baseUrl}${meetingsPath}`);
    await click(board, 'a:has-text("Change June board")');
    expect(await text(board, 'h1')).toBe('Change the June board');
    expect([await board.inputValue('#meetingDay'), await board.inputValue('#meetingMonth'), await board.inputValue('#meetingYear'), await board.inputValue('#reminderDays')]).toEqual(['17', '6', '2015', '3']);
    await check(board, 'change a meeting');
    await board.fill('#title', 'June improvement board');
    await board.fill('#meetingDay', '18');
    await click(board, 'button:has-text("Save changes")');
    expect(await text(board, '.govuk-notification-banner')).toContain('The meeting was changed.');

    await click(board, 'a:has-text("Delete May board")');
    expect(await text(board, 'h1')).toBe('Are you sure you want to delete the May board on 6 May 2015?');
    await check(board, 'delete a meeting, confirmation');
    await click(board, 'a:has-text("No, go back")');
    expect(await board.locator('[data-meetings] .govuk-summary-list__row').count()).toBe(2);

    await click(board, 'a:has-text("Delete May board")');
    await click(board, 'button:has-text("Yes, delete the meeting")');
    expect(await text(board, '.govuk-notification-banner')).toContain('The meeting was deleted');
    await check(board, 'meetings, one deleted');
    const meetings = await apiGet<MeetingJson[]>(`/api${meetingsPath}`);
    expect(meetings).toEqual([expect.objectContaining({ title: 'June improvement board', meetingDate: '2015-06-18', updateReminderWorkingDays: 3 })]);
    await board.context().close();
  });

  it("a team member writes their action's update for the June board, and it shows on the action", async () => {
    await meetingsAre([JUNE_IMPROVEMENT_BOARD]);
    const team = await as(TEAM_MEMBER);
    await team.goto(`${baseUrl}/actions/${teamAction}`);
    expect(await text(team, '#cycle-update-heading')).toBe('Update for the June improvement board');
    await check(team, 'action page, update not written');

    await click(team, '#cycle-update button:has-text("Save the update")');
    expect(await text(team, '.govuk-error-summary')).toContain('Enter this cycle’s update for the board');
    await check(team, 'action page, empty update refused');

    await team.fill('#cycleUpdate', 'Screening audit done: 36 of 40 referrals screened within 24 hours.');
    await click(team, '#cycle-update button:has-text("Save the update")');
    expect(await text(team, '.govuk-notification-banner')).toContain('Your update for the board meeting was saved.');
    expect(await text(team, '[data-cycle-update-text]')).toContain('Screening audit done: 36 of 40 referrals screened within 24 hours.');
    expect(await team.inputValue('#cycleUpdate')).toBe('Screening audit done: 36 of 40 referrals screened within 24 hours.');
    await check(team, 'action page, update written');
    const [june] = await apiGet<MeetingJson[]>(`/api${meetingsPath}`);
    const updates = await apiGet<{ meetingId: number; note: string; author: string }[]>(`/api/actions/${teamAction}/meeting-updates`);
    expect(updates).toEqual([expect.objectContaining({ meetingId: june.id, note: 'Screening audit done: 36 of 40 referrals screened within 24 hours.' })]);

    // A team member sees the meetings but may not change them.
    await team.goto(`${baseUrl}${meetingsPath}`);
    expect(await team.locator('a:has-text("Add a meeting")').count()).toBe(0);
    const refused = await team.goto(`${baseUrl}${meetingsPath}/new`);
    expect(refused?.status()).toBe(403);
    await team.context().close();
  });

  it('the LSCB chair reads the meetings, the update and what changed since the last meeting', async () => {
    const [june] = await meetingsAre([JUNE_IMPROVEMENT_BOARD]);
    await apiSend('PUT', `/api/actions/${teamAction}/meeting-updates/${june.id}`, { note: SCREENING_UPDATE });
    const chair = await as(LSCB_CHAIR);
    await chair.goto(`${baseUrl}${meetingsPath}`);
    expect(await chair.locator('[data-meetings] .govuk-summary-list__actions').count()).toBe(0);
    await check(chair, 'meetings, read only');

    await chair.goto(`${baseUrl}/actions/${teamAction}`);
    expect(await chair.locator('#cycleUpdate').count()).toBe(0);
    expect(await text(chair, '[data-cycle-update-text]')).toContain('Screening audit done');
    await check(chair, 'action page, update read only');

    await chair.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}/since-last-meeting`);
    expect(await text(chair, '[data-window]')).toContain('For the June improvement board on 18 June 2015');
    await check(chair, 'since the last meeting');
    await click(chair, 'main a:has-text("Board meetings")');
    expect(await text(chair, 'h1')).toBe('Board meetings');
    await chair.context().close();
  });

  // Every test above checks each page state it visits; this one visits the board's own view of the
  // meetings and of an action with an update written, which the tests above see only as other roles.
  it('has no serious or critical accessibility problem on any page state', async () => {
    const [june] = await meetingsAre([JUNE_IMPROVEMENT_BOARD, { title: 'May board', meetingDate: '2015-05-06', updateReminderWorkingDays: 5 }]);
    await apiSend('PUT', `/api/actions/${teamAction}/meeting-updates/${june.id}`, { note: SCREENING_UPDATE });
    const board = await as(BOARD_MEMBER);
    for (const [path, label] of [
      [meetingsPath, 'meetings, as the board'],
      [`${meetingsPath}/new`, 'add a meeting, as the board'],
      [`/actions/${teamAction}`, 'action page with an update, as the board'],
      [`/authorities/${WALTHAM_FOREST}/since-last-meeting`, 'since the last meeting, as the board'],
    ]) {
      await board.goto(`${baseUrl}${path}`);
      await check(board, label);
    }
    await board.context().close();
  });
});
