import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Action, ActionUpdate, Recommendation, Team, UnitOfWork } from '#database';
import { assertMay } from '#access';
import { journalEntry } from './journal-entry.js';
import { ensureAuthority } from './authorities.js';
import { suggestTeams, type TeamSuggestion } from './team-suggestions.js';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
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

@Injectable()
export class TeamsService {
  constructor(
    @InjectRepository(Team) private readonly teams: Repository<Team>,
    private readonly unitOfWork: UnitOfWork,
    private readonly clock: Clock,
  ) {}

  async list(context: RequestContext, authority?: string): Promise<TeamView[]> {
    const query = this.teams.createQueryBuilder('team').orderBy('team.authorityCode').addOrderBy('team.name');
    if (context.authorities !== 'all') query.andWhere('team.authorityCode IN (:...scope)', { scope: context.authorities.length ? context.authorities : [''] });
    if (authority) query.andWhere('team.authorityCode = :authority', { authority });
    return (await query.getMany()).map(toTeamView);
  }

  async get(id: number, context: RequestContext): Promise<TeamView> {
    return toTeamView(await this.findVisible(id, context));
  }

  async create(input: TeamInput, context: RequestContext): Promise<TeamView> {
    if (!canSeeAuthority(context, input.authorityCode)) throw TrackingException.notFound('Authority', input.authorityCode);
    assertMay(context, 'team.manage', input);
    const id = await this.unitOfWork.run(async (manager) => {
      await ensureAuthority(manager, input.authorityCode);
      await this.refuseDuplicateName(input.authorityCode, input.name);
      const team = await manager.save(
        manager.create(Team, { authorityCode: input.authorityCode, name: input.name.trim(), emails: input.emails ?? [], keywords: input.keywords ?? [] }),
      );
      return team.id;
    });
    return this.get(id, context);
  }

  async update(id: number, changes: Partial<Omit<TeamInput, 'authorityCode'>>, context: RequestContext): Promise<TeamView> {
    const team = await this.findVisible(id, context);
    assertMay(context, 'team.manage', team);
    if (changes.name === undefined && changes.emails === undefined && changes.keywords === undefined) {
      throw new TrackingException(TrackingErrorCode.INVALID_INPUT, 'Send at least one of name, emails or keywords to change the team');
    }
    if (changes.name !== undefined && changes.name.trim() !== team.name) await this.refuseDuplicateName(team.authorityCode, changes.name);
    await this.unitOfWork.run((manager) =>
      manager.update(Team, { id }, {
        ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
        ...(changes.emails !== undefined ? { emails: changes.emails } : {}),
        ...(changes.keywords !== undefined ? { keywords: changes.keywords } : {}),
      }),
    );
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
      const owned = await manager.find(Action, { where: { teamId: id }, select: { id: true } });
      if (owned.length > 0 && reassignTo === undefined) {
        throw new TrackingException(TrackingErrorCode.CONFLICT, `Team ${id} still owns ${owned.length} action(s): reassign them before deleting the team`, { ownedActions: owned.length });
      }
      if (owned.length > 0) {
        const target = await manager.findOne(Team, { where: { id: reassignTo } });
        if (!target || target.id === id || target.authorityCode !== team.authorityCode) {
          throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `Choose another team of the council to take over the actions of ${team.name}`);
        }
        const now = this.clock.now();
        await manager
          .createQueryBuilder()
          .update(Action)
          .set({ teamId: target.id, version: () => 'version + 1', updatedAt: now })
          .where('team_id = :id', { id })
          .execute();
        await manager.insert(
          ActionUpdate,
          owned.map((action) => journalEntry(action.id, 'changed', context, now, [{ field: 'teamId', from: id, to: target.id }], `${team.name} was removed; its actions moved to ${target.name}`)),
        );
      }
      await manager.delete(Team, { id });
      return { reassigned: owned.length };
    });
  }

  /** How many actions each team of the authority owns, and how many of them are still open. */
  async ownedActionCounts(authorityCode: string): Promise<Map<number, { total: number; open: number }>> {
    const rows = await this.teams.manager
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

  /** Teams the authority might add, from the bodies its reports' recommendations name that no team covers yet. */
  async suggestions(authorityCode: string, context: RequestContext): Promise<TeamSuggestion[]> {
    if (!canSeeAuthority(context, authorityCode)) throw TrackingException.notFound('Authority', authorityCode);
    const [recommendations, teams] = await Promise.all([
      this.teams.manager
        .createQueryBuilder(Recommendation, 'recommendation')
        .innerJoin('recommendation.report', 'report')
        .where('report.authorityCode = :authorityCode', { authorityCode })
        .select(['recommendation.id', 'recommendation.mentionedBodies'])
        .getMany(),
      this.teams.find({ where: { authorityCode } }),
    ]);
    return suggestTeams(recommendations, teams);
  }

  private async findVisible(id: number, context: RequestContext): Promise<Team> {
    const team = await this.teams.findOne({ where: { id } });
    if (!team || !canSeeAuthority(context, team.authorityCode)) throw TrackingException.notFound('Team', id);
    return team;
  }

  private async refuseDuplicateName(authorityCode: string, name: string): Promise<void> {
    if (await this.teams.exists({ where: { authorityCode, name: name.trim() } })) {
      throw new TrackingException(TrackingErrorCode.CONFLICT, `Authority ${authorityCode} already has a team called "${name.trim()}"`);
    }
  }
}

function toTeamView(team: Team): TeamView {
  return { id: team.id, authorityCode: team.authorityCode, name: team.name, emails: team.emails, keywords: team.keywords };
}
