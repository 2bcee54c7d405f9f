import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Action, runSql } from '#database';
import { ReminderFixtures } from './support/fixtures.js';
import { createReminderTestEnv, type ReminderTestEnv } from './support/reminder-test-env.js';
import { SmtpSink, type SinkMessage } from './support/smtp-sink.js';
import { startTestWorker, type TestWorker } from './support/test-worker.js';

const MONDAY = '2025-06-02';
const AUTHORITY = 'E06000002';
const CHAIR = 'chair@middlesbrough.example';
const FRONT_DOOR = 'front.door@middlesbrough.example';

/** Where each of `needles` is in `haystack`, failing on any that is missing. */
function positions(haystack: string, needles: string[]): number[] {
  return needles.map((needle) => {
    const at = haystack.indexOf(needle);
    expect(at, `"${needle}" is in the message`).toBeGreaterThanOrEqual(0);
    return at;
  });
}

/** What an officer needs to act, received through a real SMTP server, in both parts of each message. */
describe('what the digests say, in the plain-text and the HTML part (real SMTP server)', () => {
  let testEnv: ReminderTestEnv;
  let sink: SmtpSink;
  let worker: TestWorker;
  let teamDigest: SinkMessage;
  let escalation: SinkMessage;

  beforeAll(async () => {
    testEnv = await createReminderTestEnv();
    sink = await SmtpSink.start();
    worker = await startTestWorker({ ...testEnv.env, SMTP_URL: sink.url }, MONDAY);
    const fixtures = new ReminderFixtures(worker.dataSource);
    await fixtures.authority(AUTHORITY, 'Middlesbrough', [{ role: 'board_chair', name: 'Pat Chair', email: CHAIR }]);
    const front = await fixtures.team(AUTHORITY, 'Front door', [FRONT_DOOR]);
    const quality = await fixtures.team(AUTHORITY, 'Quality', ['quality@middlesbrough.example']);
    // Overdue by more than 20 working days: in the teams' digests and escalated to the chair.
    const audit = await fixtures.action({ authorityCode: AUTHORITY, teamId: front.id, dueDate: '2025-04-01', title: 'Audit the front door', status: 'in_progress' });
    await fixtures.action({ authorityCode: AUTHORITY, teamId: quality.id, dueDate: '2025-04-01', title: 'Audit case files' });
    await fixtures.action({ authorityCode: AUTHORITY, teamId: null, dueDate: '2025-04-01', title: 'Nobody owns this yet' });
    // Re-programmed from 3 March, with a reason; a progress note; a challenge still open.
    await worker.dataSource.getRepository(Action).update({ id: audit.id }, { originalDueDate: '2025-03-03', dueDateReason: 'The new case system came late' });
    await runSql(
      worker.dataSource,
      `INSERT INTO action_updates (action_id, kind, actor_name, changes, note, evidence_links, created_at) VALUES (:id, 'progress', 'Ana Patel', '[]', :note, '[]', :at)`,
      { id: audit.id, note: 'Audit of 40 files done', at: '2025-05-28 09:30:00' },
    );
    await runSql(
      worker.dataSource,
      `INSERT INTO action_challenges (action_id, authority_code, state, raised_by_name, question, rounds) VALUES (:id, :code, 'open', 'Pat Chair', :question, 1)`,
      { id: audit.id, code: AUTHORITY, question: 'Why has this slipped twice?' },
    );
    await worker.sweep(MONDAY);
    // The chair and the team may also hear of the challenge itself: that is a message of its own.
    const ofKind = (address: string, kind: string) => sink.messagesTo(address).filter((message) => message.headers['x-improvement-tracker-reminder']?.startsWith(`${kind}/`));
    [teamDigest] = ofKind(FRONT_DOOR, 'team_digest');
    [escalation] = ofKind(CHAIR, 'board_escalation');
  });

  afterAll(async () => {
    await worker?.close();
    await sink?.close();
    await testEnv?.cleanup();
  });

  it('lists each action with its reference, report, recommendation, status, RAG, lateness, re-programming, latest update and open challenges, in both parts', () => {
    expect(teamDigest, 'the front door team got its digest').toBeDefined();
    expect(teamDigest.html).toContain('<!doctype html>');
    for (const [part, body] of [['text', teamDigest.text], ['html', teamDigest.html]] as const) {
      const facts = [
        'In all: 1 overdue, 1 open challenge.',
        'R1: Audit the front door',
        'Council E06000002',
        '3 March 2025',
        'Audit the front door',
        'In progress',
        'Red (overdue)',
        '1 April 2025, 62 days overdue',
        'from 3 March 2025: The new case system came late',
        '28 May 2025: Audit of 40 files done',
        'Why has this slipped twice?',
        `/actions/`,
      ];
      for (const fact of facts) expect(body, `${part} part`).toContain(fact);
    }
    expect(teamDigest.text).toContain('Re-programmed: from 3 March 2025');
    expect(teamDigest.html).toContain('<b>Re-programmed:</b> from 3 March 2025');
    expect(teamDigest.text).not.toContain('<b>');
  });

  it('groups the chair’s escalation by team, the unassigned last, with lateness in working days, in both parts', () => {
    expect(escalation, 'the board chair got the escalation').toBeDefined();
    const text = positions(escalation.text, ['FRONT DOOR', 'Audit the front door', 'QUALITY', 'Audit case files', 'NO TEAM YET: THE BOARD NEEDS TO ASSIGN ONE', 'Nobody owns this yet']);
    expect(text).toEqual([...text].sort((a, b) => a - b));
    const html = positions(escalation.html, ['>Front door</h2>', 'Audit the front door', '>Quality</h2>', 'Audit case files', '>No team yet: the board needs to assign one</h2>', 'Nobody owns this yet']);
    expect(html).toEqual([...html].sort((a, b) => a - b));
    for (const body of [escalation.text, escalation.html]) {
      expect(body).toContain('In all: 3 overdue, 1 open challenge.');
      expect(body).toMatch(/1 April 2025, \d+ working days overdue \(62 days\)/);
      expect(body).toContain('Why has this slipped twice?');
    }
    // A chair's escalation is not a digest anyone can stop.
    expect(escalation.headers['list-unsubscribe']).toBeUndefined();
  });
});
