import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccessService } from '#access';
import { runSql } from '#database';
import { AuthorityContact, Reminder, ReminderPreference, ReminderQueues } from '#reminders';
import { SeedService } from '#tracking';
import { ApiModule } from '../../apps/api/src/app.module.js';
import { configureApiApp } from '../../apps/api/src/create-api-app.js';
import { ReminderWorkerModule } from '../../apps/worker/src/reminder-worker.module.js';
import { FixedClock } from '../support/fixed-clock.js';
import { createReminderTestEnv, type ReminderTestEnv } from './support/reminder-test-env.js';
import { SmtpSink } from './support/smtp-sink.js';
import { waitUntilSettled } from './support/test-worker.js';
import { Clock } from '#core';

const FIRST = '2015-01-12';
const NEXT_WEEK = '2015-01-19';
const BRENT = 'E09000005';
/** Reads her link and keeps her digest. */
const MEMBER = 'ana.member@brent.test';
/** Stops his digest with his link; he also chairs the board, whose escalations the link cannot stop. */
const CHAIR = 'ben.chair@brent.test';

describe('one-click unsubscribe (RFC 8058), with the API and the worker in one process', () => {
  let testEnv: ReminderTestEnv;
  let sink: SmtpSink;
  let app: INestApplication;
  let dataSource: DataSource;
  let clock: FixedClock;
  const userIds: Record<string, number> = {};

  const ofKind = (address: string, kind: string) => sink.messagesTo(address).filter((message) => message.headers['x-improvement-tracker-reminder']?.startsWith(`${kind}/`));
  const digests = (address: string) => ofKind(address, 'personal_digest');
  /** The digests of the first day, which every test reads; only the stopping test sweeps another. */
  const firstDigests = (address: string) => digests(address).filter((message) => message.headers['message-id']?.includes(`.${FIRST}@`));
  const unsubscribePath = (address: string) => new URL(/<(.+)>/.exec(firstDigests(address)[0].headers['list-unsubscribe'])![1]).pathname;

  const sweep = async (date: string) => {
    clock.set(date);
    await app.get(ReminderQueues).requestSweep(date);
    await waitUntilSettled(app.get(ReminderQueues));
  };

  beforeAll(async () => {
    testEnv = await createReminderTestEnv();
    sink = await SmtpSink.start();
    clock = new FixedClock(FIRST);
    const moduleRef = await Test.createTestingModule({ imports: [ApiModule.forRoot({ ...testEnv.env, SMTP_URL: sink.url }), ReminderWorkerModule] })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    app = moduleRef.createNestApplication({ logger: false, bodyParser: false });
    configureApiApp(app);
    await app.init();
    await app.get(SeedService).seed();
    dataSource = app.get<DataSource>(getDataSourceToken());
    // A member of a Brent team with overdue actions on the first day.
    const [team] = await runSql<{ team_id: number }>(
      dataSource,
      `SELECT a.team_id FROM actions a JOIN teams t ON t.id = a.team_id WHERE a.authority_code = :code AND a.due_date < :date ORDER BY a.team_id LIMIT 1`,
      { code: BRENT, date: FIRST },
    );
    const access = app.get(AccessService);
    for (const [email, name] of [
      [MEMBER, 'Ana Member'],
      [CHAIR, 'Ben Chair'],
    ]) {
      const member = await access.createUser({ email, displayName: name, password: `${name.split(' ')[0]!.toLowerCase()}-password-long-enough` });
      await access.grantRole(member.id, { role: 'team_member', authorityCode: BRENT, teamId: Number(team.team_id) });
      userIds[email] = member.id;
    }
    // He also chairs the improvement board: its escalations come to the same address.
    await dataSource.getRepository(AuthorityContact).insert({ authorityCode: BRENT, role: 'board_chair', name: 'Ben Chair', email: CHAIR });
    await sweep(FIRST);
  });

  afterAll(async () => {
    await app?.close();
    await sink?.close();
    await testEnv?.cleanup();
  });

  it('puts the one-click headers on a person’s digest, and the same link in its text', () => {
    const [digest, ...more] = firstDigests(MEMBER);
    expect(more).toHaveLength(0);
    expect(digest.headers['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    const link = /^<(https:\/\/tracker\.council\.example\/unsubscribe\/[A-Za-z0-9_-]+)>$/.exec(digest.headers['list-unsubscribe']);
    expect(link).not.toBeNull();
    expect(digest.text).toContain(`Stop these emails: ${link![1]}`);
    // Both parts, from the same view.
    expect(digest.raw).toMatch(/Content-Type: text\/html/i);
    expect(digest.text).toMatch(/In all: \d+ overdue/);
  });

  it('shows a button on GET (mail scanners open links) and changes nothing', async () => {
    const page = await request(app.getHttpServer()).get(unsubscribePath(MEMBER)).expect(200);
    expect(page.text).toContain('Stop the digest');
    expect((await dataSource.getRepository(ReminderPreference).findOneByOrFail({ userId: userIds[MEMBER] })).digest).toBe('daily');
  });

  it('stops the digest on the mail client’s POST, without a session, and nothing else', async () => {
    await request(app.getHttpServer()).post(unsubscribePath(CHAIR)).type('form').send('List-Unsubscribe=One-Click').expect(200);
    const preference = await dataSource.getRepository(ReminderPreference).findOneByOrFail({ userId: userIds[CHAIR] });
    expect(preference).toMatchObject({ digest: 'none' });
    await request(app.getHttpServer()).post('/unsubscribe/not-a-real-secret-at-all').type('form').send('List-Unsubscribe=One-Click').expect(404);

    const before = digests(CHAIR).length;
    const escalationsBefore = ofKind(CHAIR, 'board_escalation').length;
    expect(escalationsBefore).toBe(1);
    await sweep(NEXT_WEEK);
    expect(digests(CHAIR)).toHaveLength(before);
    // Her own address still gets the board's escalation, which the link cannot turn off, and without one.
    const escalationsAfter = ofKind(CHAIR, 'board_escalation');
    expect(escalationsAfter).toHaveLength(escalationsBefore + 1);
    expect(escalationsAfter.at(-1)!.headers['list-unsubscribe']).toBeUndefined();
    // The chairs' escalations are not digests: they still go.
    const escalations = await dataSource.getRepository(Reminder).find({ where: { digestDate: NEXT_WEEK, kind: 'board_escalation' } });
    expect(escalations.length).toBeGreaterThan(0);
    expect(escalations.every((reminder) => reminder.status === 'sent')).toBe(true);
  });
});
