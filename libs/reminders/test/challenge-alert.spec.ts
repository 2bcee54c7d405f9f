import { describe, expect, it } from 'vitest';
import { challengeAlertKey, challengeOfAlertKey, composeChallengeAlert, reminderJob } from '../src/index.js';

const input = {
  addresseeName: 'Referral and advice team',
  addressee: 'team' as const,
  authorityName: 'Waltham Forest',
  raisedByName: 'Lesley Chair',
  raisedOn: '2015-06-01',
  question: 'Is the audit <sampled>?',
  action: { id: 42, title: 'Screen every referral within 24 hours', reference: 'A3', teamName: 'Referral and advice team' },
  publicUrl: 'https://tracker.example/',
};

describe('challenge alerts', () => {
  it('keys each alert by challenge and recipient, and reads the challenge back from the key', () => {
    expect(challengeAlertKey(7, { teamId: 3 })).toBe('challenge:7:team:3');
    expect(challengeAlertKey(7, { contactId: 12 })).toBe('challenge:7:contact:12');
    expect(challengeOfAlertKey('challenge:7:team:3')).toBe(7);
    expect(challengeOfAlertKey('team:3')).toBeNull();
    expect(challengeOfAlertKey('challenge:x:team:3')).toBeNull();
  });

  it('queues one job per challenge, whoever asks and however often', () => {
    expect(reminderJob('challenge-opened', { challengeId: 9 })).toEqual({ name: 'challenge-opened', data: { challengeId: 9 }, jobId: 'challenge-opened-9' });
  });

  it('says who challenged what, the question, the action with its reference, and where to respond', () => {
    const email = composeChallengeAlert(input);
    expect(email.subject).toBe('Waltham Forest: challenge on action A3: Screen every referral within 24 hours');
    expect(email.text).toContain('To Referral and advice team,');
    expect(email.text).toContain('Lesley Chair challenged this improvement action of Waltham Forest on 1 June 2015:');
    expect(email.text).toContain('"Is the audit <sampled>?"');
    expect(email.text).toContain('Respond on the action: https://tracker.example/actions/42');
    expect(email.text).toContain('Your team or the board must respond');
    expect(email.html).toContain('Is the audit &#60;sampled&#62;?');
    const toChair = composeChallengeAlert({ ...input, addressee: 'board_chair', addresseeName: 'Chair of the Board' });
    expect(toChair.text).toContain('Dear Chair of the Board,');
    expect(toChair.text).toContain('The owning team or the board must respond');
  });
});
