import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedService } from '#tracking';
import { launchChromium, newBrowserContext, seriousAccessibilityProblems, signIn } from '../support/browser.js';
import { patchActionAsAdmin, startTestApi, type TestApi } from '../support/test-api.js';

const WALTHAM_FOREST = 'E09000031';
const DEMO_PASSWORD = 'demo-password-2015';
const BOARD_MEMBER = 'board.member@walthamforest.example';
const TEAM_MEMBER = 'team.member@walthamforest.example';
const LSCB_CHAIR = 'lscb.chair@walthamforest.example';
const BRENT_BOARD = 'board.member@brent.example';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

interface ActionJson {
  id: number;
  status: string;
  dueDate: string;
  version: number;
  team: { id: number; name: string } | null;
  recommendation: { id: number } | null;
}

/**
 * The board's controls through the pages, in a real Chromium: a team proposes completion (refused
 * without evidence), the board returns it and then signs it off; the LSCB chair challenges, the team
 * responds, the chair closes; date requests approved and rejected; milestones; evidence files.
 * Every page state is checked with axe-core. Each test works on actions of its own, brought through
 * the API to the state it starts from, and reads the dashboard's counts before it changes them, so
 * the tests pass in any order.
 */
describe('governance pages in a browser', () => {
  let api: TestApi;
  let baseUrl: string;
  let browser: Browser;
  // Actions of the team member's team, not started, one for each test: the seed gives the team two,
  // the board hands it the others.
  let proposing: number;
  let signing: number;
  let challenged: number;
  let reprogrammed: number;
  let adding: number;
  let refusing: number;

  beforeAll(async () => {
    // Many sign-ins, as several people, within a minute.
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await api.app.get(SeedService).seed();
    await api.app.listen(0, '127.0.0.1');
    baseUrl = (await api.app.getUrl()).replace('[::1]', '127.0.0.1');
    browser = await launchChromium();
    const http = (path: string): Promise<any> => fetch(`${baseUrl}${path}`, { headers: api.adminAuth }).then((response) => response.json());
    const teams = (await http(`/api/teams?authority=${WALTHAM_FOREST}`)) as { id: number; name: string }[];
    const teamId = teams.find((team) => team.name === 'Referral and advice team')!.id;
    const owned = ((await http(`/api/actions?authority=${WALTHAM_FOREST}&team=${teamId}&sort=id&limit=10`)).items as ActionJson[]).map((item) => item.id);
    // Not started and due before the dates the date requests ask for, so a new date is later.
    const others = ((await http(`/api/actions?authority=${WALTHAM_FOREST}&sort=id&limit=100`)).items as ActionJson[])
      .filter((item) => item.team?.id !== teamId && item.status === 'not_started' && item.dueDate < '2015-09-30')
      .slice(0, 6 - owned.length);
    for (const another of others) await patchActionAsAdmin(api, another.id, { teamId });
    [proposing, signing, challenged, reprogrammed, adding, refusing] = [...owned, ...others.map((item) => item.id)];
    expect(refusing).toBeDefined();
  });

  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  async function as(email: string): Promise<Page> {
    const context = await newBrowserContext(browser);
    const page = await context.newPage();
    await signIn(page, baseUrl, email, DEMO_PASSWORD);
    return page;
  }

  /** axe-core on the page as it is now: no serious or critical problem. */
  async function check(page: Page, label: string): Promise<void> {
    const problems = await seriousAccessibilityProblems(page, label);
    expect(problems, JSON.stringify(problems, null, 1)).toEqual([]);
  }


  /** Started, then completion proposed with a closing note and an evidence link: awaiting sign-off. */
  async function proposeCompletion(id: number): Promise<void> {
    await patchActionAsAdmin(api, id, { status: 'in_progress' });
    await patchActionAsAdmin(api, id, { status: 'completed', note: 'Every referral is now screened within 24 hours', evidenceLinks: ['https://intranet.walthamforest.example/audits/may'] });
  }

  /** A count on the council's dashboard, which the page must be showing. */
  const figure = async (page: Page, name: string) => Number(await page.locator(`[data-figure=${name}] .app-figure__count`).textContent());

  /** The page at 320 px: axe-core again, and nothing wider than the screen (a wide table scrolls on its own). */
  async function checkNarrow(page: Page, label: string): Promise<void> {
    const wide = page.viewportSize()!;
    await page.setViewportSize({ width: 320, height: 800 });
    await check(page, `${label} at 320 px`);
    // Evaluated as text: the test's TypeScript has no DOM types.
    const overflowing = await page.evaluate<string[]>(`document.documentElement.scrollWidth <= 320 ? [] :
      [...document.querySelectorAll('main *')]
        .filter((element) => element.getBoundingClientRect().right > 320 && ![...element.children].some((child) => child.getBoundingClientRect().right > 320))
        .slice(0, 5)
        .map((element) => element.tagName.toLowerCase() + (element.id ? '#' + element.id : '') + '.' + [...element.classList].join('.'))`);
    expect(overflowing, `${label}: wider than 320 px`).toEqual([]);
    await page.setViewportSize(wide);
  }

  const errorSummary = async (page: Page) => ((await page.locator('.govuk-error-summary').textContent()) ?? '').replace(/\s+/g, ' ');
  const submit = async (page: Page, form: string, button: string) => {
    await Promise.all([page.waitForLoadState('load'), page.locator(form).locator(`button:has-text("${button}")`).first().click()]);
    await page.waitForLoadState('load');
  };

  it('a team proposes completion: refused without evidence, awaiting sign-off with an uploaded file', async () => {
    const team = await as(TEAM_MEMBER);

    await team.goto(`${baseUrl}/actions/${proposing}`);
    await check(team, 'action page, team member');
    await team.check('input[name="status"][value="in_progress"]');
    await submit(team, '#status-section form', 'Change status');
    expect(await team.locator('.govuk-notification-banner').textContent()).toContain('The status was changed');

    await team.check('input[name="status"][value="awaiting_sign_off"]');
    await team.fill('#statusNote', 'Every referral is now screened within 24 hours');
    await submit(team, '#status-section form', 'Change status');
    expect(await errorSummary(team)).toContain('At least one piece of evidence');
    await check(team, 'action page, completion refused');

    await team.setInputFiles('#evidenceFile', { name: 'Screening audit.pdf', mimeType: 'application/pdf', buffer: PDF });
    await submit(team, '#evidence form', 'Upload');
    expect(await team.locator('[data-evidence-files]').textContent()).toContain('Screening audit.pdf');
    const file = (await team.locator('[data-evidence-files] a').first().getAttribute('href'))!;
    const download = await team.request.get(`${baseUrl}${file}`);
    expect(download.status()).toBe(200);
    expect(download.headers()['content-disposition']).toMatch(/^attachment/);

    await team.check('input[name="status"][value="awaiting_sign_off"]');
    await team.fill('#statusNote', 'Every referral is now screened within 24 hours');
    await submit(team, '#status-section form', 'Change status');
    expect(await team.locator('h1 + p').textContent()).toContain('Awaiting sign-off');
    await check(team, 'action page, awaiting sign-off');
    await team.context().close();

    const other = await as(BRENT_BOARD);
    const refused = await other.request.get(`${baseUrl}${file}`);
    expect(refused.status()).toBe(404);
    await other.context().close();
  });

  it('the board returns a proposed completion with a reason, then signs it off; the dashboard counts each step', async () => {
    const target = signing;
    const board = await as(BOARD_MEMBER);
    await board.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}`);
    const awaitingBefore = await figure(board, 'awaitingSignOff');
    const signedOffBefore = await figure(board, 'signedOff');
    await proposeCompletion(target);
    await board.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}`);
    expect(await figure(board, 'awaitingSignOff')).toBe(awaitingBefore + 1);
    await check(board, 'dashboard with an action awaiting sign-off');

    await board.goto(`${baseUrl}/actions/${target}`);
    await board.check('input[name="status"][value="in_progress"]');
    await submit(board, '#status-section form', 'Change status');
    expect(await errorSummary(board)).toContain('A reason is needed');
    await board.check('input[name="status"][value="in_progress"]');
    await board.fill('#statusNote', 'Show the audit of a second month');
    await submit(board, '#status-section form', 'Change status');
    expect(await board.locator('h1 + p').textContent()).toContain('In progress');
    await board.context().close();

    const team = await as(TEAM_MEMBER);
    await team.goto(`${baseUrl}/actions/${target}`);
    await team.check('input[name="status"][value="awaiting_sign_off"]');
    await team.fill('#statusNote', 'Two months audited');
    await team.fill('#statusEvidenceLinks', 'https://intranet.walthamforest.example/audits/june');
    await submit(team, '#status-section form', 'Change status');
    await team.context().close();

    const again = await as(BOARD_MEMBER);
    await again.goto(`${baseUrl}/actions/${target}`);
    await again.check('input[name="status"][value="signed_off"]');
    await submit(again, '#status-section form', 'Change status');
    expect(await again.locator('h1 + p').textContent()).toContain('Signed off');
    // One tag for one idea: a signed-off action shows no second "complete" tag beside it.
    expect(await again.locator('h1 + p .govuk-tag').count()).toBe(1);
    await check(again, 'action page, signed off');
    await again.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}`);
    expect(await figure(again, 'signedOff')).toBe(signedOffBefore + 1);
    expect(await figure(again, 'awaitingSignOff')).toBe(awaitingBefore);
    await again.context().close();
  });

  it('the chair challenges, the team responds, the chair closes', async () => {
    const target = challenged;
    // The council's open challenges before this one, on the board's dashboard and the chair's review.
    const board = await as(BOARD_MEMBER);
    await board.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}`);
    const figureBefore = await figure(board, 'openChallenges');
    const chair = await as(LSCB_CHAIR);
    await chair.goto(`${baseUrl}/review?authority=${WALTHAM_FOREST}`);
    const rows = (page: Page) => page.locator('[data-table=open-challenges] [data-open-challenge]');
    const rowOf = (page: Page) => rows(page).filter({ has: page.locator(`a[href^="/actions/${target}#"]`) });
    const openBefore = await rows(chair).count();

    await chair.goto(`${baseUrl}/actions/${target}`);
    await submit(chair, 'form#challenge', 'Challenge');
    expect(await errorSummary(chair)).toContain('Enter what you are challenging');
    await check(chair, 'action page, empty challenge refused');
    await chair.fill('#challengeQuestion', 'How do you know the new screening is consistent?');
    await submit(chair, 'form#challenge', 'Challenge');
    expect(await chair.locator('[data-challenge=open]').count()).toBe(1);
    await check(chair, 'action page, open challenge');

    // The chair's review lists it among the open challenges, with the action and no answer yet.
    await chair.goto(`${baseUrl}/review?authority=${WALTHAM_FOREST}`);
    expect(await rows(chair).count()).toBe(openBefore + 1);
    const row = rowOf(chair);
    expect(await row.count()).toBe(1);
    expect(await row.textContent()).toContain('How do you know the new screening is consistent?');
    expect(await row.textContent()).toContain('Not answered yet');
    await check(chair, 'chair review with an open challenge');
    await checkNarrow(chair, 'chair review with an open challenge');
    await chair.context().close();

    await board.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}`);
    expect(await figure(board, 'openChallenges')).toBe(figureBefore + 1);
    // The count opens the council's open challenges, which the board may read as well as the chair.
    await Promise.all([board.waitForURL(/\/challenges$/), board.locator('[data-figure=openChallenges] a').click()]);
    expect(await rowOf(board).textContent()).toContain('How do you know the new screening is consistent?');
    await check(board, 'open challenges');
    await checkNarrow(board, 'open challenges');
    await board.context().close();

    const responder = await as(TEAM_MEMBER);
    await responder.goto(`${baseUrl}/actions/${target}`);
    const card = responder.locator('[data-challenge=open]');
    await card.locator('input[value="respond"]').check();
    await card.locator('textarea').fill('Dip sampling of 20 cases each month by the service manager');
    await submit(responder, '[data-challenge=open] form', 'Save');
    expect(await responder.locator('[data-challenge=responded]').count()).toBe(1);
    await check(responder, 'action page, answered challenge');
    await responder.context().close();

    const closing = await as(LSCB_CHAIR);
    await closing.goto(`${baseUrl}/actions/${target}`);
    await closing.goto(`${baseUrl}/review?authority=${WALTHAM_FOREST}`);
    expect(await rowOf(closing).textContent()).toContain('Dip sampling of 20 cases');
    await closing.goto(`${baseUrl}/actions/${target}`);
    await closing.locator('[data-challenge=responded] input[value="close"]').check();
    await submit(closing, '[data-challenge=responded] form', 'Save');
    expect(await closing.locator('[data-challenge=closed]').count()).toBe(1);
    await closing.goto(`${baseUrl}/review?authority=${WALTHAM_FOREST}`);
    expect(await closing.locator('#open-challenges').textContent()).toContain(`Open challenges (${openBefore})`);
    expect(await rowOf(closing).count()).toBe(0);
    // With none open before this one, the review says so in words.
    if (openBefore === 0) expect(await closing.locator('main').textContent()).toContain('No challenge is open.');
    await check(closing, 'chair review, challenge closed');
    await closing.context().close();
  });

  it('a team date request approved and another rejected; the re-programmed action marked and counted', async () => {
    const target = reprogrammed;
    // The council's waiting requests and re-programmed actions before this one's, on the board's dashboard.
    const board = await as(BOARD_MEMBER);
    await board.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}`);
    const pendingBefore = await figure(board, 'pendingDateRequests');
    const reprogrammedBefore = await figure(board, 'reprogrammed');

    const team = await as(TEAM_MEMBER);
    await team.goto(`${baseUrl}/actions/${target}`);
    await team.fill('#requestDay', '1');
    await team.fill('#requestMonth', '5');
    await team.fill('#requestYear', '2015');
    await team.fill('#requestReason', 'Staff changes');
    await submit(team, 'form#date-request', 'Ask for a new date');
    expect(await errorSummary(team)).toContain('in the past');
    await check(team, 'action page, past date refused');
    await team.fill('#requestDay', '30');
    await team.fill('#requestMonth', '9');
    await team.fill('#requestYear', '2015');
    await team.fill('#requestReason', 'New system goes live in September');
    await submit(team, 'form#date-request', 'Ask for a new date');
    expect(await team.locator('[data-table=date-requests]').textContent()).toContain('Waiting for the board');
    await team.context().close();

    // The board finds it from the dashboard's count, on the list of requests waiting.
    await board.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}`);
    expect(await figure(board, 'pendingDateRequests')).toBe(pendingBefore + 1);
    await Promise.all([board.waitForURL(/\/date-requests$/), board.locator('[data-figure=pendingDateRequests] a').click()]);
    const requests = (page: Page) => page.locator('[data-table=pending-date-requests] [data-date-request]');
    const waiting = requests(board).filter({ has: board.locator(`a[href="/actions/${target}#date-requests"]`) });
    expect(await requests(board).count()).toBe(pendingBefore + 1);
    expect(await waiting.count()).toBe(1);
    expect(await waiting.textContent()).toContain('New system goes live in September');
    expect(await waiting.textContent()).toContain('30 September 2015');
    await check(board, 'date change requests waiting');
    await checkNarrow(board, 'date change requests waiting');
    await Promise.all([board.waitForURL(new RegExp(`/actions/${target}#date-requests$`)), waiting.locator('a', { hasText: 'Approve or reject' }).click()]);
    await board.locator('[data-table=date-requests] input[value="approve"]').first().check();
    await submit(board, '[data-table=date-requests] form', 'Decide');
    expect(await board.locator('[data-reprogrammed]').textContent()).toMatch(/Re-programmed: \d+ days later/);
    await check(board, 'action page, re-programmed');
    await board.context().close();

    const second = await as(TEAM_MEMBER);
    await second.goto(`${baseUrl}/actions/${target}`);
    await second.fill('#requestDay', '31');
    await second.fill('#requestMonth', '3');
    await second.fill('#requestYear', '2016');
    await second.fill('#requestReason', 'Recruitment');
    await submit(second, 'form#date-request', 'Ask for a new date');
    await second.context().close();

    const deciding = await as(BOARD_MEMBER);
    await deciding.goto(`${baseUrl}/actions/${target}`);
    await deciding.locator('[data-table=date-requests] input[value="reject"]').first().check();
    await submit(deciding, '[data-table=date-requests] form', 'Decide');
    expect(await errorSummary(deciding)).toContain('Say why the request is rejected');
    await deciding.locator('[data-table=date-requests] input[value="reject"]').first().check();
    await deciding.locator('[data-table=date-requests] textarea').first().fill('Use agency staff');
    await submit(deciding, '[data-table=date-requests] form', 'Decide');
    expect(await deciding.locator('[data-table=date-requests]').textContent()).toContain('Rejected');
    await deciding.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}/date-requests`);
    expect(await requests(deciding).count()).toBe(pendingBefore);
    expect(await deciding.locator(`[data-table=pending-date-requests] a[href="/actions/${target}#date-requests"]`).count()).toBe(0);
    // With none waiting before this one's, the page says so in words.
    if (pendingBefore === 0) expect(await deciding.locator('[data-no-date-requests]').count()).toBe(1);
    await check(deciding, 'date change requests, none of this action waiting');

    await deciding.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}`);
    expect(await figure(deciding, 'reprogrammed')).toBe(reprogrammedBefore + 1);
    await deciding.goto(`${baseUrl}/actions?authority=${WALTHAM_FOREST}&reprogrammed=true`);
    expect(await deciding.locator('main').textContent()).toContain('Re-programmed');
    await check(deciding, 'actions list, re-programmed');
    await deciding.context().close();
  });

  it('the board adds an action by hand with two milestones, and overrides its RAG with a note', async () => {
    const board = await as(BOARD_MEMBER);
    await board.goto(`${baseUrl}/actions/${adding}`);
    await Promise.all([board.waitForURL(/\/recommendations\/\d+\/actions\/new$/), board.locator('[data-add-action]').click()]);
    await check(board, 'add an action');
    await checkNarrow(board, 'add an action');
    expect(await board.locator('[data-milestone-rows] fieldset.app-milestone-row').count()).toBe(2);

    await submit(board, 'form#add-action', 'Add the action');
    expect(await errorSummary(board)).toContain('Enter a short title for the action');
    expect(await errorSummary(board)).toContain('Enter what will be done');
    await check(board, 'add an action, nothing typed');

    await board.fill('#title', 'Quarterly audit of screening decisions');
    await board.fill('#whatWillBeDone', 'Audit 20 decisions a quarter');
    await board.fill('#successMeasure', '95% screened within 24 hours');
    await board.fill('#leadOfficer', 'Head of the referral and advice team');
    await board.selectOption('#team', { label: 'Referral and advice team' });
    await board.fill('#milestoneTitle-0', 'Audit tool agreed');
    await board.fill('#milestoneDay-0', '31');
    await board.fill('#milestoneMonth-0', '7');
    await board.fill('#milestoneYear-0', '2015');
    await board.fill('#milestoneTitle-1', 'First audit reported');
    await board.fill('#milestoneDay-1', '1');
    await board.fill('#milestoneMonth-1', '5');
    await board.fill('#milestoneYear-1', '2015');
    // Another row, without JavaScript: the form comes back with what was typed and one more row.
    await submit(board, 'form#add-action', 'Add another milestone');
    expect(await board.locator('[data-milestone-rows] fieldset.app-milestone-row').count()).toBe(3);
    expect(await board.inputValue('#milestoneTitle-1')).toBe('First audit reported');
    expect(await board.inputValue('#whatWillBeDone')).toBe('Audit 20 decisions a quarter');
    await submit(board, 'form#add-action', 'Add the action');
    expect(await errorSummary(board)).toContain('The date of milestone 2 must be today or in the future');
    await check(board, 'add an action, milestone in the past');
    await board.fill('#milestoneDay-1', '30');
    await board.fill('#milestoneMonth-1', '9');
    await submit(board, 'form#add-action', 'Add the action');

    expect(board.url()).toMatch(/\/actions\/\d+\?saved=created$/);
    expect(await board.locator('.govuk-notification-banner').textContent()).toContain('The action was added to the plan');
    expect(await board.locator('h1').textContent()).toContain('Quarterly audit of screening decisions');
    expect(await board.locator('[data-table=milestones] tbody tr').count()).toBe(2);
    expect(await board.locator('[data-table=milestones]').textContent()).toContain('First audit reported');
    expect(await board.locator('[data-summary=action]').textContent()).toContain('95% screened within 24 hours');
    expect(await board.locator('[data-summary=action]').textContent()).toContain('Head of the referral and advice team');
    await check(board, 'action added by hand');
    const added = Number(/\/actions\/(\d+)/.exec(board.url())![1]);
    const json = (await (await fetch(`${baseUrl}/api/actions/${added}`, { headers: api.adminAuth })).json()) as ActionJson & { milestones: { title: string; dueDate: string }[]; whatWillBeDone: string };
    expect(json.milestones.map((milestone) => [milestone.title, milestone.dueDate])).toEqual([
      ['Audit tool agreed', '2015-07-31'],
      ['First audit reported', '2015-09-30'],
    ]);
    expect(json.whatWillBeDone).toBe('Audit 20 decisions a quarter');
    expect(json.team?.name).toBe('Referral and advice team');

    await board.locator('[data-table=milestones] button').first().click();
    await board.waitForLoadState('load');
    expect(await board.locator('[data-table=milestones]').textContent()).toContain('Met 1 June 2015');

    // RAG override: a note is required; with one, the tag shows the board's rating.
    await board.check('input[name="rag"][value="red"]');
    await submit(board, '#rag form', 'Save RAG rating');
    expect(await errorSummary(board)).toContain('Enter why the board rates this action differently from its dates');
    await check(board, 'action page, RAG override without a note');
    await board.check('input[name="rag"][value="red"]');
    await board.fill('#ragNote', 'No audit tool yet');
    await submit(board, '#rag form', 'Save RAG rating');
    expect(await board.locator('.govuk-notification-banner').textContent()).toContain('The RAG rating was changed');
    const rated = (await (await fetch(`${baseUrl}/api/actions/${added}`, { headers: api.adminAuth })).json()) as { rag: string; ragOverrideNote: string };
    expect(rated).toMatchObject({ rag: 'red', ragOverrideNote: 'No audit tool yet' });
    await checkNarrow(board, 'action page with milestones');
    await board.context().close();
  });

  it('a team member may not add an action by hand', async () => {
    const team = await as(TEAM_MEMBER);
    const source = (await (await fetch(`${baseUrl}/api/actions/${refusing}`, { headers: api.adminAuth })).json()) as ActionJson;
    await team.goto(`${baseUrl}/actions/${refusing}`);
    expect(await team.locator('[data-add-action]').count()).toBe(0);
    await check(team, 'action page, team member, no way to add an action');
    const refused = await team.request.get(`${baseUrl}/recommendations/${source.recommendation!.id}/actions/new`);
    expect(refused.status()).toBe(403);
    const other = await as(BRENT_BOARD);
    expect((await other.request.get(`${baseUrl}/recommendations/${source.recommendation!.id}/actions/new`)).status()).toBe(404);
    await other.context().close();
    await team.context().close();
  });

  it("the dashboard, the actions list and a team's own work fit 320 px: their tables scroll on their own", async () => {
    const board = await as(BOARD_MEMBER);
    await board.goto(`${baseUrl}/authorities/${WALTHAM_FOREST}`);
    expect(await board.locator('.app-table-scroll table').count()).toBeGreaterThanOrEqual(3);
    await checkNarrow(board, 'dashboard');
    await board.goto(`${baseUrl}/actions?authority=${WALTHAM_FOREST}`);
    await checkNarrow(board, 'actions list');
    await board.context().close();
    const team = await as(TEAM_MEMBER);
    await team.goto(`${baseUrl}/my-work`);
    expect(await team.locator('.app-table-scroll table[data-table="work"]').count()).toBe(1);
    await checkNarrow(team, "a team's own work");
    await team.context().close();
  });
});
