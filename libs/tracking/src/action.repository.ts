import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { In, MoreThan, Not, type DataSource, type EntityManager } from 'typeorm';
import { Action, ActionChallenge, ActionDateRequest, ActionMilestone, ActionUpdate, EvidenceFile, Recommendation, Team } from '#database';
import type { RagBasis } from '#governance';
import type { IsoDate, Page, RequestContext } from '#core';
import { queryActionPage, queryActionItems, type ActionFilters } from './action-list.query.js';
import type { ActionView } from './action-view.js';
import { governanceRecordsOf } from './governance.repository.js';
import type { ActionGovernanceView } from './governance-views.js';
import { boardDateChangeRow, milestoneAdded, milestoneRow, type NewMilestone } from './governance-writes.js';

/**
 * The actions' reads and writes. Methods that take a manager run inside the caller's transaction
 * (UnitOfWork); the others read outside one.
 */
@Injectable()
export class ActionRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  page(filters: ActionFilters, context: RequestContext, today: IsoDate, basis: RagBasis): Promise<Page<ActionView>> {
    return queryActionPage(this.dataSource, filters, context, today, basis);
  }

  /** One page's actions without the count of all that match. */
  items(filters: ActionFilters, context: RequestContext, today: IsoDate, basis: RagBasis): Promise<ActionView[]> {
    return queryActionItems(this.dataSource, filters, context, today, basis);
  }

  /** The action with its team and recommendation, or null. */
  async find(id: number, manager?: EntityManager): Promise<Action | null> {
    // Not findOne: with relations it first reads the id in a DISTINCT subquery, to apply its LIMIT
    // to actions rather than joined rows; an id names one action, and this costs half as much.
    const [action] = await (manager ?? this.dataSource.manager).find(Action, { where: { id }, relations: { team: true, recommendation: true } });
    return action ?? null;
  }

  /** These actions, in no particular order; ids that name none are left out. */
  findMany(manager: EntityManager, ids: readonly number[]): Promise<Action[]> {
    return manager.find(Action, { where: { id: In([...ids]) } });
  }

  /** The action's journal, oldest first. */
  journalOf(actionId: number): Promise<ActionUpdate[]> {
    return this.dataSource.manager.find(ActionUpdate, { where: { actionId }, order: { id: 'ASC' } });
  }

  governanceRecordsOf(actionId: number): Promise<ActionGovernanceView> {
    return governanceRecordsOf(this.dataSource.manager, actionId);
  }

  /** The newest journal entry of these actions, by id, or null when they have none. */
  async newestJournalId(actionIds: readonly number[]): Promise<number | null> {
    if (actionIds.length === 0) return null;
    return (await this.dataSource.manager.findOne(ActionUpdate, { where: { actionId: In([...actionIds]) }, order: { id: 'DESC' }, select: { id: true } }))?.id ?? null;
  }

  /** These actions' journal entries after the given one that this person did not make, oldest first. */
  journalSince(actionIds: readonly number[], afterId: number, notByUserId: number): Promise<ActionUpdate[]> {
    return this.dataSource.manager.find(ActionUpdate, { where: { actionId: In([...actionIds]), id: MoreThan(afterId), actorUserId: Not(notByUserId) }, order: { id: 'ASC' } });
  }

  /** Every LSCB chair review of these actions, oldest first. */
  reviewsOf(actionIds: readonly number[]): Promise<ActionUpdate[]> {
    return this.dataSource.manager.find(ActionUpdate, { where: { actionId: In([...actionIds]), kind: 'review' }, order: { id: 'ASC' } });
  }

  recommendationWithReport(manager: EntityManager, recommendationId: number): Promise<Recommendation | null> {
    return manager.findOne(Recommendation, { where: { id: recommendationId }, relations: { report: true } });
  }

  /** The recommendation's first action, if it has one. */
  firstActionOf(manager: EntityManager, recommendationId: number): Promise<Action | null> {
    return manager.findOne(Action, { where: { recommendationId }, order: { id: 'ASC' } });
  }

  /** The council a team belongs to, or null when there is no such team. */
  async teamAuthority(manager: EntityManager, teamId: number): Promise<string | null> {
    return (await manager.findOne(Team, { where: { id: teamId }, select: { id: true, authorityCode: true } }))?.authorityCode ?? null;
  }

  /** Evidence links and files on the action, and its challenges not yet closed: what the status workflow reads. */
  async workflowCounts(manager: EntityManager, actionId: number): Promise<{ evidence: number; openChallenges: number }> {
    const [linked, files] = await Promise.all([
      // simple-json stores an entry without links as the text []
      manager.createQueryBuilder(ActionUpdate, 'u').where('u.action_id = :actionId AND u.evidence_links <> :none', { actionId, none: '[]' }).getCount(),
      manager.count(EvidenceFile, { where: { actionId } }),
    ]);
    const openChallenges = await manager.count(ActionChallenge, { where: { actionId, state: Not('closed' as const) } });
    return { evidence: linked + files, openChallenges };
  }

  async insert(manager: EntityManager, action: Partial<Action>, now: Date): Promise<number> {
    return (await manager.save(manager.create(Action, { ...action, createdAt: now, updatedAt: now }))).id;
  }

  /**
   * Writes the change only if the action is still at the version the caller saw: the check and the
   * update are one conditional UPDATE, so of two concurrent writers exactly one wins. False when it lost.
   */
  async applyChange(manager: EntityManager, id: number, expectedVersion: number, set: Partial<Action>, now: Date): Promise<boolean> {
    const result = await manager
      .createQueryBuilder()
      .update(Action)
      .set({ ...set, version: () => 'version + 1', updatedAt: now })
      .where('id = :id AND version = :version', { id, version: expectedVersion })
      .execute();
    return result.affected !== 0;
  }

  /** Gives the action its owner as triage decided, without a version check; the version moves on, so a form open on it is stale. */
  async assignOwner(manager: EntityManager, id: number, set: Pick<Action, 'teamId'> & Partial<Pick<Action, 'leadOfficer'>>, now: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Action)
      .set({ ...set, version: () => 'version + 1', updatedAt: now })
      .where('id = :id', { id })
      .execute();
  }

  /** Marks the action as updated now without changing its version (a note, a file). */
  async touch(manager: EntityManager, id: number, now: Date): Promise<void> {
    await manager.createQueryBuilder().update(Action).set({ updatedAt: now }).where('id = :id', { id }).execute();
  }

  async appendJournal(manager: EntityManager, ...entries: Partial<ActionUpdate>[]): Promise<void> {
    if (entries.length > 0) await manager.insert(ActionUpdate, entries);
  }

  /** A milestone and its journal entry, inside the caller's transaction. */
  async insertMilestone(manager: EntityManager, actionId: number, milestone: NewMilestone, context: RequestContext, now: Date): Promise<ActionMilestone> {
    const saved = await manager.save(manager.create(ActionMilestone, milestoneRow(actionId, milestone, now)));
    await manager.insert(ActionUpdate, milestoneAdded(saved, context, now));
    return saved;
  }

  async recordBoardDateChange(manager: EntityManager, action: Action, dueDate: IsoDate, reason: string, context: RequestContext, now: Date): Promise<void> {
    await manager.insert(ActionDateRequest, boardDateChangeRow(action, dueDate, reason, context, now));
  }

  /** Moves the due date (never the original one) as the board decided; the version moves on, so a form open on the action is stale. */
  async moveDueDate(manager: EntityManager, id: number, dueDate: IsoDate, reason: string, now: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .update(Action)
      .set({ dueDate, dueDateReason: reason, dueDateAssumed: false, version: () => 'version + 1', updatedAt: now })
      .where('id = :id', { id })
      .execute();
  }
}
