import { describe, expect, it } from 'vitest';
import { escalationRemindersFor, plannedBetween } from '../src/reminder-planner.js';

describe('escalationRemindersFor', () => {
  it('gives each chair one pending digest of their kind, addressed to them alone', () => {
    const reminders = escalationRemindersFor(
      [
        { id: 4, authority_code: 'E09000005', role: 'board_chair', email: 'chair@brent.example' },
        { id: 9, authority_code: 'E09000005', role: 'lscb_chair', email: 'lscb@brent.example' },
      ],
      '2026-01-05',
    );
    expect(reminders).toEqual([
      { kind: 'board_escalation', recipientKey: 'contact:4', teamId: null, contactId: 4, authorityCode: 'E09000005', digestDate: '2026-01-05', recipients: ['chair@brent.example'], actionIds: [], status: 'pending', attempts: 0 },
      { kind: 'lscb_escalation', recipientKey: 'contact:9', teamId: null, contactId: 9, authorityCode: 'E09000005', digestDate: '2026-01-05', recipients: ['lscb@brent.example'], actionIds: [], status: 'pending', attempts: 0 },
    ]);
  });

  it('plans nothing when there is no chair to tell', () => {
    expect(escalationRemindersFor([], '2026-01-05')).toEqual([]);
  });
});

describe('plannedBetween', () => {
  it('counts only what this run added to the day', () => {
    expect(plannedBetween('2026-01-05', { team: 3, escalation: 1 }, { team: 5, escalation: 1 })).toEqual({ date: '2026-01-05', teamDigestsPlanned: 2, escalationDigestsPlanned: 0 });
  });
});
