import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SeedService } from '#tracking';
import { BRENT, makePerson, WALTHAM_FOREST, type Person } from '../access/access-fixture.js';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';

const TODAY = '2015-06-01';
// Quotes, a comma and a line break: the CSV must carry all three through intact.
const PROGRESS_NOTE = 'Audit of 40 contacts done: 36 decisions timely, "good" or better.\nRe-audit booked for September.';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PLAN_HEADERS = [
  'Reference',
  'Recommendation',
  'Timeframe',
  'Owner',
  'Lead officer',
  'Original due date',
  'Current due date',
  'Status',
  'RAG',
  'Latest progress note',
  'Re-programmed',
  'Addressee',
  'What will be done',
  'Success measure',
  'Milestones',
  'Signed off by',
  'Signed off on',
  "This cycle's update",
  'Evidence items',
  'Open challenges',
  'Latest open challenge',
  'Raised before',
];
/** The last header's column letter: the filter spans every column. */
const LAST_COLUMN = 'V';
const LAST_COLUMN_WITH_REPORT = 'W';
const ADDRESSEE_WORDS: Record<string, string> = { local_authority: 'Local authority', lscb: 'LSCB', partnership: 'Partnership' };
const longDate = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
/** What a CSV cell holds for text that a spreadsheet would otherwise run as a formula. */
const csvText = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const EVIDENCE_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n');

/** The export's slippage column, worded here rather than imported. */
const slippageWords = (action: { reprogrammed: boolean; daysSlipped: number; dueDateReason: string | null }) =>
  action.reprogrammed
    ? `Re-programmed: ${Math.abs(action.daysSlipped)} ${Math.abs(action.daysSlipped) === 1 ? 'day' : 'days'} ${action.daysSlipped >= 0 ? 'later' : 'earlier'}${action.dueDateReason ? ` (${action.dueDateReason})` : ''}`
    : '';

// Written out here rather than imported, so the test checks the wording rather than repeating the code.
const TIMEFRAME_WORDS: Record<string, string> = {
  immediate: 'Immediately',
  three_months: 'Within three months',
  six_months: 'Within six months',
  unspecified: 'No timeframe given (a year assumed)',
};
const STATUS_WORDS: Record<string, string> = { not_started: 'Not started', in_progress: 'In progress', blocked: 'Blocked', awaiting_sign_off: 'Awaiting sign-off', signed_off: 'Signed off' };
const RAG_WORDS: Record<string, string> = { red: 'Red', amber: 'Amber', green: 'Green', complete: 'Signed off' };
const RAG_FILLS: Record<string, string> = { red: 'FFD4351C', amber: 'FFFFBF47', green: 'FF00703C', complete: 'FF1D70B8' };

interface ActionItem {
  id: number;
  reprogrammed: boolean;
  daysSlipped: number;
  dueDateReason: string | null;
  version: number;
  status: string;
  rag: string;
  timeframe: string;
  team: { id: number; name: string } | null;
  leadOfficer: string | null;
  originalDueDate: string;
  dueDate: string;
  recommendation: { ordinal: number; reference: string; text: string };
  addressee: string;
  whatWillBeDone: string | null;
  successMeasure: string | null;
  signedOffBy: string | null;
  signedOffAt: string | null;
  journal?: { kind: string; note: string | null }[];
}

/** The whole plan's columns after the first eleven, worked out from what the API shows of the action. */
interface WholePlan {
  addressee: string;
  whatWillBeDone: string;
  successMeasure: string;
  milestones: string;
  signedOffBy: string;
  signedOffOn: string;
  cycleUpdate: string;
  evidence: number;
  openChallenges: number;
  latestOpenChallenge: string;
  raisedBefore: string;
}

/** supertest buffers text but not binary bodies; this keeps the bytes exactly as sent. */
function binaryParser(response: request.Response, callback: (error: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  response.on('data', (chunk: Buffer) => chunks.push(chunk));
  response.on('end', () => callback(null, Buffer.concat(chunks)));
}

async function readWorkbook(bytes: Buffer): Promise<ExcelJS.Worksheet> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['Action plan']);
  return workbook.getWorksheet('Action plan')!;
}

function rowValues(sheet: ExcelJS.Worksheet, rowNumber: number): unknown[] {
  return (sheet.getRow(rowNumber).values as unknown[]).slice(1);
}

function isoOf(value: unknown): string {
  expect(value).toBeInstanceOf(Date);
  return (value as Date).toISOString().slice(0, 10);
}

function readCsv(bytes: Buffer): string[][] {
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return parse(bytes.toString('utf8'), { bom: true }) as string[][];
}

describe('action plan exports', () => {
  let api: TestApi;
  let http: ReturnType<typeof request.agent>;
  let anonymous: ReturnType<typeof request>;
  const reportIds: Record<string, number> = {};
  let sif: number; // Waltham Forest's 2014 single inspection
  let started: ActionItem; // in progress, with a progress note after the status change's note
  let reprogrammed: ActionItem; // due date moved by hand
  let reassigned: ActionItem; // given to another team
  let unassigned: ActionItem; // team taken away
  let completed: ActionItem;
  let overridden: ActionItem; // overdue, but the board rates it green
  let injected: ActionItem; // lead officer and note typed as formulas
  let planned: ActionItem; // the whole plan: what and how, milestones, evidence, challenges, this cycle's update, a status note after its progress note
  let repeated: ActionItem; // a 2014 recommendation that repeats one of 2013
  let june: number; // the board meeting the plan is taken for
  let walthamTeams: { id: number; name: string }[];

  const download = (path: string, auth?: { Authorization: string }) => {
    const call = auth ? anonymous.get(path).set(auth) : http.get(path);
    return call.buffer(true).parse(binaryParser);
  };
  const actionsOf = async (reportId: number): Promise<ActionItem[]> => {
    const response = await http.get(`/api/actions?report=${reportId}&limit=100&sort=id`).expect(200);
    expect(response.body.total).toBe(response.body.items.length);
    return (response.body.items as ActionItem[]).sort((a, b) => a.recommendation.ordinal - b.recommendation.ordinal || a.id - b.id);
  };
  const change = async (action: ActionItem, changes: object): Promise<ActionItem> => {
    const current = await http.get(`/api/actions/${action.id}`).expect(200);
    return (await http.patch(`/api/actions/${action.id}`).send({ ...changes, version: current.body.version }).expect(200)).body;
  };
  /** The newest progress note (never a status change's note), worked out from the journal the API shows. */
  const latestNoteOf = async (id: number): Promise<string> => {
    const journal = (await http.get(`/api/actions/${id}`).expect(200)).body.journal as { kind: string; note: string | null }[];
    const notes = journal.filter((entry) => entry.kind === 'progress' && entry.note?.trim());
    return notes.at(-1)?.note ?? '';
  };
  /** The rest of the plan, from the action, its meeting updates and its repeats as the API shows them. */
  const wholePlanOf = async (id: number): Promise<WholePlan> => {
    const action = (await http.get(`/api/actions/${id}`).expect(200)).body as Omit<ActionItem, 'journal' | 'recommendation'> & {
      recommendation: { id: number };
      journal: { evidenceLinks: string[] }[];
      milestones: { title: string; dueDate: string; metOn: string | null }[];
      evidenceFiles: unknown[];
      challenges: { id: number; state: string; question: string; response: string | null }[];
    };
    const updates = (await http.get(`/api/actions/${id}/meeting-updates`).expect(200)).body as { meetingId: number; note: string }[];
    const repeats = (await http.get(`/api/actions/${id}/repeats`).expect(200)).body as { status: string; label: string; later: { recommendationId: number } }[];
    const open = action.challenges.filter((challenge) => challenge.state !== 'closed').sort((a, b) => a.id - b.id);
    const latest = open.at(-1);
    return {
      addressee: ADDRESSEE_WORDS[action.addressee],
      whatWillBeDone: action.whatWillBeDone ?? '',
      successMeasure: action.successMeasure ?? '',
      milestones: action.milestones.map((m) => `${m.title}: due ${longDate(m.dueDate)}${m.metOn ? `, met ${longDate(m.metOn)}` : ', not met yet'}`).join('\n'),
      signedOffBy: action.status === 'signed_off' ? (action.signedOffBy ?? '') : '',
      signedOffOn: action.status === 'signed_off' && action.signedOffAt ? action.signedOffAt.slice(0, 10) : '',
      cycleUpdate: updates.find((update) => update.meetingId === june)?.note ?? '',
      evidence: action.journal.reduce((sum, entry) => sum + entry.evidenceLinks.length, 0) + action.evidenceFiles.length,
      openChallenges: open.length,
      latestOpenChallenge: latest ? `${latest.question}${latest.response ? `\nAnswer: ${latest.response}` : ''}` : '',
      raisedBefore: repeats
        .filter((link) => link.later.recommendationId === action.recommendation.id && link.status !== 'dismissed')
        .map((link) => `${link.label} (${link.status === 'confirmed' ? 'confirmed' : 'likely'})`)
        .join('\n'),
    };
  };
  const csvWholePlan = (plan: WholePlan): string[] => [
    plan.addressee,
    csvText(plan.whatWillBeDone),
    csvText(plan.successMeasure),
    plan.milestones,
    plan.signedOffBy,
    plan.signedOffOn,
    csvText(plan.cycleUpdate),
    String(plan.evidence),
    String(plan.openChallenges),
    csvText(plan.latestOpenChallenge),
    plan.raisedBefore,
  ];

  beforeAll(async () => {
    api = await startTestApi({ today: TODAY, env: { AUTH_RATE_LIMIT: '1000' } });
    http = request.agent(api.app.getHttpServer()).set(api.adminAuth);
    anonymous = request(api.app.getHttpServer());
    for (const authority of await api.app.get(SeedService).seedAuthorities()) {
      if (authority.code !== BRENT && authority.code !== WALTHAM_FOREST) continue;
      for (const team of authority.teams) await http.post('/api/teams').send({ authorityCode: authority.code, ...team }).expect(201);
    }
    for (const file of ['brent-2012-protection.txt', 'waltham-forest-2013-protection.txt', 'waltham-forest-2014-sif.txt']) {
      const text = await readFile(join(SEEDS_DIR, 'reports', file), 'utf8');
      const response = await http.post(`/api/reports?fileName=${file}`).set('Content-Type', 'text/markdown').send(text).expect(201);
      reportIds[file] = response.body.report.id;
    }
    sif = reportIds['waltham-forest-2014-sif.txt'];
    walthamTeams = (await http.get(`/api/teams?authority=${WALTHAM_FOREST}`).expect(200)).body;

    const actions = await actionsOf(sif);
    const immediate = actions.filter((action) => action.timeframe === 'immediate');
    const unspecified = actions.filter((action) => action.timeframe === 'unspecified' && action.team);
    started = await change(immediate[0], { status: 'in_progress', note: 'Audit of contact decisions booked' });
    started = (
      await http
        .post(`/api/actions/${started.id}/updates`)
        .send({ note: PROGRESS_NOTE, evidenceLinks: ['https://intranet.walthamforest.example/audits/front-door'] })
        .expect(201)
    ).body;
    reprogrammed = await change(immediate[1], { dueDate: '2015-06-10', dueDateReason: 'Board agreed a later date while the new system beds in' });
    reassigned = await change(unspecified[0], { teamId: walthamTeams.find((team) => team.id !== unspecified[0].team!.id)!.id, leadOfficer: 'Jo Bloggs, Service Manager' });
    unassigned = await change(unspecified[1], { teamId: null });
    completed = await change(immediate[2], { status: 'in_progress' });
    completed = await change(completed, { status: 'completed', note: 'Audit shows every plan on time', evidenceLinks: ['https://intranet.walthamforest.example/audits/plans'] });
    completed = await change(completed, { status: 'signed_off', note: 'Signed off by the board' });
    overridden = await change(immediate[3], { ragOverride: 'green', ragOverrideNote: 'Evidence of the new process seen by the board' });
    injected = await change(unspecified[2], { leadOfficer: '=HYPERLINK("http://evil.example","Click")' });
    injected = (await http.post(`/api/actions/${injected.id}/updates`).send({ note: '@SUM(1+1) and more' }).expect(201)).body;

    // The whole plan of one action, as a board would build it up.
    planned = await change(immediate[4], {
      whatWillBeDone: '=1+2 weekly audits of contact decisions by the service manager',
      successMeasure: '95% of contact decisions within one working day, three months running',
    });
    const plannedMilestones = [
      (await http.post(`/api/actions/${planned.id}/milestones`).send({ title: 'Re-audit of 40 contacts', dueDate: '2015-09-30' }).expect(201)).body,
      (await http.post(`/api/actions/${planned.id}/milestones`).send({ title: 'Audit tool agreed', dueDate: '2015-05-15' }).expect(201)).body,
    ];
    await http.patch(`/api/actions/${planned.id}/milestones/${plannedMilestones[1].id}`).send({ met: true }).expect(200);
    await http
      .post(`/api/actions/${planned.id}/updates`)
      .send({ note: 'First audit done: 36 of 40 decisions in time', evidenceLinks: ['https://intranet.walthamforest.example/audits/1', 'https://intranet.walthamforest.example/audits/2'] })
      .expect(201);
    planned = await change(planned, { status: 'in_progress', note: 'Status moved by the board' });
    await http.post(`/api/actions/${planned.id}/evidence`).attach('file', EVIDENCE_PDF, 'audit.pdf').expect(201);
    const asked = (await http.post(`/api/actions/${planned.id}/challenges`).send({ question: 'Who checks the audits?' }).expect(201)).body;
    const answered = (await http.post(`/api/actions/${planned.id}/challenges`).send({ question: 'Where are the four late decisions now?' }).expect(201)).body;
    await http.post(`/api/actions/${planned.id}/challenges/${answered.id}/events`).send({ event: 'respond', note: 'All four re-checked; one went to strategy' }).expect(200);
    const closed = (await http.post(`/api/actions/${planned.id}/challenges`).send({ question: 'Closed before the export' }).expect(201)).body;
    await http.post(`/api/actions/${planned.id}/challenges/${closed.id}/events`).send({ event: 'respond', note: 'Answered' }).expect(200);
    await http.post(`/api/actions/${planned.id}/challenges/${closed.id}/events`).send({ event: 'close' }).expect(200);
    expect(asked.state).toBe('open');
    const may = (await http.post(`/api/authorities/${WALTHAM_FOREST}/meetings`).send({ meetingDate: '2015-05-06', title: 'May board' }).expect(201)).body.id;
    june = (await http.post(`/api/authorities/${WALTHAM_FOREST}/meetings`).send({ meetingDate: '2015-06-17', title: 'June board' }).expect(201)).body.id;
    await http.put(`/api/actions/${planned.id}/meeting-updates/${may}`).send({ note: 'May: audit tool drafted' }).expect(200);
    await http.put(`/api/actions/${planned.id}/meeting-updates/${june}`).send({ note: '+ June: first audit done, re-audit booked' }).expect(200);

    // A 2014 recommendation the detector linked to one of 2013.
    const links = (await http.get(`/api/authorities/${WALTHAM_FOREST}/repeats`).expect(200)).body as { later: { actionId: number; reportId: number } }[];
    const link = links.find((candidate) => candidate.later.reportId === sif)!;
    expect(link).toBeDefined();
    repeated = (await http.get(`/api/actions/${link.later.actionId}`).expect(200)).body;
  });

  afterAll(async () => {
    await api?.close();
  });

  describe('a report as a workbook', () => {
    let sheet: ExcelJS.Worksheet;
    let response: request.Response;
    let actions: ActionItem[];

    beforeAll(async () => {
      response = await download(`/api/reports/${sif}/actions.xlsx`).expect(200);
      sheet = await readWorkbook(response.body as Buffer);
      actions = await actionsOf(sif);
    });

    it('is sent as an attachment named after the authority, the report and today', () => {
      expect(response.headers['content-type']).toBe(XLSX_TYPE);
      expect(response.headers['content-disposition']).toBe('attachment; filename="waltham-forest-single-inspection-2015-01-20-action-plan-2015-06-01.xlsx"');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(Number(response.headers['content-length'])).toBe((response.body as Buffer).length);
    });

    it('has a bold, frozen, filterable header row and one row per action', () => {
      expect(rowValues(sheet, 1)).toEqual(PLAN_HEADERS);
      for (let column = 1; column <= PLAN_HEADERS.length; column += 1) expect(sheet.getRow(1).getCell(column).font?.bold).toBe(true);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.autoFilter).toBe(`A1:${LAST_COLUMN}${actions.length + 1}`);
      expect(actions).toHaveLength(27);
      expect(sheet.actualRowCount).toBe(actions.length + 1);
      expect(sheet.getColumn(2).width).toBeGreaterThanOrEqual(50);
      expect(sheet.getRow(2).getCell(2).alignment?.wrapText).toBe(true);
      expect(sheet.getRow(2).getCell(10).alignment?.wrapText).toBe(true);
    });

    it('lists every action in recommendation order with the values the API shows', async () => {
      for (const [index, action] of actions.entries()) {
        const row = sheet.getRow(index + 2);
        expect(row.getCell(1).value).toBe(action.recommendation.reference);
        expect(row.getCell(2).value).toBe(action.recommendation.text);
        expect(row.getCell(3).value).toBe(TIMEFRAME_WORDS[action.timeframe]);
        expect(row.getCell(4).value).toBe(action.team?.name ?? 'Unassigned');
        expect(row.getCell(5).value ?? '').toBe(action.leadOfficer ?? '');
        for (const [column, expected] of [
          [6, action.originalDueDate],
          [7, action.dueDate],
        ] as const) {
          const cell = row.getCell(column);
          expect(cell.type).toBe(ExcelJS.ValueType.Date);
          expect(cell.numFmt).toBe('d mmm yyyy');
          expect(isoOf(cell.value)).toBe(expected);
        }
        expect(row.getCell(8).value).toBe(STATUS_WORDS[action.status]);
        const rag = row.getCell(9);
        expect(rag.value).toBe(RAG_WORDS[action.rag]);
        expect(rag.fill).toMatchObject({ type: 'pattern', pattern: 'solid', fgColor: { argb: RAG_FILLS[action.rag] } });
        expect(row.getCell(10).value ?? '').toBe(await latestNoteOf(action.id));
        expect(row.getCell(11).value ?? '').toBe(slippageWords(action));
        const plan = await wholePlanOf(action.id);
        const text = (column: number) => row.getCell(column).value ?? '';
        expect([text(12), text(13), text(14), text(15), text(16)]).toEqual([plan.addressee, plan.whatWillBeDone, plan.successMeasure, plan.milestones, plan.signedOffBy]);
        expect(row.getCell(17).value === null ? '' : isoOf(row.getCell(17).value)).toBe(plan.signedOffOn);
        expect([text(18), row.getCell(19).value, row.getCell(20).value, text(21), text(22)]).toEqual([plan.cycleUpdate, plan.evidence, plan.openChallenges, plan.latestOpenChallenge, plan.raisedBefore]);
      }
      expect(new Set(actions.map((action) => action.rag))).toEqual(new Set(['red', 'amber', 'green', 'complete']));
    });

    it('carries the changes just made: progress, re-programmed date, new owner, completion', () => {
      const rowOf = (action: ActionItem) => sheet.getRow(actions.findIndex((candidate) => candidate.id === action.id) + 2);

      const progress = rowOf(started);
      expect(progress.getCell(8).value).toBe('In progress');
      expect(progress.getCell(10).value).toBe(PROGRESS_NOTE);
      expect(progress.getCell(3).value).toBe('Immediately');
      expect(progress.getCell(9).value).toBe('Red');

      const moved = rowOf(reprogrammed);
      expect(isoOf(moved.getCell(6).value)).toBe('2015-01-20');
      expect(isoOf(moved.getCell(7).value)).toBe('2015-06-10');
      expect(moved.getCell(9).value).toBe('Amber');
      expect(moved.getCell(9).fill).toMatchObject({ fgColor: { argb: 'FFFFBF47' } });

      const owner = rowOf(reassigned);
      expect(owner.getCell(4).value).toBe(reassigned.team!.name);
      expect(owner.getCell(5).value).toBe('Jo Bloggs, Service Manager');
      expect(owner.getCell(3).value).toBe('No timeframe given (a year assumed)');
      expect(owner.getCell(9).value).toBe('Green');
      expect(rowOf(unassigned).getCell(4).value).toBe('Unassigned');

      const done = rowOf(completed);
      expect(done.getCell(8).value).toBe('Signed off');
      expect(done.getCell(9).value).toBe('Signed off');
      expect(done.getCell(9).fill).toMatchObject({ fgColor: { argb: 'FF1D70B8' } });
      // Its notes were all status changes' notes: no progress note to show.
      expect(done.getCell(10).value ?? '').toBe('');
      expect(done.getCell(16).value).toBe('Test Admin');
      expect(done.getCell(17).type).toBe(ExcelJS.ValueType.Date);
      expect(isoOf(done.getCell(17).value)).toBe(TODAY);

      // The RAG the API shows, override and all: overdue since January, rated green by the board.
      const rated = rowOf(overridden);
      expect(overridden).toMatchObject({ rag: 'green', ragOverridden: true, dueDate: '2015-01-20' });
      expect(rated.getCell(9).value).toBe('Green');
      expect(rated.getCell(9).fill).toMatchObject({ fgColor: { argb: 'FF00703C' } });
    });

    it('keeps text typed as a formula as text', () => {
      const row = sheet.getRow(actions.findIndex((candidate) => candidate.id === injected.id) + 2);
      expect(row.getCell(5).type).toBe(ExcelJS.ValueType.String);
      expect(row.getCell(5).value).toBe('=HYPERLINK("http://evil.example","Click")');
      expect(row.getCell(10).type).toBe(ExcelJS.ValueType.String);
    });
  });

  describe('the whole plan of one action', () => {
    // Written out here, not worked out from the API, so the test says what a board reads.
    const PLANNED = {
      'Addressee': 'LSCB',
      'What will be done': '=1+2 weekly audits of contact decisions by the service manager',
      'Success measure': '95% of contact decisions within one working day, three months running',
      'Milestones': 'Audit tool agreed: due 15 May 2015, met 1 June 2015\nRe-audit of 40 contacts: due 30 September 2015, not met yet',
      'Status': 'In progress',
      'Latest progress note': 'First audit done: 36 of 40 decisions in time',
      "This cycle's update": '+ June: first audit done, re-audit booked',
      'Evidence items': 3,
      'Open challenges': 2,
      'Latest open challenge': 'Where are the four late decisions now?\nAnswer: All four re-checked; one went to strategy',
    };
    // The detector links this 2014 recommendation to one of the 2013 report's (read: both ask for timely contact decisions).
    const RAISED_BEFORE = /^Raised before: 2013 report, A8, still not started \(likely\)$/;

    it('is read back from the workbook: the plan, milestones, notes, evidence, challenges and this cycle’s update', async () => {
      const sheet = await readWorkbook((await download(`/api/reports/${sif}/actions.xlsx`).expect(200)).body as Buffer);
      const headers = rowValues(sheet, 1) as string[];
      const row = sheet.getColumn(1).values.findIndex((value, index) => index > 1 && value === planned.recommendation.reference);
      const cell = (header: string) => sheet.getRow(row).getCell(headers.indexOf(header) + 1);
      for (const [header, value] of Object.entries(PLANNED)) expect(cell(header).value ?? '', header).toBe(value);
      expect(cell('What will be done').type).toBe(ExcelJS.ValueType.String);
      expect(cell('Evidence items').type).toBe(ExcelJS.ValueType.Number);
      expect(cell('Signed off by').value).toBeNull();
      expect(cell('Signed off on').value).toBeNull();
      expect(cell('Raised before').value).toMatch(RAISED_BEFORE);
    });

    it('is read back from the CSV, a leading = or + kept as text', async () => {
      const [header, ...rows] = readCsv((await download(`/api/reports/${sif}/actions.csv`).expect(200)).body as Buffer);
      const row = rows.find((candidate) => candidate[0] === planned.recommendation.reference)!;
      const cell = (name: string) => row[header.indexOf(name)];
      for (const [name, value] of Object.entries(PLANNED)) expect(cell(name), name).toBe(csvText(String(value)));
      expect(cell('What will be done')).toBe("'=1+2 weekly audits of contact decisions by the service manager");
      expect(cell("This cycle's update")).toBe("'+ June: first audit done, re-audit booked");
      expect([cell('Signed off by'), cell('Signed off on')]).toEqual(['', '']);
      expect(cell('Raised before')).toMatch(RAISED_BEFORE);
    });

    it('says when an action was signed off and by whom', async () => {
      const [header, ...rows] = readCsv((await download(`/api/reports/${sif}/actions.csv`).expect(200)).body as Buffer);
      const row = rows.find((candidate) => candidate[0] === completed.recommendation.reference)!;
      expect([row[header.indexOf('Status')], row[header.indexOf('Signed off by')], row[header.indexOf('Signed off on')]]).toEqual(['Signed off', 'Test Admin', TODAY]);
      expect(row[header.indexOf('Latest progress note')]).toBe('');
    });

    it('names the recommendation made before in an earlier report', async () => {
      const [header, ...rows] = readCsv((await download(`/api/authorities/${WALTHAM_FOREST}/actions.csv`).expect(200)).body as Buffer);
      const row = rows.find((candidate) => candidate[0] === 'Single inspection, 20 January 2015' && candidate[1] === repeated.recommendation.reference)!;
      expect(row[header.indexOf('Raised before')]).toMatch(/^Raised before: 2013 report, \S+, (still|not|signed)[^\n]* \((likely|confirmed)\)/);
      expect(row[header.indexOf('Raised before')]).toBe((await wholePlanOf(repeated.id)).raisedBefore);
      // The 2013 actions repeat nothing earlier.
      for (const earlier of rows.filter((candidate) => candidate[0].startsWith('Child protection'))) expect(earlier[header.indexOf('Raised before')]).toBe('');
    });
  });

  describe('a report as CSV', () => {
    it('has the same columns, ISO dates and the values the API shows', async () => {
      const response = await download(`/api/reports/${sif}/actions.csv`).expect(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(response.headers['content-disposition']).toBe('attachment; filename="waltham-forest-single-inspection-2015-01-20-action-plan-2015-06-01.csv"');
      const [header, ...rows] = readCsv(response.body as Buffer);
      expect(header).toEqual(PLAN_HEADERS);
      const actions = await actionsOf(sif);
      expect(rows).toHaveLength(actions.length);
      for (const [index, action] of actions.entries()) {
        const leadOfficer = action.leadOfficer ?? '';
        expect(rows[index]).toEqual([
          action.recommendation.reference,
          action.recommendation.text,
          TIMEFRAME_WORDS[action.timeframe],
          action.team?.name ?? 'Unassigned',
          /^[=+\-@]/.test(leadOfficer) ? `'${leadOfficer}` : leadOfficer,
          action.originalDueDate,
          action.dueDate,
          STATUS_WORDS[action.status],
          RAG_WORDS[action.rag],
          csvText(await latestNoteOf(action.id)),
          slippageWords(action),
          ...csvWholePlan(await wholePlanOf(action.id)),
        ]);
      }
      const moved = rows[actions.findIndex((action) => action.id === reprogrammed.id)];
      expect(moved.slice(5, 7)).toEqual(['2015-01-20', '2015-06-10']);
      const progress = rows[actions.findIndex((action) => action.id === started.id)];
      expect(progress[9]).toBe(PROGRESS_NOTE);
    });

    it('neutralises cells a spreadsheet would run as formulas', async () => {
      const response = await download(`/api/reports/${sif}/actions.csv`).expect(200);
      const rows = readCsv(response.body as Buffer).slice(1);
      const row = rows.find((candidate) => candidate[4].includes('HYPERLINK'))!;
      expect(row[4]).toBe(`'=HYPERLINK("http://evil.example","Click")`);
      expect(row[9]).toBe("'@SUM(1+1) and more");
      for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    });
  });

  describe('an authority', () => {
    it('lists both Waltham Forest reports, each row naming its report, report by report', async () => {
      const response = await download(`/api/authorities/${WALTHAM_FOREST}/actions.xlsx`).expect(200);
      expect(response.headers['content-disposition']).toBe('attachment; filename="waltham-forest-action-plan-2015-06-01.xlsx"');
      const sheet = await readWorkbook(response.body as Buffer);
      expect(rowValues(sheet, 1)).toEqual(['Report', ...PLAN_HEADERS]);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });

      // The 2013 report prints no publication date, so it is known by its last inspection day.
      const reports = (await http.get(`/api/reports?authority=${WALTHAM_FOREST}`).expect(200)).body as { id: number; publishedOn: string | null; inspectionEnd: string }[];
      expect(reports.find((report) => report.id === reportIds['waltham-forest-2013-protection.txt'])).toMatchObject({ publishedOn: null, inspectionEnd: '2013-01-16' });
      expect(reports.find((report) => report.id === sif)).toMatchObject({ publishedOn: '2015-01-20' });
      const protection = await actionsOf(reportIds['waltham-forest-2013-protection.txt']);
      const expected = [
        ...protection.map((action) => ({ report: 'Child protection inspection, 16 January 2013', action })),
        ...(await actionsOf(sif)).map((action) => ({ report: 'Single inspection, 20 January 2015', action })),
      ];
      const total = (await http.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=1`).expect(200)).body.total;
      expect(expected).toHaveLength(total);
      expect(sheet.actualRowCount).toBe(total + 1);
      expect(sheet.autoFilter).toBe(`A1:${LAST_COLUMN_WITH_REPORT}${total + 1}`);
      for (const [index, { report, action }] of expected.entries()) {
        const values = rowValues(sheet, index + 2);
        expect(values.slice(0, 3)).toEqual([report, action.recommendation.reference, action.recommendation.text]);
        expect(isoOf(values[7])).toBe(action.dueDate);
        expect(values[9]).toBe(RAG_WORDS[action.rag]);
      }

      const csv = await download(`/api/authorities/${WALTHAM_FOREST}/actions.csv`).expect(200);
      expect(csv.headers['content-disposition']).toBe('attachment; filename="waltham-forest-action-plan-2015-06-01.csv"');
      const [header, ...rows] = readCsv(csv.body as Buffer);
      expect(header).toEqual(['Report', ...PLAN_HEADERS]);
      expect(rows.map((row) => [row[0], row[1], row[7]])).toEqual(expected.map(({ report, action }) => [report, action.recommendation.reference, action.dueDate]));
      expect(new Set(rows.map((row) => row[0]))).toEqual(new Set(['Child protection inspection, 16 January 2013', 'Single inspection, 20 January 2015']));
    });

    it('leaves the summary route beside it untouched', async () => {
      const summary = await http.get(`/api/authorities/${WALTHAM_FOREST}/summary`).expect(200);
      expect(summary.body.total).toBe(42);
    });
  });

  describe('access', () => {
    let brentViewer: Person;

    beforeAll(async () => {
      brentViewer = await makePerson(api, 'brent-viewer', [{ role: 'viewer', authorityCode: BRENT }]);
    });

    it('lets a viewer export their own authority', async () => {
      const brentReport = reportIds['brent-2012-protection.txt'];
      const report = await download(`/api/reports/${brentReport}/actions.csv`, brentViewer.auth).expect(200);
      expect(readCsv(report.body as Buffer).slice(1)).toHaveLength((await actionsOf(brentReport)).length);
      const authority = await download(`/api/authorities/${BRENT}/actions.xlsx`, brentViewer.auth).expect(200);
      expect(authority.headers['content-disposition']).toBe('attachment; filename="brent-action-plan-2015-06-01.xlsx"');
      const sheet = await readWorkbook(authority.body as Buffer);
      expect(new Set(sheet.getColumn(1).values.slice(2))).toEqual(new Set(['Child protection inspection, 31 October 2012']));
    });

    it("answers 404 for another authority's report or authority, as for one that does not exist", async () => {
      for (const path of [`/api/reports/${sif}/actions.xlsx`, `/api/reports/${sif}/actions.csv`]) {
        const response = await anonymous.get(path).set(brentViewer.auth).expect(404);
        expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: `Report ${sif} was not found` });
      }
      for (const path of [`/api/authorities/${WALTHAM_FOREST}/actions.xlsx`, `/api/authorities/${WALTHAM_FOREST}/actions.csv`]) {
        const response = await anonymous.get(path).set(brentViewer.auth).expect(404);
        expect(response.body).toMatchObject({ code: 'NOT_FOUND', message: `Authority ${WALTHAM_FOREST} was not found` });
      }
      await http.get('/api/reports/999999/actions.xlsx').expect(404);
      await http.get('/api/authorities/E99999999/actions.csv').expect(404);
      await http.get('/api/reports/not-a-number/actions.csv').expect(400);
    });

    it('answers 401 to a caller who has not signed in', async () => {
      for (const path of [`/api/reports/${sif}/actions.xlsx`, `/api/reports/${sif}/actions.csv`, `/api/authorities/${WALTHAM_FOREST}/actions.xlsx`, `/api/authorities/${WALTHAM_FOREST}/actions.csv`]) {
        await anonymous.get(path).expect(401);
      }
    });
  });

  it('documents the four routes in the OpenAPI document', async () => {
    const docs = (await http.get('/api/docs-json').expect(200)).body;
    expect(docs.paths['/api/reports/{id}/actions.xlsx'].get.responses['200'].content).toHaveProperty([XLSX_TYPE]);
    expect(docs.paths['/api/reports/{id}/actions.csv'].get.responses['200'].content).toHaveProperty(['text/csv; charset=utf-8']);
    expect(docs.paths['/api/authorities/{code}/actions.xlsx'].get).toBeDefined();
    expect(docs.paths['/api/authorities/{code}/actions.csv'].get).toBeDefined();
  });
});
