import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ActionPlanSupplements, type ActionPlanScope, type ActionPlanSupplier } from '#tracking';
import type { ActionPlanSupplement } from '#tracking';
import { BoardMeetingRepository } from './board-meeting.repository.js';
import { currentMeeting } from './board-meeting.rules.js';
import { BoardMeetingsService } from './board-meetings.service.js';
import type { RepeatLinkView } from './repeat-link.rules.js';
import { RepeatLinksService } from './repeat-links.service.js';
import { Clock, type RequestContext } from '#core';

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
    private readonly updates: BoardMeetingRepository,
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
    const updateOf = meeting ? await this.updates.notesOf(meeting.id, scope.actions.map((action) => action.id)) : new Map<number, string>();
    const raisedBefore = raisedBeforeByRecommendation(await this.repeats.forAuthority(scope.authorityCode, context));
    return new Map(scope.actions.map((action) => [action.id, { cycleUpdate: updateOf.get(action.id) ?? null, raisedBefore: raisedBefore.get(action.recommendationId) ?? [] }]));
  }
}
