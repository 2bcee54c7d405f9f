import { describe, expect, it } from 'vitest';
import { toReminderView, type Reminder } from '#reminders';

const stored = {
  id: 8,
  kind: 'team_digest',
  recipientKey: 'team:3',
  authorityCode: 'E09000031',
  digestDate: '2015-06-01',
  teamId: 3,
  contactId: null,
  recipients: ['mash@council.example'],
  actionIds: [4, 5],
  status: 'sent',
  attempts: 1,
  error: null,
  messageId: '<m1@council.example>',
  sentAt: new Date('2015-06-01T07:00:05Z'),
  createdAt: new Date('2015-06-01T07:00:00Z'),
} as unknown as Reminder;

describe('a reminder as the API lists it', () => {
  it('names its team or contact and gives its times as ISO text', () => {
    const team = { id: 3, name: 'Referral and advice team' } as never;
    expect(toReminderView({ ...stored, team, contact: null } as never)).toEqual({
      id: 8,
      kind: 'team_digest',
      authorityCode: 'E09000031',
      digestDate: '2015-06-01',
      team: { id: 3, name: 'Referral and advice team' },
      contact: null,
      recipients: ['mash@council.example'],
      actionIds: [4, 5],
      status: 'sent',
      attempts: 1,
      error: null,
      messageId: '<m1@council.example>',
      sentAt: '2015-06-01T07:00:05.000Z',
      createdAt: '2015-06-01T07:00:00.000Z',
    });
  });

  it('has no sending time until sent, and names a chair contact with their role', () => {
    const contact = { id: 2, name: 'Jo Chair', role: 'board_chair', email: 'chair@council.example' } as never;
    const view = toReminderView({ ...stored, teamId: null, team: null, contactId: 2, contact, status: 'pending', sentAt: null } as never);
    expect([view.team, view.contact, view.sentAt]).toEqual([null, { id: 2, name: 'Jo Chair', role: 'board_chair' }, null]);
  });
});
