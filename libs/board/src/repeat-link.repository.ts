import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type EntityManager, In, Not } from 'typeorm';
import { Action, Recommendation, Report } from '#database';
import { RecommendationLink, type RepeatLinkStatus } from './entities/recommendation-link.entity.js';
import type { DatedReport, NewRepeatLink, ReportRecommendation } from './repeat-link.rules.js';

/** Rows of one multi-row insert: well inside both databases' limits on bound values. */
const INSERT_BATCH = 200;

/** The repeat links and what they are printed from. Methods that take a manager run inside the ingestion's transaction. */
@Injectable()
export class RepeatLinkRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A council's reports, with the dates they are ordered by. */
  reportsOf(manager: EntityManager, authorityCode: string): Promise<DatedReport[]> {
    return manager.find(Report, { where: { authorityCode }, select: { id: true, baselineDate: true, publishedOn: true } });
  }

  recommendationsOfReports(manager: EntityManager, reportIds: readonly number[]): Promise<ReportRecommendation[]> {
    return manager.find(Recommendation, { where: { reportId: In([...reportIds]) }, select: { id: true, reportId: true, text: true } });
  }

  /** Links already there (the same pair found again) are left as they are, decisions included. */
  async addLinks(manager: EntityManager, rows: readonly NewRepeatLink[]): Promise<void> {
    for (let start = 0; start < rows.length; start += INSERT_BATCH) {
      await manager.createQueryBuilder().insert().into(RecommendationLink).values(rows.slice(start, start + INSERT_BATCH)).orIgnore().updateEntity(false).execute();
    }
  }

  actionScope(actionId: number): Promise<Pick<Action, 'id' | 'authorityCode' | 'recommendationId'> | null> {
    return this.dataSource.getRepository(Action).findOne({ where: { id: actionId }, select: { id: true, authorityCode: true, recommendationId: true } });
  }

  hasReports(authorityCode: string): Promise<boolean> {
    return this.dataSource.getRepository(Report).exists({ where: { authorityCode } });
  }

  /** Links of a recommendation in either direction, strongest first. */
  linksOfRecommendation(recommendationId: number): Promise<RecommendationLink[]> {
    return this.dataSource.getRepository(RecommendationLink).find({
      where: [{ recommendationId }, { earlierRecommendationId: recommendationId }],
      order: { scorePermille: 'DESC', id: 'ASC' },
    });
  }

  linksOfAuthority(authorityCode: string, includeDismissed: boolean): Promise<RecommendationLink[]> {
    return this.dataSource.getRepository(RecommendationLink).find({
      where: { authorityCode, ...(includeDismissed ? {} : { status: Not('dismissed' as const) }) },
      order: { recommendationId: 'ASC', scorePermille: 'DESC' },
    });
  }

  find(linkId: number): Promise<RecommendationLink | null> {
    return this.dataSource.getRepository(RecommendationLink).findOne({ where: { id: linkId } });
  }

  async decide(linkId: number, status: Exclude<RepeatLinkStatus, 'suggested'>, decidedBy: string, decidedAt: Date): Promise<void> {
    await this.dataSource.getRepository(RecommendationLink).update({ id: linkId }, { status, decidedBy, decidedAt });
  }

  /** Every recommendation of the council's stored reports: what a draft is compared with. */
  async recommendationsOfAuthority(authorityCode: string): Promise<{ id: number; text: string }[]> {
    return this.dataSource.getRepository(Recommendation).find({ where: { report: { authorityCode } }, relations: { report: true }, select: { id: true, text: true } });
  }

  /** The recommendations with their reports. */
  recommendationsWithReports(ids: readonly number[]): Promise<Recommendation[]> {
    return this.dataSource.getRepository(Recommendation).find({ where: { id: In([...ids]) }, relations: { report: true } });
  }

  /** The actions of these recommendations. */
  actionsOfRecommendations(ids: readonly number[]): Promise<Pick<Action, 'id' | 'recommendationId' | 'status' | 'completedAt'>[]> {
    return this.dataSource.getRepository(Action).find({ where: { recommendationId: In([...ids]) }, select: { id: true, recommendationId: true, status: true, completedAt: true } });
  }
}
