import type { INestApplication } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ChallengeAlertPlanner, ChallengeAlertRepository, ChallengeAlertService, Reminder, ReminderQueues, ReminderSweepService } from '#reminders';
import { SeedService } from '#tracking';
import { ReminderSweepRequests } from '../../apps/api/src/reminders/reminder-sweep.requests.js';
import { makePerson, WALTHAM_FOREST, type Person } from '../access/access-fixture.js';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { createReminderTestEnv, type ReminderTestEnv } from '../reminders/support/reminder-test-env.js';
import { SmtpSink, type SinkMessage } from '../reminders/support/smtp-sink.js';
import { waitUntilSettled } from '../reminders/support/test-worker.js';
import { startApiWithWorker } from '../reminders/support/api-with-worker.js';

const TODAY = '2015-06-01';
const BOARD_CHAIR = 'improvement.board.chair@walthamforest.example';
const TEAM_MAILBOX = 'mash@walthamforest.example';
const TEAM_MEMBER = 'team.member@walthamforest.example';
const QUESTION = 'How do you know the new screening is applied the same way by every duty team?';

interface ActionItem {
  id: number;
  dueDate: string;
  team: { id: number; name: string } | null;
  recommendation: { id: number; reference: string } | null;
}

/** A header as sent: RFC 2047 encoded words (base64, UTF-8) decoded and joined. */
const decoded = (header: string) => header.replace(/=\?UTF-8\?B\?([A-Za-z0-9+/=]*)\?=\s*/gi, (_, data: string) => Buffer.from(data, 'base64').toString('utf8'));
const kindOf = (message: SinkMessage) => (message.headers['x-improvement-tracker-reminder'] ?? '').split('/')[0];

/**
 * A new challenge told at once, through the reminder queue and a real SMTP server: the board chair
 * contact and the owning team each get one email with the challenge, the action and its link; the
 * job run again, the alerts planned again and the day's sweep send nothing twice, and the digests
 * list the open challenge.
 */
describe('challenge alerts, with the worker in the same process', () => {
  let testEnv: ReminderTestEnv;
  let sink: SmtpSink;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let chair: Person;
  let action: ActionItem;
  let challengeId: number;

  beforeAll(async () => {
    testEnv = await createReminderTestEnv();
    sink = await SmtpSink.start();
    let adminAuth: { Authorization: string };
    ({ app, http, adminAuth } = await startApiWithWorker({
      env: { ...testEnv.env, SMTP_URL: sink.url, AUTH_RATE_LIMIT: '1000' },
      today: TODAY,
      adminEmail: 'admin@alerts.test',
    }));
    chair = await makePerson({ app, adminAuth } as unknown as TestApi, 'alerts-chair', [{ role: 'lscb_chair', authorityCode: WALTHAM_FOREST }]);
    const items = (await http.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=100&sort=id`).set(adminAuth).expect(200)).body.items as ActionItem[];
    // An overdue action of the team with the demo team member: the day's digests list it.
    action = items.find((item) => item.team?.name === 'Referral and advice team' && item.dueDate < TODAY)!;
    expect(action).toBeDefined();
    // The API's own Redis connection answers before the challenge is raised.
    const requests = app.get(ReminderSweepRequests);
    for (let tries = 0; requests.readyQueues() === null && tries < 100; tries += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(requests.readyQueues()).not.toBeNull();

    // The file's story, once: the challenge is raised (its alerts go at once), then the day is swept.
    const raised = await http.post(`/api/actions/${action.id}/challenges`).set(chair.auth).send({ question: QUESTION }).expect(201);
    challengeId = raised.body.id;
    await waitUntilSettled(app.get(ReminderQueues));
    await app.get(ReminderSweepService).sweep(TODAY);
    await waitUntilSettled(app.get(ReminderQueues));
  });

  afterAll(async () => {
    await app?.close();
    await sink?.close();
    await testEnv?.cleanup();
  });

  const alerts = () => sink.messages.filter((message) => kindOf(message) === 'challenge_opened');
  /** The alerts of the challenge raised in beforeAll (a test may raise another on the same action). */
  const firstAlerts = () => alerts().filter((message) => message.text.replace(/\s+/g, ' ').includes(QUESTION));

  it('emails the board chair contact and the owning team once each, as soon as the challenge is opened', async () => {
    expect(firstAlerts()).toHaveLength(2);
    const toChair = firstAlerts().filter((message) => message.to.includes(BOARD_CHAIR));
    const toTeam = firstAlerts().filter((message) => message.to.includes(TEAM_MAILBOX));
    expect(toChair).toHaveLength(1);
    expect(toTeam).toHaveLength(1);
    // The team's own mailbox and its member share the team's one email.
    expect(toTeam[0].to.sort()).toEqual([TEAM_MAILBOX, TEAM_MEMBER].sort());
    expect(toChair[0].to).toEqual([BOARD_CHAIR]);
    for (const message of [...toChair, ...toTeam]) {
      const text = message.text.replace(/\s+/g, ' ');
      expect(text).toContain(QUESTION);
      expect(text).toContain(`Action ${action.recommendation!.reference}:`);
      expect(text).toContain(`https://tracker.council.example/actions/${action.id}`);
      expect(text).toContain(`${chair.name} challenged`);
      expect(decoded(message.headers.subject)).toContain(`Waltham Forest: challenge on action ${action.recommendation!.reference}:`);
    }
    expect(toChair[0].text).toContain('Dear Chair of the Waltham Forest Improvement Board');
    expect(toTeam[0].text).toContain('To Referral and advice team');

    const reminders = (await app.get<DataSource>(getDataSourceToken()).getRepository(Reminder).find({ where: { kind: 'challenge_opened' }, order: { id: 'ASC' } })).filter(
      (row) => row.recipientKey.startsWith(`challenge:${challengeId}:`),
    );
    expect(reminders.map((row) => ({ status: row.status, actionIds: row.actionIds, recipientKey: row.recipientKey }))).toEqual([
      { status: 'sent', actionIds: [action.id], recipientKey: expect.stringMatching(new RegExp(`^challenge:${challengeId}:contact:\\d+$`)) },
      { status: 'sent', actionIds: [action.id], recipientKey: `challenge:${challengeId}:team:${action.team!.id}` },
    ]);
  });

  it('sends nothing twice: the job queued again, the alerts planned again, the day swept', async () => {
    const sentBefore = alerts().length;
    const queues = app.get(ReminderQueues);
    expect(await queues.add('challenge-opened', { challengeId })).toBe(`challenge-opened-${challengeId}`);
    await waitUntilSettled(queues);
    expect(await app.get(ChallengeAlertService).announce(challengeId)).toEqual({ challengeId, planned: 0, queued: 0 });
    await app.get(ReminderSweepService).sweep(TODAY);
    await waitUntilSettled(queues);
    expect(alerts()).toHaveLength(sentBefore);
    expect(firstAlerts()).toHaveLength(2);
  });

  it('lists the open challenge in the digests that list the action', async () => {
    const digests = sink.messages.filter((message) => ['team_digest', 'personal_digest'].includes(kindOf(message)) && message.actionIds.includes(action.id));
    expect(digests.length).toBeGreaterThan(0);
    for (const digest of digests) expect(digest.text.replace(/\s+/g, ' ')).toContain('Open challenge');
  });

  it('tells a second challenge on the same action and day too', async () => {
    const before = alerts().length;
    const other = await http.post(`/api/actions/${action.id}/challenges`).set(chair.auth).send({ question: 'Who audits the audits?' }).expect(201);
    await waitUntilSettled(app.get(ReminderQueues));
    const fresh = alerts().slice(before);
    expect(fresh).toHaveLength(2);
    expect(fresh.every((message) => message.text.includes('Who audits the audits?'))).toBe(true);
    expect(other.body.id).not.toBe(challengeId);
  });
});

describe('challenge alerts while Redis is away', () => {
  let api: TestApi;
  let chair: Person;

  beforeAll(async () => {
    // Nothing listens on port 1: the API's queue connection never becomes ready.
    api = await startTestApi({ today: TODAY, env: { REDIS_URL: 'redis://127.0.0.1:1' } });
    await api.app.get(SeedService).seed();
    chair = await makePerson(api, 'away-chair', [{ role: 'lscb_chair', authorityCode: WALTHAM_FOREST }]);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('opens the challenge all the same, and the next sweep plans its alerts once', async () => {
    const http = request(api.app.getHttpServer());
    const items = (await http.get(`/api/actions?authority=${WALTHAM_FOREST}&limit=100&sort=id`).set(api.adminAuth).expect(200)).body.items as ActionItem[];
    const target = items.find((item) => item.team?.name === 'Referral and advice team')!;
    const started = Date.now();
    const raised = await http.post(`/api/actions/${target.id}/challenges`).set(chair.auth).send({ question: QUESTION }).expect(201);
    expect(Date.now() - started).toBeLessThan(3000);
    expect((await http.get(`/api/actions/${target.id}`).set(api.adminAuth).expect(200)).body.challenges).toMatchObject([{ id: raised.body.id, state: 'open' }]);

    const dataSource = api.app.get<DataSource>(getDataSourceToken());
    // The sweep's planning step on its own: this API has no worker, and the planner holds no connection.
    const planner = new ChallengeAlertPlanner(new ChallengeAlertRepository());
    expect(await dataSource.transaction((manager) => planner.planMissed(manager, TODAY))).toBe(2);
    expect(await dataSource.transaction((manager) => planner.planMissed(manager, TODAY))).toBe(0);
    const planned = await dataSource.getRepository(Reminder).find({ where: { kind: 'challenge_opened' }, order: { id: 'ASC' } });
    expect(planned.map((row) => [row.status, row.recipients.sort()])).toEqual([
      ['pending', [BOARD_CHAIR]],
      ['pending', [TEAM_MAILBOX, TEAM_MEMBER].sort()],
    ]);
  });
});
