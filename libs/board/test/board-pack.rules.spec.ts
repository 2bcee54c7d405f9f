import { describe, expect, it } from 'vitest';
import type { Action, ActionUpdate } from '#database';
import { reportFormatTitle } from '#extraction';
import { actionRow, changeCounts, journalRecord, journalRow, meetingWindow, openChallengeLines, packAction, reportLabel, windowInstants } from '#board';

const entry = {
  id: 41,
  actionId: 7,
  kind: 'status',
  changes: [
    { field: 'status', from: 'not_started', to: 'in_progress' },
    { field: 'leadOfficer', from: null, to: 'Sam' },
  ],
  evidenceLinks: ['https://council.example/a', 'https://council.example/b'],
  note: 'Started',
  actorName: 'Jo',
  actorUserId: 3,
  createdAt: new Date('2026-03-02T23:30:00Z'),
} as unknown as ActionUpdate;

const action = {
  id: 7,
  title: 'Audit supervision',
  reportId: 2,
  teamId: 5,
  status: 'in_progress',
  dueDate: '2026-02-01',
  originalDueDate: '2026-01-01',
  dueDateReason: 'Waiting for the audit tool',
  leadOfficer: 'Sam',
  ragOverride: null,
  recommendationId: 11,
  recommendation: { reference: 'A3', text: 'Improve supervision', theme: 'Workforce' },
  team: { name: 'Referral and advice team' },
} as unknown as Action;

describe('a meeting’s window', () => {
  it('runs from the day after the previous meeting to the meeting', () => {
    expect(meetingWindow({ meetingDate: '2026-05-12', previousMeetingDate: '2026-03-10' }, '2026-04-01')).toEqual({ from: '2026-03-11', to: '2026-05-12' });
  });

  it('looks back eight weeks for a first meeting, and from today without a meeting', () => {
    expect(meetingWindow({ meetingDate: '2026-05-12', previousMeetingDate: null }, '2026-04-01')).toEqual({ from: '2026-03-17', to: '2026-05-12' });
    expect(meetingWindow(null, '2026-04-01')).toEqual({ from: '2026-02-04', to: '2026-04-01' });
  });

  it('reads the journal from its first day’s start to the start of the day after its last, UTC', () => {
    expect(windowInstants({ from: '2026-03-11', to: '2026-05-12' })).toEqual({ from: new Date('2026-03-11T00:00:00Z'), until: new Date('2026-05-13T00:00:00Z') });
  });
});

describe('the rows the changes are worked out from', () => {
  it('date a journal entry by its UTC day', () => {
    expect(journalRow(entry)).toEqual({ actionId: 7, kind: 'status', changes: entry.changes, evidenceLinks: entry.evidenceLinks, note: 'Started', actor: 'Jo', on: '2026-03-02' });
  });

  it('give an action its recommendation’s reference, else its id', () => {
    expect(actionRow(action)).toEqual({ id: 7, reference: 'A3', title: 'Audit supervision', reportId: 2, teamId: 5, status: 'in_progress', dueDate: '2026-02-01' });
    expect(actionRow({ ...action, recommendation: null }).reference).toBe('#7');
  });

  it('count every kind of change, none as 0', () => {
    const counts = changeCounts([
      { kind: 'status', actionId: 1 },
      { kind: 'status', actionId: 2 },
      { kind: 'evidence', actionId: 1 },
    ] as never);
    expect(counts).toEqual({ status: 2, signed_off: 0, reprogrammed: 0, evidence: 1, challenge_opened: 0, challenge_closed: 0, became_overdue: 0 });
  });
});

describe('the pack’s words', () => {
  it('label a report by its format and the year it is dated by', () => {
    expect(reportLabel({ id: 2, format: 'single_inspection', publishedOn: null, baselineDate: '2018-01-10' })).toEqual({ id: 2, label: `${reportFormatTitle('single_inspection')} (2018)` });
    expect(reportLabel({ id: 2, format: 'single_inspection', publishedOn: '2019-01-03', baselineDate: '2018-12-10' }).label).toMatch(/\(2019\)$/);
  });

  it('give each action’s open challenges in order, with the answer when there is one', () => {
    const lines = openChallengeLines([
      { actionId: 7, question: 'How do you know?', response: null },
      { actionId: 8, question: 'Who checks?', response: 'The principal social worker.' },
      { actionId: 7, question: 'By when?', response: 'March.' },
    ]);
    expect(lines).toEqual(
      new Map([
        [7, ['How do you know?', 'By when? Answer: March.']],
        [8, ['Who checks? Answer: The principal social worker.']],
      ]),
    );
  });

  it('print an open action with its owner, RAG, update, evidence, latest challenge and earlier recommendations', () => {
    const printed = packAction(action, '2026-03-02', { cycleUpdate: 'Two audits done', evidenceCount: 3, openChallenges: ['How do you know?', 'By when?'], raisedBefore: ['Raised before: 2014 report, A3, still in progress (likely)'] });
    expect(printed).toEqual({
      id: 7,
      reference: 'A3',
      recommendation: 'Improve supervision',
      theme: 'Workforce',
      reportId: 2,
      owner: 'Referral and advice team',
      leadOfficer: 'Sam',
      originalDueDate: '2026-01-01',
      dueDate: '2026-02-01',
      dueDateReason: 'Waiting for the audit tool',
      status: 'in_progress',
      rag: 'red',
      cycleUpdate: 'Two audits done',
      evidenceCount: 3,
      openChallenges: 2,
      latestOpenChallenge: 'By when?',
      raisedBefore: ['Raised before: 2014 report, A3, still in progress (likely)'],
    });
    const bare = packAction({ ...action, recommendation: undefined, team: null } as unknown as Action, '2026-01-15', { cycleUpdate: null, evidenceCount: 0, openChallenges: [], raisedBefore: [] });
    expect([bare.reference, bare.recommendation, bare.theme, bare.owner, bare.latestOpenChallenge]).toEqual(['#7', 'Audit supervision', null, 'Unassigned', null]);
  });

  it('write a journal entry as an audit CSV row', () => {
    expect(journalRecord({ ...entry, action: { reportId: 2, recommendation: { reference: 'A3' } } } as never)).toEqual([
      41,
      '2026-03-02T23:30:00.000Z',
      7,
      'A3',
      2,
      'status',
      'Jo',
      3,
      'status: not_started → in_progress; leadOfficer: (none) → Sam',
      'Started',
      'https://council.example/a https://council.example/b',
    ]);
    expect(journalRecord({ ...entry, actorUserId: null, note: null, evidenceLinks: [], action: null } as never).slice(3, 11)).toEqual(['', '', 'status', 'Jo', '', 'status: not_started → in_progress; leadOfficer: (none) → Sam', '', '']);
  });
});
