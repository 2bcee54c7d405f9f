import { describe, expect, it } from 'vitest';
import {
  actionLink,
  assertHandlesEveryJob,
  classifyMailError,
  composeEscalationDigest,
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
    report: { authorityName: 'London Borough of Brent', format: 'protection_2012', publishedOn: '2012-10-31', inspectionEnd: '2012-09-28' },
    dueDate: '2025-05-30',
    reason: 'overdue_first',
    ...overrides,
  });

  it('lists each action with its report, due date, lateness and link, in text and escaped HTML', () => {
    const email = composeTeamDigest({
      teamName: 'Front door',
      authorityName: 'Brent',
      date: '2025-06-02',
      publicUrl: 'https://tracker.example/',
      items: [item({}), item({ actionId: 8, dueDate: '2025-06-12', reason: 'due_soon', title: 'Due soon' })],
    });
    expect(email.subject).toBe('Brent improvement actions for Front door: 1 overdue, 1 due soon');
    expect(email.text).toContain('Now overdue:\n\n- Ensure <referrals> & "contacts" are assessed\n  Report: London Borough of Brent child protection inspection report of 31 October 2012\n  Due: 30 May 2025\n  Days overdue: 3\n  https://tracker.example/actions/7');
    expect(email.text).toContain('Due soon:\n\n- Due soon\n');
    expect(email.text).toContain('  Due in: 10 days\n');
    expect(email.html).toContain('<a href="https://tracker.example/actions/7">Ensure &#60;referrals&#62; &#38; &#34;contacts&#34; are assessed</a>');
    expect(email.html).not.toContain('<referrals>');
  });

  it('tells a chair how late each action is in working days and who owns it', () => {
    const email = composeEscalationDigest({
      contactName: 'LSCB Chair',
      role: 'lscb_chair',
      authorityName: 'Brent',
      date: '2025-06-02',
      publicUrl: 'https://tracker.example',
      thresholdWorkingDays: 20,
      items: [item({ reason: undefined, dueDate: '2025-04-01', teamName: null, workingDaysOverdue: 42 })],
    });
    expect(email.subject).toBe('Brent: 1 improvement action overdue by more than 20 working days');
    expect(email.text).toContain('addressed to the LSCB or the partnership');
    expect(email.text).toContain('Days overdue: 62 (42 working days)');
    expect(email.text).toContain('Owner: no team yet: the board needs to assign one');
  });

  it('builds links from the public address with or without a trailing slash', () => {
    expect(actionLink('https://tracker.example/', 3)).toBe('https://tracker.example/actions/3');
    expect(actionLink('https://tracker.example/base', 3)).toBe('https://tracker.example/base/actions/3');
  });
});

describe('queue registry', () => {
  it('names every job of every queue and builds deterministic ids', () => {
    expect(REMINDER_JOB_NAMES).toEqual({ [SWEEP_QUEUE]: ['sweep'], [MAIL_QUEUE]: ['team-digest', 'personal-digest', 'escalation-digest', 'notice'] });
    expect(reminderJob('sweep', { date: '2025-06-02' })).toEqual({ name: 'sweep', data: { date: '2025-06-02' }, jobId: 'sweep-2025-06-02' });
    // Ids come from the payload alone: the reminder row is unique per recipient, kind and day.
    expect(reminderJob('team-digest', { reminderId: 12 }).jobId).toBe('reminder-12');
    expect(reminderJob('escalation-digest', { reminderId: 3 }).jobId).toBe('reminder-3');
    expect(reminderJob('team-digest', { reminderId: 12 })).toEqual(reminderJob('team-digest', { reminderId: 12 }));
  });

  it('refuses handlers that leave a job name out', () => {
    const noop = async () => undefined;
    expect(() => assertHandlesEveryJob(MAIL_QUEUE, { 'team-digest': noop, 'personal-digest': noop, 'escalation-digest': noop, notice: noop })).not.toThrow();
    expect(() => assertHandlesEveryJob(MAIL_QUEUE, { 'team-digest': noop })).toThrow(ReminderException.missingHandlers(MAIL_QUEUE, ['personal-digest', 'escalation-digest', 'notice']));
    expect(() => assertHandlesEveryJob(SWEEP_QUEUE, {})).toThrow('Queue reminder-sweep has no handler for job sweep');
  });
});
