import { describe, expect, it } from 'vitest';
import {
  actionLink,
  assertHandlesEveryJob,
  classifyMailError,
  composeEscalationDigest,
  composePersonalDigest,
  digestSummary,
  shorten,
  composeTeamDigest,
  reminderJob,
  MAIL_QUEUE,
  ReminderException,
  REMINDER_JOB_NAMES,
  SWEEP_QUEUE,
  type DigestItem,
} from '#reminders';

const smtpError = (responseCode: number, response: string, permanent?: boolean) =>
  Object.assign(new Error(`Can't send mail - all recipients were rejected: ${response}`), { code: 'EENVELOPE', responseCode, response, ...(permanent === undefined ? {} : { permanent }) });

describe('classifyMailError', () => {
  it.each([
    ['a 421 "try again later"', smtpError(421, '421 4.3.2 Service not available', false), false],
    ['a 450 mailbox busy', smtpError(450, '450 4.2.1 Mailbox busy'), false],
    ['a 550 unknown mailbox', smtpError(550, '550 5.1.1 <x@y>: mailbox unavailable', true), true],
    ['a 554 without the permanent flag', smtpError(554, '554 5.7.1 Rejected'), true],
    ['a 503 bad sequence, which a new connection cures', smtpError(503, '503 5.5.1 Bad sequence of commands'), false],
    ['a refused connection', Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' }), false],
    ['a dropped connection', Object.assign(new Error('Connection closed unexpectedly'), { code: 'ECONNECTION' }), false],
    ['a timeout', Object.assign(new Error('Greeting never received'), { code: 'ETIMEDOUT' }), false],
    ['a message without recipients', Object.assign(new Error('No recipients defined'), { code: 'EENVELOPE' }), true],
    ['bad configuration', Object.assign(new Error('Invalid transport'), { code: 'ECONFIG' }), true],
    ['something unknown', new Error('surprise'), false],
  ])('%s is %s', (_, error, permanent) => {
    expect(classifyMailError(error).permanent).toBe(permanent);
  });

  it('keeps the server reply as the reason', () => {
    expect(classifyMailError(smtpError(550, '550 5.1.1 <x@y>: mailbox unavailable', true)).reason).toBe('550 5.1.1 <x@y>: mailbox unavailable');
    expect(classifyMailError(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:2525'), { code: 'ESOCKET' })).reason).toBe('ESOCKET: connect ECONNREFUSED 127.0.0.1:2525');
  });
});

describe('digest composition', () => {
  const item = (overrides: Partial<DigestItem>): DigestItem => ({
    actionId: 7,
    title: 'Ensure <referrals> & "contacts" are assessed',
    reference: 'A3',
    recommendation: 'Ensure that all contacts and referrals are assessed promptly by qualified social workers and that management oversight is recorded on every case file, with reasons for decisions explained to families in writing, in every case, without exception, and reviewed monthly.',
    report: { authorityName: 'London Borough of Brent', format: 'protection_2012', publishedOn: '2012-10-31', inspectionEnd: '2012-09-28' },
    status: 'in_progress',
    rag: 'red',
    dueDate: '2025-05-30',
    originalDueDate: '2025-05-30',
    dueDateReason: null,
    latestUpdate: { on: '2025-05-20', text: 'Audit of 40 files done' },
    openChallenges: [],
    reason: 'overdue_first',
    ...overrides,
  });

  it('lists each action with what an officer needs to act, in both parts, escaping only the HTML', () => {
    const email = composeTeamDigest({
      teamName: 'Front door',
      authorityName: 'Brent',
      date: '2025-06-02',
      publicUrl: 'https://tracker.example/',
      items: [
        item({ openChallenges: ['Why has this slipped?'], originalDueDate: '2025-04-30', dueDateReason: 'New system late' }),
        item({ actionId: 8, dueDate: '2025-06-12', originalDueDate: '2025-06-12', reason: 'due_soon', title: 'Due soon', rag: 'amber', status: 'blocked', latestUpdate: null }),
      ],
    });
    expect(email.subject).toBe('Brent improvement actions for Front door: 1 overdue, 1 due soon');
    for (const part of [email.text, email.html]) {
      expect(part).toContain('In all: 1 overdue, 1 due soon, 1 open challenge.');
      expect(part).toContain('London Borough of Brent child protection inspection report of 31 October 2012');
      expect(part).toContain('Ensure that all contacts and referrals are assessed promptly');
      expect(part).toContain('…');
      expect(part).not.toContain('reviewed monthly');
      expect(part).toContain('In progress');
      expect(part).toContain('Red (overdue)');
      expect(part).toContain('Amber (due soon)');
      expect(part).toContain('30 May 2025, 3 days overdue');
      expect(part).toContain('12 June 2025, due in 10 days');
      expect(part).toContain('from 30 April 2025: New system late');
      expect(part).toContain('20 May 2025: Audit of 40 files done');
      expect(part).toContain('none yet');
      expect(part).toContain('Why has this slipped?');
      expect(part).toContain('https://tracker.example/actions/7');
    }
    expect(email.text).toContain('* A3: Ensure <referrals> & "contacts" are assessed\n  https://tracker.example/actions/7\n  Report: ');
    expect(email.text).toContain('NOW OVERDUE');
    expect(email.text).toContain('DUE SOON');
    expect(email.html).toContain('<a href="https://tracker.example/actions/7" style="color:#1d70b8;font-weight:bold;">A3: Ensure &lt;referrals&gt; &amp; &quot;contacts&quot; are assessed</a>');
    expect(email.html).not.toContain('<referrals>');
    expect(email.text).not.toContain('&lt;');
  });

  it('tells a chair how late each action is in working days, grouped by team', () => {
    const email = composeEscalationDigest({
      contactName: 'LSCB Chair',
      role: 'lscb_chair',
      authorityName: 'Brent',
      date: '2025-06-02',
      publicUrl: 'https://tracker.example',
      thresholdWorkingDays: 20,
      items: [
        item({ reason: undefined, dueDate: '2025-04-01', originalDueDate: '2025-04-01', teamName: null, workingDaysOverdue: 42 }),
        item({ actionId: 9, reason: undefined, dueDate: '2025-04-01', originalDueDate: '2025-04-01', teamName: 'Quality', workingDaysOverdue: 42, status: 'awaiting_sign_off' }),
      ],
    });
    expect(email.subject).toBe('Brent: 2 improvement actions overdue by more than 20 working days');
    expect(email.text).toContain('addressed to the LSCB or the partnership');
    expect(email.text).toContain('In all: 2 overdue, 1 awaiting sign-off.');
    expect(email.text).toContain('1 April 2025, 42 working days overdue (62 days)');
    // Teams in order, the unassigned last.
    expect(email.text.indexOf('QUALITY')).toBeGreaterThan(0);
    expect(email.text.indexOf('QUALITY')).toBeLessThan(email.text.indexOf('NO TEAM YET: THE BOARD NEEDS TO ASSIGN ONE'));
    expect(email.html).toContain('<h2 style="font-size:20px;margin:24px 0 8px;">Quality</h2>');
  });

  it('offers a personal digest’s reader their preferences and a way to stop it', () => {
    const email = composePersonalDigest({
      personName: 'Ana Patel',
      authorityName: 'Brent',
      date: '2025-06-02',
      weekly: true,
      publicUrl: 'https://tracker.example',
      preferencesUrl: 'https://tracker.example/account/reminders',
      unsubscribeUrl: 'https://tracker.example/unsubscribe/abc',
      items: [item({ teamName: 'Front door' })],
    });
    expect(email.subject).toBe('Brent improvement actions for you: 1 overdue');
    expect(email.text).toContain('Team: Front door');
    expect(email.text).toContain('Stop these emails: https://tracker.example/unsubscribe/abc');
    expect(email.html).toContain('href="https://tracker.example/account/reminders"');
  });

  it('shortens at a word and says so', () => {
    expect(shorten('one two three four', 12)).toBe('one two…');
    expect(shorten('  short  text ', 40)).toBe('short text');
    expect(digestSummary([], '2025-06-02')).toBe('');
  });

  it('builds links from the public address with or without a trailing slash', () => {
    expect(actionLink('https://tracker.example/', 3)).toBe('https://tracker.example/actions/3');
    expect(actionLink('https://tracker.example/base', 3)).toBe('https://tracker.example/base/actions/3');
  });
});

describe('queue registry', () => {
  it('names every job of every queue and builds deterministic ids', () => {
    expect(REMINDER_JOB_NAMES).toEqual({ [SWEEP_QUEUE]: ['sweep'], [MAIL_QUEUE]: ['team-digest', 'personal-digest', 'escalation-digest', 'notice', 'challenge-opened'] });
    expect(reminderJob('sweep', { date: '2025-06-02' })).toEqual({ name: 'sweep', data: { date: '2025-06-02' }, jobId: 'sweep-2025-06-02' });
    // Ids come from the payload alone: the reminder row is unique per recipient, kind and day.
    expect(reminderJob('team-digest', { reminderId: 12 }).jobId).toBe('reminder-12');
    expect(reminderJob('escalation-digest', { reminderId: 3 }).jobId).toBe('reminder-3');
    expect(reminderJob('challenge-opened', { challengeId: 5 }).jobId).toBe('challenge-opened-5');
    expect(reminderJob('team-digest', { reminderId: 12 })).toEqual(reminderJob('team-digest', { reminderId: 12 }));
  });

  it('refuses handlers that leave a job name out', () => {
    const noop = async () => undefined;
    expect(() => assertHandlesEveryJob(MAIL_QUEUE, { 'team-digest': noop, 'personal-digest': noop, 'escalation-digest': noop, notice: noop, 'challenge-opened': noop })).not.toThrow();
    expect(() => assertHandlesEveryJob(MAIL_QUEUE, { 'team-digest': noop })).toThrow(ReminderException.missingHandlers(MAIL_QUEUE, ['personal-digest', 'escalation-digest', 'notice', 'challenge-opened']));
    expect(() => assertHandlesEveryJob(SWEEP_QUEUE, {})).toThrow('Queue reminder-sweep has no handler for job sweep');
  });
});
