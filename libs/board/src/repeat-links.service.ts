import { Injectable, type OnModuleInit } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { assertMay } from '#access';
import { IngestHooks, type IngestHook } from '#tracking';
import { BoardException } from './board.exception.js';
import type { RepeatLinkStatus } from './entities/recommendation-link.entity.js';
import { findRepeats } from './repeat-detector.js';
import { RepeatLinkRepository } from './repeat-link.repository.js';
import { checkedDecision, labelOf, linkedRecommendation, linkView, newLinkRows, repeatsOfStoredReport, type DraftRepeat, type LinkedRecommendation, type RepeatLinkView, type StoredLink } from './repeat-link.rules.js';
import { canSeeAuthority, Clock, type RequestContext } from '#core';

/**
 * Links each recommendation to those of the same council's other reports it repeats. Runs when a
 * report is stored (inside the ingestion transaction), in both directions: a report older than
 * those already held is linked as the earlier one.
 */
@Injectable()
export class RepeatLinksService implements IngestHook, OnModuleInit {
  constructor(
    private readonly links: RepeatLinkRepository,
    private readonly ingestHooks: IngestHooks,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.ingestHooks.register(this);
  }

  async reportStored(manager: EntityManager, stored: { id: number; authorityCode: string }): Promise<void> {
    const reports = await this.links.reportsOf(manager, stored.authorityCode);
    if (reports.length < 2 || !reports.some((report) => report.id === stored.id)) return;
    const recommendations = await this.links.recommendationsOfReports(manager, reports.map((report) => report.id));
    await this.links.addLinks(manager, newLinkRows(stored.authorityCode, repeatsOfStoredReport(stored.id, reports, recommendations)));
  }

  /** Links of an action's recommendation in either direction (made before; repeated since). */
  async forAction(actionId: number, context: RequestContext): Promise<RepeatLinkView[]> {
    const action = await this.links.actionScope(actionId);
    if (!action || !canSeeAuthority(context, action.authorityCode)) throw BoardException.notFound('Action', actionId);
    return this.views(await this.links.linksOfRecommendation(action.recommendationId));
  }

  /** As forAction, for an action the caller has just been shown (so it exists): no second read of the action. */
  async forShownAction(action: { id: number; authorityCode: string; recommendationId: number | null }, context: RequestContext): Promise<RepeatLinkView[]> {
    if (!canSeeAuthority(context, action.authorityCode)) throw BoardException.notFound('Action', action.id);
    return action.recommendationId === null ? [] : this.views(await this.links.linksOfRecommendation(action.recommendationId));
  }

  /** Every link of a council, for the pack and the exports; dismissed ones left out unless asked for. */
  async forAuthority(authorityCode: string, context: RequestContext, options: { includeDismissed?: boolean } = {}): Promise<RepeatLinkView[]> {
    if (!canSeeAuthority(context, authorityCode) || !(await this.links.hasReports(authorityCode))) {
      // An authority with no report has no links either; one the caller may not see is "not found".
      if (!canSeeAuthority(context, authorityCode)) throw BoardException.notFound('Authority', authorityCode);
      return [];
    }
    return this.views(await this.links.linksOfAuthority(authorityCode, options.includeDismissed ?? false));
  }

  /** A board member confirms the repeat (it shows as "raised before") or dismisses it. */
  async decide(linkId: number, status: Exclude<RepeatLinkStatus, 'suggested'>, context: RequestContext): Promise<RepeatLinkView> {
    const link = await this.links.find(linkId);
    if (!link || !canSeeAuthority(context, link.authorityCode)) throw BoardException.notFound('Repeat link', linkId);
    assertMay(context, 'report.update', { authorityCode: link.authorityCode });
    const decision = checkedDecision(status);
    const decidedAt = this.clock.now();
    await this.links.decide(linkId, decision, context.actorName, decidedAt);
    return (await this.views([{ ...link, status: decision, decidedBy: context.actorName, decidedAt }]))[0];
  }

  /** What the preview shows before confirming: which draft recommendations repeat the council's earlier ones. */
  async forDraft(authorityCode: string, drafts: readonly { ordinal: number; text: string }[]): Promise<DraftRepeat[]> {
    const earlier = await this.links.recommendationsOfAuthority(authorityCode);
    const candidates = findRepeats(drafts.map((draft) => ({ id: draft.ordinal, text: draft.text })), earlier);
    const sides = await this.sides(candidates.map((candidate) => candidate.earlierRecommendationId));
    return candidates.map((candidate) => {
      const side = sides.get(candidate.earlierRecommendationId)!;
      return { ordinal: candidate.recommendationId, score: candidate.score, sharedWords: candidate.sharedWords, earlier: side, label: labelOf(side) };
    });
  }

  private async views(links: StoredLink[]): Promise<RepeatLinkView[]> {
    const sides = await this.sides(links.flatMap((link) => [link.recommendationId, link.earlierRecommendationId]));
    return links.map((link) => linkView(link, sides));
  }

  private async sides(ids: number[]): Promise<Map<number, LinkedRecommendation>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const recommendations = await this.links.recommendationsWithReports(unique);
    const actionOf = new Map((await this.links.actionsOfRecommendations(unique)).map((action) => [action.recommendationId, action]));
    return new Map(recommendations.map((recommendation) => [recommendation.id, linkedRecommendation({ ...recommendation, report: recommendation.report! }, actionOf.get(recommendation.id))]));
  }
}
