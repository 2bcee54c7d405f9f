import { isIsoDate, isWorkingDay, workingDaysBetween } from '#deadlines';
import type { IsoDate } from '#core';
import { BoardErrorCode, BoardException } from './board.exception.js';

const MAX_TITLE = 200;
const MAX_NOTE = 5000;

export interface MeetingInput {
  meetingDate: IsoDate;
  title: string;
  updateReminderWorkingDays?: number;
}

export interface CheckedMeeting {
  meetingDate: IsoDate;
  title: string;
  updateReminderWorkingDays: number;
}

/** A meeting as stored: what the rules read of it. */
export interface StoredMeeting extends CheckedMeeting {
  id: number;
  authorityCode: string;
}

export interface MeetingView {
  id: number;
  authorityCode: string;
  meetingDate: IsoDate;
  title: string;
  updateReminderWorkingDays: number;
  /** The previous meeting's date: the cycle this meeting closes runs from the day after it. */
  previousMeetingDate: IsoDate | null;
}

/** A meeting as it may be stored, or the reason it may not, in words that say what to fix. */
export function checkedMeeting(input: MeetingInput): CheckedMeeting {
  if (!isIsoDate(input.meetingDate)) throw new BoardException(BoardErrorCode.INVALID_INPUT, 'meetingDate must be a date in the form YYYY-MM-DD');
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (!title || title.length > MAX_TITLE) throw new BoardException(BoardErrorCode.INVALID_INPUT, `title must be 1 to ${MAX_TITLE} characters, e.g. "March board"`);
  const days = input.updateReminderWorkingDays ?? 5;
  if (!Number.isInteger(days) || days < 1 || days > 30) throw new BoardException(BoardErrorCode.INVALID_INPUT, 'updateReminderWorkingDays must be a whole number from 1 to 30');
  return { meetingDate: input.meetingDate, title, updateReminderWorkingDays: days };
}

/** A change to a meeting: the fields given replace the stored ones, then the whole is checked again. */
export function changedMeeting(meeting: CheckedMeeting, input: Partial<MeetingInput>): CheckedMeeting {
  const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<MeetingInput>;
  return checkedMeeting({ meetingDate: meeting.meetingDate, title: meeting.title, updateReminderWorkingDays: meeting.updateReminderWorkingDays, ...given });
}

/** A cycle update's note, trimmed, or the reason it may not be stored. */
export function checkedNote(note: unknown): string {
  const text = typeof note === 'string' ? note.trim() : '';
  if (!text || text.length > MAX_NOTE) throw new BoardException(BoardErrorCode.INVALID_INPUT, `note must be 1 to ${MAX_NOTE} characters: this cycle's progress for the board`);
  return text;
}

/** The refusal when another meeting of the council (not `except`, the one being moved) holds the day. */
export function sameDayClash(authorityCode: string, meetingDate: IsoDate, clash: { id: number; title: string } | null, except: number | null): BoardException | null {
  return clash && clash.id !== except ? new BoardException(BoardErrorCode.CONFLICT, `${authorityCode} already has a board meeting on ${meetingDate} (${clash.title}): choose another date`) : null;
}

/** The refusal when the database's unique index turns away a second meeting on the day (two requests at once). */
export function sameDayRace(authorityCode: string, meetingDate: IsoDate): BoardException {
  return new BoardException(BoardErrorCode.CONFLICT, `${authorityCode} already has a board meeting on ${meetingDate}: choose another date`);
}

export function meetingView(meeting: StoredMeeting, previousMeetingDate: IsoDate | null): MeetingView {
  return {
    id: meeting.id,
    authorityCode: meeting.authorityCode,
    meetingDate: meeting.meetingDate,
    title: meeting.title,
    updateReminderWorkingDays: meeting.updateReminderWorkingDays,
    previousMeetingDate,
  };
}

/** A council's meetings in date order, each with the date of the one before it. */
export function meetingViews(meetings: readonly StoredMeeting[]): MeetingView[] {
  const sorted = [...meetings].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
  return sorted.map((meeting, index) => meetingView(meeting, sorted[index - 1]?.meetingDate ?? null));
}

/** Meetings whose update reminder falls on `date` (a working day): their chosen number of working days before. */
export function meetingsDueAReminder<T extends StoredMeeting>(meetings: readonly T[], date: IsoDate): T[] {
  if (!isWorkingDay(date)) return [];
  return meetings.filter((meeting) => meeting.meetingDate > date && workingDaysBetween(date, meeting.meetingDate) === meeting.updateReminderWorkingDays);
}

/** Per team, in the order given, the actions with a team and no update written for the meeting yet. */
export function updatesMissingByTeam<A extends { id: number; team?: { id: number } | null }>(actions: readonly A[], written: ReadonlySet<number>): { team: NonNullable<A['team']>; actions: A[] }[] {
  const byTeam = new Map<number, { team: NonNullable<A['team']>; actions: A[] }>();
  for (const action of actions) {
    if (!action.team || written.has(action.id)) continue;
    const entry = byTeam.get(action.team.id) ?? { team: action.team as NonNullable<A['team']>, actions: [] };
    entry.actions.push(action);
    byTeam.set(action.team.id, entry);
  }
  return [...byTeam.values()];
}

/** The meeting a plan or pack is prepared for: the next one from today, else the last one held. */
export function currentMeeting(meetings: readonly MeetingView[], today: IsoDate): MeetingView | null {
  return meetings.find((meeting) => meeting.meetingDate >= today) ?? meetings.at(-1) ?? null;
}
