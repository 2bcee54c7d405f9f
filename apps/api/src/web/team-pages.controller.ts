import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { AccessService } from '#access';
import { TeamsService, TrackingException, type TeamView } from '#tracking';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { linesOf, RemoveTeamForm, TeamForm } from './admin-forms.js';
import { formRefusal } from './form-refusals.js';
import { AdminPageQuery } from './page-queries.js';
import { PageShell, type AuthorityChoice } from './page-shell.service.js';
import { NO_PROBLEMS, readForm, type FormProblems } from './web-forms.js';

const NOTICES: Record<string, string> = {
  added: 'The team was added.',
  changed: 'The team was changed.',
  removed: 'The team was removed.',
};

/** What a re-shown team form keeps of what was typed. */
interface TeamTyped {
  name?: string;
  emails?: string;
  keywords?: string;
}

/**
 * A council's teams: who gets each team's reminders, which phrases route new recommendations to
 * it, who works in it. Board members and council admins add, change and remove teams; a team that
 * owns actions hands them to another team before it goes. Another council's teams are not found.
 */
@ApiExcludeController()
@Controller('authorities/:code/teams')
// No route-level permission: every handler settles the council first (another council's is
// not found), then the role there (refused with the reason), through PageShell.administered.
export class TeamPagesController {
  constructor(
    private readonly shell: PageShell,
    private readonly teams: TeamsService,
    private readonly access: AccessService,
  ) {}

  @Get()
  async list(@Param('code') code: string, @Query() query: AdminPageQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'team.manage');
    const [teams, counts, people, suggestions] = await Promise.all([
      this.teams.list(context, code),
      this.teams.ownedActionCounts(code),
      this.access.listUsersOf(code),
      this.teams.suggestions(code, context),
    ]);
    const membersOf = (teamId: number) =>
      people.filter((person) => person.deactivatedAt === null && person.roles.some((grant) => grant.role === 'team_member' && grant.teamId === teamId)).map((person) => person.displayName);
    const added = query.saved === 'added' && query.team ? teams.find((team) => team.id === query.team) : undefined;
    response.render('teams', {
      title: `${authority.name}: teams`,
      layout: this.shell.layout(request, 'admin', authority),
      admin: this.shell.adminNavigation(context, authority, 'teams'),
      authority,
      teams: teams.map((team) => ({ ...team, members: membersOf(team.id), owned: counts.get(team.id) ?? { total: 0, open: 0 } })),
      suggestions,
      added,
      notice: query.saved ? NOTICES[query.saved] : undefined,
    });
  }

  @Get('new')
  async newTeam(@Param('code') code: string, @Query() query: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const authority = await this.shell.administered(request.caller!.context, code, 'team.manage');
    // A suggestion's "change it first" link fills the form in.
    const typed = { name: typeof query.name === 'string' ? query.name.slice(0, 200) : '', keywords: typeof query.keywords === 'string' ? query.keywords.slice(0, 200) : '' };
    this.renderForm(request, response, authority, null, typed, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post()
  async create(@Param('code') code: string, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'team.manage');
    const { form, problems } = await readForm(TeamForm, body, ['name', 'emails', 'keywords']);
    const typed = { name: form.name, emails: form.emails, keywords: form.keywords };
    if (problems.list.length > 0) return this.renderForm(request, response, authority, null, typed, problems, HttpStatus.BAD_REQUEST);
    try {
      const team = await this.teams.create({ authorityCode: code, name: form.name, emails: linesOf(form.emails), keywords: linesOf(form.keywords) }, context);
      response.redirect(303, `/authorities/${encodeURIComponent(code)}/teams?saved=added&team=${team.id}`);
    } catch (error) {
      const refusal = formRefusal(error, '#name');
      if (!refusal) throw error;
      this.renderForm(request, response, authority, null, typed, refusal.problems, refusal.status);
    }
  }

  @Get(':id/edit')
  async edit(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'team.manage');
    const team = await this.teamOf(code, id, request);
    this.renderForm(request, response, authority, team, { name: team.name, emails: team.emails.join('\n'), keywords: team.keywords.join('\n') }, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post(':id')
  async change(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'team.manage');
    const team = await this.teamOf(code, id, request);
    const { form, problems } = await readForm(TeamForm, body, ['name', 'emails', 'keywords']);
    const typed = { name: form.name, emails: form.emails, keywords: form.keywords };
    if (problems.list.length > 0) return this.renderForm(request, response, authority, team, typed, problems, HttpStatus.BAD_REQUEST);
    try {
      await this.teams.update(id, { name: form.name, emails: linesOf(form.emails), keywords: linesOf(form.keywords) }, context);
      response.redirect(303, `/authorities/${encodeURIComponent(code)}/teams?saved=changed`);
    } catch (error) {
      const refusal = formRefusal(error, '#name');
      if (!refusal) throw error;
      this.renderForm(request, response, authority, team, typed, refusal.problems, refusal.status);
    }
  }

  /** "Are you sure?", and, when the team owns actions, which team takes them over. */
  @Get(':id/remove')
  async confirmRemoval(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.renderRemoval(request, response, code, id, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post(':id/remove')
  async remove(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    await this.shell.administered(context, code, 'team.manage');
    await this.teamOf(code, id, request);
    const { form, problems } = await readForm(RemoveTeamForm, body, ['reassignTo']);
    if (problems.list.length > 0) return this.renderRemoval(request, response, code, id, problems, HttpStatus.BAD_REQUEST);
    const owned = (await this.teams.ownedActionCounts(code)).get(id)?.total ?? 0;
    if (owned > 0 && form.reassignTo === undefined) {
      return this.renderRemoval(request, response, code, id, { byField: { reassignTo: 'Select the team that takes over these actions' }, list: [{ href: '#reassignTo', text: 'Select the team that takes over these actions' }] }, HttpStatus.BAD_REQUEST);
    }
    try {
      await this.teams.remove(id, context, owned > 0 ? form.reassignTo : undefined);
    } catch (error) {
      const refusal = formRefusal(error, '#reassignTo');
      if (!refusal) throw error;
      return this.renderRemoval(request, response, code, id, refusal.problems, refusal.status);
    }
    response.redirect(303, `/authorities/${encodeURIComponent(code)}/teams?saved=removed`);
  }

  /** A team of this council; a team of another council is not found here, even to an admin. */
  private async teamOf(code: string, id: number, request: AuthenticatedRequest): Promise<TeamView> {
    const team = await this.teams.get(id, request.caller!.context);
    if (team.authorityCode !== code) throw TrackingException.notFound('Team', id);
    return team;
  }

  private async renderRemoval(request: AuthenticatedRequest, response: Response, code: string, id: number, problems: FormProblems, status: number): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'team.manage');
    const team = await this.teamOf(code, id, request);
    const [teams, counts] = await Promise.all([this.teams.list(context, code), this.teams.ownedActionCounts(code)]);
    response.status(status).render('team-remove', {
      title: `Remove ${team.name}`,
      layout: this.shell.layout(request, 'admin', authority),
      authority,
      team,
      owned: counts.get(id) ?? { total: 0, open: 0 },
      others: teams.filter((other) => other.id !== id),
      problems,
    });
  }

  private renderForm(request: AuthenticatedRequest, response: Response, authority: AuthorityChoice, team: TeamView | null, typed: TeamTyped, problems: FormProblems, status: number): void {
    response.status(status).render('team-form', {
      title: team ? `Change ${team.name}` : 'Add a team',
      layout: this.shell.layout(request, 'admin', authority),
      authority,
      team,
      typed,
      problems,
    });
  }
}
