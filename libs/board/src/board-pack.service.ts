import { Injectable } from '@nestjs/common';
import { SummaryService, type AuthoritySummary } from '#tracking';
import { raisedBeforeByRecommendation } from './board-action-plan.supplier.js';
import { BoardMeetingRepository } from './board-meeting.repository.js';
import { currentMeeting, type MeetingView } from './board-meeting.rules.js';
import { BoardMeetingsService } from './board-meetings.service.js';
import { BoardPackRepository } from './board-pack.repository.js';
import { actionRow, changeCounts, journalRow, meetingWindow, openChallengeLines, packAction, reportLabel, windowInstants, type PackAction } from './board-pack.rules.js';
import { BoardException } from './board.exception.js';
import { RepeatLinksService } from './repeat-links.service.js';
import { changesBetween, groupChanges, type ActionRow, type ChangeGroup, type MeetingWindow } from './since-last-meeting.js';
import { Clock, type IsoDate, type RequestContext } from '#core';

export interface SinceLastMeeting {
  authorityCode: string;
  meeting: MeetingView | null;
  window: MeetingWindow;
  counts: Record<string, number>;
  groups: (ChangeGroup & { reportLabel: string; teamName: string })[];
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
    private readonly packs: BoardPackRepository,
    private readonly updates: BoardMeetingRepository,
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
    const window = meetingWindow(meeting, this.clock.today());
    const actions = await this.actionRows(authorityCode);
    const { from, until } = windowInstants(window);
    const journal = (await this.packs.journalBetween(authorityCode, from, until)).map(journalRow);
    const changes = changesBetween(window, journal, actions);
    const counts = changeCounts(changes);
    const [reports, teams] = await Promise.all([this.reportLabels(authorityCode), this.packs.teamsOf(authorityCode)]);
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
    const open = await this.packs.openActionsOf(authorityCode);
    const ids = open.map((action) => action.id);
    const [evidence, challenges, updates, repeats, reports] = await Promise.all([
      this.packs.evidenceCounts(ids),
      this.openChallenges(authorityCode),
      since.meeting ? this.updates.updatesOf(since.meeting.id) : Promise.resolve([]),
      this.repeats.forAuthority(authorityCode, context),
      this.reportLabels(authorityCode),
    ]);
    const updateOf = new Map(updates.map((update) => [update.actionId, update.note]));
    const raisedBefore = raisedBeforeByRecommendation(repeats);
    const actions: PackAction[] = open.map((action) =>
      packAction(action, today, {
        cycleUpdate: updateOf.get(action.id) ?? null,
        evidenceCount: evidence.get(action.id) ?? 0,
        openChallenges: challenges.get(action.id) ?? [],
        raisedBefore: raisedBefore.get(action.recommendationId) ?? [],
      }),
    );
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
    return (await this.packs.actionsOf(authorityCode)).map(actionRow);
  }

  private async reportLabels(authorityCode: string): Promise<{ id: number; label: string }[]> {
    return (await this.packs.reportsOf(authorityCode)).map(reportLabel);
  }

  /** Each action's open challenges, oldest first, in words: the question and its answer if it has one. */
  private async openChallenges(authorityCode: string): Promise<Map<number, string[]>> {
    return openChallengeLines(await this.packs.openChallengesOf(authorityCode));
  }
}

