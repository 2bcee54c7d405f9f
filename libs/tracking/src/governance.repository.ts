import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Not, type DataSource, type EntityManager } from 'typeorm';
import { ActionChallenge, ActionDateRequest, ActionMilestone, EvidenceFile } from '#database';
import { governanceView, type ActionGovernanceView } from './governance-views.js';

/**
 * Challenges, date change requests and milestones: their reads and writes. Methods that take a
 * manager run inside the caller's transaction (UnitOfWork); the others read outside one.
 */
@Injectable()
export class GovernanceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  // Challenges

  insertChallenge(manager: EntityManager, challenge: Partial<ActionChallenge>): Promise<ActionChallenge> {
    return manager.save(manager.create(ActionChallenge, challenge));
  }

  /** The challenge, only if it is on this action. */
  findChallenge(manager: EntityManager, actionId: number, id: number): Promise<ActionChallenge | null> {
    return manager.findOne(ActionChallenge, { where: { id, actionId } });
  }

  async updateChallenge(manager: EntityManager, id: number, changes: Partial<ActionChallenge>): Promise<void> {
    await manager.update(ActionChallenge, { id }, changes);
  }

  /** The council's challenges that are not closed, oldest first. */
  openChallengesOf(authorityCode: string): Promise<ActionChallenge[]> {
    return this.dataSource.manager.find(ActionChallenge, { where: { authorityCode, state: Not('closed' as const) }, order: { id: 'ASC' } });
  }

  // Date change requests

  async hasPendingDateRequest(manager: EntityManager, actionId: number): Promise<boolean> {
    return (await manager.count(ActionDateRequest, { where: { actionId, state: 'pending' } })) > 0;
  }

  insertDateRequest(manager: EntityManager, request: Partial<ActionDateRequest>): Promise<ActionDateRequest> {
    return manager.save(manager.create(ActionDateRequest, request));
  }

  /** The request, only if it is on this action. */
  findDateRequest(manager: EntityManager, actionId: number, id: number): Promise<ActionDateRequest | null> {
    return manager.findOne(ActionDateRequest, { where: { id, actionId } });
  }

  async updateDateRequest(manager: EntityManager, id: number, changes: Partial<ActionDateRequest>): Promise<void> {
    await manager.update(ActionDateRequest, { id }, changes);
  }

  /** The council's pending date change requests, oldest first. */
  pendingDateRequestsOf(authorityCode: string): Promise<ActionDateRequest[]> {
    return this.dataSource.manager.find(ActionDateRequest, { where: { authorityCode, state: 'pending' }, order: { id: 'ASC' } });
  }

  // Milestones

  /** The milestone, only if it is on this action. */
  findMilestone(manager: EntityManager, actionId: number, id: number): Promise<ActionMilestone | null> {
    return manager.findOne(ActionMilestone, { where: { id, actionId } });
  }

  async setMilestoneMetOn(manager: EntityManager, id: number, metOn: string | null): Promise<void> {
    await manager.update(ActionMilestone, { id }, { metOn });
  }

  async deleteMilestone(manager: EntityManager, id: number): Promise<void> {
    await manager.delete(ActionMilestone, { id });
  }
}

/** An action's challenges and date requests (newest first), milestones (by date) and evidence files, as its page and GET /api/actions/:id show them. */
export async function governanceRecordsOf(manager: EntityManager, actionId: number): Promise<ActionGovernanceView> {
  const [challenges, dateRequests, milestones, evidenceFiles] = await Promise.all([
    manager.find(ActionChallenge, { where: { actionId }, order: { id: 'DESC' } }),
    manager.find(ActionDateRequest, { where: { actionId }, order: { id: 'DESC' } }),
    manager.find(ActionMilestone, { where: { actionId }, order: { dueDate: 'ASC', id: 'ASC' } }),
    manager.find(EvidenceFile, { where: { actionId }, order: { id: 'ASC' } }),
  ]);
  return governanceView({ challenges, dateRequests, milestones, evidenceFiles });
}
