import { mkdir, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { extractText, getDocumentProxy } from 'unpdf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataSource } from 'typeorm';
import { Action, ActionUpdate, Recommendation, Team } from '#database';
import { documentedHttp, type DocumentedHttp } from '../support/api-client.js';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';

const WALTHAM_FOREST = 'E09000031';

/** The PDF's text, page by page, joined: what a screen reader or a search would read. */
async function pdfText(bytes: Buffer): Promise<string> {
  const pdf = await getDocumentProxy(new Uint8Array(bytes));
  const { text } = await extractText(pdf, { mergePages: true });
  return text.replace(/\s+/g, ' ');
}

describe('board meetings, what changed since the last one, and the board pack', () => {
  let api: TestApi;
  /** Every JSON answer from the API is checked against the OpenAPI document. */
  let http: DocumentedHttp;
  let dataSource: DataSource;
  let march: number;
  let may: number;
  const scripted: Record<string, number> = {};

  /** The journal's time comes from the database; the script dates each step's entries to its day. */
  const dated = async (actionId: number, day: string) => {
    const latest = await dataSource.getRepository(ActionUpdate).findOneOrFail({ where: { actionId }, order: { id: 'DESC' } });
    await dataSource.getRepository(ActionUpdate).update({ id: latest.id }, { createdAt: new Date(`${day}T10:00:00Z`) });
  };
  const version = async (id: number) => (await http.get(`/api/actions/${id}`).set(api.adminAuth).expect(200)).body.version as number;
  const boardPack = () =>
    http.get(`/api/authorities/${WALTHAM_FOREST}/board-pack.pdf?meeting=${may}`).set(api.adminAuth).buffer(true).parse((res, callback) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => callback(null, Buffer.concat(chunks)));
    }).expect(200);

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-05-01' });
    http = await documentedHttp(api);
    dataSource = api.app.get(DataSource);
    const reportId = await ingestSeedReport(api, 'waltham-forest-2014-sif.txt');
    // Back-date every creation entry before the cycles the test looks at.
    await dataSource.createQueryBuilder().update(ActionUpdate).set({ createdAt: new Date('2015-01-21T10:00:00Z') }).execute();
    // 173 more actions on the same report, in three teams, due across the year: 200 in all.
    const teams = await Promise.all(['Front door', 'Children in care', 'Quality assurance'].map((name) => dataSource.getRepository(Team).save({ authorityCode: WALTHAM_FOREST, name, emails: [], keywords: [] })));
    for (let index = 0; index < 173; index += 1) {
      const recommendation = await dataSource.getRepository(Recommendation).save({
        reportId, ordinal: 100 + index, reference: `X${index + 1}`, text: `Extra recommendation ${index + 1} on case work`, timeframe: 'six_months', theme: index % 2 ? 'Help and protection' : 'Care leavers', addressee: 'local_authority', mentionedBodies: [],
      });
      const due = `2015-${String(1 + (index % 12)).padStart(2, '0')}-15`;
      await dataSource.getRepository(Action).save({
        recommendationId: recommendation.id, reportId, authorityCode: WALTHAM_FOREST, timeframe: 'six_months', addressee: 'local_authority', title: `Extra action ${index + 1}`,
        teamId: teams[index % 3].id, leadOfficer: null, status: index % 10 === 0 ? 'awaiting_sign_off' : index % 7 === 0 ? 'signed_off' : 'in_progress', ragOverride: null, ragOverrideNote: null,
        originalDueDate: due, dueDate: due, dueDateAssumed: false, dueDateReason: null, completedAt: index % 7 === 0 && index % 10 !== 0 ? new Date('2015-02-01T10:00:00Z') : null,
      });
    }
    march = (await http.post(`/api/authorities/${WALTHAM_FOREST}/meetings`).set(api.adminAuth).send({ meetingDate: '2015-03-04', title: 'March board' }).expect(201)).body.id;
    may = (await http.post(`/api/authorities/${WALTHAM_FOREST}/meetings`).set(api.adminAuth).send({ meetingDate: '2015-05-06', title: 'May board', updateReminderWorkingDays: 3 }).expect(201)).body.id;

    const seeded = (await http.get(`/api/actions?authority=${WALTHAM_FOREST}&report=${reportId}&limit=5&sort=id`).set(api.adminAuth).expect(200)).body.items as { id: number }[];
    [scripted.started, scripted.moved, scripted.evidenced, scripted.before] = seeded.map((item) => item.id);
    // The script: one change before the March board (not in May's cycle), three inside it.
    await http.patch(`/api/actions/${scripted.before}`).set(api.adminAuth).send({ version: await version(scripted.before), status: 'in_progress' }).expect(200);
    await dated(scripted.before, '2015-03-02');
    await http.patch(`/api/actions/${scripted.started}`).set(api.adminAuth).send({ version: await version(scripted.started), status: 'in_progress' }).expect(200);
    await dated(scripted.started, '2015-03-10');
    await http.patch(`/api/actions/${scripted.moved}`).set(api.adminAuth).send({ version: await version(scripted.moved), dueDate: '2015-09-30', dueDateReason: 'Waiting for the new case system' }).expect(200);
    await dated(scripted.moved, '2015-03-20');
    await http.post(`/api/actions/${scripted.evidenced}/updates`).set(api.adminAuth).send({ note: 'Audit done', evidenceLinks: ['https://intranet.example/audit-april'] }).expect(201);
    await dated(scripted.evidenced, '2015-04-02');
    // The update written for the May board, which the pack shows under its action.
    await http.put(`/api/actions/${scripted.started}/meeting-updates/${may}`).set(api.adminAuth).send({ note: 'Audit of 40 cases booked for April' }).expect(200);
    // A challenge raised and answered before the March board (outside May's cycle) and still open: the pack names it.
    const challenge = (await http.post(`/api/actions/${scripted.started}/challenges`).set(api.adminAuth).send({ question: 'Is the April audit of 40 cases enough?' }).expect(201)).body;
    await http.post(`/api/actions/${scripted.started}/challenges/${challenge.id}/events`).set(api.adminAuth).send({ event: 'respond', note: 'It covers every team' }).expect(200);
    await dataSource.getRepository(ActionUpdate).update({ actionId: scripted.started, kind: 'challenge' }, { createdAt: new Date('2015-03-03T10:00:00Z') });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('lists the meetings with the cycle each closes, and refuses a second meeting on the same day', async () => {
    const meetings = (await http.get(`/api/authorities/${WALTHAM_FOREST}/meetings`).set(api.adminAuth).expect(200)).body;
    expect(meetings.map((meeting: { title: string; previousMeetingDate: string | null }) => [meeting.title, meeting.previousMeetingDate])).toEqual([
      ['March board', null],
      ['May board', '2015-03-04'],
    ]);
    await http.post(`/api/authorities/${WALTHAM_FOREST}/meetings`).set(api.adminAuth).send({ meetingDate: '2015-05-06', title: 'Again' }).expect(409);
    await http.post(`/api/authorities/${WALTHAM_FOREST}/meetings`).set(api.adminAuth).send({ meetingDate: '6 May', title: 'Bad' }).expect(400);
    // Two requests for one day at once: one meeting, and the other told why, never a server error.
    const both = await Promise.all(['July board', 'July board again'].map((title) => http.post(`/api/authorities/${WALTHAM_FOREST}/meetings`).set(api.adminAuth).send({ meetingDate: '2015-07-15', title })));
    expect(both.map((response) => response.status).sort()).toEqual([201, 409]);
    const july = both.find((response) => response.status === 201)!.body.id;
    await http.patch(`/api/meetings/${july}`).set(api.adminAuth).send({ meetingDate: '2015-05-06' }).expect(409);
    await http.delete(`/api/meetings/${july}`).set(api.adminAuth).expect(204);
  });

  it('keeps one update per action per meeting: writing again replaces it', async () => {
    await http.put(`/api/actions/${scripted.started}/meeting-updates/${may}`).set(api.adminAuth).send({ note: 'First draft' }).expect(200);
    const second = (await http.put(`/api/actions/${scripted.started}/meeting-updates/${may}`).set(api.adminAuth).send({ note: 'Audit of 40 cases booked for April' }).expect(200)).body;
    expect(second.note).toBe('Audit of 40 cases booked for April');
    const updates = (await http.get(`/api/meetings/${may}/updates`).set(api.adminAuth).expect(200)).body;
    expect(updates).toHaveLength(1);
    await http.put(`/api/actions/${scripted.started}/meeting-updates/${march}`).set(api.adminAuth).send({ note: '   ' }).expect(400);
  });

  it('lists, between the March and May boards, exactly the scripted changes and the actions that went overdue', async () => {
    const since = (await http.get(`/api/authorities/${WALTHAM_FOREST}/since-last-meeting?meeting=${may}`).set(api.adminAuth).expect(200)).body;
    expect(since.window).toEqual({ from: '2015-03-05', to: '2015-05-06' });
    const all = since.groups.flatMap((group: { changes: { kind: string; actionId: number; on: string }[] }) => group.changes);
    const journalled = all.filter((change: { kind: string }) => change.kind !== 'became_overdue').map((change: { kind: string; actionId: number; on: string }) => [change.kind, change.actionId, change.on]);
    expect(journalled).toEqual([
      ['status', scripted.started, '2015-03-10'],
      ['reprogrammed', scripted.moved, '2015-03-20'],
      ['evidence', scripted.evidenced, '2015-04-02'],
    ]);
    // Open actions due from 5 March to 5 May: the extra ones due on the 15th of March and April that are not signed off.
    const extraDue = await dataSource.getRepository(Action).count({ where: [{ dueDate: '2015-03-15' }, { dueDate: '2015-04-15' }] });
    const extraSignedOff = await dataSource.getRepository(Action).count({ where: [{ dueDate: '2015-03-15', status: 'signed_off' }, { dueDate: '2015-04-15', status: 'signed_off' }] });
    expect(since.counts.became_overdue).toBe(extraDue - extraSignedOff);
    expect(since.counts).toMatchObject({ status: 1, reprogrammed: 1, evidence: 1, signed_off: 0 });
  });

  it('generates the board pack as a PDF whose figures are the summary API’s, for 200 actions', async () => {
    const summary = (await http.get(`/api/authorities/${WALTHAM_FOREST}/summary`).set(api.adminAuth).expect(200)).body;
    expect(summary.total).toBe(200);
    expect(summary.openChallenges).toBe(1);
    const response = await boardPack();
    expect(response.headers['content-type']).toBe('application/pdf');
    // Kept for the README's page images: node scripts/board-pack-pages.js renders them from it.
    await mkdir(new URL('../artifacts/', import.meta.url), { recursive: true });
    await writeFile(new URL('../artifacts/board-pack.pdf', import.meta.url), response.body as Buffer);
    const text = await pdfText(response.body as Buffer);
    expect(text).toContain('Improvement board pack');
    expect(text).toContain('May board, 6 May 2015');
    for (const [label, value] of [
      ['Actions', summary.total], ['Overdue', summary.overdue], ['Due within 14 days', summary.dueSoon], ['Awaiting sign-off', summary.awaitingSignOff],
      ['Signed off', summary.signedOff], ['Re-programmed', summary.reprogrammed], ['Open challenges', summary.openChallenges],
    ]) expect(text, label).toContain(` ${label} ${value} `);
    expect(text).toContain(`Red: overdue: ${summary.byRag.red}`);
    expect(text).toContain(`Open actions (${summary.total - summary.signedOff})`);
    // Table rows read across: the team, then its figures in the header's order.
    expect(text).toContain('Team Actions Overdue Due soon Awaiting sign-off Re-programmed');
    for (const team of summary.byTeam) expect(text, team.teamName).toContain(`${team.teamName} ${team.total} ${team.overdue} ${team.dueSoon} ${team.awaitingSignOff} ${team.reprogrammed}`);
    expect(text).toContain("This cycle's update: Audit of 40 cases booked for April");
    expect(text).toContain('Open challenges: 1. Latest open challenge: Is the April audit of 40 cases enough? Answer: It covers every team');
    expect(text).toContain('Re-programmed dates 1');
    expect(text).toContain('Current due date: 30 September 2015 (re-programmed: Waiting for the new case system)');
  });

  it('is a tagged PDF: title, language, headings, and tables whose header cells head their columns and rows', async () => {
    const pdf = await getDocumentProxy(new Uint8Array((await boardPack()).body as Buffer));
    const { info } = (await pdf.getMetadata()) as { info: Record<string, unknown> };
    expect(info.Title).toBe('Waltham Forest improvement board pack: May board');
    expect(info.Language).toBe('en-GB');
    expect((await pdf.getMarkInfo())?.Marked).toBe(true);
    // Every page is numbered out of the real count, and none is left blank but for its number.
    const { text: pages } = await extractText(pdf, { mergePages: false });
    expect(pages).toHaveLength(pdf.numPages);
    pages.forEach((page, index) => {
      expect(page).toContain(`Page ${index + 1} of ${pdf.numPages}`);
      expect(page.replace(/Page \d+ of \d+/, '').trim().length, `page ${index + 1}`).toBeGreaterThan(40);
    });
    // The standard font has no arrow: a change is worded.
    expect(pages.join(' ')).toContain('Not started to In progress');
    type Node = { role?: string; children?: Node[] };
    const roles: string[] = [];
    const walk = (node: Node | null) => {
      if (!node) return;
      if (node.role) roles.push(node.role);
      for (const child of node.children ?? []) walk(child);
    };
    // Cover, summary and the first page of actions; then the last page, what changed.
    for (const page of [1, 2, 3, pdf.numPages]) walk((await (await pdf.getPage(page)).getStructTree()) as Node);
    for (const role of ['H1', 'H2', 'H3', 'P', 'Table', 'TR', 'TH', 'TD']) expect(roles, role).toContain(role);
    // The summary's figures are a table, not paragraphs: eight rows (the header and seven figures).
    const summary = (await (await pdf.getPage(2)).getStructTree()) as Node;
    const tables: Node[] = [];
    const findTables = (node: Node) => {
      if (node.role === 'Table') tables.push(node);
      for (const child of node.children ?? []) findTables(child);
    };
    findTables(summary);
    expect(tables.length).toBeGreaterThanOrEqual(3);
    expect(tables[0].children!.filter((child) => child.role === 'TR')).toHaveLength(8);
  });

  it('shows the same changes on the since-the-last-meeting page', async () => {
    const page = await http.get(`/authorities/${WALTHAM_FOREST}/since-last-meeting?meeting=${may}`).set(api.adminAuth).expect(200);
    expect(page.text).toContain('changes from 5 March 2015 to 6 May 2015');
    expect(page.text).toContain('Waiting for the new case system');
    expect(page.text).toContain('https://intranet.example/audit-april');
  });

  it('exports the whole journal as CSV: every entry, who and when', async () => {
    const response = await http.get(`/api/authorities/${WALTHAM_FOREST}/journal.csv`).set(api.adminAuth).expect(200);
    const rows = parse(response.text.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    const entries = await dataSource.getRepository(ActionUpdate).count();
    expect(rows).toHaveLength(entries);
    const moved = rows.find((row) => row.Action === String(scripted.moved) && row.Changes.startsWith('dueDate'))!;
    expect(moved).toMatchObject({ 'When (UTC)': '2015-03-20T10:00:00.000Z', Who: 'Test Admin', Kind: 'changed' });
    expect(moved.Changes).toContain('dueDateReason: (none) → Waiting for the new case system');
  });

  it('refuses a meeting of another council, and another council’s pack', async () => {
    await http.get(`/api/authorities/E09000005/board-pack.pdf?meeting=${may}`).set(api.adminAuth).expect(404);
    await http.get(`/api/authorities/${WALTHAM_FOREST}/since-last-meeting?meeting=abc`).set(api.adminAuth).expect(400);
  });
});
