import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { assertMay } from '#access';
import { Action, ActionUpdate, Team, UnitOfWork, type FieldChange } from '#database';
import { journalEntry } from './journal-entry.js';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { canSeeAuthority, Clock, type RequestContext } from '#core';

export interface OwnerAssignment {
  teamId: number;
  /** Left out: each action keeps its lead officer. */
  leadOfficer?: string | null;
}

/**
 * Triage: several actions of one council given an owning team (and a lead officer) in one step,
 * as one transaction: all of them change, or none. Each action changed gets its own journal entry
 * and a new version, so a form open on one of them is stale afterwards, as after any other change.
 */
@Injectable()
export class TriageService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async assign(actionIds: readonly number[], assignment: OwnerAssignment, context: RequestContext): Promise<{ changed: number; authorityCode: string }> {
    const ids = [...new Set(actionIds)];
    if (ids.length === 0) throw new TrackingException(TrackingErrorCode.INVALID_INPUT, 'Select the actions to assign');
    return this.unitOfWork.run(async (manager) => {
      const actions = await manager.find(Action, { where: { id: In(ids) } });
      const visible = actions.filter((action) => canSeeAuthority(context, action.authorityCode));
      const missing = ids.find((id) => !visible.some((action) => action.id === id));
      if (missing !== undefined) throw TrackingException.notFound('Action', missing);
      const authorityCode = visible[0].authorityCode;
      if (visible.some((action) => action.authorityCode !== authorityCode)) {
        throw new TrackingException(TrackingErrorCode.INVALID_INPUT, 'Assign the actions of one council at a time');
      }
      const changes = { teamId: assignment.teamId, ...(assignment.leadOfficer !== undefined ? { leadOfficer: assignment.leadOfficer } : {}) };
      for (const action of visible) assertMay(context, 'action.update', action, changes);
      const team = await manager.findOne(Team, { where: { id: assignment.teamId } });
      if (!team || team.authorityCode !== authorityCode) {
        throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `Team ${assignment.teamId} is not a team of authority ${authorityCode}`);
      }
      let changed = 0;
      const now = this.clock.now();
      for (const action of visible) {
        const recorded: FieldChange[] = [];
        if (action.teamId !== team.id) recorded.push({ field: 'teamId', from: action.teamId, to: team.id });
        if (assignment.leadOfficer !== undefined && action.leadOfficer !== assignment.leadOfficer) recorded.push({ field: 'leadOfficer', from: action.leadOfficer, to: assignment.leadOfficer });
        if (recorded.length === 0) continue;
        await manager
          .createQueryBuilder()
          .update(Action)
          .set({
            teamId: team.id,
            ...(assignment.leadOfficer !== undefined ? { leadOfficer: assignment.leadOfficer } : {}),
            version: () => 'version + 1',
            updatedAt: now,
          })
          .where('id = :id', { id: action.id })
          .execute();
        await manager.insert(ActionUpdate, journalEntry(action.id, 'changed', context, now, recorded, null));
        changed += 1;
      }
      return { changed, authorityCode };
    });
  }
}
