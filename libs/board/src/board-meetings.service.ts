import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, LessThan, QueryFailedError } from 'typeorm';
import { assertMay } from '#access';
import { Action, Authority } from '#database';
import { isIsoDate } from '#deadlines';
import { BoardErrorCode, BoardException } from './board.exception.js';
import { BoardMeeting } from './entities/board-meeting.entity.js';
import { MeetingUpdate } from './entities/meeting-update.entity.js';
import { canSeeAuthority, type IsoDate, type RequestContext } from '#core';

export interface MeetingView {
  id: number;
  authorityCode: string;
  meetingDate: IsoDate;
  title: string;
  updateReminderWorkingDays: number;
  /** The previous meeting's date: the cycle this meeting closes runs from the day after it. */
  previousMeetingDate: IsoDate | null;
}

export interface MeetingUpdateView {
  id: number;
  meetingId: number;
  actionId: number;
  note: string;
  author: string;
  updatedAt: string;
}

const MAX_TITLE = 200;
const MAX_NOTE = 5000;

export interface MeetingInput {
  meetingDate: IsoDate;
  title: string;
  updateReminderWorkingDays?: number;
}

/**
 * Two requests for the same day at once both pass the check before either writes; the unique index
 * then refuses the second, which is the same conflict, not a server error.
 */
async function sameDayRefused<T>(authorityCode: string, meetingDate: IsoDate, write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (error) {
    const driver = (error as { driverError?: { code?: string } }).driverError;
    const unique = error instanceof QueryFailedError && (driver?.code === '23505' || driver?.code === 'SQLITE_CONSTRAINT_UNIQUE' || String(error.message).includes('UNIQUE constraint failed'));
    if (unique) throw new BoardException(BoardErrorCode.CONFLICT, `${authorityCode} already has a board meeting on ${meetingDate}: choose another date`);
    throw error;
  }
}

/** A meeting as it may be stored, or the reason it may not, in words that say what to fix. */
function checkedMeeting(input: MeetingInput): { meetingDate: IsoDate; title: string; updateReminderWorkingDays: number } {
  if (!isIsoDate(input.meetingDate)) throw new BoardException(BoardErrorCode.INVALID_INPUT, 'meetingDate must be a date in the form YYYY-MM-DD');
  const title = typeof input.title === 'string' ? input.title.trim() : '';
  if (!title || title.length > MAX_TITLE) throw new BoardException(BoardErrorCode.INVALID_INPUT, `title must be 1 to ${MAX_TITLE} characters, e.g. "March board"`);
  const days = input.updateReminderWorkingDays ?? 5;
  if (!Number.isInteger(days) || days < 1 || days > 30) throw new BoardException(BoardErrorCode.INVALID_INPUT, 'updateReminderWorkingDays must be a whole number from 1 to 30');
  return { meetingDate: input.meetingDate, title, updateReminderWorkingDays: days };
}

/** A council's board meetings, and each action's one update per meeting cycle. */
@Injectable()
export class BoardMeetingsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(authorityCode: string, context: RequestContext): Promise<MeetingView[]> {
    await this.visibleAuthority(authorityCode, context);
    const meetings = await this.dataSource.getRepository(BoardMeeting).find({ where: { authorityCode }, order: { meetingDate: 'ASC' } });
    return meetings.map((meeting, index) => view(meeting, meetings[index - 1]?.meetingDate ?? null));
  }

  async get(meetingId: number, context: RequestContext): Promise<MeetingView> {
    const meeting = await this.find(meetingId, context);
    const previous = await this.dataSource.getRepository(BoardMeeting).findOne({
      where: { authorityCode: meeting.authorityCode, meetingDate: LessThan(meeting.meetingDate) },
      order: { meetingDate: 'DESC' },
    });
    return view(meeting, previous?.meetingDate ?? null);
  }

  async create(authorityCode: string, input: MeetingInput, context: RequestContext): Promise<MeetingView> {
    await this.visibleAuthority(authorityCode, context);
    assertMay(context, 'report.update', { authorityCode });
    const checked = checkedMeeting(input);
    const repository = this.dataSource.getRepository(BoardMeeting);
    await this.refuseSecondOnDay(authorityCode, checked.meetingDate, null);
    const saved = await sameDayRefused(authorityCode, checked.meetingDate, () => repository.save(repository.create({ authorityCode, ...checked, createdBy: context.actorName })));
    return this.get(saved.id, context);
  }

  /** Moves or renames a meeting; its cycle updates stay with it. */
  async change(meetingId: number, input: Partial<MeetingInput>, context: RequestContext): Promise<MeetingView> {
    const meeting = await this.find(meetingId, context);
    assertMay(context, 'report.update', meeting);
    const given = Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined)) as Partial<MeetingInput>;
    const checked = checkedMeeting({ meetingDate: meeting.meetingDate, title: meeting.title, updateReminderWorkingDays: meeting.updateReminderWorkingDays, ...given });
    await this.refuseSecondOnDay(meeting.authorityCode, checked.meetingDate, meeting.id);
    await sameDayRefused(meeting.authorityCode, checked.meetingDate, () => this.dataSource.getRepository(BoardMeeting).update({ id: meeting.id }, checked));
    return this.get(meeting.id, context);
  }

  private async refuseSecondOnDay(authorityCode: string, meetingDate: IsoDate, except: number | null): Promise<void> {
    const clash = await this.dataSource.getRepository(BoardMeeting).findOne({ where: { authorityCode, meetingDate }, select: { id: true, title: true } });
    if (clash && clash.id !== except) throw new BoardException(BoardErrorCode.CONFLICT, `${authorityCode} already has a board meeting on ${meetingDate} (${clash.title}): choose another date`);
  }

  async remove(meetingId: number, context: RequestContext): Promise<void> {
    const meeting = await this.find(meetingId, context);
    assertMay(context, 'report.update', meeting);
    await this.dataSource.getRepository(BoardMeeting).delete({ id: meeting.id });
  }

  /** Writes (or rewrites) an action's update for a meeting: one per action per cycle. */
  async writeUpdate(actionId: number, meetingId: number, note: string, context: RequestContext): Promise<MeetingUpdateView> {
    const action = await this.dataSource.getRepository(Action).findOne({ where: { id: actionId }, select: { id: true, authorityCode: true, teamId: true } });
    if (!action || !canSeeAuthority(context, action.authorityCode)) throw BoardException.notFound('Action', actionId);
    const meeting = await this.find(meetingId, context);
    if (meeting.authorityCode !== action.authorityCode) throw BoardException.notFound('Board meeting', meetingId);
    assertMay(context, 'action.progress', { authorityCode: action.authorityCode, teamId: action.teamId });
    const text = typeof note === 'string' ? note.trim() : '';
    if (!text || text.length > MAX_NOTE) throw new BoardException(BoardErrorCode.INVALID_INPUT, `note must be 1 to ${MAX_NOTE} characters: this cycle's progress for the board`);
    const repository = this.dataSource.getRepository(MeetingUpdate);
    await repository.upsert({ meetingId, actionId, note: text, authorUserId: context.userId, authorName: context.actorName }, { conflictPaths: ['meetingId', 'actionId'] });
    const saved = await repository.findOneOrFail({ where: { meetingId, actionId } });
    return updateView(saved);
  }

  async updatesFor(meetingId: number, context: RequestContext): Promise<MeetingUpdateView[]> {
    await this.find(meetingId, context);
    return (await this.dataSource.getRepository(MeetingUpdate).find({ where: { meetingId }, order: { actionId: 'ASC' } })).map(updateView);
  }

  async updatesOfAction(actionId: number, context: RequestContext): Promise<(MeetingUpdateView & { meetingTitle: string; meetingDate: IsoDate })[]> {
    const action = await this.dataSource.getRepository(Action).findOne({ where: { id: actionId }, select: { id: true, authorityCode: true } });
    if (!action || !canSeeAuthority(context, action.authorityCode)) throw BoardException.notFound('Action', actionId);
    const rows = await this.dataSource.getRepository(MeetingUpdate).find({ where: { actionId }, relations: { meeting: true }, order: { id: 'ASC' } });
    return rows.map((row) => ({ ...updateView(row), meetingTitle: row.meeting!.title, meetingDate: row.meeting!.meetingDate })).sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
  }

  async find(meetingId: number, context: RequestContext): Promise<BoardMeeting> {
    const meeting = await this.dataSource.getRepository(BoardMeeting).findOne({ where: { id: meetingId } });
    if (!meeting || !canSeeAuthority(context, meeting.authorityCode)) throw BoardException.notFound('Board meeting', meetingId);
    return meeting;
  }

  private async visibleAuthority(code: string, context: RequestContext): Promise<void> {
    if (!canSeeAuthority(context, code) || !(await this.dataSource.getRepository(Authority).exists({ where: { code } }))) throw BoardException.notFound('Authority', code);
  }
}

function view(meeting: BoardMeeting, previousMeetingDate: IsoDate | null): MeetingView {
  return {
    id: meeting.id,
    authorityCode: meeting.authorityCode,
    meetingDate: meeting.meetingDate,
    title: meeting.title,
    updateReminderWorkingDays: meeting.updateReminderWorkingDays,
    previousMeetingDate,
  };
}

function updateView(row: MeetingUpdate): MeetingUpdateView {
  return { id: row.id, meetingId: row.meetingId, actionId: row.actionId, note: row.note, author: row.authorName, updatedAt: new Date(row.updatedAt).toISOString() };
}
