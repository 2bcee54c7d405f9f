import { Injectable } from '@nestjs/common';
import { type Team, UnitOfWork } from '#database';
import { assertMay } from '#access';
import { TeamRepository } from './team.repository.js';
import { duplicateTeamName, needsSuccessor, newTeam, planTeamRemoval, renamesTeam, teamUpdate } from './team-rules.js';
import { ActionRepository } from './action.repository.js';
import { suggestTeams, type TeamSuggestion } from './team-suggestions.js';
import { TrackingException } from './tracking.exception.js';
import { refusalException } from './workflow-errors.js';
import { canSeeAuthority, Clock, type RequestContext } from '#core';

export interface TeamInput {
  authorityCode: string;
  name: string;
  emails?: string[];
  keywords?: string[];
}

export interface TeamView {
  id: number;
  authorityCode: string;
  name: string;
  emails: string[];
  keywords: string[];
}

/** Teams of a council: checked against the caller's rights, decided by the team rules (team-rules.ts), stored by TeamRepository. */
@Injectable()
export class TeamsService {
  constructor(
    private readonly teams: TeamRepository,
    private readonly actionRows: ActionRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async list(context: RequestContext, authority?: string): Promise<TeamView[]> {
    return (await this.teams.list(context, authority)).map(toTeamView);
  }

  async get(id: number, context: RequestContext): Promise<TeamView> {
    return toTeamView(await this.findVisible(id, context));
  }

  async create(input: TeamInput, context: RequestContext): Promise<TeamView> {
    if (!canSeeAuthority(context, input.authorityCode)) throw TrackingException.notFound('Authority', input.authorityCode);
    assertMay(context, 'team.manage', input);
    const id = await this.unitOfWork.run(async (manager) => {
      await this.teams.ensureAuthority(manager, input.authorityCode);
      await this.refuseDuplicateName(input.authorityCode, input.name);
      return this.teams.insert(manager, newTeam(input.authorityCode, input, this.clock.now()));
    });
    return this.get(id, context);
  }

  async update(id: number, changes: Partial<Omit<TeamInput, 'authorityCode'>>, context: RequestContext): Promise<TeamView> {
    const team = await this.findVisible(id, context);
    assertMay(context, 'team.manage', team);
    const update = teamUpdate(changes);
    if (!update.ok) throw refusalException(update);
    if (renamesTeam(team, changes)) await this.refuseDuplicateName(team.authorityCode, changes.name);
    await this.unitOfWork.run((manager) => this.teams.update(manager, id, update.set));
    return this.get(id, context);
  }

  /**
   * A team that still owns actions is never deleted with them: its actions move first to the team
   * given in `reassignTo`, each with a journal entry saying why, in the same transaction as the
   * deletion. Without one, deleting a team that owns actions is refused.
   */
  async remove(id: number, context: RequestContext, reassignTo?: number): Promise<{ reassigned: number }> {
    const team = await this.findVisible(id, context);
    assertMay(context, 'team.manage', team);
    return this.unitOfWork.run(async (manager) => {
      const owned = await this.teams.ownedActionIds(manager, id);
      const successor = needsSuccessor(owned, reassignTo) ? await this.teams.find(reassignTo, manager) : null;
      const now = this.clock.now();
      const plan = planTeamRemoval(team, owned, reassignTo, successor, context, now);
      if (!plan.ok) throw refusalException(plan);
      if (plan.moveTo !== null) {
        await this.teams.moveActions(manager, id, plan.moveTo, now);
        await this.actionRows.appendJournal(manager, ...plan.journal);
      }
      await this.teams.delete(manager, id);
      return { reassigned: owned.length };
    });
  }

  /** How many actions each team of the authority owns, and how many of them are still open. */
  ownedActionCounts(authorityCode: string): Promise<Map<number, { total: number; open: number }>> {
    return this.teams.ownedActionCounts(authorityCode);
  }

  /** Teams the authority might add, from the bodies its reports' recommendations name that no team covers yet. */
  async suggestions(authorityCode: string, context: RequestContext): Promise<TeamSuggestion[]> {
    if (!canSeeAuthority(context, authorityCode)) throw TrackingException.notFound('Authority', authorityCode);
    const [recommendations, teams] = await Promise.all([this.teams.mentionedBodies(authorityCode), this.teams.ofCouncil(authorityCode)]);
    return suggestTeams(recommendations, teams);
  }

  private async findVisible(id: number, context: RequestContext): Promise<Team> {
    const team = await this.teams.find(id);
    if (!team || !canSeeAuthority(context, team.authorityCode)) throw TrackingException.notFound('Team', id);
    return team;
  }

  private async refuseDuplicateName(authorityCode: string, name: string): Promise<void> {
    if (await this.teams.nameTaken(authorityCode, name.trim())) throw refusalException(duplicateTeamName(authorityCode, name));
  }
}

function toTeamView(team: Team): TeamView {
  return { id: team.id, authorityCode: team.authorityCode, name: team.name, emails: team.emails, keywords: team.keywords };
}
