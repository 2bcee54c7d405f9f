import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';
import { makePagePerson, mainText, signedInAgent, type PagePerson } from './support/page-agent.js';

const BRENT = 'E09000005';

/** Where a team member starts: their team's open actions and what others changed since they looked. */
describe("a team member's own work", () => {
  let api: TestApi;
  let member: PagePerson;
  let board: PagePerson;
  let ours: { id: number; version: number; dueDate: string }[];
  let theirs: { id: number; version: number };
  let teamName: string;

  const adminApi = () => request(api.app.getHttpServer());
  const rowsOf = (html: string) => [...html.matchAll(/data-action-id="(\d+)"/g)].map((match) => Number(match[1]));

  beforeAll(async () => {
    api = await startTestApi({ today: '2012-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await ingestSeedReport(api, 'brent-2012-protection.txt');
    const team = (await adminApi().post('/api/teams').set(api.adminAuth).send({ authorityCode: BRENT, name: 'Front door' }).expect(201)).body;
    const other = (await adminApi().post('/api/teams').set(api.adminAuth).send({ authorityCode: BRENT, name: 'Disabled children' }).expect(201)).body;
    teamName = team.name;
    const actions = (await adminApi().get(`/api/actions?authority=${BRENT}&limit=100&sort=-dueDate`).set(api.adminAuth).expect(200)).body.items as { id: number; version: number; dueDate: string }[];
    // Given to the team in the opposite order to their due dates, so the page's order is its own.
    for (const action of actions.slice(0, 4)) await adminApi().patch(`/api/actions/${action.id}`).set(api.adminAuth).send({ version: action.version, teamId: team.id }).expect(200);
    await adminApi().patch(`/api/actions/${actions[4].id}`).set(api.adminAuth).send({ version: actions[4].version, teamId: other.id }).expect(200);
    ours = actions.slice(0, 4).map((action) => ({ ...action, version: action.version + 1 }));
    theirs = { id: actions[4].id, version: actions[4].version + 1 };
    member = await makePagePerson(api, 'front-door-member', [{ role: 'team_member', authorityCode: BRENT, teamId: team.id }]);
    board = await makePagePerson(api, 'brent-board', [{ role: 'board_member', authorityCode: BRENT }]);
  });

  afterAll(async () => {
    await api?.close();
  });

  it("lands on their team's open actions, soonest due first", async () => {
    const { agent } = await signedInAgent(api, member.email, member.password);
    const home = await agent.get('/').expect(303);
    expect(home.headers.location).toBe('/my-work');
    const page = await agent.get('/my-work').expect(200);
    expect(mainText(page.text)).toContain(`${teamName}: open actions`);
    const expected = [...ours].sort((a, b) => a.dueDate.localeCompare(b.dueDate) || a.id - b.id).map((action) => action.id);
    expect(rowsOf(page.text)).toEqual(expected);
    expect(rowsOf(page.text)).not.toContain(theirs.id);
    expect(page.text).toContain('href="/my-work"');
  });

  it('shows what other people changed since the last visit, once', async () => {
    const { agent, csrf } = await signedInAgent(api, member.email, member.password);
    await agent.get('/my-work').expect(200);
    // The member's own change is not news to them; the board's are.
    await agent.post(`/actions/${ours[0].id}/progress`).type('form').send({ _csrf: csrf, progressNote: 'Our own note' }).expect(303);
    const boardAgent = await signedInAgent(api, board.email, board.password);
    await boardAgent.agent.post(`/actions/${ours[1].id}/progress`).type('form').send({ _csrf: boardAgent.csrf, progressNote: 'Board asked for the audit' }).expect(303);
    await boardAgent.agent.post(`/actions/${theirs.id}/progress`).type('form').send({ _csrf: boardAgent.csrf, progressNote: 'Not their business' }).expect(303);

    const next = await agent.get('/my-work').expect(200);
    expect(Number(/data-changes-since="(\d+)"/.exec(next.text)![1])).toBe(1);
    const row = next.text.split(`data-action-id="${ours[1].id}"`)[1].split('</tr>')[0];
    expect(row.replace(/<[^>]+>/g, ' ')).toContain(`${board.name}`);
    expect(row).toContain('added a progress note');
    expect(next.text.split(`data-action-id="${ours[0].id}"`)[1].split('</tr>')[0]).not.toContain('data-changes');

    const again = await agent.get('/my-work').expect(200);
    expect(mainText(again.text)).toContain('Nothing has changed since you last looked');
  });

  it("says on another team's action why there is no form", async () => {
    const { agent } = await signedInAgent(api, member.email, member.password);
    const page = await agent.get(`/actions/${theirs.id}`).expect(200);
    expect(mainText(page.text)).toContain('This action belongs to Disabled children; ask its team or the board.');
    const own = await agent.get(`/actions/${ours[0].id}`).expect(200);
    expect(own.text).not.toContain('data-no-form');
  });

  it('leaves a board member on the council dashboard', async () => {
    const { agent } = await signedInAgent(api, board.email, board.password);
    expect((await agent.get('/').expect(303)).headers.location).toBe(`/authorities/${BRENT}`);
    expect((await agent.get(`/authorities/${BRENT}`).expect(200)).text).not.toContain('href="/my-work"');
  });
});
