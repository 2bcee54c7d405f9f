import { describe, expect, it } from 'vitest';
import { describeDigestChoice, DIGEST_CHOICE_MESSAGES, readDigestChoice } from '#reminders';

describe('readDigestChoice', () => {
  it('takes daily and none without a day, ignoring one left over', () => {
    expect(readDigestChoice({ digest: 'daily' })).toEqual({ ok: true, choice: { digest: 'daily', weekday: null } });
    expect(readDigestChoice({ digest: 'none', weekday: '3' })).toEqual({ ok: true, choice: { digest: 'none', weekday: null } });
  });

  it('takes a weekly digest on a working weekday, from a form or from JSON', () => {
    expect(readDigestChoice({ digest: 'weekly', weekday: '5' })).toEqual({ ok: true, choice: { digest: 'weekly', weekday: 5 } });
    expect(readDigestChoice({ digest: 'weekly', weekday: 1 })).toEqual({ ok: true, choice: { digest: 'weekly', weekday: 1 } });
  });

  it.each([
    [{}, 'digest'],
    [{ digest: 'hourly' }, 'digest'],
    [{ digest: ['daily'] }, 'digest'],
    [{ digest: 'weekly' }, 'weekday'],
    [{ digest: 'weekly', weekday: '6' }, 'weekday'],
    [{ digest: 'weekly', weekday: 0 }, 'weekday'],
    [{ digest: 'weekly', weekday: '1.5' }, 'weekday'],
    [{ digest: 'weekly', weekday: 'Friday' }, 'weekday'],
  ])('refuses %j, naming %s', (input, field) => {
    const read = readDigestChoice(input);
    expect(read).toEqual({ ok: false, problems: [{ field, message: DIGEST_CHOICE_MESSAGES[field as 'digest' | 'weekday'] }] });
  });

  it('says the choice in words', () => {
    expect(describeDigestChoice({ digest: 'weekly', weekday: 3 })).toBe('A weekly digest on Wednesdays');
    expect(describeDigestChoice({ digest: 'daily', weekday: null })).toBe('A daily digest');
    expect(describeDigestChoice({ digest: 'none', weekday: null })).toBe('No digest');
  });
});
