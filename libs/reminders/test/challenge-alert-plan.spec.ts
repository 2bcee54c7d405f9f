import { describe, expect, it } from 'vitest';
import { challengeAlertRows, teamAlertAddresses } from '#reminders';

const DATE = '2015-06-01';
const open = { id: 12, state: 'open', authorityCode: 'E09000031', teamId: 5 };
const chairs = [
  { id: 3, email: 'chair@council.example' },
  { id: 4, email: 'deputy.chair@council.example' },
];

describe('a challenge’s alerts', () => {
  it('go to each board chair contact and to the owning team, keyed by the challenge and the recipient', () => {
    const rows = challengeAlertRows(open, false, chairs, ['mash@council.example', 'sam@council.example'], DATE);
    expect(rows.map((row) => [row.recipientKey, row.contactId, row.teamId, row.recipients])).toEqual([
      ['challenge:12:contact:3', 3, null, ['chair@council.example']],
      ['challenge:12:contact:4', 4, null, ['deputy.chair@council.example']],
      ['challenge:12:team:5', null, 5, ['mash@council.example', 'sam@council.example']],
    ]);
    expect(rows.every((row) => row.kind === 'challenge_opened' && row.status === 'pending' && row.attempts === 0 && row.digestDate === DATE && row.authorityCode === 'E09000031')).toBe(true);
  });

  it('leave out a team with no address, and an action with no team', () => {
    expect(challengeAlertRows(open, false, chairs, [], DATE).map((row) => row.recipientKey)).toEqual(['challenge:12:contact:3', 'challenge:12:contact:4']);
    expect(challengeAlertRows({ ...open, teamId: null }, false, [], ['mash@council.example'], DATE)).toEqual([]);
  });

  it('are none for a challenge closed before they went out, or one that has its alerts already', () => {
    expect(challengeAlertRows({ ...open, state: 'closed' }, false, chairs, ['mash@council.example'], DATE)).toEqual([]);
    expect(challengeAlertRows(open, true, chairs, ['mash@council.example'], DATE)).toEqual([]);
    expect(challengeAlertRows({ ...open, state: 'answered' }, false, chairs.slice(0, 1), [], DATE)).toHaveLength(1);
  });
});

describe('a team’s alert addresses', () => {
  it('are its own (a list, or JSON text as SQLite gives it) then its members’, each once whatever the case', () => {
    expect(teamAlertAddresses(['MASH@council.example'], ['mash@council.example', 'sam@council.example'])).toEqual(['MASH@council.example', 'sam@council.example']);
    expect(teamAlertAddresses('["mash@council.example"]', ['sam@council.example', 'Sam@Council.example'])).toEqual(['mash@council.example', 'sam@council.example']);
  });

  it('are the members’ alone when its own list is empty, missing or unreadable', () => {
    for (const own of [null, '', '[]', 'not json', '{"a":1}', 42]) expect(teamAlertAddresses(own, ['sam@council.example'])).toEqual(['sam@council.example']);
  });
});
