import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Report } from '#database';
import { BoardMeeting, MeetingUpdate } from '#board';
import { Reminder } from '#reminders';
import { ReminderFixtures } from '../reminders/support/fixtures.js';
import { createReminderTestEnv, type ReminderTestEnv } from '../reminders/support/reminder-test-env.js';
import { SmtpSink } from '../reminders/support/smtp-sink.js';
import { startTestWorker, type TestWorker } from '../reminders/support/test-worker.js';
import { documentedHttp, type DocumentedHttp } from '../support/api-client.js';
import { ingestSeedReport, startTestApi, type TestApi } from '../support/test-api.js';

const WALTHAM_FOREST = 'E09000031';

describe("Ofsted's action plan deadline through the API and on the dashboard", () => {
  let api: TestApi;
  /** Every JSON answer from the API is checked against the OpenAPI document. */
  let http: DocumentedHttp;
  let reportId: number;

  beforeAll(async () => {
    // Monday 2 March: 21 working days left in March, 20 in April up to the 30th (Good Friday and Easter Monday off).
    api = await startTestApi({ today: '2015-03-02' });
    http = await documentedHttp(api);
    reportId = await ingestSeedReport(api, 'waltham-forest-2014-sif.txt');
  });

  afterAll(async () => {
    await api?.close();
  });

  it('is 70 working days after the 2014 inspection was published (20 January 2015), past Good Friday and Easter Monday', async () => {
    // 20 January + 14 weeks is Tuesday 28 April; Good Friday (3 April) and Easter Monday (6 April) make it Thursday 30 April.
    const summary = (await http.get(`/api/authorities/${WALTHAM_FOREST}/summary`).set(api.adminAuth).expect(200)).body;
    expect(summary.reports.find((row: { id: number }) => row.id === reportId).ofstedPlan).toEqual({ dueDate: '2015-04-30', source: 'default', workingDaysLeft: 41, passed: false });
    const deadline = (await http.get(`/api/reports/${reportId}/ofsted-deadline`).set(api.adminAuth).expect(200)).body;
    expect(deadline).toMatchObject({ reportId, recordedDueDate: null, ofstedPlan: { dueDate: '2015-04-30' } });
  });

  it('takes the date a board member records, refuses one that is not a date, and returns to the default on null', async () => {
    const bad = await http.put(`/api/reports/${reportId}/ofsted-deadline`).set(api.adminAuth).send({ dueDate: '30/06/2015' }).expect(400);
    expect(JSON.stringify(bad.body.message)).toMatch(/dueDate/);
    await http.put(`/api/reports/${reportId}/ofsted-deadline`).set(api.adminAuth).send({}).expect(400);
    const early = await http.put(`/api/reports/${reportId}/ofsted-deadline`).set(api.adminAuth).send({ dueDate: '2014-12-01' }).expect(400);
    expect(early.body.message).toContain('before the report was published');
    const set = (await http.put(`/api/reports/${reportId}/ofsted-deadline`).set(api.adminAuth).send({ dueDate: '2015-06-30' }).expect(200)).body;
    expect(set).toMatchObject({ recordedDueDate: '2015-06-30', ofstedPlan: { dueDate: '2015-06-30', source: 'set' } });
    const dashboard = await http.get(`/api/authorities/${WALTHAM_FOREST}/summary`).set(api.adminAuth).expect(200);
    expect(dashboard.body.reports[0].ofstedPlan.dueDate).toBe('2015-06-30');
    await http.put(`/api/reports/${reportId}/ofsted-deadline`).set(api.adminAuth).send({ dueDate: null }).expect(200);
    expect((await http.get(`/api/reports/${reportId}/ofsted-deadline`).set(api.adminAuth).expect(200)).body.ofstedPlan.dueDate).toBe('2015-04-30');
  });
});

describe("Ofsted's action plan deadline reminders to the board chair", () => {
  let testEnv: ReminderTestEnv;
  let sink: SmtpSink;
  let worker: TestWorker;
  const CODE = 'E06000002';

  beforeAll(async () => {
    testEnv = await createReminderTestEnv();
    sink = await SmtpSink.start();
    worker = await startTestWorker({ ...testEnv.env, SMTP_URL: sink.url }, '2015-03-30');
    const fixtures = new ReminderFixtures(worker.dataSource);
    await fixtures.authority(CODE, 'Middlesbrough', [{ role: 'board_chair', name: 'Pat Chair', email: 'chair@middlesbrough.example' }]);
    // An action far from due, so no digest or escalation goes out: only the deadline reminders.
    await fixtures.action({ authorityCode: CODE, teamId: null, dueDate: '2016-01-01' });
    await worker.dataSource.getRepository(Report).update({ authorityCode: CODE }, {
      publishedOn: '2015-01-20',
      judgements: [{ area: 'overall effectiveness', grade: 'requires improvement' }],
    });
  });

  afterAll(async () => {
    await worker?.close();
    await sink?.close();
    await testEnv?.cleanup();
  });

  it('writes on the working day 20 working days before (31 March, before Easter) and 5 before (23 April), once each', async () => {
    for (const day of ['2015-03-30', '2015-03-31', '2015-03-31', '2015-04-01', '2015-04-22', '2015-04-23', '2015-04-24']) {
      worker.clock.set(day);
      await worker.sweep(day);
    }
    const messages = sink.messagesTo('chair@middlesbrough.example');
    expect(messages.map((message) => message.headers.subject)).toEqual([
      'Council E06000002: action plan due to Ofsted in 20 working days',
      'Council E06000002: action plan due to Ofsted in 5 working days',
    ]);
    expect(messages[0].text).toContain('action plan due to Ofsted on 30 April 2015, 20 working days from 31 March 2015');
    const reminders = await worker.dataSource.getRepository(Reminder).find({ where: { kind: 'ofsted_deadline' }, order: { id: 'ASC' } });
    expect(reminders.map((reminder) => [reminder.digestDate, reminder.status])).toEqual([
      ['2015-03-31', 'sent'],
      ['2015-04-23', 'sent'],
    ]);
  });

  it("reminds a team of the cycle updates still to write, the meeting's number of working days before it (past the May bank holiday)", async () => {
    const fixtures = new ReminderFixtures(worker.dataSource);
    const team = await fixtures.team(CODE, 'Front door', ['front.door@middlesbrough.example']);
    const waiting = await fixtures.action({ authorityCode: CODE, teamId: team.id, dueDate: '2016-01-01', title: 'Audit the front door' });
    const written = await fixtures.action({ authorityCode: CODE, teamId: team.id, dueDate: '2016-01-01', title: 'Already updated' });
    // Thursday 7 May, 3 working days before: Friday 1 May (Monday 4 May is a bank holiday).
    const meeting = await worker.dataSource.getRepository(BoardMeeting).save({ authorityCode: CODE, meetingDate: '2015-05-07', title: 'May board', updateReminderWorkingDays: 3, createdBy: null });
    await worker.dataSource.getRepository(MeetingUpdate).save({ meetingId: meeting.id, actionId: written.id, note: 'Done', authorUserId: null, authorName: 'Sam' });
    for (const day of ['2015-04-30', '2015-05-01', '2015-05-05']) {
      worker.clock.set(day);
      await worker.sweep(day);
    }
    const messages = sink.messagesTo('front.door@middlesbrough.example');
    expect(messages.map((message) => message.headers.subject)).toEqual(['May board on 7 May 2015: 1 update to write for Front door']);
    expect(messages[0].actionIds).toEqual([waiting.id]);
    const reminders = await worker.dataSource.getRepository(Reminder).find({ where: { kind: 'meeting_update' } });
    expect(reminders.map((reminder) => [reminder.digestDate, reminder.status])).toEqual([['2015-05-01', 'sent']]);
  });
});
