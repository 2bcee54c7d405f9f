import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, Not } from 'typeorm';
import { Action, ActionChallenge, ActionUpdate, Report, Team } from '#database';
import { evidenceCountsOf } from '#tracking';

/** What the board pack, the since-last-meeting view and the journal export read of a council. */
@Injectable()
export class BoardPackRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The council's journal entries written in [from, until), oldest first. */
  journalBetween(authorityCode: string, from: Date, until: Date): Promise<ActionUpdate[]> {
    return this.dataSource
      .createQueryBuilder(ActionUpdate, 'u')
      .innerJoin(Action, 'a', 'a.id = u.actionId')
      .where('a.authorityCode = :authorityCode AND u.createdAt >= :from AND u.createdAt < :until', { authorityCode, from, until })
      .orderBy('u.id')
      .getMany();
  }

  /** The council's whole journal with each entry's action and recommendation, oldest first. */
  journalOf(authorityCode: string): Promise<ActionUpdate[]> {
    return this.dataSource
      .createQueryBuilder(ActionUpdate, 'u')
      .innerJoinAndMapOne('u.action', Action, 'a', 'a.id = u.actionId')
      .leftJoinAndSelect('a.recommendation', 'r')
      .where('a.authorityCode = :authorityCode', { authorityCode })
      .orderBy('u.createdAt', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .getMany();
  }

  teamsOf(authorityCode: string): Promise<Team[]> {
    return this.dataSource.getRepository(Team).find({ where: { authorityCode } });
  }

  /** Every action of the council with its recommendation, by id. */
  actionsOf(authorityCode: string): Promise<Action[]> {
    return this.dataSource.getRepository(Action).find({ where: { authorityCode }, relations: { recommendation: true }, order: { id: 'ASC' } });
  }

  /** The council's actions not signed off, with recommendation and team, by report then id. */
  openActionsOf(authorityCode: string): Promise<Action[]> {
    return this.dataSource.getRepository(Action).find({
      where: { authorityCode, status: Not('signed_off' as const) },
      relations: { recommendation: true, team: true },
      order: { reportId: 'ASC', id: 'ASC' },
    });
  }

  evidenceCounts(actionIds: readonly number[]): Promise<Map<number, number>> {
    return evidenceCountsOf(this.dataSource, actionIds);
  }

  /** The council's reports, oldest baseline first. */
  reportsOf(authorityCode: string): Promise<Report[]> {
    return this.dataSource.getRepository(Report).find({ where: { authorityCode }, order: { baselineDate: 'ASC', id: 'ASC' } });
  }

  /** The council's challenges not closed, oldest first. */
  openChallengesOf(authorityCode: string): Promise<Pick<ActionChallenge, 'id' | 'actionId' | 'question' | 'response'>[]> {
    return this.dataSource.getRepository(ActionChallenge).find({
      where: { authorityCode, state: Not('closed' as const) },
      select: { id: true, actionId: true, question: true, response: true },
      order: { id: 'ASC' },
    });
  }
}
