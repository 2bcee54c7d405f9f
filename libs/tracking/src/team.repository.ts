import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Action, Recommendation, Team } from '#database';
import type { RequestContext } from '#core';
import { AuthorityRepository } from './authority.repository.js';

/**
 * The teams' reads and writes. Methods that take a manager run inside the caller's transaction
 * (UnitOfWork); the others read outside one.
 */
@Injectable()
export class TeamRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly authorities: AuthorityRepository,
  ) {}

  /** The teams in the caller's scope (of one council if given), by council then name. */
  list(context: RequestContext, authority?: string): Promise<Team[]> {
    const query = this.dataSource.manager.createQueryBuilder(Team, 'team').orderBy('team.authorityCode').addOrderBy('team.name');
    if (context.authorities !== 'all') query.andWhere('team.authorityCode IN (:...scope)', { scope: context.authorities.length ? context.authorities : [''] });
    if (authority) query.andWhere('team.authorityCode = :authority', { authority });
    return query.getMany();
  }

  find(id: number, manager?: EntityManager): Promise<Team | null> {
    return (manager ?? this.dataSource.manager).findOne(Team, { where: { id } });
  }

  /** The council's teams, in no particular order. */
  ofCouncil(authorityCode: string): Promise<Team[]> {
    return this.dataSource.manager.find(Team, { where: { authorityCode } });
  }

  nameTaken(authorityCode: string, name: string): Promise<boolean> {
    return this.dataSource.manager.exists(Team, { where: { authorityCode, name } });
  }

  ensureAuthority(manager: EntityManager, authorityCode: string): Promise<void> {
    return this.authorities.ensure(manager, authorityCode);
  }

  async insert(manager: EntityManager, team: Partial<Team>): Promise<number> {
    return (await manager.save(manager.create(Team, team))).id;
  }

  async update(manager: EntityManager, id: number, set: Partial<Team>): Promise<void> {
    await manager.update(Team, { id }, set);
  }

  async delete(manager: EntityManager, id: number): Promise<void> {
    await manager.delete(Team, { id });
  }

  /** The actions the team owns, by id. */
  async ownedActionIds(manager: EntityManager, teamId: number): Promise<number[]> {
    return (await manager.find(Action, { where: { teamId }, select: { id: true } })).map((action) => action.id);
  }

  /** Moves every action of one team to another in one statement; each one's version moves on, so open forms are stale. */
  async moveActions(manager: EntityManager, fromTeamId: number, toTeamId: number, now: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Action)
      .set({ teamId: toTeamId, version: () => 'version + 1', updatedAt: now })
      .where('team_id = :id', { id: fromTeamId })
      .execute();
  }

  /** How many actions each team of the council owns, and how many of them are still open. */
  async ownedActionCounts(authorityCode: string): Promise<Map<number, { total: number; open: number }>> {
    const rows = await this.dataSource.manager
      .createQueryBuilder(Action, 'action')
      .select('action.teamId', 'teamId')
      .addSelect('COUNT(*)', 'total')
      .addSelect("SUM(CASE WHEN action.status = 'signed_off' THEN 0 ELSE 1 END)", 'open')
      .where('action.authorityCode = :authorityCode', { authorityCode })
      .andWhere('action.teamId IS NOT NULL')
      .groupBy('action.teamId')
      .getRawMany<{ teamId: number | string; total: number | string; open: number | string }>();
    return new Map(rows.map((row) => [Number(row.teamId), { total: Number(row.total), open: Number(row.open) }]));
  }

  /** The bodies each recommendation of the council's reports names. */
  mentionedBodies(authorityCode: string): Promise<Recommendation[]> {
    return this.dataSource.manager
      .createQueryBuilder(Recommendation, 'recommendation')
      .innerJoin('recommendation.report', 'report')
      .where('report.authorityCode = :authorityCode', { authorityCode })
      .select(['recommendation.id', 'recommendation.mentionedBodies'])
      .getMany();
  }
}
