import { describe, expect, it } from 'vitest';
import { choiceOfPreference, isUnsubscribeToken } from '#reminders';
import { newUnsubscribeToken } from '../src/reminder-people.js';

describe('a stored digest choice', () => {
  it('is the daily digest for a person who never chose', () => {
    expect(choiceOfPreference(null)).toEqual({ digest: 'daily', weekday: null });
  });

  it('keeps a weekly digest’s day, Monday when none was stored, and drops a day kept with another choice', () => {
    expect(choiceOfPreference({ digest: 'weekly', weekday: 3 })).toEqual({ digest: 'weekly', weekday: 3 });
    expect(choiceOfPreference({ digest: 'weekly', weekday: null })).toEqual({ digest: 'weekly', weekday: 1 });
    expect(choiceOfPreference({ digest: 'daily', weekday: 4 })).toEqual({ digest: 'daily', weekday: null });
    expect(choiceOfPreference({ digest: 'none', weekday: 2 })).toEqual({ digest: 'none', weekday: null });
  });
});

describe('an unsubscribe link’s secret', () => {
  it('is 16 to 64 URL-safe characters, as the secrets given out are', () => {
    expect(isUnsubscribeToken(newUnsubscribeToken())).toBe(true);
    expect(isUnsubscribeToken('a'.repeat(16))).toBe(true);
    expect(isUnsubscribeToken('A-_9'.repeat(16))).toBe(true);
  });

  it('is refused before the database sees it otherwise', () => {
    for (const token of ['a'.repeat(15), 'a'.repeat(65), `${'a'.repeat(20)}=`, `${'a'.repeat(20)}'`, `${'a'.repeat(20)} `, '', 7, null, undefined]) expect(isUnsubscribeToken(token)).toBe(false);
  });
});
