import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type DataSource, type FindOptionsWhere, In, Not } from 'typeorm';
import { Action, ActionChallenge, ActionMilestone, Authority, Report, runSql } from '#database';
import { evidenceCountsOf } from './evidence.repository.js';

/** A report's actions, or a council's. */
export type ActionPlanScope = { reportId: number } | { authorityCode: string };

/**
 * Journal entries whose note says how the work is going: progress notes only. A status change's
 * note ("Signed off by the board") says why the status moved, and the status column says that.
 */
const NOTE_KINDS = ['progress'];

/** Ids per statement: well inside every driver's limit on bound parameters. */
const CHUNK = 500;

/**
 * What an action plan export reads: a handful of statements whatever the size (more only past 500
 * actions, in slices).
 */
@Injectable()
export class ActionPlanRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  report(id: number): Promise<Report | null> {
    return this.dataSource.manager.findOne(Report, { where: { id } });
  }

  authority(code: string): Promise<Authority | null> {
    return this.dataSource.manager.findOne(Authority, { where: { code } });
  }

  /** The council's reports, by baseline date. */
  reportsOf(authorityCode: string): Promise<Report[]> {
    return this.dataSource.manager.find(Report, { where: { authorityCode }, order: { baselineDate: 'ASC', id: 'ASC' } });
  }

  /** The actions in scope with their teams and recommendations, in no particular order. */
  actions(scope: ActionPlanScope): Promise<Action[]> {
    return this.dataSource.manager.find(Action, { where: scope as FindOptionsWhere<Action>, relations: { team: true, recommendation: true } });
  }

  /** The actions' milestones, by date. */
  async milestonesOf(ids: readonly number[]): Promise<ActionMilestone[]> {
    const milestones: ActionMilestone[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      milestones.push(...(await this.dataSource.manager.find(ActionMilestone, { where: { actionId: In(ids.slice(start, start + CHUNK)) }, order: { dueDate: 'ASC', id: 'ASC' } })));
    }
    return milestones;
  }

  /** The actions' challenges not yet closed, oldest first. */
  async openChallengesOf(ids: readonly number[]): Promise<ActionChallenge[]> {
    const challenges: ActionChallenge[] = [];
    for (let start = 0; start < ids.length; start += CHUNK) {
      challenges.push(...(await this.dataSource.manager.find(ActionChallenge, { where: { actionId: In(ids.slice(start, start + CHUNK)), state: Not('closed' as const) }, order: { id: 'ASC' } })));
    }
    return challenges;
  }

  /** Each action's evidence, counted as the board pack counts it. */
  evidenceCounts(ids: readonly number[]): Promise<Map<number, number>> {
    return evidenceCountsOf(this.dataSource, ids);
  }

  /**
   * The newest progress note of every action in scope, in one statement. Newest by id,
   * not by time: ids follow insertion order, while two entries written within the same second
   * share a timestamp on SQLite.
   */
  async latestNotes(scope: ActionPlanScope): Promise<Map<number, string>> {
    const [condition, parameters] =
      'reportId' in scope ? ['a.report_id = :reportId', { reportId: scope.reportId }] : ['a.authority_code = :authorityCode', { authorityCode: scope.authorityCode }];
    const rows = await runSql<{ action_id: number | string; note: string }>(
      this.dataSource,
      `SELECT u.action_id, u.note FROM action_updates u WHERE u.id IN (
         SELECT MAX(latest.id) FROM action_updates latest JOIN actions a ON a.id = latest.action_id
         WHERE ${condition} AND latest.kind IN (:...kinds) AND latest.note IS NOT NULL AND TRIM(latest.note) <> ''
         GROUP BY latest.action_id)`,
      { ...parameters, kinds: NOTE_KINDS },
    );
    return new Map(rows.map((row) => [Number(row.action_id), row.note]));
  }
}
