import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { makePagePerson, signedInAgent, type Agent } from '../web/support/page-agent.js';
import { BRENT, seedTwoAuthorities, WALTHAM_FOREST } from './access-fixture.js';

type Who = 'viewerA' | 'boardA' | 'teamA' | 'chairA' | 'councilAdminA' | 'boardB' | 'admin';

interface Row {
  who: Who;
  method: 'get' | 'post';
  path: () => string;
  body?: () => Record<string, string>;
  status: number;
}

/**
 * The role × page matrix for the set-up, account and team pages, on two councils: A is Brent, B is
 * Waltham Forest. Another council's page is 404 (its existence is not revealed); a page of the
 * caller's own council their role may not use is 403 with the reason.
 */
describe('access matrix: set-up, account and team pages', () => {
  let api: TestApi;
  const sessions = {} as Record<Who, { agent: Agent; csrf: string }>;
  let teamA: number;
  let teamB: number;
  let actionA: number;
  let actionB: number;
  let personA: number;
  let recommendationA: number;
  let recommendationB: number;
  let meetingA: number;
  const meetingForm = (title: string, day: string) => ({ title, meetingDay: day, meetingMonth: '7', meetingYear: '2015', reminderDays: '5' });

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    await seedTwoAuthorities(api);
    const http = request(api.app.getHttpServer());
    const list = async (code: string) => (await http.get(`/api/actions?authority=${code}&limit=1&sort=id`).set(api.adminAuth).expect(200)).body.items[0];
    const a = await list(BRENT);
    actionA = a.id;
    recommendationA = a.recommendation.id;
    const b = await list(WALTHAM_FOREST);
    actionB = b.id;
    recommendationB = b.recommendation.id;
    teamA = (await http.get(`/api/teams?authority=${BRENT}`).set(api.adminAuth).expect(200)).body[0].id;
    teamB = (await http.get(`/api/teams?authority=${WALTHAM_FOREST}`).set(api.adminAuth).expect(200)).body[0].id;
    const people: Record<Exclude<Who, 'admin'>, Parameters<typeof makePagePerson>[2]> = {
      viewerA: [{ role: 'viewer', authorityCode: BRENT }],
      boardA: [{ role: 'board_member', authorityCode: BRENT }],
      teamA: [{ role: 'team_member', authorityCode: BRENT, teamId: teamA }],
      chairA: [{ role: 'lscb_chair', authorityCode: BRENT }],
      councilAdminA: [{ role: 'council_admin', authorityCode: BRENT }],
      boardB: [{ role: 'board_member', authorityCode: WALTHAM_FOREST }],
    };
    for (const [who, roles] of Object.entries(people)) {
      const person = await makePagePerson(api, `matrix-${who.toLowerCase()}`, roles);
      sessions[who as Who] = await signedInAgent(api, person.email, person.password);
      if (who === 'viewerA') personA = person.id;
    }
    sessions.admin = await signedInAgent(api, 'admin@tracker.test', 'test-admin-password');
    meetingA = (await http.post(`/api/authorities/${BRENT}/meetings`).set(api.adminAuth).send({ meetingDate: '2015-06-17', title: 'June board' }).expect(201)).body.id;
  });

  afterAll(async () => {
    await api?.close();
  });

  const A = `/authorities/${BRENT}`;
  const B = `/authorities/${WALTHAM_FOREST}`;
  const everyone: Who[] = ['viewerA', 'boardA', 'teamA', 'chairA', 'councilAdminA', 'boardB', 'admin'];
  const get = (path: () => string, statuses: Record<Who, number>): Row[] => everyone.map((who) => ({ who, method: 'get', path, status: statuses[who] }));
  const teamsOnly = { viewerA: 403, boardA: 200, teamA: 403, chairA: 403, councilAdminA: 200, boardB: 404, admin: 200 };
  const councilAdminOnly = { viewerA: 403, boardA: 403, teamA: 403, chairA: 403, councilAdminA: 200, boardB: 404, admin: 200 };
  // A council's data out and deleted: the deployment's admins only, whatever the council.
  const deploymentAdminOnly = { viewerA: 403, boardA: 403, teamA: 403, chairA: 403, councilAdminA: 403, boardB: 403, admin: 200 };
  const all200 = { viewerA: 200, boardA: 200, teamA: 200, chairA: 200, councilAdminA: 200, boardB: 200, admin: 200 };
  // A council's board meetings: seen by everyone of the council, added, changed and deleted by its board.
  const councilReads = { viewerA: 200, boardA: 200, teamA: 200, chairA: 200, councilAdminA: 200, boardB: 404, admin: 200 };
  const boardOnly = { viewerA: 403, boardA: 200, teamA: 403, chairA: 403, councilAdminA: 403, boardB: 404, admin: 200 };

  const rows: Row[] = [
    ...get(() => `${A}/teams`, teamsOnly),
    ...get(() => `${A}/teams/new`, teamsOnly),
    ...get(() => `${A}/teams/${teamA}/edit`, teamsOnly),
    ...get(() => `${A}/teams/${teamA}/remove`, teamsOnly),
    ...get(() => `${A}/users`, councilAdminOnly),
    ...get(() => `${A}/users/new`, councilAdminOnly),
    ...get(() => `${A}/users/${personA}`, councilAdminOnly),
    ...get(() => `${A}/users/${personA}/deactivate`, councilAdminOnly),
    ...get(() => `${A}/contacts`, councilAdminOnly),
    ...get(() => `${A}/contacts/new`, councilAdminOnly),
    ...get(() => `${A}/data`, deploymentAdminOnly),
    ...get(() => `${A}/data/export`, deploymentAdminOnly),
    ...get(() => `${A}/data/delete`, deploymentAdminOnly),
    ...get(() => '/operations/queue', deploymentAdminOnly),
    // The board's queue of date change requests: read by everyone of the council.
    ...get(() => `${A}/date-requests`, { ...all200, boardB: 404 }),
    ...get(() => `${A}/challenges`, { ...all200, boardB: 404 }),
    // Adding an action by hand: the board (and the deployment's admins) only.
    ...get(() => `/recommendations/${recommendationA}/actions/new`, { viewerA: 403, boardA: 200, teamA: 403, chairA: 403, councilAdminA: 403, boardB: 404, admin: 200 }),
    // The LSCB chair's review, with the council's open challenges.
    ...get(() => `/review?authority=${BRENT}`, { viewerA: 403, boardA: 403, teamA: 403, chairA: 200, councilAdminA: 403, boardB: 403, admin: 200 }),
    ...get(() => `${A}/meetings`, councilReads),
    ...get(() => `${A}/meetings/new`, boardOnly),
    ...get(() => `${A}/meetings/${meetingA}/edit`, boardOnly),
    ...get(() => `${A}/meetings/${meetingA}/remove`, boardOnly),
    ...get(() => `${A}/since-last-meeting`, councilReads),
    ...get(() => '/account', all200),
    ...get(() => '/my-work', all200),

    // Another council's pages and rows: not found, whatever the role at home.
    { who: 'councilAdminA', method: 'get', path: () => `${B}/teams`, status: 404 },
    { who: 'councilAdminA', method: 'get', path: () => `${B}/users`, status: 404 },
    { who: 'councilAdminA', method: 'get', path: () => `${B}/contacts`, status: 404 },
    { who: 'councilAdminA', method: 'get', path: () => `${A}/teams/${teamB}/edit`, status: 404 },
    { who: 'boardA', method: 'get', path: () => `${A}/teams/${teamB}/remove`, status: 404 },
    { who: 'boardB', method: 'get', path: () => `${A}/users/${personA}`, status: 404 },
    { who: 'boardB', method: 'get', path: () => `${B}/meetings/${meetingA}/edit`, status: 404 },
    { who: 'admin', method: 'get', path: () => `${B}/meetings/${meetingA}/edit`, status: 404 },

    // Writes: authorised in the same policy layer as the API.
    { who: 'viewerA', method: 'post', path: () => `${A}/teams`, body: () => ({ name: 'Viewer team' }), status: 403 },
    { who: 'boardB', method: 'post', path: () => `${A}/teams`, body: () => ({ name: 'Intruders' }), status: 404 },
    { who: 'councilAdminA', method: 'post', path: () => `${B}/teams`, body: () => ({ name: 'Intruders' }), status: 404 },
    { who: 'councilAdminA', method: 'post', path: () => `${A}/teams`, body: () => ({ name: 'Matrix team' }), status: 303 },
    { who: 'boardA', method: 'post', path: () => `${A}/users`, body: () => ({ displayName: 'X', email: 'x1@brent.example', role: 'viewer' }), status: 403 },
    { who: 'boardB', method: 'post', path: () => `${A}/users`, body: () => ({ displayName: 'X', email: 'x2@brent.example', role: 'viewer' }), status: 404 },
    { who: 'councilAdminA', method: 'post', path: () => `${B}/users`, body: () => ({ displayName: 'X', email: 'x3@brent.example', role: 'viewer' }), status: 404 },
    { who: 'councilAdminA', method: 'post', path: () => `${A}/users`, body: () => ({ displayName: 'X', email: 'x4@brent.example', role: 'admin' }), status: 400 },
    { who: 'teamA', method: 'post', path: () => `${A}/users/${personA}/deactivate`, body: () => ({}), status: 403 },
    { who: 'boardA', method: 'post', path: () => `${A}/contacts`, body: () => ({ role: 'board_chair', name: 'X', email: 'x@brent.example' }), status: 403 },
    { who: 'councilAdminA', method: 'post', path: () => `${B}/contacts`, body: () => ({ role: 'board_chair', name: 'X', email: 'x@brent.example' }), status: 404 },
    { who: 'councilAdminA', method: 'post', path: () => `${A}/contacts`, body: () => ({ role: 'board_chair', name: 'X', email: 'x@brent.example' }), status: 303 },
    // Board meetings and this cycle's update: the board's, and the owning team's update.
    { who: 'viewerA', method: 'post', path: () => `${A}/meetings`, body: () => meetingForm('July board', '1'), status: 403 },
    { who: 'councilAdminA', method: 'post', path: () => `${A}/meetings`, body: () => meetingForm('July board', '1'), status: 403 },
    { who: 'boardB', method: 'post', path: () => `${A}/meetings`, body: () => meetingForm('July board', '1'), status: 404 },
    { who: 'boardA', method: 'post', path: () => `${A}/meetings`, body: () => meetingForm('July board', '1'), status: 303 },
    { who: 'boardA', method: 'post', path: () => `${A}/meetings`, body: () => meetingForm('', '40'), status: 400 },
    { who: 'teamA', method: 'post', path: () => `${A}/meetings/${meetingA}`, body: () => meetingForm('Renamed', '2'), status: 403 },
    { who: 'boardB', method: 'post', path: () => `${A}/meetings/${meetingA}`, body: () => meetingForm('Renamed', '2'), status: 404 },
    { who: 'boardA', method: 'post', path: () => `${A}/meetings/${meetingA}`, body: () => meetingForm('June board', '2'), status: 303 },
    { who: 'chairA', method: 'post', path: () => `${A}/meetings/${meetingA}/remove`, body: () => ({}), status: 403 },
    { who: 'boardB', method: 'post', path: () => `${A}/meetings/${meetingA}/remove`, body: () => ({}), status: 404 },
    { who: 'viewerA', method: 'post', path: () => `/actions/${actionA}/cycle-update`, body: () => ({ meeting: String(meetingA), cycleUpdate: 'x' }), status: 403 },
    { who: 'boardB', method: 'post', path: () => `/actions/${actionA}/cycle-update`, body: () => ({ meeting: String(meetingA), cycleUpdate: 'x' }), status: 404 },
    { who: 'boardA', method: 'post', path: () => `/actions/${actionA}/cycle-update`, body: () => ({ meeting: String(meetingA), cycleUpdate: 'Audit done' }), status: 303 },
    { who: 'boardA', method: 'post', path: () => `/actions/${actionA}/cycle-update`, body: () => ({ meeting: String(meetingA), cycleUpdate: '' }), status: 400 },
    { who: 'councilAdminA', method: 'post', path: () => `${A}/data/delete`, body: () => ({}), status: 403 },
    { who: 'boardB', method: 'post', path: () => `${A}/data/delete`, body: () => ({}), status: 403 },
    { who: 'councilAdminA', method: 'post', path: () => '/operations/queue/reminder-mail/any-job/retry', body: () => ({}), status: 403 },
    { who: 'teamA', method: 'post', path: () => '/actions/assign', body: () => ({ authority: BRENT, back: '/actions', teamId: String(teamA), actionIds: String(actionA) }), status: 403 },
    { who: 'viewerA', method: 'post', path: () => '/actions/assign', body: () => ({ authority: BRENT, back: '/actions', teamId: String(teamA), actionIds: String(actionA) }), status: 403 },
    { who: 'chairA', method: 'post', path: () => '/actions/assign', body: () => ({ authority: BRENT, back: '/actions', teamId: String(teamA), actionIds: String(actionA) }), status: 403 },
    { who: 'boardB', method: 'post', path: () => '/actions/assign', body: () => ({ authority: BRENT, back: '/actions', teamId: String(teamA), actionIds: String(actionA) }), status: 404 },
    { who: 'boardA', method: 'get', path: () => `${B}/date-requests`, status: 404 },
    { who: 'chairA', method: 'get', path: () => `${B}/challenges`, status: 404 },
    { who: 'boardA', method: 'get', path: () => `/recommendations/${recommendationB}/actions/new`, status: 404 },
    { who: 'teamA', method: 'post', path: () => `/recommendations/${recommendationA}/actions`, body: () => ({ title: 'By a team', whatWillBeDone: 'x' }), status: 403 },
    { who: 'chairA', method: 'post', path: () => `/recommendations/${recommendationA}/actions`, body: () => ({ title: 'By the chair', whatWillBeDone: 'x' }), status: 403 },
    { who: 'boardB', method: 'post', path: () => `/recommendations/${recommendationA}/actions`, body: () => ({ title: 'Intruders', whatWillBeDone: 'x' }), status: 404 },
    { who: 'boardA', method: 'post', path: () => `/recommendations/${recommendationA}/actions`, body: () => ({ title: '', whatWillBeDone: '' }), status: 400 },
    { who: 'boardA', method: 'post', path: () => `/recommendations/${recommendationA}/actions`, body: () => ({ title: 'By the board', whatWillBeDone: 'An audit' }), status: 303 },
    // Each person's own reminder choice, whatever their role.
    ...everyone.map((who): Row => ({ who, method: 'post', path: () => '/account/reminders', body: () => ({ digest: 'weekly', weekday: '2' }), status: 303 })),
    { who: 'councilAdminA', method: 'post', path: () => '/actions/assign', body: () => ({ authority: BRENT, back: '/actions', teamId: String(teamA), actionIds: String(actionB) }), status: 404 },
    { who: 'boardA', method: 'post', path: () => '/actions/assign', body: () => ({ authority: BRENT, back: '/actions', teamId: String(teamA), actionIds: String(actionA) }), status: 303 },
    { who: 'councilAdminA', method: 'post', path: () => '/actions/assign', body: () => ({ authority: BRENT, back: '/actions', teamId: String(teamA), actionIds: String(actionA), leadOfficer: 'Sam Lee' }), status: 303 },
  ];

  it.each(rows)('$who $method $path → $status', async (row) => {
    const { agent, csrf } = sessions[row.who];
    const response = row.method === 'get' ? await agent.get(row.path()) : await agent.post(row.path()).type('form').send({ _csrf: csrf, ...row.body?.() });
    expect(response.status, response.text.slice(0, 300)).toBe(row.status);
  });

  it('refuses every write without the session’s CSRF token', async () => {
    const { agent } = sessions.councilAdminA;
    await agent.post(`${A}/teams`).type('form').send({ name: 'No token' }).expect(403);
    await agent.post(`${A}/contacts`).type('form').send({ role: 'board_chair', name: 'X', email: 'y@brent.example' }).expect(403);
    await sessions.boardA.agent.post(`${A}/meetings`).type('form').send(meetingForm('No token', '2')).expect(403);
    await agent.post('/account/tokens').type('form').send({ name: 'No token', expiresInDays: '30' }).expect(403);
    await agent.post('/account/reminders').type('form').send({ digest: 'none' }).expect(403);
    await sessions.boardA.agent.post(`/recommendations/${recommendationA}/actions`).type('form').send({ title: 'No token', whatWillBeDone: 'x' }).expect(403);
  });
});
