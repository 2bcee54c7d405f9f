import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Action, Recommendation, Report, runSql, sqlDate, sqlInstant, Team } from '#database';
import { type IsoDate, type RequestContext, type Timeframe, TIMEFRAMES } from '#core';
import { AuthorityRepository } from './authority.repository.js';

/**
 * The reports' reads and writes. Methods that take a manager run inside the caller's transaction
 * (UnitOfWork); the others read outside one.
 */
@Injectable()
export class ReportRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authorities: AuthorityRepository,
  ) {}

  /** The reports in the caller's scope (of one council if given), latest baseline first, each with its number of recommendations. */
  async listWithCounts(context: RequestContext, authority?: string): Promise<{ report: Report; recommendationCount: number }[]> {
    const query = this.dataSource.manager
      .createQueryBuilder(Report, 'report')
      .orderBy('report.baselineDate', 'DESC')
      .addOrderBy('report.id', 'DESC');
    if (context.authorities !== 'all') query.andWhere('report.authorityCode IN (:...scope)', { scope: context.authorities.length ? context.authorities : [''] });
    if (authority) query.andWhere('report.authorityCode = :authority', { authority });
    const reports = await query.getMany();
    if (reports.length === 0) return [];
    const counts = await this.dataSource.manager
      .createQueryBuilder(Recommendation, 'recommendation')
      .select('recommendation.reportId', 'reportId')
      .addSelect('COUNT(*)', 'count')
      .where('recommendation.reportId IN (:...ids)', { ids: reports.map((report) => report.id) })
      .groupBy('recommendation.reportId')
      .getRawMany<{ reportId: number; count: string | number }>();
    const countOf = new Map(counts.map((row) => [Number(row.reportId), Number(row.count)]));
    return reports.map((report) => ({ report, recommendationCount: countOf.get(report.id) ?? 0 }));
  }

  find(id: number, manager?: EntityManager): Promise<Report | null> {
    return (manager ?? this.dataSource.manager).findOne(Report, { where: { id } });
  }

  countRecommendations(reportId: number): Promise<number> {
    return this.dataSource.manager.count(Recommendation, { where: { reportId } });
  }

  recommendationsOf(reportId: number): Promise<Recommendation[]> {
    return this.dataSource.manager.find(Recommendation, { where: { reportId }, order: { ordinal: 'ASC' } });
  }

  /** The draft as the extractor read it (a column left out of ordinary reads). */
  async extractedDraft(id: number): Promise<Report['extractedDraft']> {
    return (await this.dataSource.manager.findOne(Report, { where: { id }, select: { id: true, extractedDraft: true } }))?.extractedDraft ?? null;
  }

  /** The council's report already made from this very text, if any. */
  async idOfText(authorityCode: string, textSha256: string): Promise<number | null> {
    return (await this.dataSource.manager.findOne(Report, { where: { authorityCode, textSha256 }, select: { id: true } }))?.id ?? null;
  }

  /** Which of these teams are the council's. */
  async teamsOfCouncil(teamIds: readonly number[], authorityCode: string): Promise<Set<number>> {
    if (teamIds.length === 0) return new Set();
    const found = await this.dataSource.manager.find(Team, { where: teamIds.map((id) => ({ id, authorityCode })), select: { id: true } });
    return new Set(found.map((team) => team.id));
  }

  /** The council's teams by name, for routing recommendations. */
  councilTeams(manager: EntityManager, authorityCode: string): Promise<Team[]> {
    return manager.find(Team, { where: { authorityCode }, order: { name: 'ASC' } });
  }

  ensureAuthority(manager: EntityManager, authorityCode: string): Promise<void> {
    return this.authorities.ensure(manager, authorityCode);
  }

  async insert(manager: EntityManager, report: Partial<Report>, now: Date): Promise<number> {
    return (await manager.save(manager.create(Report, { ...report, createdAt: now }))).id;
  }

  async insertRecommendation(manager: EntityManager, recommendation: Partial<Recommendation>): Promise<number> {
    return (await manager.save(manager.create(Recommendation, recommendation))).id;
  }

  actionsOf(manager: EntityManager, reportId: number): Promise<Action[]> {
    return manager.find(Action, { where: { reportId }, order: { id: 'ASC' } });
  }

  /**
   * Moves every action of the report to the derived dates in one statement: the original due date
   * always, the due date unless it was re-programmed by hand (it has a reason).
   */
  async moveDerivedDates(manager: EntityManager, reportId: number, derived: Record<Timeframe, IsoDate>, now: Date): Promise<void> {
    const derivedSql = `CASE timeframe ${TIMEFRAMES.map((timeframe) => `WHEN '${timeframe}' THEN ${sqlDate(manager, `:${timeframe}`)}`).join(' ')} END`;
    await runSql(
      manager,
      `UPDATE actions SET original_due_date = ${derivedSql},
         due_date = CASE WHEN due_date_reason IS NULL THEN ${derivedSql} ELSE due_date END,
         version = version + 1, updated_at = :now
       WHERE report_id = :reportId`,
      { ...derived, reportId, now: sqlInstant(manager, now) },
    );
  }

  async setBaseline(manager: EntityManager, id: number, baselineDate: IsoDate): Promise<void> {
    await manager.update(Report, { id }, { baselineDate });
  }
}
