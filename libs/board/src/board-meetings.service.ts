import { Injectable } from '@nestjs/common';
import { assertMay } from '#access';
import { BoardException } from './board.exception.js';
import { BoardMeetingRepository } from './board-meeting.repository.js';
import { changedMeeting, checkedMeeting, checkedNote, meetingView, meetingViews, sameDayClash, sameDayRace, type MeetingInput, type MeetingView } from './board-meeting.rules.js';
import type { BoardMeeting } from './entities/board-meeting.entity.js';
import type { MeetingUpdate } from './entities/meeting-update.entity.js';
import { canSeeAuthority, Clock, type IsoDate, type RequestContext } from '#core';

export interface MeetingUpdateView {
  id: number;
  meetingId: number;
  actionId: number;
  note: string;
  author: string;
  updatedAt: string;
}

/** A council's board meetings, and each action's one update per meeting cycle. */
@Injectable()
export class BoardMeetingsService {
  constructor(
    private readonly meetings: BoardMeetingRepository,
    private readonly clock: Clock,
  ) {}

  async list(authorityCode: string, context: RequestContext): Promise<MeetingView[]> {
    await this.visibleAuthority(authorityCode, context);
    return meetingViews(await this.meetings.meetingsOf(authorityCode));
  }

  async get(meetingId: number, context: RequestContext): Promise<MeetingView> {
    const meeting = await this.find(meetingId, context);
    const previous = await this.meetings.previousOf(meeting.authorityCode, meeting.meetingDate);
    return meetingView(meeting, previous?.meetingDate ?? null);
  }

  async create(authorityCode: string, input: MeetingInput, context: RequestContext): Promise<MeetingView> {
    await this.visibleAuthority(authorityCode, context);
    assertMay(context, 'report.update', { authorityCode });
    const checked = checkedMeeting(input);
    await this.refuseSecondOnDay(authorityCode, checked.meetingDate, null);
    // Two requests for the same day at once both pass the check before either writes; the unique
    // index then refuses the second, which is the same conflict, not a server error.
    const saved = await this.meetings.insert(authorityCode, checked, context.actorName, this.clock.now());
    if (saved === 'taken') throw sameDayRace(authorityCode, checked.meetingDate);
    return this.get(saved, context);
  }

  /** Moves or renames a meeting; its cycle updates stay with it. */
  async change(meetingId: number, input: Partial<MeetingInput>, context: RequestContext): Promise<MeetingView> {
    const meeting = await this.find(meetingId, context);
    assertMay(context, 'report.update', meeting);
    const checked = changedMeeting(meeting, input);
    await this.refuseSecondOnDay(meeting.authorityCode, checked.meetingDate, meeting.id);
    if ((await this.meetings.update(meeting.id, checked)) === 'taken') throw sameDayRace(meeting.authorityCode, checked.meetingDate);
    return this.get(meeting.id, context);
  }

  private async refuseSecondOnDay(authorityCode: string, meetingDate: IsoDate, except: number | null): Promise<void> {
    const refusal = sameDayClash(authorityCode, meetingDate, await this.meetings.onDay(authorityCode, meetingDate), except);
    if (refusal) throw refusal;
  }

  async remove(meetingId: number, context: RequestContext): Promise<void> {
    const meeting = await this.find(meetingId, context);
    assertMay(context, 'report.update', meeting);
    await this.meetings.remove(meeting.id);
  }

  /** Writes (or rewrites) an action's update for a meeting: one per action per cycle. */
  async writeUpdate(actionId: number, meetingId: number, note: string, context: RequestContext): Promise<MeetingUpdateView> {
    const action = await this.meetings.actionScope(actionId);
    if (!action || !canSeeAuthority(context, action.authorityCode)) throw BoardException.notFound('Action', actionId);
    const meeting = await this.find(meetingId, context);
    if (meeting.authorityCode !== action.authorityCode) throw BoardException.notFound('Board meeting', meetingId);
    assertMay(context, 'action.progress', { authorityCode: action.authorityCode, teamId: action.teamId });
    const text = checkedNote(note);
    return updateView(await this.meetings.saveUpdate({ meetingId, actionId, note: text, authorUserId: context.userId, authorName: context.actorName }, this.clock.now()));
  }

  async updatesFor(meetingId: number, context: RequestContext): Promise<MeetingUpdateView[]> {
    await this.find(meetingId, context);
    return (await this.meetings.updatesOf(meetingId)).map(updateView);
  }

  async updatesOfAction(actionId: number, context: RequestContext): Promise<(MeetingUpdateView & { meetingTitle: string; meetingDate: IsoDate })[]> {
    const action = await this.meetings.actionScope(actionId);
    if (!action || !canSeeAuthority(context, action.authorityCode)) throw BoardException.notFound('Action', actionId);
    return this.updateViewsOf(actionId);
  }

  /**
   * The meetings of an action's council and the action's updates to them, for an action the caller
   * has just been shown: it exists, so its council does too, and neither is read again.
   */
  async cycleOfShownAction(
    action: { id: number; authorityCode: string },
    context: RequestContext,
  ): Promise<{ meetings: MeetingView[]; updates: (MeetingUpdateView & { meetingTitle: string; meetingDate: IsoDate })[] }> {
    if (!canSeeAuthority(context, action.authorityCode)) throw BoardException.notFound('Action', action.id);
    const [meetings, updates] = await Promise.all([this.meetings.meetingsOf(action.authorityCode), this.updateViewsOf(action.id)]);
    return { meetings: meetingViews(meetings), updates };
  }

  private async updateViewsOf(actionId: number): Promise<(MeetingUpdateView & { meetingTitle: string; meetingDate: IsoDate })[]> {
    const rows = await this.meetings.updatesOfAction(actionId);
    return rows.map((row) => ({ ...updateView(row), meetingTitle: row.meeting!.title, meetingDate: row.meeting!.meetingDate })).sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
  }

  async find(meetingId: number, context: RequestContext): Promise<BoardMeeting> {
    const meeting = await this.meetings.find(meetingId);
    if (!meeting || !canSeeAuthority(context, meeting.authorityCode)) throw BoardException.notFound('Board meeting', meetingId);
    return meeting;
  }

  private async visibleAuthority(code: string, context: RequestContext): Promise<void> {
    if (!canSeeAuthority(context, code) || !(await this.meetings.authorityExists(code))) throw BoardException.notFound('Authority', code);
  }
}

function updateView(row: MeetingUpdate): MeetingUpdateView {
  return { id: row.id, meetingId: row.meetingId, actionId: row.actionId, note: row.note, author: row.authorName, updatedAt: new Date(row.updatedAt).toISOString() };
}
