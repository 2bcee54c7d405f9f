import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, Not } from 'typeorm';
import { assertMay } from '#access';
import { Action, Recommendation, Report } from '#database';
import { IngestHooks, type IngestHook } from '#tracking';
import { BoardErrorCode, BoardException } from './board.exception.js';
import { RecommendationLink, type RepeatLinkStatus } from './entities/recommendation-link.entity.js';
import { findRepeats, type RecommendationText } from './repeat-detector.js';
import { canSeeAuthority, Clock, type IsoDate, type RequestContext } from '#core';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const monthYear = (date: Date | string) => {
  const value = typeof date === 'string' ? new Date(`${date}T12:00:00Z`) : date;
  return `${MONTHS[value.getUTCMonth()]} ${value.getUTCFullYear()}`;
};

/** One side of a link, as the pages, the pack and the exports print it. */
export interface LinkedRecommendation {
  recommendationId: number;
  reference: string;
  text: string;
  reportId: number;
  /** The year the report is dated by (publication, else its baseline). */
  reportYear: number;
  reportDate: IsoDate;
  actionId: number | null;
  actionStatus: string | null;
  completedAt: string | null;
}

export interface RepeatLinkView {
  id: number;
  score: number;
  sharedWords: string[];
  status: RepeatLinkStatus;
  decidedBy: string | null;
  decidedAt: string | null;
  /** The recommendation made before. */
  earlier: LinkedRecommendation;
  /** The recommendation that repeats it. */
  later: LinkedRecommendation;
  /** "Raised before: 2014 report, A3, signed off March 2016". */
  label: string;
}

/** A likely repeat of a draft recommendation, before its report is confirmed. */
export interface DraftRepeat {
  ordinal: number;
  score: number;
  sharedWords: string[];
  earlier: LinkedRecommendation;
  label: string;
}

/**
 * Links each recommendation to those of the same council's other reports it repeats. Runs when a
 * report is stored (inside the ingestion transaction), in both directions: a report older than
 * those already held is linked as the earlier one.
 */
@Injectable()
export class RepeatLinksService implements IngestHook, OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ingestHooks: IngestHooks,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.ingestHooks.register(this);
  }

  async reportStored(manager: EntityManager, stored: { id: number; authorityCode: string }): Promise<void> {
    const reports = await manager.find(Report, { where: { authorityCode: stored.authorityCode }, select: { id: true, baselineDate: true, publishedOn: true } });
    const dated = (report: Pick<Report, 'id' | 'baselineDate' | 'publishedOn'>) => `${report.publishedOn ?? report.baselineDate}#${String(report.id).padStart(10, '0')}`;
    const self = reports.find((report) => report.id === stored.id);
    if (!self || reports.length < 2) return;
    const recommendations = await manager.find(Recommendation, { where: { reportId: In(reports.map((report) => report.id)) }, select: { id: true, reportId: true, text: true } });
    const mine = recommendations.filter((row) => row.reportId === stored.id);
    const order = new Map(reports.map((report) => [report.id, dated(report)]));
    const earlier = recommendations.filter((row) => row.reportId !== stored.id && order.get(row.reportId)! < order.get(stored.id)!);
    const later = recommendations.filter((row) => row.reportId !== stored.id && order.get(row.reportId)! > order.get(stored.id)!);
    const candidates = [...findRepeats(mine, earlier), ...findRepeats(later, mine)];
    if (candidates.length === 0) return;
    const rows = candidates.map((candidate) => ({
      recommendationId: candidate.recommendationId,
      earlierRecommendationId: candidate.earlierRecommendationId,
      authorityCode: stored.authorityCode,
      scorePermille: Math.round(candidate.score * 1000),
      sharedWords: candidate.sharedWords,
      status: 'suggested' as const,
      decidedBy: null,
      decidedAt: null,
    }));
    for (let start = 0; start < rows.length; start += 200) {
      await manager.createQueryBuilder().insert().into(RecommendationLink).values(rows.slice(start, start + 200)).orIgnore().updateEntity(false).execute();
    }
  }

  /** Links of an action's recommendation in either direction (made before; repeated since). */
  async forAction(actionId: number, context: RequestContext): Promise<RepeatLinkView[]> {
    const action = await this.dataSource.getRepository(Action).findOne({ where: { id: actionId }, select: { id: true, authorityCode: true, recommendationId: true } });
    if (!action || !canSeeAuthority(context, action.authorityCode)) throw BoardException.notFound('Action', actionId);
    const links = await this.dataSource.getRepository(RecommendationLink).find({
      where: [{ recommendationId: action.recommendationId }, { earlierRecommendationId: action.recommendationId }],
      order: { scorePermille: 'DESC', id: 'ASC' },
    });
    return this.views(links);
  }

  /** Every link of a council, for the pack and the exports; dismissed ones left out unless asked for. */
  async forAuthority(authorityCode: string, context: RequestContext, options: { includeDismissed?: boolean } = {}): Promise<RepeatLinkView[]> {
    if (!canSeeAuthority(context, authorityCode) || !(await this.dataSource.getRepository(Report).exists({ where: { authorityCode } }))) {
      // An authority with no report has no links either; one the caller may not see is "not found".
      if (!canSeeAuthority(context, authorityCode)) throw BoardException.notFound('Authority', authorityCode);
      return [];
    }
    const links = await this.dataSource.getRepository(RecommendationLink).find({
      where: { authorityCode, ...(options.includeDismissed ? {} : { status: Not('dismissed' as const) }) },
      order: { recommendationId: 'ASC', scorePermille: 'DESC' },
    });
    return this.views(links);
  }

  /** A board member confirms the repeat (it shows as "raised before") or dismisses it. */
  async decide(linkId: number, status: Exclude<RepeatLinkStatus, 'suggested'>, context: RequestContext): Promise<RepeatLinkView> {
    const repository = this.dataSource.getRepository(RecommendationLink);
    const link = await repository.findOne({ where: { id: linkId } });
    if (!link || !canSeeAuthority(context, link.authorityCode)) throw BoardException.notFound('Repeat link', linkId);
    assertMay(context, 'report.update', { authorityCode: link.authorityCode });
    if (status !== 'confirmed' && status !== 'dismissed') throw new BoardException(BoardErrorCode.INVALID_INPUT, 'status must be confirmed or dismissed');
    await repository.update({ id: linkId }, { status, decidedBy: context.actorName, decidedAt: this.clock.now() });
    return (await this.views([{ ...link, status, decidedBy: context.actorName, decidedAt: this.clock.now() }]))[0];
  }

  /** What the preview shows before confirming: which draft recommendations repeat the council's earlier ones. */
  async forDraft(authorityCode: string, drafts: readonly { ordinal: number; text: string }[]): Promise<DraftRepeat[]> {
    const earlier = await this.dataSource.getRepository(Recommendation).find({ where: { report: { authorityCode } }, relations: { report: true }, select: { id: true, text: true } });
    const candidates = findRepeats(drafts.map((draft) => ({ id: draft.ordinal, text: draft.text })), earlier as RecommendationText[]);
    const sides = await this.sides(candidates.map((candidate) => candidate.earlierRecommendationId));
    return candidates.map((candidate) => {
      const side = sides.get(candidate.earlierRecommendationId)!;
      return { ordinal: candidate.recommendationId, score: candidate.score, sharedWords: candidate.sharedWords, earlier: side, label: labelOf(side) };
    });
  }

  private async views(links: RecommendationLink[]): Promise<RepeatLinkView[]> {
    const sides = await this.sides(links.flatMap((link) => [link.recommendationId, link.earlierRecommendationId]));
    return links.map((link) => {
      const earlier = sides.get(link.earlierRecommendationId)!;
      return {
        id: link.id,
        score: link.scorePermille / 1000,
        sharedWords: link.sharedWords,
        status: link.status,
        decidedBy: link.decidedBy,
        decidedAt: link.decidedAt ? new Date(link.decidedAt).toISOString() : null,
        earlier,
        later: sides.get(link.recommendationId)!,
        label: labelOf(earlier),
      };
    });
  }

  private async sides(ids: number[]): Promise<Map<number, LinkedRecommendation>> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return new Map();
    const recommendations = await this.dataSource.getRepository(Recommendation).find({ where: { id: In(unique) }, relations: { report: true } });
    const actions = await this.dataSource.getRepository(Action).find({ where: { recommendationId: In(unique) }, select: { id: true, recommendationId: true, status: true, completedAt: true } });
    const actionOf = new Map(actions.map((action) => [action.recommendationId, action]));
    return new Map(
      recommendations.map((recommendation) => {
        const reportDate = recommendation.report!.publishedOn ?? recommendation.report!.baselineDate;
        const action = actionOf.get(recommendation.id);
        return [
          recommendation.id,
          {
            recommendationId: recommendation.id,
            reference: recommendation.reference,
            text: recommendation.text,
            reportId: recommendation.reportId,
            reportYear: Number(reportDate.slice(0, 4)),
            reportDate,
            actionId: action?.id ?? null,
            actionStatus: action?.status ?? null,
            completedAt: action?.completedAt ? new Date(action.completedAt).toISOString() : null,
          },
        ];
      }),
    );
  }
}

/** "Raised before: 2014 report, A3, signed off March 2016". */
export function labelOf(earlier: LinkedRecommendation): string {
  const outcome = earlier.completedAt && earlier.actionStatus === 'signed_off' ? `signed off ${monthYear(earlier.completedAt)}` : earlier.actionStatus ? `still ${earlier.actionStatus.replace(/_/g, ' ')}` : 'not tracked';
  return `Raised before: ${earlier.reportYear} report, ${earlier.reference}, ${outcome}`;
}
