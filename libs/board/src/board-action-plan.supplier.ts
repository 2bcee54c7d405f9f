import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, In } from 'typeorm';
import { ActionPlanSupplements, type ActionPlanScope, type ActionPlanSupplier } from '#tracking';
import type { ActionPlanSupplement } from '#tracking';
import { BoardMeetingsService, type MeetingView } from './board-meetings.service.js';
import { MeetingUpdate } from './entities/meeting-update.entity.js';
import { RepeatLinksService, type RepeatLinkView } from './repeat-links.service.js';
import { Clock, type IsoDate, type RequestContext } from '#core';

/** The meeting a plan or pack is prepared for: the next one from today, else the last one held. */
export function currentMeeting(meetings: readonly MeetingView[], today: IsoDate): MeetingView | null {
  return meetings.find((meeting) => meeting.meetingDate >= today) ?? meetings.at(-1) ?? null;
}

/**
 * Each recommendation's likely or confirmed earlier ones, as the pack and the exports print them:
 * "Raised before: 2013 report, A2, still in progress (likely)". Dismissed links are not passed in.
 */
export function raisedBeforeByRecommendation(links: readonly RepeatLinkView[]): Map<number, string[]> {
  const lines = new Map<number, string[]>();
  for (const link of links) {
    if (link.status === 'dismissed') continue;
    const line = `${link.label} (${link.status === 'confirmed' ? 'confirmed' : 'likely'})`;
    lines.set(link.later.recommendationId, [...(lines.get(link.later.recommendationId) ?? []), line]);
  }
  return lines;
}

/** What the board adds to the action plan exports: this cycle's update and recommendations made before. */
@Injectable()
export class BoardActionPlanSupplier implements ActionPlanSupplier, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly supplements: ActionPlanSupplements,
    private readonly meetings: BoardMeetingsService,
    private readonly repeats: RepeatLinksService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.supplements.register(this);
  }

  async supplement(scope: ActionPlanScope, context: RequestContext): Promise<Map<number, ActionPlanSupplement>> {
    const meeting = currentMeeting(await this.meetings.list(scope.authorityCode, context), this.clock.today());
    const ids = scope.actions.map((action) => action.id);
    const updates: MeetingUpdate[] = [];
    for (let start = 0; meeting && start < ids.length; start += 500) {
      updates.push(...(await this.dataSource.getRepository(MeetingUpdate).find({ where: { meetingId: meeting.id, actionId: In(ids.slice(start, start + 500)) }, select: { id: true, actionId: true, note: true } })));
    }
    const updateOf = new Map(updates.map((update) => [update.actionId, update.note]));
    const raisedBefore = raisedBeforeByRecommendation(await this.repeats.forAuthority(scope.authorityCode, context));
    return new Map(scope.actions.map((action) => [action.id, { cycleUpdate: updateOf.get(action.id) ?? null, raisedBefore: raisedBefore.get(action.recommendationId) ?? [] }]));
  }
}
