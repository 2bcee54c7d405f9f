import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessService } from '#access';
import { ReminderQueues } from '#reminders';
import { startTestApi, type TestApi } from '../support/test-api.js';
import { createReminderTestEnv, type ReminderTestEnv } from './support/reminder-test-env.js';
import { SmtpSink, type SinkMessage } from './support/smtp-sink.js';
import { waitUntilSettled } from './support/test-worker.js';
import { startApiWithWorker } from './support/api-with-worker.js';

const TODAY = '2015-01-12';
const BRENT = 'E09000005';

describe('reminders API, with the worker in the same process', () => {
  let testEnv: ReminderTestEnv;
  let sink: SmtpSink;
  let app: INestApplication;
  let http: ReturnType<typeof request>;
  let admin: { Authorization: string };
  let brentBoard: { Authorization: string };
  /** Today's sweep, asked for once before the tests: every test reads the reminders it made, whichever runs first. */
  let firstSweep: { body: unknown; sent: SinkMessage[] };

  beforeAll(async () => {
    testEnv = await createReminderTestEnv();
    sink = await SmtpSink.start();
    let access: AccessService;
    ({ app, http, adminAuth: admin, access } = await startApiWithWorker({ env: { ...testEnv.env, SMTP_URL: sink.url }, today: TODAY, adminEmail: 'admin@reminders.test' }));
    const member = await access.createUser({ email: 'board@brent.test', displayName: 'Brent board member', password: 'brent-password-long-enough' });
    await access.grantRole(member.id, { role: 'board_member', authorityCode: BRENT, teamId: null });
    brentBoard = { Authorization: `Bearer ${(await access.createToken(member.id, 'tests', 1)).token}` };

    const queued = await http.post('/api/reminders/sweep').set(admin).expect(202);
    await waitUntilSettled(app.get(ReminderQueues));
    firstSweep = { body: queued.body, sent: [...sink.messages] };
  });

  afterAll(async () => {
    await app?.close();
    await sink?.close();
    await testEnv?.cleanup();
  });

  it('runs the sweep of today on request, and lists what it sent', async () => {
    const { body, sent: messages } = firstSweep;
    expect(body).toEqual({
      date: TODAY,
      jobId: `sweep-${TODAY}`,
      state: 'queued',
      workingDay: true,
      message: `The sweep of ${TODAY} is queued; it sends only the digests that day has not had yet`,
    });
    expect(messages.length).toBeGreaterThan(20);

    const listed = await http.get(`/api/reminders?date=${TODAY}&limit=100`).set(admin).expect(200);
    expect(listed.body.total).toBe(messages.length);
    expect(listed.body.items).toHaveLength(messages.length);
    const sent = listed.body.items.map((item: { messageId: string }) => item.messageId).sort();
    expect(sent).toEqual(messages.map((message) => message.headers['message-id']).sort());
    const digest = listed.body.items.find((item: { kind: string }) => item.kind === 'team_digest');
    expect(digest).toMatchObject({ status: 'sent', attempts: 1, error: null, digestDate: TODAY, contact: null, team: { id: expect.any(Number), name: expect.any(String) } });
    const escalation = listed.body.items.find((item: { kind: string }) => item.kind === 'board_escalation');
    expect(escalation).toMatchObject({ team: null, contact: { role: 'board_chair', name: expect.stringContaining('Improvement Board') } });
  });

  it('filters by authority, team, kind, status and date, and paginates', async () => {
    const all = (await http.get('/api/reminders?limit=100').set(admin).expect(200)).body;
    const count = (predicate: (item: Record<string, unknown>) => boolean) => all.items.filter(predicate).length;

    const brent = (await http.get(`/api/reminders?authority=${BRENT}&limit=100`).set(admin).expect(200)).body;
    expect(brent.total).toBe(count((item) => item.authorityCode === BRENT));
    expect(brent.items.every((item: { authorityCode: string }) => item.authorityCode === BRENT)).toBe(true);

    const teamId = all.items.find((item: { team: { id: number } | null }) => item.team)!.team.id;
    const ofTeam = (await http.get(`/api/reminders?team=${teamId}`).set(admin).expect(200)).body;
    expect(ofTeam.total).toBe(1);
    expect(ofTeam.items[0].team.id).toBe(teamId);

    const chairs = (await http.get('/api/reminders?kind=board_escalation,lscb_escalation&limit=100').set(admin).expect(200)).body;
    expect(chairs.total).toBe(count((item) => item.kind === 'board_escalation' || item.kind === 'lscb_escalation'));
    expect(chairs.total).toBeGreaterThan(3);

    expect((await http.get('/api/reminders?status=failed').set(admin).expect(200)).body.total).toBe(0);
    expect((await http.get('/api/reminders?status=sent,failed').set(admin).expect(200)).body.total).toBe(all.total);
    expect((await http.get('/api/reminders?date=2015-01-13').set(admin).expect(200)).body.total).toBe(0);

    const page = (await http.get('/api/reminders?limit=5&offset=5').set(admin).expect(200)).body;
    expect(page).toMatchObject({ total: all.total, limit: 5, offset: 5 });
    expect(page.items.map((item: { id: number }) => item.id)).toEqual(all.items.slice(5, 10).map((item: { id: number }) => item.id));
  });

  it("shows a board member only their own authority's reminders, and refuses them the sweep", async () => {
    const mine = (await http.get('/api/reminders?limit=100').set(brentBoard).expect(200)).body;
    const brentCount = (await http.get(`/api/reminders?authority=${BRENT}`).set(admin)).body.total;
    expect(mine.total).toBe(brentCount);
    expect(mine.items.every((item: { authorityCode: string }) => item.authorityCode === BRENT)).toBe(true);
    expect((await http.get('/api/reminders?authority=E09000031').set(brentBoard).expect(200)).body.total).toBe(0);

    const refused = await http.post('/api/reminders/sweep').set(brentBoard).send({}).expect(403);
    expect(refused.body.message).toMatch(/administrator/);
    await http.get('/api/reminders').expect(401);
  });

  it('sends nothing more when asked to sweep the same day again', async () => {
    const before = sink.messages.length;
    const again = await http.post('/api/reminders/sweep').set(admin).send({ date: TODAY }).expect(202);
    expect(again.body.state).toBe('queued');
    await waitUntilSettled(app.get(ReminderQueues));
    expect(sink.messages).toHaveLength(before);
    expect((await http.get('/api/reminders').set(admin)).body.total).toBe(before);
  });

  it('accepts a weekend day but says it sends nothing', async () => {
    const before = sink.messages.length;
    const saturday = await http.post('/api/reminders/sweep').set(admin).send({ date: '2015-01-17' }).expect(202);
    expect(saturday.body).toMatchObject({ date: '2015-01-17', workingDay: false, message: '2015-01-17 is a weekend day: the sweep will send nothing' });
    await waitUntilSettled(app.get(ReminderQueues));
    expect(sink.messages).toHaveLength(before);
  });

  it('refuses bad input with a message naming the field', async () => {
    expect((await http.post('/api/reminders/sweep').set(admin).send({ date: '2015-02-30' }).expect(400)).body.message).toMatch(/date must be a real calendar date/);
    expect((await http.post('/api/reminders/sweep').set(admin).send({ when: 'now' }).expect(400)).body.message).toMatch(/when should not exist/);
    expect((await http.get('/api/reminders?kind=postcard').set(admin).expect(400)).body.message).toMatch(/kind/);
    expect((await http.get('/api/reminders?limit=500').set(admin).expect(400)).body.message).toMatch(/limit/);
  });

  it('documents both routes', async () => {
    const document = (await http.get('/api/docs-json').expect(200)).body;
    expect(document.paths['/api/reminders'].get.summary).toMatch(/Reminder emails/);
    expect(document.paths['/api/reminders'].get.parameters.map((parameter: { name: string }) => parameter.name)).toEqual(
      expect.arrayContaining(['authority', 'team', 'kind', 'status', 'date', 'limit', 'offset']),
    );
    expect(document.paths['/api/reminders/sweep'].post.responses).toHaveProperty('202');
    expect(document.paths['/api/reminders/sweep'].post.responses).toHaveProperty('503');
  });
});

describe('reminders API with Redis down', () => {
  let api: TestApi;

  beforeAll(async () => {
    // Nothing listens there: the shared Redis stays up for the other tests.
    api = await startTestApi({ today: TODAY, env: { REDIS_URL: 'redis://127.0.0.1:6390' } });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('still lists reminders and everything else, refuses the sweep with 503, and says Redis is down', async () => {
    const http = request(api.app.getHttpServer());
    expect((await http.get('/api/reminders').set(api.adminAuth).expect(200)).body).toEqual({ items: [], total: 0, limit: 25, offset: 0 });
    await http.get('/api/actions').set(api.adminAuth).expect(200);

    const started = Date.now();
    const refused = await http.post('/api/reminders/sweep').set(api.adminAuth).send({ date: TODAY }).expect(503);
    expect(Date.now() - started).toBeLessThan(3000);
    expect(refused.body).toMatchObject({ statusCode: 503, code: 'DEPENDENCY_UNAVAILABLE' });
    expect(refused.body.message).toMatch(/^The reminder queue \(Redis at 127\.0\.0\.1:6390\) is unavailable/);

    const health = await http.get('/api/health').expect(200);
    expect(health.body).toMatchObject({ status: 'degraded', database: { status: 'up' }, redis: { status: 'down' } });
  });
});
