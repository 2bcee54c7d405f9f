import { describe, expect, it } from 'vitest';
import { contactRoleRefusal, duplicateContact, ReminderErrorCode, storedContact, toContactView } from '#reminders';

describe('an escalation contact', () => {
  it('is stored with its name trimmed and its address trimmed and lower-cased', () => {
    expect(storedContact({ role: 'board_chair', name: '  Jo Chair ', email: ' Jo.Chair@Council.Example ' })).toEqual({ role: 'board_chair', name: 'Jo Chair', email: 'jo.chair@council.example' });
  });

  it('is a board chair or an LSCB chair', () => {
    expect(contactRoleRefusal('board_chair')).toBeNull();
    expect(contactRoleRefusal('lscb_chair')).toBeNull();
    for (const role of ['chair', '', null]) expect(contactRoleRefusal(role)).toMatchObject({ code: ReminderErrorCode.INVALID_INPUT, message: 'role must be one of board_chair, lscb_chair' });
  });

  it('is refused a second time in the same role, naming the role in words', () => {
    expect(duplicateContact('board_chair', 'jo@council.example')).toMatchObject({ code: ReminderErrorCode.CONFLICT, message: 'jo@council.example is already a board chair contact of this council' });
    expect(duplicateContact('lscb_chair', 'jo@council.example').message).toBe('jo@council.example is already a LSCB chair contact of this council');
  });

  it('is shown without its record’s other fields', () => {
    expect(toContactView({ id: 3, authorityCode: 'E09000031', role: 'lscb_chair', name: 'Sam', email: 'sam@council.example', createdAt: new Date() } as never)).toEqual({ id: 3, authorityCode: 'E09000031', role: 'lscb_chair', name: 'Sam', email: 'sam@council.example' });
  });
});
