import { Controller, Get, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { OwnAccountService } from '#access';
import { TeamsService, TeamWorkService } from '#tracking';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { PageShell } from './page-shell.service.js';
import { Clock } from '#core';

/**
 * A team member's own work: each of their teams' open actions, soonest due first, with what other
 * people changed since they last looked. Signing in as a team member lands here.
 */
@ApiExcludeController()
@Controller('my-work')
export class TeamWorkController {
  constructor(
    private readonly shell: PageShell,
    private readonly work: TeamWorkService,
    private readonly teams: TeamsService,
    private readonly account: OwnAccountService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async page(@Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const caller = request.caller!;
    const context = caller.context;
    const teamIds = [...new Set((context.roles ?? []).filter((grant) => grant.role === 'team_member' && grant.teamId !== null).map((grant) => grant.teamId!))];
    const seen = await this.account.workSeen(caller.user.id);
    const teams = await Promise.all(
      teamIds.map(async (teamId) => {
        const [team, work] = await Promise.all([this.teams.get(teamId, context), this.work.openWork(teamId, context, seen.updateId)]);
        return { team, ...work };
      }),
    );
    const newest = Math.max(0, ...teams.map((entry) => entry.newestUpdateId ?? 0), seen.updateId ?? 0);
    await this.account.markWorkSeen(caller.user.id, this.clock.now(), newest > 0 ? newest : null);
    const authority = teams.length > 0 ? await this.shell.knownAuthority(context, teams[0].team.authorityCode) : null;
    response.render('team-work', {
      title: teams.length === 1 ? `${teams[0].team.name}: open actions` : 'Your teams’ open actions',
      layout: this.shell.layout(request, 'work', authority),
      teams,
      since: seen.updateId !== null ? (seen.at?.toISOString() ?? null) : null,
    });
  }
}
