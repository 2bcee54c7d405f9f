import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { Outbox } from '../support/outbox.js';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';
import { bannerText, errorSummary, hidden, makePagePerson, mainText, signedInAgent, type Agent, type PagePerson } from './support/page-agent.js';

const BRENT = 'E09000005';
const WALTHAM_FOREST = 'E09000031';
const ROCHDALE = 'E08000005';
const NORFOLK = 'E10000020';

/**
 * The pages a council is set up with: teams, people and reminder contacts, by its council admin.
 * Brent's report, a Waltham Forest team and the people who sign in are shared and never changed;
 * each test makes the teams, people and contacts it reads, under names of its own, and a test that
 * needs a council with none of something (teams, contacts) has a council of its own, so they pass
 * in any order.
 */
describe('council set-up pages', () => {
  let api: TestApi;
  let councilAdmin: PagePerson;
  let viewer: PagePerson;
  let agent: Agent;
  let csrf: string;
  let walthamTeam: number;
  let outbox: Outbox;

  const teamsPath = `/authorities/${BRENT}/teams`;
  const adminApi = () => request(api.app.getHttpServer());
  const teamsOf = async (code: string) => (await adminApi().get(`/api/teams?authority=${code}`).set(api.adminAuth).expect(200)).body as { id: number; name: string; emails: string[]; keywords: string[] }[];
  const brentTeams = () => teamsOf(BRENT);
  /** A Brent team of the calling test's own, made through the API. */
  const brentTeam = async (name: string, fields: { emails?: string[]; keywords?: string[] } = {}) =>
    (await adminApi().post('/api/teams').set(api.adminAuth).send({ authorityCode: BRENT, name, ...fields }).expect(201)).body as { id: number; name: string };
  /** A council admin of a council no other test uses, signed in, once that council's report has come in. */
  const adminOfOwnCouncil = async (code: string, report: string, key: string) => {
    await ingestSeedReport(api, report);
    const person = await makePagePerson(api, key, [{ role: 'council_admin', authorityCode: code }]);
    return { person, ...(await signedInAgent(api, person.email, person.password)) };
  };
  const brentActions = async () =>
    (await adminApi().get(`/api/actions?authority=${BRENT}&limit=100`).set(api.adminAuth).expect(200)).body.items as { id: number; version: number; team: { id: number } | null }[];

  beforeAll(async () => {
    outbox = new Outbox();
    api = await startTestApi({ today: '2012-06-01', env: { AUTH_RATE_LIMIT: '1000', OUTBOX_DIR: outbox.dir, PUBLIC_URL: 'http://tracker.example' } });
    await ingestSeedReport(api, 'brent-2012-protection.txt');
    walthamTeam = (await adminApi().post('/api/teams').set(api.adminAuth).send({ authorityCode: WALTHAM_FOREST, name: 'Front door' }).expect(201)).body.id;
    councilAdmin = await makePagePerson(api, 'brent-admin', [{ role: 'council_admin', authorityCode: BRENT }]);
    viewer = await makePagePerson(api, 'brent-viewer', [{ role: 'viewer', authorityCode: BRENT }]);
    ({ agent, csrf } = await signedInAgent(api, councilAdmin.email, councilAdmin.password));
  });

  afterAll(async () => {
    await api?.close();
    outbox?.remove();
  });

  describe('teams', () => {
    it('suggests teams from the bodies the report names when the council has none, and adds one as suggested', async () => {
      const { agent, csrf } = await adminOfOwnCouncil(ROCHDALE, 'rochdale-2012-protection.txt', 'rochdale-admin');
      const teamsPath = `/authorities/${ROCHDALE}/teams`;
      expect(await teamsOf(ROCHDALE)).toEqual([]);
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
      expect((await teamsOf(ROCHDALE)).find((team) => team.name === first)?.keywords).toEqual([first.toLowerCase()]);
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
      await brentTeam('Family support');
      const before = (await brentTeams()).length;
      const missing = await agent.post(teamsPath).type('form').send({ _csrf: csrf, name: '   ', emails: 'not-an-address' }).expect(400);
      expect(errorSummary(missing.text)).toContain('Enter the team’s name');
      expect(errorSummary(missing.text)).toContain('“not-an-address” is not an email address');
      expect(missing.text).toContain('>not-an-address</textarea>');
      const duplicate = await agent.post(teamsPath).type('form').send({ _csrf: csrf, name: 'Family support' }).expect(409);
      expect(errorSummary(duplicate.text)).toContain('already has a team called &quot;Family support&quot;');
      expect((await brentTeams()).length).toBe(before);
    });

    it('changes a team from its Change link', async () => {
      const team = await brentTeam('Care leavers', { emails: ['leaving.care@brent.example', 'pa.team@brent.example'], keywords: ['care leavers'] });
      const form = await agent.get(`${teamsPath}/${team.id}/edit`).expect(200);
      expect(form.text).toContain('value="Care leavers"');
      const saved = await agent.post(`${teamsPath}/${team.id}`).type('form').send({ _csrf: csrf, name: 'Leaving care', emails: 'leaving.care@brent.example', keywords: '' }).expect(303);
      expect(saved.headers.location).toBe(`${teamsPath}?saved=changed`);
      expect((await brentTeams()).find((candidate) => candidate.id === team.id)).toMatchObject({ name: 'Leaving care', emails: ['leaving.care@brent.example'], keywords: [] });
    });

    it('asks which team takes over the actions of a team being removed, moves them with a journal note, then removes it', async () => {
      const from = await brentTeam('Front door');
      const to = await brentTeam('Multi-agency safeguarding hub');
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
      expect(refused.text).toContain('Only a board member or council admin of Brent may use this page');
    });
  });

  describe('people', () => {
    const usersPath = `/authorities/${BRENT}/users`;
    const pathOf = (link: string) => new URL(link).pathname + new URL(link).search;
    const personId = async (email: string, as: Agent = agent) => {
      const html = (await as.get(usersPath).expect(200)).text;
      return Number(new RegExp(`data-person="${email.replace(/\./g, '\\.')}"[\\s\\S]*?/users/(\\d+)"`).exec(html)![1]);
    };

    async function setPassword(link: string, password: string): Promise<{ status: number; location?: string; browser: Agent }> {
      const browser = request.agent(api.app.getHttpServer());
      const form = await browser.get(pathOf(link)).expect(200);
      const response = await browser
        .post('/set-password')
        .type('form')
        .send({ _form: hidden(form.text, '_form'), token: hidden(form.text, 'token'), password, confirmPassword: password });
      return { status: response.status, location: response.headers.location, browser };
    }

    it('invites a board member, who sets a password from the emailed link once and is signed in', async () => {
      outbox.takeNew();
      const form = await agent.get(`${usersPath}/new`).expect(200);
      expect(mainText(form.text)).toContain('Invite someone');
      const sent = await agent.post(usersPath).type('form').send({ _csrf: csrf, displayName: 'Bola Board', email: 'Bola.Board@brent.example', role: 'board_member' }).expect(303);
      expect(sent.headers.location).toMatch(/saved=invited&user=\d+$/);
      const list = await agent.get(sent.headers.location).expect(200);
      expect(bannerText(list.text)).toContain('The invitation was sent');
      expect(mainText(list.text)).toContain('bola.board@brent.example');
      expect(mainText(list.text)).toContain('Invited');

      const [email] = outbox.takeNew();
      expect(email.to).toBe('bola.board@brent.example');
      expect(email.subject).toBe('You have been invited to the improvement tracker');
      expect(email.text).toContain(`${councilAdmin.name} has invited you to the improvement tracker for Brent`);
      expect(email.text).toMatch(/works once, until 10:00 on 4 June 2012 \(UK time\)/);

      const first = await setPassword(email.link!, 'harbour-violet-kettle-9');
      expect(first.status).toBe(303);
      expect(first.location).toBe('/?welcome=invited');
      await first.browser.get(`/authorities/${BRENT}`).expect(200);
      const again = await request(api.app.getHttpServer()).get(pathOf(email.link!)).expect(410);
      expect(mainText(again.text)).toContain('already been used');
      expect(mainText((await agent.get(usersPath).expect(200)).text)).toMatch(/Bola Board bola\.board@brent\.example Board member Active/);
    });

    it('lets an invitation lapse after 72 hours, and sends a new one that works', async () => {
      outbox.takeNew();
      await agent.post(usersPath).type('form').send({ _csrf: csrf, displayName: 'Lee Late', email: 'lee.late@brent.example', role: 'viewer' }).expect(303);
      const [email] = outbox.takeNew();
      // Back to the day the other tests' council admin signed in, even if this test fails part way.
      onTestFinished(() => api.clock.set('2012-06-01'));
      // Sent at 09:00 on 1 June: it still works at 09:00 on 3 June, and not at 09:00 on 4 June.
      api.clock.set('2012-06-03');
      await request(api.app.getHttpServer()).get(pathOf(email.link!)).expect(200);
      api.clock.set('2012-06-04');
      const expired = await request(api.app.getHttpServer()).get(pathOf(email.link!)).expect(410);
      expect(mainText(expired.text)).toContain('This link has expired');
      // Three days on, the council admin signs in again.
      const later = await signedInAgent(api, councilAdmin.email, councilAdmin.password);
      const id = await personId('lee.late@brent.example', later.agent);
      const page = await later.agent.get(`${usersPath}/${id}`).expect(200);
      expect(mainText(page.text)).toContain('the link expired before it was used');
      await later.agent.post(`${usersPath}/${id}/invitation`).type('form').send({ _csrf: later.csrf }).expect(303);
      const [fresh] = outbox.takeNew();
      expect((await setPassword(fresh.link!, 'meadow-copper-lantern-4')).status).toBe(303);
    });

    it('asks for the team of a team member, and refuses what is not a council role', async () => {
      const noTeam = await agent.post(usersPath).type('form').send({ _csrf: csrf, displayName: 'Tia Team', email: 'tia@brent.example', role: 'team_member' }).expect(400);
      expect(errorSummary(noTeam.text)).toContain('Select the team they work in');
      expect(noTeam.text).toContain('value="tia@brent.example"');
      const admin = await agent.post(usersPath).type('form').send({ _csrf: csrf, displayName: 'Ada', email: 'ada@brent.example', role: 'admin' }).expect(400);
      expect(errorSummary(admin.text)).toContain('Select what they do');
      await agent.post(usersPath).type('form').send({ _csrf: csrf, displayName: 'Tia Team', email: 'tia@brent.example', role: 'team_member', teamId: String(walthamTeam) }).expect(400);
      const team = await brentTeam('Duty and assessment');
      await agent.post(usersPath).type('form').send({ _csrf: csrf, displayName: 'Tia Team', email: 'tia@brent.example', role: 'team_member', teamId: String(team.id) }).expect(303);
      const teamsPage = await agent.get(teamsPath).expect(200);
      expect(mainText(teamsPage.text)).toContain('Tia Team');
    });

    it('gives another role and takes one away after a confirmation', async () => {
      const team = await brentTeam('Quality assurance');
      await agent.post(usersPath).type('form').send({ _csrf: csrf, displayName: 'Rhys Roles', email: 'rhys@brent.example', role: 'team_member', teamId: String(team.id) }).expect(303);
      const id = await personId('rhys@brent.example');
      await agent.post(`${usersPath}/${id}/roles`).type('form').send({ _csrf: csrf, role: 'lscb_chair' }).expect(303);
      const page = await agent.get(`${usersPath}/${id}?saved=role-given`).expect(200);
      expect(bannerText(page.text)).toContain('The role was given');
      const removeLink = /href="([^"]+\/roles\/\d+\/remove)"[^>]*>Remove<span class="govuk-visually-hidden"> the role LSCB chair/.exec(page.text)![1];
      const confirm = await agent.get(removeLink).expect(200);
      expect(mainText(confirm.text)).toContain('Are you sure you want to take away Rhys Roles’s role as LSCB chair?');
      await agent.post(removeLink).type('form').send({ _csrf: csrf }).expect(303);
      expect(mainText((await agent.get(`${usersPath}/${id}`).expect(200)).text)).not.toContain('LSCB chair Remove');
    });

    it('deactivates an account after a confirmation: it cannot sign in, and the journal still names it', async () => {
      const person = await makePagePerson(api, 'brent-board-leaver', [{ role: 'board_member', authorityCode: BRENT }]);
      const { agent: leaver, csrf: leaverCsrf } = await signedInAgent(api, person.email, person.password);
      const [action] = await brentActions();
      await leaver.post(`/actions/${action.id}/progress`).type('form').send({ _csrf: leaverCsrf, progressNote: 'Handed over' }).expect(303);

      const confirm = await agent.get(`${usersPath}/${person.id}/deactivate`).expect(200);
      expect(mainText(confirm.text)).toContain(`Are you sure you want to deactivate ${person.name}’s account?`);
      await agent.post(`${usersPath}/${person.id}/deactivate`).type('form').send({ _csrf: csrf }).expect(303);
      expect((await leaver.get('/actions').expect(303)).headers.location).toMatch(/^\/sign-in/);
      await expect(signedInAgent(api, person.email, person.password)).rejects.toThrow(/answered 401/);
      expect(mainText((await agent.get(usersPath).expect(200)).text)).toContain('Deactivated');
      const journal = (await adminApi().get(`/api/actions/${action.id}`).set(api.adminAuth).expect(200)).body.journal;
      expect(journal.at(-1)).toMatchObject({ actor: person.name, note: 'Handed over' });
    });

    it("sends a reset link, but leaves the account of someone who also works elsewhere to the deployment's admins", async () => {
      outbox.takeNew();
      const both = await makePagePerson(api, 'two-councils', [
        { role: 'viewer', authorityCode: BRENT },
        { role: 'viewer', authorityCode: WALTHAM_FOREST },
      ]);
      const refused = await agent.post(`${usersPath}/${both.id}/deactivate`).type('form').send({ _csrf: csrf }).expect(403);
      expect(errorSummary(refused.text)).toContain('also works for another council');
      const resetting = await makePagePerson(api, 'brent-board-reset', [{ role: 'board_member', authorityCode: BRENT }]);
      const id = await personId(resetting.email);
      expect(id).toBe(resetting.id);
      await agent.post(`${usersPath}/${id}/password-reset`).type('form').send({ _csrf: csrf }).expect(303);
      const [email] = outbox.takeNew();
      expect(email.to).toBe(resetting.email);
      expect(email.subject).toBe('Reset your improvement tracker password');
      expect(email.text).toContain(`${councilAdmin.name} has sent you a link to reset your password`);
    });

    it("is another council's business: not found; and a board member may not use it", async () => {
      const walthamPerson = await makePagePerson(api, 'waltham-only', [{ role: 'viewer', authorityCode: WALTHAM_FOREST }]);
      await agent.get(`/authorities/${WALTHAM_FOREST}/users`).expect(404);
      await agent.get(`${usersPath}/${walthamPerson.id}`).expect(404);
      await agent.post(`${usersPath}/${walthamPerson.id}/deactivate`).type('form').send({ _csrf: csrf }).expect(404);
      await agent.post(`/authorities/${WALTHAM_FOREST}/users`).type('form').send({ _csrf: csrf, displayName: 'X', email: 'x@waltham.example', role: 'viewer' }).expect(404);
      const board = await makePagePerson(api, 'brent-board-only', [{ role: 'board_member', authorityCode: BRENT }]);
      const { agent: boardAgent } = await signedInAgent(api, board.email, board.password);
      await boardAgent.get(usersPath).expect(403);
    });
  });

  describe('reminder contacts', () => {
    const contactsPath = `/authorities/${BRENT}/contacts`;
    const contactsOf = async (path: string, as: Agent) => {
      const html = (await as.get(path).expect(200)).text;
      return [...html.matchAll(/contacts\/(\d+)\/edit/g)].map((match) => Number(match[1]));
    };

    it('adds the board chair and LSCB chair addresses, changes one and removes one after a confirmation', async () => {
      const { agent, csrf } = await adminOfOwnCouncil(NORFOLK, 'norfolk-2013-protection.txt', 'norfolk-admin');
      const contactsPath = `/authorities/${NORFOLK}/contacts`;
      const empty = await agent.get(contactsPath).expect(200);
      expect(mainText(empty.text)).toContain('Escalations for the Improvement board chair are not sent');
      await agent.post(contactsPath).type('form').send({ _csrf: csrf, role: 'board_chair', name: 'Pat Chair', email: 'Pat.Chair@norfolk.example' }).expect(303);
      await agent.post(contactsPath).type('form').send({ _csrf: csrf, role: 'lscb_chair', name: 'Lou Lscb', email: 'lou@lscb.example' }).expect(303);
      const page = await agent.get(`${contactsPath}?saved=added`).expect(200);
      expect(bannerText(page.text)).toContain('The contact was added');
      expect(mainText(page.text)).toMatch(/Improvement board chair .*Pat Chair pat\.chair@norfolk\.example/);
      expect(mainText(page.text)).toMatch(/LSCB chair .*Lou Lscb lou@lscb\.example/);

      const [first, second] = await contactsOf(contactsPath, agent);
      await agent.post(`${contactsPath}/${first}`).type('form').send({ _csrf: csrf, role: 'board_chair', name: 'Pat Chair-Smith', email: 'pat.chair@norfolk.example' }).expect(303);
      expect(mainText((await agent.get(contactsPath).expect(200)).text)).toContain('Pat Chair-Smith');
      const confirm = await agent.get(`${contactsPath}/${second}/remove`).expect(200);
      expect(mainText(confirm.text)).toContain('Are you sure you want to remove Lou Lscb (lou@lscb.example)?');
      await agent.post(`${contactsPath}/${second}/remove`).type('form').send({ _csrf: csrf }).expect(303);
      expect(await contactsOf(contactsPath, agent)).toEqual([first]);
    });

    it('says what to fix, and refuses the same address twice', async () => {
      await agent.post(contactsPath).type('form').send({ _csrf: csrf, role: 'board_chair', name: 'Pam Twice', email: 'Pam.Twice@brent.example' }).expect(303);
      const before = await contactsOf(contactsPath, agent);
      const bad = await agent.post(contactsPath).type('form').send({ _csrf: csrf, name: '', email: 'nope' }).expect(400);
      expect(errorSummary(bad.text)).toContain('Select whose address this is');
      expect(errorSummary(bad.text)).toContain('Enter the person’s name');
      expect(errorSummary(bad.text)).toContain('Enter an email address in the correct format');
      const twice = await agent.post(contactsPath).type('form').send({ _csrf: csrf, role: 'board_chair', name: 'Pam again', email: 'PAM.TWICE@brent.example' }).expect(409);
      expect(errorSummary(twice.text)).toContain('is already a board chair contact of this council');
      expect(await contactsOf(contactsPath, agent)).toEqual(before);
    });

    it("is another council's business: not found; and a board member may not use it", async () => {
      await agent.get(`/authorities/${WALTHAM_FOREST}/contacts`).expect(404);
      await agent.post(`/authorities/${WALTHAM_FOREST}/contacts`).type('form').send({ _csrf: csrf, role: 'board_chair', name: 'X', email: 'x@x.example' }).expect(404);
      const before = await contactsOf(contactsPath, agent);
      await agent.post(contactsPath).type('form').send({ _csrf: csrf, role: 'lscb_chair', name: 'Mo Mine', email: 'mo.mine@lscb.example' }).expect(303);
      const [mine] = (await contactsOf(contactsPath, agent)).filter((id) => !before.includes(id));
      await agent.get(`/authorities/${WALTHAM_FOREST}/contacts/${mine}/edit`).expect(404);
      const board = await makePagePerson(api, 'brent-board-contacts', [{ role: 'board_member', authorityCode: BRENT }]);
      const { agent: boardAgent } = await signedInAgent(api, board.email, board.password);
      await boardAgent.get(contactsPath).expect(403);
    });
  });

  describe('triage', () => {
    it('is one click from the dashboard: tick unassigned actions, give them a team and lead officer in one step', async () => {
      const team = await brentTeam('Child protection');
      const dashboard = await agent.get(`/authorities/${BRENT}`).expect(200);
      const link = /data-unassigned="(\d+)"[\s\S]*?href="([^"]+)">Assign the unassigned actions/.exec(dashboard.text)!;
      const before = Number(link[1]);
      const unassigned = (await brentActions()).filter((action) => !action.team);
      expect(before).toBe(unassigned.length);
      const listPath = link[2].replace(/&amp;/g, '&');
      expect(listPath).toBe(`/actions?authority=${BRENT}&team=none`);

      const list = await agent.get(listPath).expect(200);
      const ticked = [...list.text.matchAll(/name="actionIds" type="checkbox" value="(\d+)"/g)].map((match) => Number(match[1])).slice(0, 3);
      expect(ticked).toHaveLength(3);
      const assigned = await agent
        .post('/actions/assign')
        .type('form')
        .send(`_csrf=${encodeURIComponent(csrf)}&authority=${BRENT}&back=${encodeURIComponent(listPath)}&teamId=${team.id}&leadOfficer=Sam+Lee&${ticked.map((id) => `actionIds=${id}`).join('&')}`)
        .expect(303);
      expect(assigned.headers.location).toBe(`${listPath}&saved=assigned`);
      expect(bannerText((await agent.get(assigned.headers.location).expect(200)).text)).toContain('The selected actions were assigned');
      for (const id of ticked) {
        const action = (await adminApi().get(`/api/actions/${id}`).set(api.adminAuth).expect(200)).body;
        expect(action).toMatchObject({ team: { id: team.id }, leadOfficer: 'Sam Lee' });
        expect(action.journal.at(-1)).toMatchObject({ actor: councilAdmin.name, changes: [{ field: 'teamId', from: null, to: team.id }, { field: 'leadOfficer', from: null, to: 'Sam Lee' }] });
      }
      const after = await agent.get(`/authorities/${BRENT}`).expect(200);
      expect(Number(/data-unassigned="(\d+)"/.exec(after.text)?.[1] ?? 0)).toBe(before - 3);
    });

    it('asks for the team with the ticked actions still ticked, and changes nothing on a refusal', async () => {
      const team = await brentTeam('Children with disabilities');
      const [first] = (await brentActions()).filter((action) => !action.team);
      const noTeam = await agent.post('/actions/assign').type('form').send({ _csrf: csrf, authority: BRENT, back: '/actions', actionIds: String(first.id) }).expect(400);
      expect(errorSummary(noTeam.text)).toContain('Select the team that owns these actions');
      expect(noTeam.text).toMatch(new RegExp(`value="${first.id}" checked`));
      const nothing = await agent.post('/actions/assign').type('form').send({ _csrf: csrf, authority: BRENT, back: '/actions', teamId: '1' }).expect(400);
      expect(errorSummary(nothing.text)).toContain('Select the actions to assign');

      const walthamReport = await ingestSeedReport(api, 'waltham-forest-2014-sif.txt');
      const walthamIds = (await adminApi().get(`/api/actions?authority=${WALTHAM_FOREST}&report=${walthamReport}&limit=1`).set(api.adminAuth).expect(200)).body.items.map((item: { id: number }) => item.id);
      await agent
        .post('/actions/assign')
        .type('form')
        .send(`_csrf=${encodeURIComponent(csrf)}&authority=${BRENT}&back=%2Factions&teamId=${team.id}&actionIds=${first.id}&actionIds=${walthamIds[0]}`)
        .expect(404);
      expect((await adminApi().get(`/api/actions/${first.id}`).set(api.adminAuth).expect(200)).body.team).toBeNull();
      await agent.post('/actions/assign').type('form').send({ _csrf: csrf, authority: WALTHAM_FOREST, back: '/actions', teamId: String(walthamTeam), actionIds: String(walthamIds[0]) }).expect(404);
    });

    it('is not offered to a viewer, whose post is refused', async () => {
      const team = await brentTeam('Private fostering');
      const { agent: viewing, csrf: viewerCsrf } = await signedInAgent(api, viewer.email, viewer.password);
      const list = await viewing.get(`/actions?authority=${BRENT}&team=none`).expect(200);
      expect(list.text).not.toContain('name="actionIds"');
      const [first] = (await brentActions()).filter((action) => !action.team);
      await viewing.post('/actions/assign').type('form').send({ _csrf: viewerCsrf, authority: BRENT, back: '/actions', teamId: String(team.id), actionIds: String(first.id) }).expect(403);
    });
  });
});
