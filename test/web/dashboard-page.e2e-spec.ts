import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';
import { makePagePerson, signedInAgent, type Agent, type PagePerson } from './support/page-agent.js';

const BRENT = 'E09000005';
const DASHBOARD = `/authorities/${BRENT}`;

interface ActionItem {
  id: number;
  version: number;
  daysOverdue: number;
  team: { id: number; name: string } | null;
}

/** The rows of the table on the page that holds this text (an attribute, its caption), each as its cells' text. */
function tableRows(html: string, marker: string): string[][] {
  const table = html.split('<table').find((part) => part.split('</table>')[0].includes(marker)) ?? '';
  return [...table.matchAll(/<tr class="govuk-table__row">([\s\S]*?)<\/tr>/g)]
    .slice(1)
    .map((row) => [...row[1].matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) => cell[1].replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ').trim()));
}

/**
 * The dashboard's tables are rendered once for each set of figures they show and then reused:
 * these tests change the figures underneath them and read the page again.
 */
describe('dashboard page', () => {
  let api: TestApi;
  let agent: Agent;
  let board: PagePerson;
  const http = () => request(api.app.getHttpServer());
  const actions = async (query = '') =>
    (await http().get(`/api/actions?authority=${BRENT}&limit=100&sort=id${query}`).set(api.adminAuth).expect(200)).body as { items: ActionItem[]; total: number };

  beforeAll(async () => {
    api = await startTestApi({ today: '2013-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await ingestSeedReport(api, 'brent-2012-protection.txt');
    board = await makePagePerson(api, 'dashboard-board', [{ role: 'board_member', authorityCode: BRENT }]);
    ({ agent } = await signedInAgent(api, board.email, board.password));
  });

  afterAll(async () => {
    await api?.close();
  });

  it('shows a new team and the actions it took on as soon as they are assigned', async () => {
    const name = `Dashboard team ${Date.now()}`;
    const before = tableRows((await agent.get(DASHBOARD).expect(200)).text, 'data-table="teams"');
    expect(before.map((row) => row[0])).not.toContain(name);

    const team = (await http().post('/api/teams').set(api.adminAuth).send({ authorityCode: BRENT, name }).expect(201)).body as { id: number };
    const [first, second] = (await actions()).items.filter((action) => action.team === null);
    for (const action of [first, second]) await http().patch(`/api/actions/${action.id}`).set(api.adminAuth).send({ version: action.version, teamId: team.id }).expect(200);

    const after = tableRows((await agent.get(DASHBOARD).expect(200)).text, 'data-table="teams"');
    expect(after.find((row) => row[0] === name)?.[1]).toBe('2');
  });

  it('counts the days of the longest overdue afresh each day, though nothing was written', async () => {
    onTestFinished(() => api.clock.set('2013-06-01'));
    const overdue = async () => (await http().get(`/api/actions/overdue?authority=${BRENT}&limit=10`).set(api.adminAuth).expect(200)).body as { items: ActionItem[]; total: number };
    const shown = async (reader: Agent) => tableRows((await reader.get(DASHBOARD).expect(200)).text, 'longest overdue');
    const today = await overdue();
    expect(today.total).toBeGreaterThan(0);
    expect((await shown(agent)).map((row) => row.at(-1))).toEqual(today.items.map((action) => `${action.daysOverdue} days`));

    api.clock.set('2013-06-11');
    const later = await overdue();
    expect(later.items[0].daysOverdue).toBe(today.items[0].daysOverdue + 10);
    // Ten days on, the session of the first day has lapsed: the board member signs in again.
    const { agent: nextDay } = await signedInAgent(api, board.email, board.password);
    expect((await shown(nextDay)).map((row) => row.at(-1))).toEqual(later.items.map((action) => `${action.daysOverdue} days`));
  });
});
