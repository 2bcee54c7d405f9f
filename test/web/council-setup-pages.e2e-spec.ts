import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';
import { bannerText, errorSummary, makePagePerson, mainText, signedInAgent, type Agent, type PagePerson } from './support/page-agent.js';

const BRENT = 'E09000005';
const WALTHAM_FOREST = 'E09000031';

/** The pages a council is set up with: teams, people and reminder contacts, by its council admin. */
describe('council set-up pages', () => {
  let api: TestApi;
  let councilAdmin: PagePerson;
  let viewer: PagePerson;
  let agent: Agent;
  let csrf: string;
  let walthamTeam: number;

  const teamsPath = `/authorities/${BRENT}/teams`;
  const adminApi = () => request(api.app.getHttpServer());
  const brentTeams = async () => (await adminApi().get(`/api/teams?authority=${BRENT}`).set(api.adminAuth).expect(200)).body as { id: number; name: string; emails: string[]; keywords: string[] }[];
  const brentActions = async () =>
    (await adminApi().get(`/api/actions?authority=${BRENT}&limit=100`).set(api.adminAuth).expect(200)).body.items as { id: number; version: number; team: { id: number } | null }[];

  beforeAll(async () => {
    api = await startTestApi({ today: '2012-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await ingestSeedReport(api, 'brent-2012-protection.txt');
    walthamTeam = (await adminApi().post('/api/teams').set(api.adminAuth).send({ authorityCode: WALTHAM_FOREST, name: 'Front door' }).expect(201)).body.id;
    councilAdmin = await makePagePerson(api, 'brent-admin', [{ role: 'council_admin', authorityCode: BRENT }]);
    viewer = await makePagePerson(api, 'brent-viewer', [{ role: 'viewer', authorityCode: BRENT }]);
    ({ agent, csrf } = await signedInAgent(api, councilAdmin.email, councilAdmin.password));
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('teams', () => {
    it('suggests teams from the bodies the report names when the council has none, and adds one as suggested', async () => {
      const page = await agent.get(teamsPath).expect(200);
      expect(mainText(page.text)).toContain('has no teams yet');
      const suggested = [...page.text.matchAll(/data-suggestion="([^"]+)"/g)].map((match) => match[1]);
      expect(suggested.length).toBeGreaterThan(0);

      const first = suggested[0];
      const keywords = new RegExp(`data-suggestion="${first}"[\\s\\S]*?name="keywords" value="([^"]*)"`).exec(page.text)![1];
      const added = await agent.post(teamsPath).type('form').send({ _csrf: csrf, name: first, keywords }).expect(303);
      expect(added.headers.location).toMatch(/saved=added&team=\d+$/);
      const after = await agent.get(added.headers.location).expect(200);
      expect(bannerText(after.text)).toContain('The team was added');
      expect(after.text).toContain('Add another team');
      expect(after.text).not.toContain(`data-suggestion="${first}"`);
      expect((await brentTeams()).find((team) => team.name === first)?.keywords).toEqual([first.toLowerCase()]);
    });

    it('adds a team with its reminder addresses and routing phrases, one a line', async () => {
      await agent
        .post(teamsPath)
        .type('form')
        .send({ _csrf: csrf, name: '  Children in care  ', emails: 'lac@brent.example\n\n cic.managers@brent.example ', keywords: 'looked after\nchildren in care' })
        .expect(303);
      const team = (await brentTeams()).find((candidate) => candidate.name === 'Children in care')!;
      expect(team.emails).toEqual(['lac@brent.example', 'cic.managers@brent.example']);
      expect(team.keywords).toEqual(['looked after', 'children in care']);
      const page = await agent.get(teamsPath).expect(200);
      expect(mainText(page.text)).toContain('lac@brent.example, cic.managers@brent.example');
    });

    it('says what to fix, keeps what was typed, and saves nothing', async () => {
      const before = (await brentTeams()).length;
      const missing = await agent.post(teamsPath).type('form').send({ _csrf: csrf, name: '   ', emails: 'not-an-address' }).expect(400);
      expect(errorSummary(missing.text)).toContain('Enter the team’s name');
      expect(errorSummary(missing.text)).toContain('“not-an-address” is not an email address');
      expect(missing.text).toContain('>not-an-address</textarea>');
      const duplicate = await agent.post(teamsPath).type('form').send({ _csrf: csrf, name: 'Children in care' }).expect(409);
      expect(errorSummary(duplicate.text)).toContain('already has a team called &quot;Children in care&quot;');
      expect((await brentTeams()).length).toBe(before);
    });

    it('changes a team from its Change link', async () => {
      const team = (await brentTeams()).find((candidate) => candidate.name === 'Children in care')!;
      const form = await agent.get(`${teamsPath}/${team.id}/edit`).expect(200);
      expect(form.text).toContain('value="Children in care"');
      const saved = await agent.post(`${teamsPath}/${team.id}`).type('form').send({ _csrf: csrf, name: 'Looked-after children', emails: 'lac@brent.example', keywords: '' }).expect(303);
      expect(saved.headers.location).toBe(`${teamsPath}?saved=changed`);
      expect((await brentTeams()).find((candidate) => candidate.id === team.id)).toMatchObject({ name: 'Looked-after children', emails: ['lac@brent.example'], keywords: [] });
    });

    it('asks which team takes over the actions of a team being removed, moves them with a journal note, then removes it', async () => {
      const [from, to] = await brentTeams();
      const actions = await brentActions();
      const moved = actions.slice(0, 2);
      for (const action of moved) await adminApi().patch(`/api/actions/${action.id}`).set(api.adminAuth).send({ version: action.version, teamId: from.id }).expect(200);

      const confirm = await agent.get(`${teamsPath}/${from.id}/remove`).expect(200);
      expect(mainText(confirm.text)).toContain(`Are you sure you want to remove ${from.name}?`);
      expect(mainText(confirm.text)).toContain('Which team takes over its 2 actions?');
      const unanswered = await agent.post(`${teamsPath}/${from.id}/remove`).type('form').send({ _csrf: csrf }).expect(400);
      expect(errorSummary(unanswered.text)).toContain('Select the team that takes over these actions');
      await agent.post(`${teamsPath}/${from.id}/remove`).type('form').send({ _csrf: csrf, reassignTo: String(walthamTeam) }).expect(400);
      expect((await brentTeams()).some((team) => team.id === from.id)).toBe(true);

      const removed = await agent.post(`${teamsPath}/${from.id}/remove`).type('form').send({ _csrf: csrf, reassignTo: String(to.id) }).expect(303);
      expect(removed.headers.location).toBe(`${teamsPath}?saved=removed`);
      expect((await brentTeams()).some((team) => team.id === from.id)).toBe(false);
      for (const action of moved) {
        const after = (await adminApi().get(`/api/actions/${action.id}`).set(api.adminAuth).expect(200)).body;
        expect(after.team.id).toBe(to.id);
        expect(after.journal.at(-1)).toMatchObject({ actor: councilAdmin.name, note: `${from.name} was removed; its actions moved to ${to.name}` });
      }
    });

    it('removes a team that owns nothing after a plain confirmation', async () => {
      const team = (await adminApi().post('/api/teams').set(api.adminAuth).send({ authorityCode: BRENT, name: 'Short-lived' }).expect(201)).body;
      const confirm = await agent.get(`${teamsPath}/${team.id}/remove`).expect(200);
      expect(mainText(confirm.text)).toContain('It owns no actions');
      await agent.post(`${teamsPath}/${team.id}/remove`).type('form').send({ _csrf: csrf }).expect(303);
      expect((await brentTeams()).some((candidate) => candidate.id === team.id)).toBe(false);
    });

    it("is another council's business: not found, and for a viewer a refusal that says why", async () => {
      await agent.get(`/authorities/${WALTHAM_FOREST}/teams`).expect(404);
      await agent.get(`${teamsPath}/${walthamTeam}/edit`).expect(404);
      await agent.post(`${teamsPath}/${walthamTeam}/remove`).type('form').send({ _csrf: csrf }).expect(404);
      await agent.post(`/authorities/${WALTHAM_FOREST}/teams`).type('form').send({ _csrf: csrf, name: 'Intruders' }).expect(404);
      const { agent: viewing } = await signedInAgent(api, viewer.email, viewer.password);
      const refused = await viewing.get(teamsPath).expect(403);
      expect(refused.text).toContain('None of your roles allows this');
    });
  });
});
