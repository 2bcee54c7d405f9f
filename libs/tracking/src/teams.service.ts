import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { Action, Team, UnitOfWork } from '#database';
import { assertMay } from '#access';
import { ensureAuthority } from './authorities.js';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { canSeeAuthority, type RequestContext } from '#core';

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

  /** A team that still owns actions cannot be deleted: its actions would silently lose their owner. */
  async remove(id: number, context: RequestContext): Promise<void> {
    assertMay(context, 'team.manage', await this.findVisible(id, context));
    await this.unitOfWork.run(async (manager) => {
      const owned = await manager.count(Action, { where: { teamId: id } });
      if (owned > 0) {
        throw new TrackingException(TrackingErrorCode.CONFLICT, `Team ${id} still owns ${owned} action(s): reassign them before deleting the team`, { ownedActions: owned });
      }
      await manager.delete(Team, { id });
    });
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
