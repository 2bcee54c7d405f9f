import { describe, expect, it } from 'vitest';
import {
  BoardErrorCode,
  changedMeeting,
  checkedMeeting,
  checkedNote,
  currentMeeting,
  meetingsDueAReminder,
  meetingViews,
  sameDayClash,
  sameDayRace,
  updatesMissingByTeam,
  type StoredMeeting,
} from '#board';

const COUNCIL = 'E09000001';
const meeting = (id: number, meetingDate: string, updateReminderWorkingDays = 5): StoredMeeting => ({ id, authorityCode: COUNCIL, meetingDate, title: `Board ${id}`, updateReminderWorkingDays });
const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
};

describe('a meeting as stored', () => {
  it('trims the title and reminds five working days before unless told', () => {
    expect(checkedMeeting({ meetingDate: '2026-03-10', title: '  March board ' })).toEqual({ meetingDate: '2026-03-10', title: 'March board', updateReminderWorkingDays: 5 });
    expect(checkedMeeting({ meetingDate: '2026-03-10', title: 'March', updateReminderWorkingDays: 30 }).updateReminderWorkingDays).toBe(30);
  });

  it('is refused, saying what to fix, for a date not in YYYY-MM-DD, an empty or long title, or a reminder outside 1 to 30 whole days', () => {
    expect(codeOf(() => checkedMeeting({ meetingDate: '10/03/2026', title: 'March' }))).toBe(BoardErrorCode.INVALID_INPUT);
    expect(() => checkedMeeting({ meetingDate: '2026-02-30', title: 'March' })).toThrow(/YYYY-MM-DD/);
    expect(() => checkedMeeting({ meetingDate: '2026-03-10', title: '   ' })).toThrow(/title must be 1 to 200/);
    expect(() => checkedMeeting({ meetingDate: '2026-03-10', title: 'x'.repeat(201) })).toThrow(/title/);
    expect(() => checkedMeeting({ meetingDate: '2026-03-10', title: 42 as unknown as string })).toThrow(/title/);
    for (const days of [0, 31, 2.5]) expect(() => checkedMeeting({ meetingDate: '2026-03-10', title: 'March', updateReminderWorkingDays: days })).toThrow(/1 to 30/);
  });

  it('changed keeps what is not given, including fields sent as undefined, and checks the whole again', () => {
    const stored = meeting(1, '2026-03-10', 7);
    expect(changedMeeting(stored, { title: 'April board', meetingDate: undefined })).toEqual({ meetingDate: '2026-03-10', title: 'April board', updateReminderWorkingDays: 7 });
    expect(() => changedMeeting(stored, { updateReminderWorkingDays: 0 })).toThrow(/1 to 30/);
  });
});

describe('a cycle update note', () => {
  it('is trimmed, and refused when empty, not text or over 5000 characters', () => {
    expect(checkedNote('  Two audits done. ')).toBe('Two audits done.');
    for (const note of ['', '   ', 'x'.repeat(5001), null, 12]) expect(codeOf(() => checkedNote(note))).toBe(BoardErrorCode.INVALID_INPUT);
    expect(checkedNote('x'.repeat(5000))).toHaveLength(5000);
  });
});

describe('one meeting a day', () => {
  it('refuses another meeting on the day, naming it, but not the meeting being moved', () => {
    expect(sameDayClash(COUNCIL, '2026-03-10', null, null)).toBeNull();
    expect(sameDayClash(COUNCIL, '2026-03-10', { id: 4, title: 'March board' }, 4)).toBeNull();
    const refusal = sameDayClash(COUNCIL, '2026-03-10', { id: 4, title: 'March board' }, null);
    expect(refusal?.code).toBe(BoardErrorCode.CONFLICT);
    expect(refusal?.message).toBe(`${COUNCIL} already has a board meeting on 2026-03-10 (March board): choose another date`);
    expect(sameDayRace(COUNCIL, '2026-03-10').code).toBe(BoardErrorCode.CONFLICT);
  });
});

describe('meeting views', () => {
  it('run in date order, each with the date of the one before', () => {
    const views = meetingViews([meeting(2, '2026-05-12'), meeting(1, '2026-03-10'), meeting(3, '2026-07-14')]);
    expect(views.map((view) => [view.id, view.previousMeetingDate])).toEqual([
      [1, null],
      [2, '2026-03-10'],
      [3, '2026-05-12'],
    ]);
  });

  it('the current one is the next from today (today included), else the last held, else none', () => {
    const views = meetingViews([meeting(1, '2026-03-10'), meeting(2, '2026-05-12')]);
    expect(currentMeeting(views, '2026-03-10')?.id).toBe(1);
    expect(currentMeeting(views, '2026-03-11')?.id).toBe(2);
    expect(currentMeeting(views, '2026-06-01')?.id).toBe(2);
    expect(currentMeeting([], '2026-06-01')).toBeNull();
  });
});

describe('update reminders', () => {
  it('fall the meeting’s chosen number of working days before it, on working days only', () => {
    // Tuesday 10 March 2026: five working days before is Tuesday 3 March.
    const meetings = [meeting(1, '2026-03-10'), meeting(2, '2026-03-10', 3), meeting(3, '2026-03-02')];
    expect(meetingsDueAReminder(meetings, '2026-03-03').map((row) => row.id)).toEqual([1]);
    expect(meetingsDueAReminder(meetings, '2026-03-05').map((row) => row.id)).toEqual([2]);
    expect(meetingsDueAReminder(meetings, '2026-03-07')).toEqual([]);
  });

  it('go to each team with actions still lacking an update, in the order the actions came', () => {
    const red = { id: 1, name: 'Red' };
    const blue = { id: 2, name: 'Blue' };
    const actions = [
      { id: 10, team: red },
      { id: 11, team: blue },
      { id: 12, team: null },
      { id: 13, team: red },
      { id: 14, team: blue },
    ];
    expect(updatesMissingByTeam(actions, new Set([11, 14])).map((entry) => [entry.team.name, entry.actions.map((action) => action.id)])).toEqual([['Red', [10, 13]]]);
    expect(updatesMissingByTeam(actions, new Set()).map((entry) => [entry.team.name, entry.actions.map((action) => action.id)])).toEqual([
      ['Red', [10, 13]],
      ['Blue', [11, 14]],
    ]);
  });
});
