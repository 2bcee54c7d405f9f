import { Injectable } from '@nestjs/common';
import { assertMay } from '#access';
import { UnitOfWork } from '#database';
import { ActionRepository } from './action.repository.js';
import { journalEntry } from './journal-entry.js';
import { TeamRepository } from './team.repository.js';
import { assignableTeam, distinctIds, nothingSelected, ownerChanges, ownerFields, triageSelection, type OwnerAssignment } from './team-rules.js';
import { refusalException } from './workflow-errors.js';
import { Clock, type RequestContext } from '#core';

export type { OwnerAssignment } from './team-rules.js';

/**
 * Triage: several actions of one council given an owning team (and a lead officer) in one step,
 * as one transaction: all of them change, or none. Each action changed gets its own journal entry
 * and a new version, so a form open on one of them is stale afterwards, as after any other change.
 */
@Injectable()
export class TriageService {
  constructor(
    private readonly actionRows: ActionRepository,
    private readonly teams: TeamRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async assign(actionIds: readonly number[], assignment: OwnerAssignment, context: RequestContext): Promise<{ changed: number; authorityCode: string }> {
    const ids = distinctIds(actionIds);
    if (ids.length === 0) throw refusalException(nothingSelected());
    return this.unitOfWork.run(async (manager) => {
      const selection = triageSelection(ids, await this.actionRows.findMany(manager, ids), context);
      if (!selection.ok) throw refusalException(selection);
      const { actions, authorityCode } = selection;
      const fields = ownerFields(assignment);
      for (const action of actions) assertMay(context, 'action.update', action, fields);
      const refused = assignableTeam(await this.teams.find(assignment.teamId, manager), assignment.teamId, authorityCode);
      if (refused) throw refusalException(refused);
      let changed = 0;
      const now = this.clock.now();
      for (const action of actions) {
        const recorded = ownerChanges(action, assignment);
        if (recorded.length === 0) continue;
        await this.actionRows.assignOwner(manager, action.id, fields, now);
        await this.actionRows.appendJournal(manager, journalEntry(action.id, 'changed', context, now, recorded, null));
        changed += 1;
      }
      return { changed, authorityCode };
    });
  }
}
