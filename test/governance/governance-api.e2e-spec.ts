import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BRENT, makePerson, seedTwoAuthorities, WALTHAM_FOREST, type Person } from '../access/access-fixture.js';
import { documentedHttp, type DocumentedHttp } from '../support/api-client.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { signedInAgent } from '../web/support/page-agent.js';

interface ActionBody {
  id: number;
  version: number;
  status: string;
  rag: string;
  dueDate: string;
  originalDueDate: string;
  reprogrammed: boolean;
  daysSlipped: number;
  team: { id: number } | null;
  recommendation: { id: number } | null;
  journal: { kind: string; note: string | null; changes: { field: string; from: unknown; to: unknown }[] }[];
  challenges: { id: number; state: string }[];
  dateRequests: { id: number; state: string; proposedDate: string }[];
  milestones: { id: number; title: string; dueDate: string; metOn: string | null }[];
  evidenceFiles: { id: number; fileName: string; mediaType: string }[];
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const PNG = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex');

/**
 * The board's controls through the API, as the people who use them: a team of Brent, Brent's board
 * and LSCB chair, and a board member of Waltham Forest who must see nothing of Brent's.
 */
describe('governance API', () => {
  let api: TestApi;
  /** Every JSON answer is checked against the OpenAPI document. */
  let http: DocumentedHttp;
  let team: Person;
  let board: Person;
  let chair: Person;
  let viewer: Person;
  let otherBoard: Person;
  let owned: number[];
  let teamId: number;

  const get = async (id: number): Promise<ActionBody> => (await http.get(`/api/actions/${id}`).set(api.adminAuth).expect(200)).body;
  const patch = (who: Person, id: number, body: object) => http.patch(`/api/actions/${id}`).set(who.auth).send(body);
  /** A new action of the team's, for a test that needs one in a state no other test has touched. */
  const freshAction = async (title: string): Promise<ActionBody> => {
    const recommendationId = (await get(owned[0])).recommendation!.id;
    return (await http.post('/api/actions').set(board.auth).send({ recommendationId, title, teamId }).expect(201)).body;
  };

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000', MAX_EVIDENCE_BYTES: '4096' } });
    http = await documentedHttp(api);
    await seedTwoAuthorities(api);
    const brent = (await http.get(`/api/actions?authority=${BRENT}&limit=100&sort=id`).set(api.adminAuth).expect(200)).body.items as ActionBody[];
    teamId = brent.find((item) => item.team)!.team!.id;
    owned = brent.filter((item) => item.team?.id === teamId).map((item) => item.id);
    expect(owned.length).toBeGreaterThanOrEqual(4);
    team = await makePerson(api, 'gov-team', [{ role: 'team_member', authorityCode: BRENT, teamId }]);
    board = await makePerson(api, 'gov-board', [{ role: 'board_member', authorityCode: BRENT }]);
    chair = await makePerson(api, 'gov-chair', [{ role: 'lscb_chair', authorityCode: BRENT }]);
    viewer = await makePerson(api, 'gov-viewer', [{ role: 'viewer', authorityCode: BRENT }]);
    otherBoard = await makePerson(api, 'gov-other-board', [{ role: 'board_member', authorityCode: WALTHAM_FOREST }]);
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('sign-off', () => {
    it('refuses completion without a closing note or evidence, then awaits the board with them', async () => {
      const id = owned[0];
      const summaryBefore = (await http.get(`/api/authorities/${BRENT}/summary`).set(board.auth).expect(200)).body;
      const started = (await patch(team, id, { status: 'in_progress', version: (await get(id)).version }).expect(200)).body as ActionBody;
      const noNote = await patch(team, id, { status: 'completed', version: started.version }).expect(422);
      expect(noNote.body.message).toMatch(/closing note/);
      expect(noNote.body.allowed).toEqual(['blocked', 'awaiting_sign_off']);
      const noEvidence = await patch(team, id, { status: 'completed', version: started.version, note: 'All plans audited' }).expect(422);
      expect(noEvidence.body.message).toMatch(/evidence/);
      expect((await get(id)).status).toBe('in_progress');

      const proposed = await patch(team, id, { status: 'completed', version: started.version, note: 'All plans audited', evidenceLinks: ['https://intranet.brent.example/audit'] }).expect(200);
      expect(proposed.body.status).toBe('awaiting_sign_off');
      expect(proposed.body.awaitingSignOff).toBe(true);
      // Nothing a team does alone turns red to green: the action is still rated against its date.
      expect(proposed.body.rag).toBe('red');
      const summary = (await http.get(`/api/authorities/${BRENT}/summary`).set(board.auth).expect(200)).body;
      expect(summary.awaitingSignOff).toBe(summaryBefore.awaitingSignOff + 1);
      expect(summary.signedOff).toBe(summaryBefore.signedOff);
    });

    it('lets only the board sign off; the board returns it with a reason, then signs it off', async () => {
      let action = await freshAction('Audit every child protection plan');
      const id = action.id;
      action = (await patch(team, id, { status: 'in_progress', version: action.version }).expect(200)).body;
      action = (await patch(team, id, { status: 'completed', version: action.version, note: 'All plans audited', evidenceLinks: ['https://intranet.brent.example/audit'] }).expect(200)).body;
      const teamSignOff = await patch(team, id, { status: 'signed_off', version: action.version }).expect(403);
      expect(teamSignOff.body.message).toMatch(/board member/);
      const noReason = await patch(board, id, { status: 'in_progress', version: action.version }).expect(422);
      expect(noReason.body.message).toMatch(/reason/);
      action = (await patch(board, id, { status: 'in_progress', version: action.version, note: 'The audit covers only half the plans' }).expect(200)).body;
      expect(action.status).toBe('in_progress');

      action = (await patch(team, id, { status: 'completed', version: action.version, note: 'Every plan audited now' }).expect(200)).body;
      expect(action.status).toBe('awaiting_sign_off');
      action = (await patch(board, id, { status: 'signed_off', version: action.version }).expect(200)).body;
      expect(action.status).toBe('signed_off');
      expect(action.rag).toBe('complete');
      const moves = action.journal.flatMap((entry) => entry.changes).filter((change) => change.field === 'status').map((change) => change.to);
      expect(moves).toEqual(['in_progress', 'awaiting_sign_off', 'in_progress', 'awaiting_sign_off', 'signed_off']);
    });
  });

  describe('challenges', () => {
    it('the chair challenges, the team responds, the chair closes; sign-off waits for it; the summary counts it', async () => {
      const { id } = await freshAction('Monthly supervision audited');
      // Other tests open challenges of their own on the council's actions: this one counts its own.
      const openBefore = (await http.get(`/api/authorities/${BRENT}/summary`).set(viewer.auth).expect(200)).body.openChallenges as number;
      const listedBefore = (await http.get(`/api/authorities/${BRENT}/challenges`).set(viewer.auth).expect(200)).body.map((item: { id: number }) => item.id) as number[];
      await http.post(`/api/actions/${id}/challenges`).set(team.auth).send({ question: 'x' }).expect(403);
      await http.post(`/api/actions/${id}/challenges`).set(chair.auth).send({ question: ' ' }).expect(400);
      const raised = await http.post(`/api/actions/${id}/challenges`).set(chair.auth).send({ question: 'Where is the evidence that supervision happens monthly?' }).expect(201);
      expect(raised.body.state).toBe('open');
      const challengeId = raised.body.id;
      expect((await http.get(`/api/authorities/${BRENT}/summary`).set(viewer.auth).expect(200)).body.openChallenges).toBe(openBefore + 1);
      expect((await http.get(`/api/authorities/${BRENT}/challenges`).set(viewer.auth).expect(200)).body.map((item: { id: number }) => item.id)).toEqual([...listedBefore, challengeId]);

      const chairAnswers = await http.post(`/api/actions/${id}/challenges/${challengeId}/events`).set(chair.auth).send({ event: 'respond', note: 'x' }).expect(403);
      expect(chairAnswers.body.allowed).toEqual(['close']);
      await http.post(`/api/actions/${id}/challenges/${challengeId}/events`).set(team.auth).send({ event: 'respond' }).expect(422);
      const answered = await http
        .post(`/api/actions/${id}/challenges/${challengeId}/events`)
        .set(team.auth)
        .send({ event: 'respond', note: 'Supervision audit of May attached to the journal' })
        .expect(200);
      expect(answered.body.state).toBe('responded');
      await http.post(`/api/actions/${id}/challenges/${challengeId}/events`).set(team.auth).send({ event: 'close' }).expect(403);

      // No sign-off while the challenge stands.
      let action = await get(id);
      action = (await patch(team, id, { status: 'in_progress', version: action.version }).expect(200)).body;
      action = (await patch(team, id, { status: 'completed', version: action.version, note: 'Done', evidenceLinks: ['https://intranet.brent.example/s'] }).expect(200)).body;
      const refused = await patch(board, id, { status: 'signed_off', version: action.version }).expect(409);
      expect(refused.body.message).toMatch(/open challenge/);

      const closed = await http.post(`/api/actions/${id}/challenges/${challengeId}/events`).set(chair.auth).send({ event: 'close' }).expect(200);
      expect(closed.body.state).toBe('closed');
      const illegal = await http.post(`/api/actions/${id}/challenges/${challengeId}/events`).set(chair.auth).send({ event: 'challenge_again', note: 'Again' }).expect(422);
      expect(illegal.body.allowed).toEqual([]);
      await patch(board, id, { status: 'signed_off', version: (await get(id)).version }).expect(200);
      expect((await http.get(`/api/authorities/${BRENT}/summary`).set(viewer.auth).expect(200)).body.openChallenges).toBe(openBefore);
      const journal = (await get(id)).journal.filter((entry) => entry.kind === 'challenge').map((entry) => entry.changes[0].to);
      expect(journal).toEqual(['open', 'responded', 'closed']);
    });

    it("opens a challenge the board must answer when the chair's review says challenged", async () => {
      const id = owned[3];
      await http.post(`/api/actions/${id}/reviews`).set(chair.auth).send({ outcome: 'challenged', note: 'Where is the audit of June?' }).expect(201);
      const after = await get(id);
      expect(after.challenges).toMatchObject([{ state: 'open' }]);
      expect(after.journal.slice(-2).map((entry) => [entry.kind, entry.changes[0].to, entry.note])).toEqual([
        ['challenge', 'open', 'Where is the audit of June?'],
        ['review', 'challenged', 'Where is the audit of June?'],
      ]);
      const open = (await http.get(`/api/authorities/${BRENT}/challenges`).set(viewer.auth).expect(200)).body as { actionId: number; question: string }[];
      expect(open).toContainEqual(expect.objectContaining({ actionId: id, question: 'Where is the audit of June?' }));
      // A plain review opens nothing.
      await http.post(`/api/actions/${id}/reviews`).set(chair.auth).send({ outcome: 'reviewed', note: 'Seen' }).expect(201);
      expect((await get(id)).challenges).toHaveLength(1);
    });

    it("hides one council's challenges from another", async () => {
      await http.post(`/api/actions/${owned[1]}/challenges`).set(otherBoard.auth).send({ question: 'Why?' }).expect(404);
      await http.get(`/api/authorities/${BRENT}/challenges`).set(otherBoard.auth).expect(404);
    });
  });

  describe('slippage and date change requests', () => {
    it("approves one team request and rejects another; the board's own change is recorded as approved; past dates refused", async () => {
      const id = owned[2];
      const before = await get(id);
      await patch(team, id, { dueDate: '2015-09-30', dueDateReason: 'x', version: before.version }).expect(403);
      const past = await http.post(`/api/actions/${id}/date-requests`).set(team.auth).send({ proposedDate: '2015-05-01', reason: 'Staff left' }).expect(422);
      expect(past.body.message).toMatch(/in the past/);

      const first = await http.post(`/api/actions/${id}/date-requests`).set(team.auth).send({ proposedDate: '2015-09-30', reason: 'New system goes live in September' }).expect(201);
      expect(first.body.state).toBe('pending');
      await http.post(`/api/actions/${id}/date-requests`).set(team.auth).send({ proposedDate: '2015-10-30', reason: 'Another' }).expect(409);
      expect((await http.get(`/api/authorities/${BRENT}/date-requests`).set(board.auth).expect(200)).body.map((item: { id: number }) => item.id)).toEqual([first.body.id]);
      await http.post(`/api/actions/${id}/date-requests/${first.body.id}/decision`).set(team.auth).send({ event: 'approve' }).expect(403);
      const approved = await http.post(`/api/actions/${id}/date-requests/${first.body.id}/decision`).set(board.auth).send({ event: 'approve' }).expect(200);
      expect(approved.body.state).toBe('approved');

      let action = await get(id);
      expect(action.dueDate).toBe('2015-09-30');
      expect(action.originalDueDate).toBe(before.originalDueDate);
      expect(action.reprogrammed).toBe(true);
      expect(action.daysSlipped).toBeGreaterThan(0);
      expect(action.rag).toBe('green');

      const second = await http.post(`/api/actions/${id}/date-requests`).set(team.auth).send({ proposedDate: '2016-03-31', reason: 'Recruitment' }).expect(201);
      await http.post(`/api/actions/${id}/date-requests/${second.body.id}/decision`).set(board.auth).send({ event: 'reject' }).expect(422);
      const rejected = await http.post(`/api/actions/${id}/date-requests/${second.body.id}/decision`).set(board.auth).send({ event: 'reject', note: 'Use agency staff' }).expect(200);
      expect(rejected.body.state).toBe('rejected');
      expect((await get(id)).dueDate).toBe('2015-09-30');

      action = await get(id);
      await patch(board, id, { dueDate: '2015-05-30', dueDateReason: 'Back-dated', version: action.version }).expect(400);
      action = (await patch(board, id, { dueDate: '2015-12-31', dueDateReason: 'Board moved it', version: action.version }).expect(200)).body;
      const own = action.dateRequests.find((request) => request.proposedDate === '2015-12-31')!;
      expect(own.state).toBe('approved');
      const states = action.journal.filter((entry) => entry.kind === 'date_request').map((entry) => entry.changes[0].to);
      expect(states).toEqual(['pending', 'approved', 'pending', 'rejected']);
    });

    it('counts and lists a re-programmed action, and rates it against the original date when RAG_BASIS=original', async () => {
      const fresh = await freshAction('Re-programmed by the board');
      const moved = (await patch(board, fresh.id, { dueDate: '2015-12-31', dueDateReason: 'Board moved it', version: fresh.version }).expect(200)).body as ActionBody;
      expect(moved.reprogrammed).toBe(true);
      const summary = (await http.get(`/api/authorities/${BRENT}/summary`).set(board.auth).expect(200)).body;
      const listed = (await http.get(`/api/actions?authority=${BRENT}&reprogrammed=true&limit=100`).set(board.auth).expect(200)).body;
      expect(summary.reprogrammed).toBe(listed.total);
      expect(listed.items.map((item: { id: number }) => item.id)).toContain(fresh.id);
      expect(listed.items.every((item: { reprogrammed: boolean }) => item.reprogrammed)).toBe(true);

      const original = await startTestApi({ today: '2015-06-01', env: { RAG_BASIS: 'original' } });
      try {
        const client = request(original.app.getHttpServer());
        await seedTwoAuthorities(original);
        const item = (await client.get(`/api/actions?authority=${BRENT}&limit=1&sort=id`).set(original.adminAuth).expect(200)).body.items[0];
        const moved = await client.patch(`/api/actions/${item.id}`).set(original.adminAuth).send({ version: item.version, dueDate: '2016-01-31', dueDateReason: 'Moved' }).expect(200);
        expect(moved.body.rag).toBe('red');
        expect(moved.body.ratedAgainst).toBe(item.originalDueDate);
        const overdue = (await client.get(`/api/actions/overdue?authority=${BRENT}&limit=100`).set(original.adminAuth).expect(200)).body;
        expect(overdue.items.map((entry: { id: number }) => entry.id)).toContain(item.id);
      } finally {
        await original.close();
      }
    });
    it("marks a re-programmed action on the chair's review with its original date, the days slipped and why", async () => {
      const fresh = await freshAction('Re-programmed, then late');
      const moved = (await patch(board, fresh.id, { dueDate: '2015-07-31', dueDateReason: 'Waiting for the new system', version: fresh.version }).expect(200))
        .body as ActionBody;
      const slipped = Math.abs(moved.daysSlipped);
      // A year on, the action is long overdue: the chair's review lists it, marked as moved.
      api.clock.set('2016-07-29');
      try {
        const { agent } = await signedInAgent(api, chair.email, chair.password);
        const page = await agent.get(`/review?authority=${BRENT}`).expect(200);
        const item = page.text.split('data-reprogrammed').slice(1).find((part) => part.includes('Waiting for the new system'));
        expect(item).toBeDefined();
        expect(item).toContain(`: ${slipped} ${slipped === 1 ? 'day' : 'days'} ${moved.daysSlipped >= 0 ? 'later' : 'earlier'} (Waiting for the new system)`);
        expect(page.text).toContain('Re-programmed, then late');
      } finally {
        api.clock.set('2015-06-01');
      }
    });
  });

  describe('the plan as councils write it', () => {
    it('adds an action by hand under a recommendation with two milestones; the team ticks one off', async () => {
      const recommendationId = (await get(owned[3])).recommendation!.id;
      await http.post('/api/actions').set(team.auth).send({ recommendationId, title: 'x' }).expect(403);
      const created = await http
        .post('/api/actions')
        .set(board.auth)
        .send({
          recommendationId,
          title: 'Audit supervision records quarterly',
          leadOfficer: 'Head of Safeguarding',
          whatWillBeDone: 'A quarterly audit of 20 supervision records',
          successMeasure: '90% of records show monthly supervision',
          dueDate: '2015-12-31',
          dueDateReason: 'Set by the board',
          milestones: [
            { title: 'Audit tool agreed', dueDate: '2015-07-31' },
            { title: 'First audit reported to the board', dueDate: '2015-10-31' },
          ],
        })
        .expect(201);
      const action = created.body as ActionBody & { whatWillBeDone: string; successMeasure: string; leadOfficer: string };
      expect(action.whatWillBeDone).toBe('A quarterly audit of 20 supervision records');
      expect(action.successMeasure).toBe('90% of records show monthly supervision');
      expect(action.milestones.map((milestone) => [milestone.title, milestone.dueDate])).toEqual([
        ['Audit tool agreed', '2015-07-31'],
        ['First audit reported to the board', '2015-10-31'],
      ]);
      await http.post('/api/actions').set(board.auth).send({ recommendationId, milestones: [{ title: 'Late', dueDate: '2015-01-01' }] }).expect(400);

      const first = action.milestones[0].id;
      await http.patch(`/api/actions/${action.id}/milestones/${first}`).set(viewer.auth).send({ met: true }).expect(403);
      const met = await http.patch(`/api/actions/${action.id}/milestones/${first}`).set(board.auth).send({ met: true }).expect(200);
      expect(met.body.metOn).toBe('2015-06-01');
      await http.patch(`/api/actions/${action.id}/milestones/${first}`).set(otherBoard.auth).send({ met: false }).expect(404);
    });

    it('overrides RAG only with a note', async () => {
      const action = await get(owned[3]);
      await patch(board, action.id, { ragOverride: 'green', version: action.version }).expect(400);
      const overridden = await patch(board, action.id, { ragOverride: 'amber', ragOverrideNote: 'Board judgement', version: action.version }).expect(200);
      expect(overridden.body.rag).toBe('amber');
    });
  });

  describe('evidence files', () => {
    it('uploads a file checked by content, and lets it count as evidence for completion', async () => {
      const id = owned[4] ?? owned[3];
      let action = await get(id);
      if (action.status === 'not_started') action = (await patch(team, id, { status: 'in_progress', version: action.version }).expect(200)).body;
      const disguised = await http.post(`/api/actions/${id}/evidence`).set(team.auth).attach('file', Buffer.from('<html><script>alert(1)</script></html>'), 'minutes.pdf').expect(415);
      expect(disguised.body.message).toMatch(/not of a type accepted/);
      const large = await http.post(`/api/actions/${id}/evidence`).set(team.auth).attach('file', Buffer.concat([PDF, Buffer.alloc(5000)]), 'big.pdf').expect(413);
      expect(large.body.message).toMatch(/larger than/);
      await http.post(`/api/actions/${id}/evidence`).set(viewer.auth).attach('file', PDF, 'minutes.pdf').expect(403);

      const uploaded = await http.post(`/api/actions/${id}/evidence`).set(team.auth).attach('file', PDF, 'Board minutes.pdf').expect(201);
      expect(uploaded.body).toMatchObject({ fileName: 'Board minutes.pdf', mediaType: 'application/pdf', sizeBytes: PDF.length });
      const image = await http.post(`/api/actions/${id}/evidence`).set(team.auth).attach('file', PNG, 'chart.txt').expect(201);
      expect(image.body.mediaType).toBe('image/png');
      const csv = await http.post(`/api/actions/${id}/evidence`).set(team.auth).attach('file', Buffer.from('month,audited\nMay,20\n'), 'audit.csv').expect(201);
      expect(csv.body.mediaType).toBe('text/csv');

      action = await get(id);
      expect(action.evidenceFiles.map((file) => file.fileName)).toEqual(['Board minutes.pdf', 'chart.txt', 'audit.csv']);
      expect(action.journal.filter((entry) => entry.kind === 'evidence')).toHaveLength(3);
      const proposed = await patch(team, id, { status: 'completed', version: action.version, note: 'Minutes show the new panel working' }).expect(200);
      expect(proposed.body.status).toBe('awaiting_sign_off');
    });

    it('downloads as an attachment for the same council only, 404 for another', async () => {
      const { id } = await freshAction('Minutes on file');
      const file = (await http.post(`/api/actions/${id}/evidence`).set(team.auth).attach('file', PDF, 'Board minutes.pdf').expect(201)).body as { id: number };
      const download = await http.get(`/api/actions/${id}/evidence/${file.id}`).set(viewer.auth).buffer(true).expect(200);
      expect(download.headers['content-disposition']).toMatch(/^attachment; filename="Board minutes.pdf"/);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(Buffer.compare(download.body as Buffer, PDF)).toBe(0);
      await http.get(`/api/actions/${id}/evidence/${file.id}`).set(otherBoard.auth).expect(404);
      const otherAction = (await http.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=1`).set(otherBoard.auth).expect(200)).body.items[0].id;
      await http.get(`/api/actions/${otherAction}/evidence/${file.id}`).set(otherBoard.auth).expect(404);
    });
  });
});
