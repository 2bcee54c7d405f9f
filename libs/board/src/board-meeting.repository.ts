import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, LessThan, MoreThan, QueryFailedError } from 'typeorm';
import { Action, Authority } from '#database';
import { OPEN_STATUSES, type IsoDate } from '#core';
import type { CheckedMeeting } from './board-meeting.rules.js';
import { BoardMeeting } from './entities/board-meeting.entity.js';
import { MeetingUpdate } from './entities/meeting-update.entity.js';

/** What the meetings' rules need of an action: whose it is. */
export type ActionScope = Pick<Action, 'id' | 'authorityCode' | 'teamId' | 'recommendationId'>;

export interface NewMeetingUpdate {
  meetingId: number;
  actionId: number;
  note: string;
  authorUserId: number | null;
  authorName: string;
}

/** The unique index's refusal, as each driver words it. */
function isUniqueViolation(error: unknown): boolean {
  const driver = (error as { driverError?: { code?: string } }).driverError;
  return error instanceof QueryFailedError && (driver?.code === '23505' || driver?.code === 'SQLITE_CONSTRAINT_UNIQUE' || String(error.message).includes('UNIQUE constraint failed'));
}

/**
 * Board meetings and their cycle updates. Methods that take a manager run inside the caller's
 * transaction (the reminder sweep's); the others read and write on their own.
 */
@Injectable()
export class BoardMeetingRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  authorityExists(code: string): Promise<boolean> {
    return this.dataSource.getRepository(Authority).exists({ where: { code } });
  }

  actionScope(actionId: number): Promise<ActionScope | null> {
    return this.dataSource.getRepository(Action).findOne({ where: { id: actionId }, select: { id: true, authorityCode: true, teamId: true, recommendationId: true } });
  }

  /** A council's meetings, oldest first. */
  meetingsOf(authorityCode: string): Promise<BoardMeeting[]> {
    return this.dataSource.getRepository(BoardMeeting).find({ where: { authorityCode }, order: { meetingDate: 'ASC' } });
  }

  find(meetingId: number): Promise<BoardMeeting | null> {
    return this.dataSource.getRepository(BoardMeeting).findOne({ where: { id: meetingId } });
  }

  /** The council's last meeting before `meetingDate`, or null. */
  previousOf(authorityCode: string, meetingDate: IsoDate): Promise<BoardMeeting | null> {
    return this.dataSource.getRepository(BoardMeeting).findOne({ where: { authorityCode, meetingDate: LessThan(meetingDate) }, order: { meetingDate: 'DESC' } });
  }

  /** The council's meeting on that day, if any. */
  onDay(authorityCode: string, meetingDate: IsoDate): Promise<Pick<BoardMeeting, 'id' | 'title'> | null> {
    return this.dataSource.getRepository(BoardMeeting).findOne({ where: { authorityCode, meetingDate }, select: { id: true, title: true } });
  }

  /** The new meeting's id, or 'taken' when the unique index refuses a second meeting on the day. */
  async insert(authorityCode: string, meeting: CheckedMeeting, createdBy: string, now: Date): Promise<number | 'taken'> {
    const repository = this.dataSource.getRepository(BoardMeeting);
    try {
      return (await repository.save(repository.create({ authorityCode, ...meeting, createdBy, createdAt: now }))).id;
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  /** 'taken' when the unique index refuses the move onto a day another meeting holds. */
  async update(meetingId: number, meeting: CheckedMeeting): Promise<'done' | 'taken'> {
    try {
      await this.dataSource.getRepository(BoardMeeting).update({ id: meetingId }, meeting);
      return 'done';
    } catch (error) {
      if (isUniqueViolation(error)) return 'taken';
      throw error;
    }
  }

  async remove(meetingId: number): Promise<void> {
    await this.dataSource.getRepository(BoardMeeting).delete({ id: meetingId });
  }

  /** Writes an action's update for a meeting, or rewrites the one there (one per action per meeting). */
  async saveUpdate(update: NewMeetingUpdate, now: Date): Promise<MeetingUpdate> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(MeetingUpdate)
      .values({ ...update, createdAt: now, updatedAt: now })
      .orUpdate(['note', 'author_user_id', 'author_name', 'updated_at'], ['meeting_id', 'action_id'])
      .updateEntity(false)
      .execute();
    return this.dataSource.getRepository(MeetingUpdate).findOneOrFail({ where: { meetingId: update.meetingId, actionId: update.actionId } });
  }

  /** A meeting's updates, by action. */
  updatesOf(meetingId: number): Promise<MeetingUpdate[]> {
    return this.dataSource.getRepository(MeetingUpdate).find({ where: { meetingId }, order: { actionId: 'ASC' } });
  }

  /** The notes of a meeting's updates for these actions. */
  async notesOf(meetingId: number, actionIds: readonly number[]): Promise<Map<number, string>> {
    const updates: Pick<MeetingUpdate, 'actionId' | 'note'>[] = [];
    for (let start = 0; start < actionIds.length; start += 500) {
      updates.push(...(await this.dataSource.getRepository(MeetingUpdate).find({ where: { meetingId, actionId: In(actionIds.slice(start, start + 500)) }, select: { id: true, actionId: true, note: true } })));
    }
    return new Map(updates.map((update) => [update.actionId, update.note]));
  }

  /** An action's updates with their meetings, oldest written first. */
  updatesOfAction(actionId: number): Promise<MeetingUpdate[]> {
    return this.dataSource.getRepository(MeetingUpdate).find({ where: { actionId }, relations: { meeting: true }, order: { id: 'ASC' } });
  }

  /** Every meeting after `date`, whichever council's. */
  meetingsAfter(date: IsoDate, manager: EntityManager = this.dataSource.manager): Promise<BoardMeeting[]> {
    return manager.getRepository(BoardMeeting).find({ where: { meetingDate: MoreThan(date) }, order: { id: 'ASC' } });
  }

  /** A council's open actions with their teams, soonest due first. */
  openActionsWithTeams(authorityCode: string, manager: EntityManager = this.dataSource.manager): Promise<Action[]> {
    return manager.getRepository(Action).find({ where: { authorityCode, status: In([...OPEN_STATUSES]) }, relations: { team: true }, order: { dueDate: 'ASC', id: 'ASC' } });
  }

  /** The actions that have an update for the meeting. */
  async actionsWithUpdate(meetingId: number, manager: EntityManager = this.dataSource.manager): Promise<Set<number>> {
    return new Set((await manager.getRepository(MeetingUpdate).find({ where: { meetingId }, select: { id: true, actionId: true } })).map((row) => row.actionId));
  }
}
