import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, Not } from 'typeorm';
import { Action, ActionChallenge, ActionUpdate, Report, Team } from '#database';
import { addCalendarDays, deriveRag } from '#deadlines';
import { reportFormatTitle } from '#extraction';
import { evidenceCountsOf, SummaryService, type AuthoritySummary } from '#tracking';
import { raisedBeforeByRecommendation } from './board-action-plan.supplier.js';
import { currentMeeting, type MeetingView } from './board-meeting.rules.js';
import { BoardMeetingsService } from './board-meetings.service.js';
import { BoardException } from './board.exception.js';
import { MeetingUpdate } from './entities/meeting-update.entity.js';
import { RepeatLinksService } from './repeat-links.service.js';
import { changesBetween, groupChanges, type ActionRow, type ChangeGroup, type JournalRow, type MeetingWindow } from './since-last-meeting.js';
import { Clock, type IsoDate, type Rag, type RequestContext } from '#core';

/** Boards meet every four to eight weeks: a first meeting looks back eight weeks. */
const FIRST_CYCLE_DAYS = 56;

export interface SinceLastMeeting {
  authorityCode: string;
  meeting: MeetingView | null;
  window: MeetingWindow;
  counts: Record<string, number>;
  groups: (ChangeGroup & { reportLabel: string; teamName: string })[];
}

export interface PackAction {
  id: number;
  reference: string;
  recommendation: string;
  theme: string | null;
  reportId: number;
  owner: string;
  leadOfficer: string | null;
  originalDueDate: IsoDate;
  dueDate: IsoDate;
  dueDateReason: string | null;
  status: string;
  rag: Rag;
  cycleUpdate: string | null;
  evidenceCount: number;
  openChallenges: number;
  /** The most recently raised open challenge's words, with its answer if it has one. */
  latestOpenChallenge: string | null;
  raisedBefore: string[];
}

export interface BoardPackData {
  authority: { code: string; name: string };
  today: IsoDate;
  meeting: MeetingView | null;
  summary: AuthoritySummary;
  reports: { id: number; label: string; ofstedPlanDue: IsoDate | null }[];
  actions: PackAction[];
  since: SinceLastMeeting;
}

/** What a board pack and the since-last-meeting view are made of, read once per request. */
@Injectable()
export class BoardPackService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly summaries: SummaryService,
    private readonly meetings: BoardMeetingsService,
    private readonly repeats: RepeatLinksService,
    private readonly clock: Clock,
  ) {}

  /** The meeting asked for, or the next one from today (the one being prepared for), or the last one. */
  async meetingFor(authorityCode: string, meetingId: number | undefined, context: RequestContext): Promise<MeetingView | null> {
    if (meetingId !== undefined) {
      const meeting = await this.meetings.get(meetingId, context);
      if (meeting.authorityCode !== authorityCode) throw BoardException.notFound('Board meeting', meetingId);
      return meeting;
    }
    return currentMeeting(await this.meetings.list(authorityCode, context), this.clock.today());
  }

  async sinceLastMeeting(authorityCode: string, meetingId: number | undefined, context: RequestContext): Promise<SinceLastMeeting> {
    const meeting = await this.meetingFor(authorityCode, meetingId, context);
    const to = meeting?.meetingDate ?? this.clock.today();
    const window: MeetingWindow = { from: meeting?.previousMeetingDate ? addCalendarDays(meeting.previousMeetingDate, 1) : addCalendarDays(to, -FIRST_CYCLE_DAYS), to };
    const actions = await this.actionRows(authorityCode);
    const entries = await this.dataSource
      .createQueryBuilder(ActionUpdate, 'u')
      .innerJoin(Action, 'a', 'a.id = u.actionId')
      .where('a.authorityCode = :authorityCode AND u.createdAt >= :from AND u.createdAt < :until', {
        authorityCode,
        from: new Date(`${window.from}T00:00:00Z`),
        until: new Date(`${addCalendarDays(window.to, 1)}T00:00:00Z`),
      })
      .orderBy('u.id')
      .getMany();
    const journal: JournalRow[] = entries.map((entry) => ({
      actionId: entry.actionId,
      kind: entry.kind,
      changes: entry.changes,
      evidenceLinks: entry.evidenceLinks,
      note: entry.note,
      actor: entry.actorName,
      on: new Date(entry.createdAt).toISOString().slice(0, 10),
    }));
    const changes = changesBetween(window, journal, actions);
    const counts = Object.fromEntries(['status', 'signed_off', 'reprogrammed', 'evidence', 'challenge_opened', 'challenge_closed', 'became_overdue'].map((kind) => [kind, changes.filter((change) => change.kind === kind).length]));
    const [reports, teams] = await Promise.all([this.reportLabels(authorityCode), this.dataSource.getRepository(Team).find({ where: { authorityCode } })]);
    const teamName = new Map(teams.map((team) => [team.id, team.name]));
    return {
      authorityCode,
      meeting,
      window,
      counts,
      groups: groupChanges(changes, actions).map((group) => ({
        ...group,
        reportLabel: reports.find((report) => report.id === group.reportId)?.label ?? `Report ${group.reportId}`,
        teamName: group.teamId === null ? 'Unassigned' : (teamName.get(group.teamId) ?? 'Unassigned'),
      })),
    };
  }

  async pack(authorityCode: string, meetingId: number | undefined, context: RequestContext): Promise<BoardPackData> {
    const summary = await this.summaries.forAuthority(authorityCode, context);
    const since = await this.sinceLastMeeting(authorityCode, meetingId, context);
    const today = this.clock.today();
    const open = await this.dataSource.getRepository(Action).find({
      where: { authorityCode, status: Not('signed_off' as const) },
      relations: { recommendation: true, team: true },
      order: { reportId: 'ASC', id: 'ASC' },
    });
    const ids = open.map((action) => action.id);
    const [evidence, challenges, updates, repeats, reports] = await Promise.all([
      evidenceCountsOf(this.dataSource, ids),
      this.openChallenges(authorityCode),
      since.meeting ? this.dataSource.getRepository(MeetingUpdate).find({ where: { meetingId: since.meeting.id } }) : Promise.resolve([]),
      this.repeats.forAuthority(authorityCode, context),
      this.reportLabels(authorityCode),
    ]);
    const updateOf = new Map(updates.map((update) => [update.actionId, update.note]));
    const raisedBefore = raisedBeforeByRecommendation(repeats);
    const actions: PackAction[] = open.map((action) => ({
      id: action.id,
      reference: action.recommendation?.reference ?? `#${action.id}`,
      recommendation: action.recommendation?.text ?? action.title,
      theme: action.recommendation?.theme ?? null,
      reportId: action.reportId,
      owner: action.team?.name ?? 'Unassigned',
      leadOfficer: action.leadOfficer,
      originalDueDate: action.originalDueDate,
      dueDate: action.dueDate,
      dueDateReason: action.dueDateReason,
      status: action.status,
      rag: deriveRag({ status: action.status, dueDate: action.dueDate, today, override: action.ragOverride }),
      cycleUpdate: updateOf.get(action.id) ?? null,
      evidenceCount: evidence.get(action.id) ?? 0,
      openChallenges: challenges.get(action.id)?.length ?? 0,
      latestOpenChallenge: challenges.get(action.id)?.at(-1) ?? null,
      raisedBefore: raisedBefore.get(action.recommendationId) ?? [],
    }));
    const ofstedOf = new Map(summary.reports.map((report) => [report.id, report.ofstedPlan?.dueDate ?? null]));
    return {
      authority: summary.authority,
      today,
      meeting: since.meeting,
      summary,
      reports: reports.map((report) => ({ ...report, ofstedPlanDue: ofstedOf.get(report.id) ?? null })),
      actions,
      since,
    };
  }

  private async actionRows(authorityCode: string): Promise<ActionRow[]> {
    const rows = await this.dataSource.getRepository(Action).find({ where: { authorityCode }, relations: { recommendation: true }, order: { id: 'ASC' } });
    return rows.map((row) => ({ id: row.id, reference: row.recommendation?.reference ?? `#${row.id}`, title: row.title, reportId: row.reportId, teamId: row.teamId, status: row.status, dueDate: row.dueDate }));
  }

  private async reportLabels(authorityCode: string): Promise<{ id: number; label: string }[]> {
    const reports = await this.dataSource.getRepository(Report).find({ where: { authorityCode }, order: { baselineDate: 'ASC', id: 'ASC' } });
    return reports.map((report) => ({ id: report.id, label: `${reportFormatTitle(report.format)} (${(report.publishedOn ?? report.baselineDate).slice(0, 4)})` }));
  }

  /** Each action's open challenges, oldest first, in words: the question and its answer if it has one. */
  private async openChallenges(authorityCode: string): Promise<Map<number, string[]>> {
    const rows = await this.dataSource.getRepository(ActionChallenge).find({
      where: { authorityCode, state: Not('closed' as const) },
      select: { id: true, actionId: true, question: true, response: true },
      order: { id: 'ASC' },
    });
    const open = new Map<number, string[]>();
    for (const row of rows) open.set(row.actionId, [...(open.get(row.actionId) ?? []), `${row.question}${row.response ? ` Answer: ${row.response}` : ''}`]);
    return open;
  }
}

