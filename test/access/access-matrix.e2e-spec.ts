import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { addCalendarDays } from '#deadlines';
import { ApiToken, TOKEN_PATTERN } from '#access';
import { ActionUpdate } from '#database';
import { DataSource } from 'typeorm';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { documentedHttp, type DocumentedHttp } from '../support/api-client.js';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';
import { BRENT, makePerson, seedTwoAuthorities, WALTHAM_FOREST, type Person } from './access-fixture.js';

type Who = 'viewerA' | 'boardA' | 'teamA' | 'chairA' | 'boardB' | 'viewerAB' | 'councilAdminA';
type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

interface Row {
  who: Who;
  method: Method;
  does: string;
  path: () => string;
  body?: () => Promise<object> | object;
  status: number;
  check?: (body: any) => Promise<void> | void;
  /** Makes the record the row acts on, in the state the row needs, just before it (rows run in any order). */
  given?: () => Promise<void>;
  /** Puts back what the row changed that other rows read (a person's own preference). */
  restore?: () => Promise<void>;
  /** Sent as a multipart upload in the field "file" instead of a body. */
  file?: { name: string; bytes: Buffer };
}

const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

const NEXT_STATUS: Record<string, string> = { not_started: 'in_progress', in_progress: 'blocked', blocked: 'in_progress' };

/**
 * The role × endpoint matrix on two authorities: A is Brent, B is Waltham Forest. Each row is one
 * caller doing one thing, with the status they must get back. Another authority's resource is
 * always 404 (its existence is not revealed); a visible resource the role may not change is 403.
 */
describe('access matrix', () => {
  let api: TestApi;
  /** Every JSON answer from the API is checked against the OpenAPI document. */
  let http: DocumentedHttp;
  const people = {} as Record<Who, Person>;
  let reportA: number;
  let reportB: number;
  let ownA: number; // owned by the team member's team
  let otherA: number; // owned by another Brent team
  let actionB: number;
  let teamA: number;
  let brentActionCount: number;
  let uploadA: string; // a report of A waiting for board member A to correct and confirm it
  // The governance records the rows below act on: each row that needs one makes its own (`given`),
  // except the evidence file, which rows only read.
  let challengeA: number;
  let dateRequestA: number;
  let milestoneA: number;
  let evidenceA: number;
  let meetingA: number;

  const adminGet = async (path: string) => (await http.get(path).set(api.adminAuth).expect(200)).body;
  const current = async (id: number) => adminGet(`/api/actions/${id}`);
  const statusChange = (id: () => number) => async () => {
    const action = await current(id());
    return { version: action.version, status: NEXT_STATUS[action.status] };
  };
  const withVersion = (id: () => number, changes: object) => async () => ({ version: (await current(id())).version, ...changes });

  let made = 0;
  /** A date no other record of the file uses: meetings are one a day, and a new due date must differ from the current one. */
  const freshDate = (from: string) => addCalendarDays(from, (made += 1));
  const openChallenge = async () => {
    const raised = await http.post(`/api/actions/${ownA}/challenges`).set(people.chairA.auth).send({ question: 'Where is the audit?' }).expect(201);
    challengeA = raised.body.id;
  };
  const respondedChallenge = async () => {
    await openChallenge();
    await http.post(`/api/actions/${ownA}/challenges/${challengeA}/events`).set(people.teamA.auth).send({ event: 'respond', note: 'Audit attached' }).expect(200);
  };
  /** The team may have one request pending per action: withdraw any left, as the board may. */
  const noPendingDateRequest = async () => {
    const pending = (await adminGet(`/api/authorities/${BRENT}/date-requests`)) as { id: number; actionId: number }[];
    for (const request of pending.filter((item) => item.actionId === ownA)) {
      await http.post(`/api/actions/${ownA}/date-requests/${request.id}/decision`).set(people.boardA.auth).send({ event: 'withdraw' }).expect(200);
    }
  };
  const pendingDateRequest = async () => {
    await noPendingDateRequest();
    const asked = await http.post(`/api/actions/${ownA}/date-requests`).set(people.teamA.auth).send({ proposedDate: freshDate('2016-03-01'), reason: 'Recruitment' }).expect(201);
    dateRequestA = asked.body.id;
  };
  const freshMilestone = async () => {
    const added = await http.post(`/api/actions/${ownA}/milestones`).set(people.boardA.auth).send({ title: 'Audit tool agreed', dueDate: '2015-09-01' }).expect(201);
    milestoneA = added.body.id;
  };
  const freshMeeting = async () => {
    const recorded = await http.post(`/api/authorities/${BRENT}/meetings`).set(people.boardA.auth).send({ meetingDate: freshDate('2015-08-01'), title: 'July board' }).expect(201);
    meetingA = recorded.body.id;
  };
  const correctedUpload = async () => {
    await http.post(`/reports/uploads/${uploadA}/recommendations/1`).set(people.boardA.auth)
      .send({ text: 'Ensure that strategy discussions are recorded.', timeframe: 'immediate', addressee: 'local_authority' }).expect(303);
    await http.post(`/reports/uploads/${uploadA}/baseline`).set(people.boardA.auth).send({ baselineDay: '1', baselineMonth: '2', baselineYear: '2013' }).expect(303);
  };

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000' } });
    http = await documentedHttp(api);
    const { reportIds } = await seedTwoAuthorities(api);
    reportA = reportIds[BRENT];
    reportB = reportIds[WALTHAM_FOREST];

    const brent = (await adminGet(`/api/actions?authority=${BRENT}&limit=100&sort=id`)) as { total: number; items: { id: number; team: { id: number } | null }[] };
    brentActionCount = brent.total;
    const owned = brent.items.filter((item) => item.team);
    ownA = owned[0].id;
    teamA = owned[0].team!.id;
    otherA = (brent.items.find((item) => item.team && item.team.id !== teamA) ?? brent.items.find((item) => !item.team))!.id;
    actionB = (await adminGet(`/api/actions?authority=${WALTHAM_FOREST}&limit=1&sort=id`)).items[0].id;

    people.viewerA = await makePerson(api, 'viewer-a', [{ role: 'viewer', authorityCode: BRENT }]);
    people.boardA = await makePerson(api, 'board-a', [{ role: 'board_member', authorityCode: BRENT }]);
    people.teamA = await makePerson(api, 'team-a', [{ role: 'team_member', authorityCode: BRENT, teamId: teamA }]);
    people.chairA = await makePerson(api, 'chair-a', [{ role: 'lscb_chair', authorityCode: BRENT }]);
    people.boardB = await makePerson(api, 'board-b', [{ role: 'board_member', authorityCode: WALTHAM_FOREST }]);
    people.councilAdminA = await makePerson(api, 'council-admin-a', [{ role: 'council_admin', authorityCode: BRENT }]);
    const brentText = await readFile(join(SEEDS_DIR, 'reports', 'brent-2012-protection.txt'));
    const preview = await http.post('/reports/new').set(people.boardA.auth).attach('file', brentText, 'brent.txt').expect(200);
    uploadA = /name="upload" value="([^"]+)"/.exec(preview.text)![1];
    people.viewerAB = await makePerson(api, 'viewer-ab', [
      { role: 'viewer', authorityCode: BRENT },
      { role: 'viewer', authorityCode: WALTHAM_FOREST },
    ]);
    const evidence = await http.post(`/api/actions/${ownA}/evidence`).set(people.teamA.auth).attach('file', EVIDENCE_PDF, 'minutes.pdf').expect(201);
    evidenceA = evidence.body.id;
  });

  afterAll(async () => {
    await api?.close();
  });

  const rows: Row[] = [
    // Reads are filtered to the caller's authorities.
    {
      who: 'viewerA', method: 'get', does: "lists only A's actions", path: () => '/api/actions?limit=100', status: 200,
      check: (body) => {
        expect(body.total).toBe(brentActionCount);
        expect(new Set(body.items.map((item: { authorityCode: string }) => item.authorityCode))).toEqual(new Set([BRENT]));
      },
    },
    {
      who: 'viewerA', method: 'get', does: "filters to B's actions and finds none", path: () => `/api/actions?authority=${WALTHAM_FOREST}`, status: 200,
      check: (body) => expect(body.total).toBe(0),
    },
    { who: 'viewerA', method: 'get', does: "reads A's action", path: () => `/api/actions/${ownA}`, status: 200 },
    { who: 'viewerA', method: 'get', does: "reads B's action", path: () => `/api/actions/${actionB}`, status: 404 },
    { who: 'viewerA', method: 'get', does: "reads B's report", path: () => `/api/reports/${reportB}`, status: 404 },
    { who: 'viewerA', method: 'get', does: "reads B's recommendations", path: () => `/api/reports/${reportB}/recommendations`, status: 404 },
    { who: 'viewerA', method: 'get', does: "reads B's summary", path: () => `/api/authorities/${WALTHAM_FOREST}/summary`, status: 404 },
    { who: 'viewerA', method: 'get', does: "reads A's summary", path: () => `/api/authorities/${BRENT}/summary`, status: 200 },
    {
      who: 'viewerA', method: 'get', does: 'lists only reports of A', path: () => '/api/reports', status: 200,
      check: (body) => expect(body.map((report: { id: number }) => report.id)).toEqual([reportA]),
    },
    {
      who: 'viewerA', method: 'get', does: 'lists only teams of A', path: () => '/api/teams', status: 200,
      check: (body) => expect(new Set(body.map((team: { authorityCode: string }) => team.authorityCode))).toEqual(new Set([BRENT])),
    },
    {
      who: 'viewerAB', method: 'get', does: 'sees the union of A and B', path: () => '/api/actions?limit=1', status: 200,
      check: async (body) => {
        const b = await adminGet(`/api/actions?authority=${WALTHAM_FOREST}&limit=1`);
        expect(body.total).toBe(brentActionCount + b.total);
      },
    },
    {
      who: 'boardB', method: 'get', does: "lists only B's actions", path: () => '/api/actions?limit=100', status: 200,
      check: (body) => expect(new Set(body.items.map((item: { authorityCode: string }) => item.authorityCode))).toEqual(new Set([WALTHAM_FOREST])),
    },
    { who: 'chairA', method: 'get', does: "reads A's overdue list", path: () => `/api/actions/overdue?authority=${BRENT}`, status: 200 },

    // viewer: read only.
    { who: 'viewerA', method: 'patch', does: "changes the status of A's action", path: () => `/api/actions/${ownA}`, body: statusChange(() => ownA), status: 403 },
    { who: 'viewerA', method: 'post', does: "adds progress to A's action", path: () => `/api/actions/${ownA}/updates`, body: () => ({ note: 'x' }), status: 403 },
    { who: 'viewerA', method: 'post', does: 'reviews an action', path: () => `/api/actions/${ownA}/reviews`, body: () => ({ outcome: 'reviewed', note: 'x' }), status: 403 },
    { who: 'viewerA', method: 'post', does: 'creates a team', path: () => '/api/teams', body: () => ({ authorityCode: BRENT, name: 'Viewer team' }), status: 403 },
    { who: 'viewerA', method: 'patch', does: 'moves a report baseline', path: () => `/api/reports/${reportA}`, body: () => ({ baselineDate: '2012-06-01' }), status: 403 },
    { who: 'viewerA', method: 'get', does: 'lists users', path: () => '/api/users', status: 403 },

    // board member: everything on A's actions, teams and reports; nothing of B.
    {
      who: 'boardA', method: 'patch', does: "changes status, due date and RAG of A's action", path: () => `/api/actions/${otherA}`,
      body: async () => ({ ...(await statusChange(() => otherA)()), dueDate: '2015-09-30', dueDateReason: 'Re-programmed by the board', ragOverride: 'amber', ragOverrideNote: 'Board judgement' }),
      status: 200,
    },
    { who: 'boardA', method: 'patch', does: "reassigns A's action", path: () => `/api/actions/${otherA}`, body: withVersion(() => otherA, { teamId: null }), status: 200 },
    { who: 'boardA', method: 'post', does: "adds progress to A's action", path: () => `/api/actions/${otherA}/updates`, body: () => ({ note: 'Board update' }), status: 201 },
    { who: 'boardA', method: 'post', does: 'creates a team of A', path: () => '/api/teams', body: () => ({ authorityCode: BRENT, name: 'Board task group' }), status: 201 },
    { who: 'boardA', method: 'patch', does: "moves A's report baseline", path: () => `/api/reports/${reportA}`, body: () => ({ baselineDate: '2012-06-01' }), status: 200 },
    { who: 'boardA', method: 'post', does: 'reviews an action (the chair does that)', path: () => `/api/actions/${ownA}/reviews`, body: () => ({ outcome: 'reviewed', note: 'x' }), status: 403 },
    { who: 'boardA', method: 'patch', does: "changes B's action", path: () => `/api/actions/${actionB}`, body: statusChange(() => actionB), status: 404 },
    { who: 'boardA', method: 'post', does: "adds progress to B's action", path: () => `/api/actions/${actionB}/updates`, body: () => ({ note: 'x' }), status: 404 },
    { who: 'boardA', method: 'post', does: 'creates a team of B', path: () => '/api/teams', body: () => ({ authorityCode: WALTHAM_FOREST, name: 'Intruders' }), status: 404 },
    { who: 'boardA', method: 'patch', does: "moves B's report baseline", path: () => `/api/reports/${reportB}`, body: () => ({ baselineDate: '2015-02-01' }), status: 404 },
    { who: 'boardA', method: 'post', does: 'creates a user', path: () => '/api/users', body: () => ({ email: 'x@tracker.test', displayName: 'X' }), status: 403 },
    { who: 'boardB', method: 'patch', does: "changes A's action", path: () => `/api/actions/${ownA}`, body: statusChange(() => ownA), status: 404 },
    { who: 'boardB', method: 'get', does: "reads A's action", path: () => `/api/actions/${ownA}`, status: 404 },

    // team member: status and progress on their own team's actions only.
    { who: 'teamA', method: 'patch', does: "changes the status of their team's action", path: () => `/api/actions/${ownA}`, body: statusChange(() => ownA), status: 200 },
    { who: 'teamA', method: 'post', does: "adds progress to their team's action", path: () => `/api/actions/${ownA}/updates`, body: () => ({ note: 'Audit booked', evidenceLinks: ['https://intranet.example/audit'] }), status: 201 },
    { who: 'teamA', method: 'patch', does: "re-programmes their team's action", path: () => `/api/actions/${ownA}`, body: withVersion(() => ownA, { dueDate: '2016-01-01', dueDateReason: 'x' }), status: 403 },
    { who: 'teamA', method: 'patch', does: "reassigns their team's action", path: () => `/api/actions/${ownA}`, body: withVersion(() => ownA, { teamId: null }), status: 403 },
    { who: 'teamA', method: 'patch', does: "overrides their team's action's RAG", path: () => `/api/actions/${ownA}`, body: withVersion(() => ownA, { ragOverride: 'green', ragOverrideNote: 'x' }), status: 403 },
    { who: 'teamA', method: 'patch', does: "changes another team's action", path: () => `/api/actions/${otherA}`, body: statusChange(() => otherA), status: 403 },
    { who: 'teamA', method: 'post', does: "adds progress to another team's action", path: () => `/api/actions/${otherA}/updates`, body: () => ({ note: 'x' }), status: 403 },
    { who: 'teamA', method: 'patch', does: "changes B's action", path: () => `/api/actions/${actionB}`, body: statusChange(() => actionB), status: 404 },
    { who: 'teamA', method: 'post', does: 'creates a team', path: () => '/api/teams', body: () => ({ authorityCode: BRENT, name: 'Team of one' }), status: 403 },

    // LSCB chair: reads everything of A, reviews, never edits.
    { who: 'chairA', method: 'patch', does: 'changes the status of an action', path: () => `/api/actions/${ownA}`, body: statusChange(() => ownA), status: 403 },
    { who: 'chairA', method: 'post', does: 'adds progress', path: () => `/api/actions/${ownA}/updates`, body: () => ({ note: 'x' }), status: 403 },
    {
      who: 'chairA', method: 'post', does: "challenges A's action", path: () => `/api/actions/${ownA}/reviews`,
      body: () => ({ outcome: 'challenged', note: 'Evidence of the audit is missing' }), status: 201,
      check: (body) => {
        const last = body.journal.at(-1);
        expect(last).toMatchObject({ kind: 'review', actor: people.chairA.name, note: 'Evidence of the audit is missing', changes: [{ field: 'review', from: null, to: 'challenged' }] });
      },
    },
    { who: 'chairA', method: 'post', does: "reviews B's action", path: () => `/api/actions/${actionB}/reviews`, body: () => ({ outcome: 'reviewed', note: 'x' }), status: 404 },
    { who: 'chairA', method: 'post', does: 'reviews with an unknown outcome', path: () => `/api/actions/${ownA}/reviews`, body: () => ({ outcome: 'approved', note: 'x' }), status: 400 },
    { who: 'chairA', method: 'post', does: 'ingests a report', path: () => '/api/reports', body: () => ({ text: 'Brent. Inspection date: 12-23 March 2012' }), status: 403 },

    // council admin: sets A up (teams, owners), never progress, dates, reviews or B.
    { who: 'councilAdminA', method: 'get', does: "reads A's action", path: () => `/api/actions/${ownA}`, status: 200 },
    { who: 'councilAdminA', method: 'post', does: 'creates a team of A', path: () => '/api/teams', body: () => ({ authorityCode: BRENT, name: 'Set up by the council admin' }), status: 201 },
    { who: 'councilAdminA', method: 'post', does: 'creates a team of B', path: () => '/api/teams', body: () => ({ authorityCode: WALTHAM_FOREST, name: 'Intruders' }), status: 404 },
    { who: 'councilAdminA', method: 'patch', does: "assigns an owner and lead officer to A's action", path: () => `/api/actions/${otherA}`, body: async () => {
        // To the team that owns it already: later rows rely on the team member not owning it.
        const action = await current(otherA);
        return { version: action.version, teamId: action.team?.id ?? null, leadOfficer: 'Sam Lee' };
      }, status: 200 },
    { who: 'councilAdminA', method: 'patch', does: "changes the status of A's action", path: () => `/api/actions/${ownA}`, body: statusChange(() => ownA), status: 403 },
    { who: 'councilAdminA', method: 'patch', does: "re-programmes A's action", path: () => `/api/actions/${ownA}`, body: withVersion(() => ownA, { dueDate: '2016-01-01', dueDateReason: 'x' }), status: 403 },
    { who: 'councilAdminA', method: 'post', does: "adds progress to A's action", path: () => `/api/actions/${ownA}/updates`, body: () => ({ note: 'x' }), status: 403 },
    { who: 'councilAdminA', method: 'patch', does: "assigns an owner to B's action", path: () => `/api/actions/${actionB}`, body: withVersion(() => actionB, { teamId: null }), status: 404 },
    { who: 'councilAdminA', method: 'patch', does: "moves A's report baseline", path: () => `/api/reports/${reportA}`, body: () => ({ baselineDate: '2012-06-01' }), status: 403 },
    { who: 'councilAdminA', method: 'get', does: 'lists every user of the deployment', path: () => '/api/users', status: 403 },

    // The board's records: Ofsted's deadline per report.
    { who: 'viewerA', method: 'get', does: "reads A's Ofsted deadline", path: () => `/api/reports/${reportA}/ofsted-deadline`, status: 200 },
    { who: 'viewerA', method: 'get', does: "reads B's Ofsted deadline", path: () => `/api/reports/${reportB}/ofsted-deadline`, status: 404 },
    { who: 'viewerA', method: 'put', does: "records A's Ofsted deadline", path: () => `/api/reports/${reportA}/ofsted-deadline`, body: () => ({ dueDate: '2013-06-28' }), status: 403 },
    { who: 'councilAdminA', method: 'put', does: "records A's Ofsted deadline", path: () => `/api/reports/${reportA}/ofsted-deadline`, body: () => ({ dueDate: '2013-06-28' }), status: 403 },
    { who: 'teamA', method: 'put', does: "records A's Ofsted deadline", path: () => `/api/reports/${reportA}/ofsted-deadline`, body: () => ({ dueDate: '2013-06-28' }), status: 403 },
    { who: 'boardA', method: 'put', does: "records A's Ofsted deadline", path: () => `/api/reports/${reportA}/ofsted-deadline`, body: () => ({ dueDate: '2013-06-28' }), status: 200 },
    { who: 'boardA', method: 'put', does: "records B's Ofsted deadline", path: () => `/api/reports/${reportB}/ofsted-deadline`, body: () => ({ dueDate: '2015-06-30' }), status: 404 },

    // The board's controls: challenges, date change requests, milestones and evidence files.
    { who: 'viewerA', method: 'post', does: "challenges A's action", path: () => `/api/actions/${ownA}/challenges`, body: () => ({ question: 'x' }), status: 403 },
    { who: 'teamA', method: 'post', does: "challenges their team's action", path: () => `/api/actions/${ownA}/challenges`, body: () => ({ question: 'x' }), status: 403 },
    { who: 'councilAdminA', method: 'post', does: "challenges A's action", path: () => `/api/actions/${ownA}/challenges`, body: () => ({ question: 'x' }), status: 403 },
    { who: 'boardB', method: 'post', does: "challenges A's action", path: () => `/api/actions/${ownA}/challenges`, body: () => ({ question: 'x' }), status: 404 },
    {
      who: 'chairA', method: 'post', does: "raises a challenge on A's action", path: () => `/api/actions/${ownA}/challenges`, body: () => ({ question: 'Where is the audit?' }), status: 201 },
    { given: openChallenge, who: 'viewerA', method: 'post', does: 'responds to the challenge', path: () => `/api/actions/${ownA}/challenges/${challengeA}/events`, body: () => ({ event: 'respond', note: 'x' }), status: 403 },
    { given: openChallenge, who: 'teamA', method: 'post', does: "responds to a challenge on another team's action", path: () => `/api/actions/${otherA}/challenges/${challengeA}/events`, body: () => ({ event: 'respond', note: 'x' }), status: 403 },
    { given: openChallenge, who: 'boardB', method: 'post', does: "responds to A's challenge", path: () => `/api/actions/${ownA}/challenges/${challengeA}/events`, body: () => ({ event: 'respond', note: 'x' }), status: 404 },
    { given: openChallenge, who: 'chairA', method: 'post', does: 'answers their own challenge', path: () => `/api/actions/${ownA}/challenges/${challengeA}/events`, body: () => ({ event: 'respond', note: 'x' }), status: 403 },
    { given: openChallenge, who: 'teamA', method: 'post', does: 'responds to the challenge on their action', path: () => `/api/actions/${ownA}/challenges/${challengeA}/events`, body: () => ({ event: 'respond', note: 'Audit attached' }), status: 200 },
    { given: respondedChallenge, who: 'teamA', method: 'post', does: 'closes the challenge', path: () => `/api/actions/${ownA}/challenges/${challengeA}/events`, body: () => ({ event: 'close' }), status: 403 },
    { given: respondedChallenge, who: 'chairA', method: 'post', does: 'closes the challenge', path: () => `/api/actions/${ownA}/challenges/${challengeA}/events`, body: () => ({ event: 'close' }), status: 200 },
    { who: 'viewerA', method: 'get', does: "lists A's open challenges", path: () => `/api/authorities/${BRENT}/challenges`, status: 200 },
    { who: 'viewerA', method: 'get', does: "lists B's open challenges", path: () => `/api/authorities/${WALTHAM_FOREST}/challenges`, status: 404 },
    { who: 'viewerA', method: 'post', does: "asks for a new date on A's action", path: () => `/api/actions/${ownA}/date-requests`, body: () => ({ proposedDate: '2016-01-31', reason: 'x' }), status: 403 },
    { who: 'chairA', method: 'post', does: "asks for a new date on A's action", path: () => `/api/actions/${ownA}/date-requests`, body: () => ({ proposedDate: '2016-01-31', reason: 'x' }), status: 403 },
    { who: 'councilAdminA', method: 'post', does: "asks for a new date on A's action", path: () => `/api/actions/${ownA}/date-requests`, body: () => ({ proposedDate: '2016-01-31', reason: 'x' }), status: 403 },
    { who: 'teamA', method: 'post', does: "asks for a new date on another team's action", path: () => `/api/actions/${otherA}/date-requests`, body: () => ({ proposedDate: '2016-01-31', reason: 'x' }), status: 403 },
    { who: 'boardB', method: 'post', does: "asks for a new date on A's action", path: () => `/api/actions/${ownA}/date-requests`, body: () => ({ proposedDate: '2016-01-31', reason: 'x' }), status: 404 },
    {
      who: 'teamA', method: 'post', does: "asks for a new date on their team's action", path: () => `/api/actions/${ownA}/date-requests`, body: () => ({ proposedDate: '2016-01-31', reason: 'Recruitment' }), status: 201,
      given: noPendingDateRequest, check: (body) => expect(body.state).toBe('pending'),
    },
    { given: pendingDateRequest, who: 'boardA', method: 'get', does: "lists A's pending date requests", path: () => `/api/authorities/${BRENT}/date-requests`, status: 200, check: (body) => expect(body.map((item: { id: number }) => item.id)).toContain(dateRequestA) },
    { who: 'boardB', method: 'get', does: "lists A's pending date requests", path: () => `/api/authorities/${BRENT}/date-requests`, status: 404 },
    { given: pendingDateRequest, who: 'teamA', method: 'post', does: 'approves their own date request', path: () => `/api/actions/${ownA}/date-requests/${dateRequestA}/decision`, body: () => ({ event: 'approve' }), status: 403 },
    { given: pendingDateRequest, who: 'viewerA', method: 'post', does: 'approves a date request', path: () => `/api/actions/${ownA}/date-requests/${dateRequestA}/decision`, body: () => ({ event: 'approve' }), status: 403 },
    { given: pendingDateRequest, who: 'boardB', method: 'post', does: "approves A's date request", path: () => `/api/actions/${ownA}/date-requests/${dateRequestA}/decision`, body: () => ({ event: 'approve' }), status: 404 },
    { given: pendingDateRequest, who: 'boardA', method: 'post', does: "approves A's date request", path: () => `/api/actions/${ownA}/date-requests/${dateRequestA}/decision`, body: () => ({ event: 'approve' }), status: 200 },
    { who: 'boardA', method: 'post', does: "sets a new date on A's action (approved at once)", path: () => `/api/actions/${otherA}/date-requests`, body: () => ({ proposedDate: '2016-02-29', reason: 'Board decision' }), status: 201, check: (body) => expect(body.state).toBe('approved') },
    { who: 'teamA', method: 'post', does: 'adds a milestone', path: () => `/api/actions/${ownA}/milestones`, body: () => ({ title: 'x', dueDate: '2015-09-01' }), status: 403 },
    { who: 'boardB', method: 'post', does: "adds a milestone to A's action", path: () => `/api/actions/${ownA}/milestones`, body: () => ({ title: 'x', dueDate: '2015-09-01' }), status: 404 },
    {
      who: 'boardA', method: 'post', does: "adds a milestone to A's action", path: () => `/api/actions/${ownA}/milestones`, body: () => ({ title: 'Audit tool agreed', dueDate: '2015-09-01' }), status: 201 },
    { given: freshMilestone, who: 'viewerA', method: 'patch', does: 'ticks off a milestone', path: () => `/api/actions/${ownA}/milestones/${milestoneA}`, body: () => ({ met: true }), status: 403 },
    { given: freshMilestone, who: 'boardB', method: 'patch', does: "ticks off A's milestone", path: () => `/api/actions/${ownA}/milestones/${milestoneA}`, body: () => ({ met: true }), status: 404 },
    { given: freshMilestone, who: 'teamA', method: 'patch', does: "ticks off their action's milestone", path: () => `/api/actions/${ownA}/milestones/${milestoneA}`, body: () => ({ met: true }), status: 200 },
    { given: freshMilestone, who: 'teamA', method: 'delete', does: 'removes a milestone', path: () => `/api/actions/${ownA}/milestones/${milestoneA}`, status: 403 },
    { given: freshMilestone, who: 'boardA', method: 'delete', does: "removes A's milestone", path: () => `/api/actions/${ownA}/milestones/${milestoneA}`, status: 204 },
    { who: 'viewerA', method: 'post', does: "uploads evidence to A's action", path: () => `/api/actions/${ownA}/evidence`, file: { name: 'minutes.pdf', bytes: EVIDENCE_PDF }, status: 403 },
    { who: 'chairA', method: 'post', does: "uploads evidence to A's action", path: () => `/api/actions/${ownA}/evidence`, file: { name: 'minutes.pdf', bytes: EVIDENCE_PDF }, status: 403 },
    { who: 'teamA', method: 'post', does: "uploads evidence to another team's action", path: () => `/api/actions/${otherA}/evidence`, file: { name: 'minutes.pdf', bytes: EVIDENCE_PDF }, status: 403 },
    { who: 'boardB', method: 'post', does: "uploads evidence to A's action", path: () => `/api/actions/${ownA}/evidence`, file: { name: 'minutes.pdf', bytes: EVIDENCE_PDF }, status: 404 },
    {
      who: 'teamA', method: 'post', does: "uploads evidence to their team's action", path: () => `/api/actions/${ownA}/evidence`, file: { name: 'minutes.pdf', bytes: EVIDENCE_PDF }, status: 201 },
    { who: 'viewerA', method: 'get', does: "downloads A's evidence file", path: () => `/api/actions/${ownA}/evidence/${evidenceA}`, status: 200 },
    { who: 'boardB', method: 'get', does: "downloads A's evidence file", path: () => `/api/actions/${ownA}/evidence/${evidenceA}`, status: 404 },
    { who: 'boardB', method: 'get', does: "downloads A's evidence file through B's action", path: () => `/api/actions/${actionB}/evidence/${evidenceA}`, status: 404 },

    // The same controls on the action page's forms (303 back to the page when saved).
    { who: 'viewerA', method: 'post', does: 'challenges from the action page', path: () => `/actions/${ownA}/challenges`, body: () => ({ challengeQuestion: 'x' }), status: 403 },
    { who: 'boardB', method: 'post', does: "challenges A's action from the page", path: () => `/actions/${ownA}/challenges`, body: () => ({ challengeQuestion: 'x' }), status: 404 },
    { who: 'chairA', method: 'post', does: 'challenges from the action page', path: () => `/actions/${ownA}/challenges`, body: () => ({ challengeQuestion: 'Is the audit sampled?' }), status: 303 },
    { given: respondedChallenge, who: 'viewerA', method: 'post', does: 'closes a challenge from the page', path: () => `/actions/${ownA}/challenges/${challengeA}`, body: () => ({ event: 'close' }), status: 403 },
    { who: 'viewerA', method: 'post', does: 'asks for a new date from the page', path: () => `/actions/${ownA}/date-requests`, body: () => ({ requestDay: '1', requestMonth: '1', requestYear: '2016', requestReason: 'x' }), status: 403 },
    { who: 'boardB', method: 'post', does: "asks for a new date on A's action from the page", path: () => `/actions/${ownA}/date-requests`, body: () => ({ requestDay: '1', requestMonth: '1', requestYear: '2016', requestReason: 'x' }), status: 404 },
    { given: pendingDateRequest, who: 'viewerA', method: 'post', does: 'decides a date request from the page', path: () => `/actions/${ownA}/date-requests/${dateRequestA}`, body: () => ({ event: 'approve' }), status: 403 },
    { who: 'teamA', method: 'post', does: 'adds a milestone from the page', path: () => `/actions/${ownA}/milestones`, body: () => ({ milestoneTitle: 'x', milestoneDay: '1', milestoneMonth: '9', milestoneYear: '2015' }), status: 403 },
    { who: 'boardB', method: 'post', does: "adds a milestone to A's action from the page", path: () => `/actions/${ownA}/milestones`, body: () => ({ milestoneTitle: 'x', milestoneDay: '1', milestoneMonth: '9', milestoneYear: '2015' }), status: 404 },
    { who: 'boardA', method: 'post', does: 'adds a milestone from the page', path: () => `/actions/${ownA}/milestones`, body: () => ({ milestoneTitle: 'Audit reported', milestoneDay: '1', milestoneMonth: '9', milestoneYear: '2015' }), status: 303 },
    { given: freshMilestone, who: 'viewerA', method: 'post', does: 'ticks off a milestone from the page', path: () => `/actions/${ownA}/milestones/${milestoneA}`, body: () => ({ met: 'true' }), status: 403 },
    { who: 'teamA', method: 'post', does: 'changes the plan from the page', path: () => `/actions/${ownA}/plan`, body: withVersion(() => ownA, { whatWillBeDone: 'x' }), status: 403 },
    { who: 'boardA', method: 'post', does: 'changes the plan from the page', path: () => `/actions/${otherA}/plan`, body: withVersion(() => otherA, { whatWillBeDone: 'Audit 20 plans a quarter' }), status: 303 },
    { who: 'teamA', method: 'post', does: 'overrides RAG from the page', path: () => `/actions/${ownA}/rag`, body: withVersion(() => ownA, { rag: 'green', ragNote: 'x' }), status: 403 },
    { who: 'boardB', method: 'post', does: "overrides A's RAG from the page", path: () => `/actions/${ownA}/rag`, body: withVersion(() => ownA, { rag: 'green', ragNote: 'x' }), status: 404 },
    { who: 'viewerA', method: 'post', does: 'uploads evidence from the page', path: () => `/actions/${ownA}/evidence`, file: { name: 'minutes.pdf', bytes: EVIDENCE_PDF }, status: 403 },
    { who: 'boardB', method: 'post', does: "uploads evidence to A's action from the page", path: () => `/actions/${ownA}/evidence`, file: { name: 'minutes.pdf', bytes: EVIDENCE_PDF }, status: 404 },
    { who: 'viewerA', method: 'get', does: "downloads A's evidence from the page", path: () => `/actions/${ownA}/evidence/${evidenceA}`, status: 200 },
    { who: 'boardB', method: 'get', does: "downloads A's evidence from the page", path: () => `/actions/${ownA}/evidence/${evidenceA}`, status: 404 },

    // A council's data out and deleted: the deployment's admins only (test/web/council-data-pages.e2e-spec.ts has the admin's rows).
    { who: 'councilAdminA', method: 'get', does: "opens A's council data page", path: () => `/authorities/${BRENT}/data`, status: 403 },
    { who: 'councilAdminA', method: 'get', does: "downloads A's council data", path: () => `/authorities/${BRENT}/data/export`, status: 403 },
    { who: 'councilAdminA', method: 'get', does: "opens the deletion of A's data", path: () => `/authorities/${BRENT}/data/delete`, status: 403 },
    { who: 'councilAdminA', method: 'post', does: "deletes A's data", path: () => `/authorities/${BRENT}/data/delete`, body: () => ({}), status: 403 },
    { who: 'boardA', method: 'get', does: "downloads A's council data", path: () => `/authorities/${BRENT}/data/export`, status: 403 },
    { who: 'boardA', method: 'post', does: "deletes A's data", path: () => `/authorities/${BRENT}/data/delete`, body: () => ({}), status: 403 },
    { who: 'viewerA', method: 'get', does: "downloads A's council data", path: () => `/authorities/${BRENT}/data/export`, status: 403 },
    { who: 'boardB', method: 'post', does: "deletes A's data", path: () => `/authorities/${BRENT}/data/delete`, body: () => ({}), status: 403 },

    // Correcting an upload before confirming it (pages): its uploader only, while they may add A's reports.
    { who: 'boardA', method: 'get', does: 'opens their upload of A', path: () => `/reports/uploads/${uploadA}`, status: 200 },
    { who: 'boardA', method: 'get', does: "opens a recommendation of their upload's", path: () => `/reports/uploads/${uploadA}/recommendations/1`, status: 200 },
    {
      who: 'boardA', method: 'post', does: "corrects a recommendation of their upload's", path: () => `/reports/uploads/${uploadA}/recommendations/1`,
      body: () => ({ text: 'Ensure that strategy discussions are recorded.', timeframe: 'immediate', addressee: 'local_authority' }), status: 303,
    },
    { who: 'boardA', method: 'get', does: 'opens the split page of their upload', path: () => `/reports/uploads/${uploadA}/recommendations/1/split`, status: 200 },
    { who: 'boardA', method: 'get', does: 'opens the remove page of their upload', path: () => `/reports/uploads/${uploadA}/recommendations/1/remove`, status: 200 },
    { who: 'boardA', method: 'get', does: 'opens the add page of their upload', path: () => `/reports/uploads/${uploadA}/add`, status: 200 },
    { who: 'boardA', method: 'post', does: 'moves the baseline of their upload', path: () => `/reports/uploads/${uploadA}/baseline`, body: () => ({ baselineDay: '1', baselineMonth: '2', baselineYear: '2013' }), status: 303 },
    { who: 'viewerA', method: 'get', does: "opens board member A's upload", path: () => `/reports/uploads/${uploadA}`, status: 403 },
    { who: 'viewerAB', method: 'get', does: "opens the add page of board member A's upload", path: () => `/reports/uploads/${uploadA}/add`, status: 403 },
    { who: 'teamA', method: 'post', does: "adds to board member A's upload", path: () => `/reports/uploads/${uploadA}/add`, body: () => ({ text: 'x', timeframe: 'immediate', addressee: 'lscb' }), status: 403 },
    { who: 'chairA', method: 'post', does: "removes from board member A's upload", path: () => `/reports/uploads/${uploadA}/recommendations/1/remove`, status: 403 },
    { who: 'councilAdminA', method: 'get', does: "opens board member A's upload", path: () => `/reports/uploads/${uploadA}`, status: 404 },
    { who: 'councilAdminA', method: 'post', does: "splits a recommendation of board member A's upload", path: () => `/reports/uploads/${uploadA}/recommendations/1/split`, body: () => ({ first: 'a', second: 'b' }), status: 404 },
    { who: 'boardB', method: 'get', does: "opens board member A's upload", path: () => `/reports/uploads/${uploadA}`, status: 404 },
    { who: 'boardB', method: 'post', does: "moves the baseline of board member A's upload", path: () => `/reports/uploads/${uploadA}/baseline`, body: () => ({ baselineDay: '1', baselineMonth: '2', baselineYear: '2013' }), status: 404 },
    { who: 'boardB', method: 'post', does: "confirms board member A's upload", path: () => '/reports/confirm', body: () => ({ upload: uploadA }), status: 404 },
    {
      who: 'boardA', method: 'get', does: 'sees their corrections on their upload', path: () => `/reports/uploads/${uploadA}`, status: 200, given: correctedUpload,
      check: async () => {
        const page = await http.get(`/reports/uploads/${uploadA}`).set(people.boardA.auth).expect(200);
        expect(page.text).toContain('Ensure that strategy discussions are recorded.');
        expect(page.text).toContain('1 February 2013');
      },
    },
    // Recommendations made before.
    { who: 'viewerA', method: 'get', does: "reads the repeats of A's action", path: () => `/api/actions/${ownA}/repeats`, status: 200 },
    { who: 'viewerA', method: 'get', does: "reads the repeats of B's action", path: () => `/api/actions/${actionB}/repeats`, status: 404 },
    { who: 'viewerA', method: 'get', does: "reads A's repeats", path: () => `/api/authorities/${BRENT}/repeats`, status: 200 },
    { who: 'viewerA', method: 'get', does: "reads B's repeats", path: () => `/api/authorities/${WALTHAM_FOREST}/repeats`, status: 404 },
    { who: 'viewerA', method: 'patch', does: 'confirms a repeat', path: () => '/api/repeat-links/1', body: () => ({ status: 'confirmed' }), status: 403 },
    { who: 'teamA', method: 'patch', does: 'confirms a repeat', path: () => '/api/repeat-links/1', body: () => ({ status: 'confirmed' }), status: 403 },
    { who: 'boardA', method: 'patch', does: 'confirms a repeat that does not exist', path: () => '/api/repeat-links/999999', body: () => ({ status: 'confirmed' }), status: 404 },
    // Board meetings, cycle updates, since the last meeting, the pack.
    { who: 'viewerA', method: 'get', does: "lists A's meetings", path: () => `/api/authorities/${BRENT}/meetings`, status: 200 },
    { who: 'viewerA', method: 'get', does: "lists B's meetings", path: () => `/api/authorities/${WALTHAM_FOREST}/meetings`, status: 404 },
    { who: 'viewerA', method: 'post', does: 'records a meeting of A', path: () => `/api/authorities/${BRENT}/meetings`, body: () => ({ meetingDate: '2015-07-01', title: 'July board' }), status: 403 },
    { who: 'teamA', method: 'post', does: 'records a meeting of A', path: () => `/api/authorities/${BRENT}/meetings`, body: () => ({ meetingDate: '2015-07-01', title: 'July board' }), status: 403 },
    {
      who: 'boardA', method: 'post', does: 'records a meeting of A', path: () => `/api/authorities/${BRENT}/meetings`, body: () => ({ meetingDate: '2015-07-01', title: 'July board' }), status: 201 },
    { given: freshMeeting, who: 'viewerA', method: 'patch', does: "moves A's meeting", path: () => `/api/meetings/${meetingA}`, body: () => ({ meetingDate: '2015-07-08' }), status: 403 },
    { given: freshMeeting, who: 'teamA', method: 'patch', does: "moves A's meeting", path: () => `/api/meetings/${meetingA}`, body: () => ({ meetingDate: '2015-07-08' }), status: 403 },
    { given: freshMeeting, who: 'boardB', method: 'patch', does: "moves A's meeting", path: () => `/api/meetings/${meetingA}`, body: () => ({ meetingDate: '2015-07-08' }), status: 404 },
    { given: freshMeeting, who: 'boardA', method: 'patch', does: "moves A's meeting", path: () => `/api/meetings/${meetingA}`, body: () => ({ meetingDate: '2015-07-08' }), status: 200, check: (body) => expect(body).toMatchObject({ meetingDate: '2015-07-08', title: 'July board' }) },
    { given: freshMeeting, who: 'boardA', method: 'patch', does: "gives A's meeting an impossible date", path: () => `/api/meetings/${meetingA}`, body: () => ({ meetingDate: '2015-02-30' }), status: 400 },
    { given: freshMeeting, who: 'boardB', method: 'delete', does: "deletes A's meeting", path: () => `/api/meetings/${meetingA}`, status: 404 },
    { given: freshMeeting, who: 'viewerA', method: 'delete', does: "deletes A's meeting", path: () => `/api/meetings/${meetingA}`, status: 403 },
    { who: 'boardA', method: 'post', does: 'records a meeting of B', path: () => `/api/authorities/${WALTHAM_FOREST}/meetings`, body: () => ({ meetingDate: '2015-07-01', title: 'July board' }), status: 404 },
    { who: 'boardB', method: 'put', does: "writes a cycle update on A's action", path: () => `/api/actions/${ownA}/meeting-updates/1`, body: () => ({ note: 'x' }), status: 404 },
    { who: 'viewerA', method: 'put', does: "writes a cycle update on A's action", path: () => `/api/actions/${ownA}/meeting-updates/1`, body: () => ({ note: 'x' }), status: 403 },
    { who: 'viewerA', method: 'get', does: "reads A's changes since the last meeting", path: () => `/api/authorities/${BRENT}/since-last-meeting`, status: 200 },
    { who: 'viewerA', method: 'get', does: "reads B's changes since the last meeting", path: () => `/api/authorities/${WALTHAM_FOREST}/since-last-meeting`, status: 404 },
    { who: 'viewerA', method: 'get', does: "downloads A's board pack", path: () => `/api/authorities/${BRENT}/board-pack.pdf`, status: 200 },
    { who: 'viewerA', method: 'get', does: "downloads B's board pack", path: () => `/api/authorities/${WALTHAM_FOREST}/board-pack.pdf`, status: 404 },
    { who: 'boardB', method: 'get', does: "downloads A's board pack", path: () => `/api/authorities/${BRENT}/board-pack.pdf`, status: 404 },
    // Each person's own reminder preference, whatever their role; nobody else's can be named.
    ...(['viewerA', 'boardA', 'teamA', 'chairA', 'boardB', 'viewerAB', 'councilAdminA'] as const).flatMap((who): Row[] => [
      { who, method: 'get', does: 'reads their own reminder preference', path: () => '/api/account/preferences', status: 200, check: (body) => expect(body).toMatchObject({ digest: 'daily', weekday: null }) },
      { who, method: 'patch', does: 'chooses their own weekly digest', path: () => '/api/account/preferences', body: () => ({ digest: 'weekly', weekday: 4 }), status: 200, check: (body) => expect(body).toMatchObject({ digest: 'weekly', weekday: 4 }),
        restore: async () => void (await http.patch('/api/account/preferences').set(people[who].auth).send({ digest: 'daily' }).expect(200)) },
    ]),
    { who: 'viewerA', method: 'patch', does: "chooses another person's reminder preference", path: () => '/api/account/preferences', body: () => ({ digest: 'none', userId: people.boardA.id }), status: 400 },
    { who: 'viewerA', method: 'get', does: "downloads A's journal", path: () => `/api/authorities/${BRENT}/journal.csv`, status: 200 },
    { who: 'viewerA', method: 'get', does: "downloads B's journal", path: () => `/api/authorities/${WALTHAM_FOREST}/journal.csv`, status: 404 },
    { who: 'viewerA', method: 'get', does: "opens A's since-the-last-meeting page", path: () => `/authorities/${BRENT}/since-last-meeting`, status: 200 },
    { who: 'viewerA', method: 'get', does: "opens B's since-the-last-meeting page", path: () => `/authorities/${WALTHAM_FOREST}/since-last-meeting`, status: 404 },
  ];

  it.each(rows)('$who $method $does → $status', async (row) => {
    if (row.restore) onTestFinished(row.restore);
    await row.given?.();
    const call = http[row.method](row.path()).set(people[row.who].auth);
    const response = row.file ? await call.attach('file', row.file.bytes, row.file.name) : row.body ? await call.send(await row.body()) : await call;
    expect(response.status, JSON.stringify(response.body)).toBe(row.status);
    await row.check?.(response.body);
  });

  it('records in the journal who changed what, by name and user id', async () => {
    await http.patch(`/api/actions/${ownA}`).set(people.teamA.auth).send(await statusChange(() => ownA)()).expect(200);
    await http.post(`/api/actions/${ownA}/updates`).set(people.teamA.auth).send({ note: 'Audit booked' }).expect(201);
    await http.post(`/api/actions/${ownA}/reviews`).set(people.chairA.auth).send({ outcome: 'challenged', note: 'Evidence of the audit is missing' }).expect(201);
    // A date no row sets, so it is always a change.
    await http.patch(`/api/actions/${otherA}`).set(people.boardA.auth).send(await withVersion(() => otherA, { dueDate: '2015-11-30', dueDateReason: 'Re-programmed by the board' })()).expect(200);
    const action = await current(ownA);
    const byKind = (kind: string) => action.journal.filter((entry: { kind: string }) => entry.kind === kind);
    expect(byKind('changed').at(-1)).toMatchObject({ actor: people.teamA.name, changes: [expect.objectContaining({ field: 'status' })] });
    expect(byKind('progress').at(-1)).toMatchObject({ actor: people.teamA.name, note: 'Audit booked' });
    expect(byKind('review').at(-1)).toMatchObject({ actor: people.chairA.name });
    const other = await current(otherA);
    expect(other.journal.some((entry: { actor: string; changes: { field: string }[] }) => entry.actor === people.boardA.name && entry.changes.some((c) => c.field === 'dueDate'))).toBe(true);

    const rows = await api.app.get(DataSource).getRepository(ActionUpdate).find({ where: { actionId: ownA } });
    const review = rows.find((row) => row.kind === 'review')!;
    expect(review.actorUserId).toBe(people.chairA.id);
    // Nothing a user did is recorded as the system.
    expect(rows.filter((row) => row.kind !== 'created').every((row) => row.actorUserId !== null)).toBe(true);
  });

  describe('tokens', () => {
    it('answers 401 without credentials and with a malformed, expired or revoked token', async () => {
      await http.get('/api/actions').expect(401);
      await http.get('/api/actions').set('Authorization', 'Bearer not-a-token').expect(401);
      await http.get('/api/actions').set('Authorization', `Basic ${Buffer.from('a:b').toString('base64')}`).expect(401);

      const created = await http.post('/api/auth/tokens').set(people.viewerA.auth).send({ name: 'script', expiresInDays: 30 }).expect(201);
      const token = created.body.token as string;
      // The secret is the part after the prefix; base64url secrets may themselves contain '_'.
      const [, , secret] = TOKEN_PATTERN.exec(token) ?? [];
      expect(secret).toHaveLength(43);
      const auth = { Authorization: `Bearer ${token}` };
      await http.get('/api/actions').set(auth).expect(200);

      const listed = await http.get('/api/auth/tokens').set(people.viewerA.auth).expect(200);
      expect(listed.body.map((t: { id: number }) => t.id)).toContain(created.body.id);
      expect(JSON.stringify(listed.body)).not.toContain(secret);

      const expired = await http.post('/api/auth/tokens').set(people.viewerA.auth).send({ name: 'old', expiresInDays: 1 }).expect(201);
      await api.app.get(DataSource).getRepository(ApiToken).update({ id: expired.body.id }, { expiresAt: new Date(api.clock.now().getTime() - 1000) });
      await http.get('/api/actions').set('Authorization', `Bearer ${expired.body.token}`).expect(401);

      await http.delete(`/api/auth/tokens/${created.body.id}`).set(people.viewerA.auth).expect(200);
      await http.get('/api/actions').set(auth).expect(401);
    });

    it('applies a role taken away on the very next request of a token just used', async () => {
      const person = await makePerson(api, 'reassigned', [{ role: 'viewer', authorityCode: BRENT }]);
      const seen = await http.get(`/api/actions?authority=${BRENT}`).set(person.auth).expect(200);
      expect(seen.body.total).toBeGreaterThan(0);
      const user = await http.get('/api/users').set(api.adminAuth).expect(200);
      const roleId = user.body.find((u: { id: number }) => u.id === person.id).roles[0].id;
      await http.delete(`/api/users/${person.id}/roles/${roleId}`).set(api.adminAuth).expect(200);
      const after = await http.get(`/api/actions?authority=${BRENT}`).set(person.auth).expect(200);
      expect(after.body.total).toBe(0);
      await http.get(`/api/actions/${ownA}`).set(person.auth).expect(404);
    });

    it("lets only an admin manage another user's tokens, and caps the expiry", async () => {
      await http.post('/api/auth/tokens').set(people.viewerA.auth).send({ name: 'x', expiresInDays: 366 }).expect(400);
      await http.post('/api/auth/tokens').set(people.viewerA.auth).send({ name: 'x', expiresInDays: 5, userId: people.boardA.id }).expect(403);
      const own = await http.get('/api/auth/tokens').set(people.boardA.auth).expect(200);
      await http.delete(`/api/auth/tokens/${own.body[0].id}`).set(people.viewerA.auth).expect(404);
      const forBoard = await http.post('/api/auth/tokens').set(api.adminAuth).send({ name: 'issued', expiresInDays: 5, userId: people.boardA.id }).expect(201);
      const me = await http.get('/api/auth/me').set('Authorization', `Bearer ${forBoard.body.token}`).expect(200);
      expect(me.body.user).toMatchObject({ id: people.boardA.id, email: people.boardA.email });
      expect(me.body.authorities).toEqual([BRENT]);
    });
  });

  describe('browser sessions', () => {
    const login = async (person: Person) => {
      const response = await http.post('/api/auth/login').send({ email: person.email, password: person.password }).expect(200);
      const cookie = (response.headers['set-cookie'] as unknown as string[]).find((value) => value.startsWith('it_session='))!;
      return { cookie: cookie.split(';')[0], csrfToken: response.body.csrfToken as string, setCookie: cookie };
    };

    it('sets an http-only, SameSite=Lax session cookie and answers /me', async () => {
      const session = await login(people.teamA);
      expect(session.setCookie).toMatch(/HttpOnly/i);
      expect(session.setCookie).toMatch(/SameSite=Lax/i);
      const me = await http.get('/api/auth/me').set('Cookie', session.cookie).expect(200);
      expect(me.body).toMatchObject({ method: 'session', csrfToken: session.csrfToken, user: { id: people.teamA.id } });
    });

    it('refuses cookie-authenticated form posts without the CSRF token, and accepts them with it', async () => {
      const session = await login(people.teamA);
      await http.get(`/api/actions/${ownA}`).set('Cookie', session.cookie).expect(200);
      await http.post(`/api/actions/${ownA}/updates`).set('Cookie', session.cookie).type('form').send({ note: 'No token' }).expect(403);
      await http.post(`/api/actions/${ownA}/updates`).set('Cookie', session.cookie).type('form').send({ note: 'Wrong token', _csrf: 'x'.repeat(43) }).expect(403);
      await http.post(`/api/actions/${ownA}/updates`).set('Cookie', session.cookie).send({ note: 'No token' }).expect(403);
      const viaForm = await http.post(`/api/actions/${ownA}/updates`).set('Cookie', session.cookie).type('form').send({ note: 'From the form', _csrf: session.csrfToken }).expect(201);
      expect(viaForm.body.journal.at(-1)).toMatchObject({ kind: 'progress', actor: people.teamA.name, note: 'From the form' });
      await http.post(`/api/actions/${ownA}/updates`).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).send({ note: 'From a script' }).expect(201);
      // The policy still applies to cookie sessions.
      await http.post(`/api/actions/${otherA}/updates`).set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).send({ note: 'x' }).expect(403);
      // Another session's CSRF token does not fit this one.
      const other = await login(people.teamA);
      await http.post(`/api/actions/${ownA}/updates`).set('Cookie', session.cookie).set('X-CSRF-Token', other.csrfToken).send({ note: 'x' }).expect(403);
    });

    it('ends the session on logout', async () => {
      const session = await login(people.viewerA);
      await http.post('/api/auth/logout').set('Cookie', session.cookie).expect(403);
      await http.post('/api/auth/logout').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrfToken).expect(204);
      await http.get('/api/actions').set('Cookie', session.cookie).expect(401);
    });

    it('locks an account after five failed sign-ins, even against the right password', async () => {
      const person = await makePerson(api, 'forgetful', [{ role: 'viewer', authorityCode: BRENT }]);
      await http.post('/api/auth/login').send({ email: 'nobody@tracker.test', password: 'whatever-it-is' }).expect(401);
      for (let attempt = 1; attempt <= 4; attempt += 1) {
        const response = await http.post('/api/auth/login').send({ email: person.email, password: 'wrong-password-again' }).expect(401);
        expect(response.body.message).toBe('Email or password is incorrect');
      }
      const locked = await http.post('/api/auth/login').send({ email: person.email, password: 'wrong-password-again' }).expect(429);
      expect(locked.body.message).toMatch(/locked until/);
      await http.post('/api/auth/login').send({ email: person.email, password: person.password }).expect(429);
      // Tokens are not passwords: a locked account's scripts keep working.
      await http.get('/api/actions').set(person.auth).expect(200);
    });
  });
});
