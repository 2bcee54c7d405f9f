import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CouncilPeopleService, type CouncilPerson, type IssuedLink } from '#access';
import { TeamsService, type TeamView } from '#tracking';
import { AccountMailer } from '../accounts/account-mailer.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { InviteForm, RoleForm } from './admin-forms.js';
import { formRefusal } from './form-refusals.js';
import { ROLE_LABELS } from './labels.js';
import { AdminPageQuery } from './page-queries.js';
import { PageShell, type AuthorityChoice } from './page-shell.service.js';
import { formProblem, NO_PROBLEMS, readForm, type FormProblems } from './web-forms.js';
import { Clock, COUNCIL_ROLES, type RequestContext } from '#core';

const NOTICES: Record<string, string> = {
  invited: 'The invitation was sent. Its link works once, for 72 hours.',
  'role-given': 'The role was given.',
  'role-given-invited': 'The role was given. They already had an account, so no invitation was needed.',
  'role-removed': 'The role was taken away.',
  reinvited: 'A new invitation was sent. The earlier link no longer works.',
  reset: 'A password reset link was sent. It works once, for 1 hour.',
  deactivated: 'The account was deactivated. They can no longer sign in; the journal still names them.',
  reactivated: 'The account was reactivated.',
};

/** What a re-shown invitation form keeps of what was typed. */
type Typed = Record<string, string | undefined>;

/**
 * A council's people and their roles: invite someone by email (a one-off link to set a password,
 * 72 hours), give and take away roles, send a password reset link, deactivate. For the council's
 * admins; another council's people are not found.
 */
@ApiExcludeController()
@Controller('authorities/:code/users')
// No route-level permission: every handler settles the council first (another council's is
// not found), then the role there (refused with the reason), through PageShell.administered.
export class UserPagesController {
  constructor(
    private readonly shell: PageShell,
    private readonly people: CouncilPeopleService,
    private readonly teams: TeamsService,
    private readonly mailer: AccountMailer,
    private readonly clock: Clock,
  ) {}

  @Get()
  async list(@Param('code') code: string, @Query() query: AdminPageQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'council.administer');
    const [people, teams] = await Promise.all([this.people.list(code, context, this.clock.now()), this.teams.list(context, code)]);
    response.render('users', {
      title: `${authority.name}: people`,
      layout: this.shell.layout(request, 'admin', authority),
      admin: this.shell.adminNavigation(context, authority, 'users'),
      authority,
      people: people.map((person) => describePerson(person, teams)),
      invited: query.saved === 'invited' && query.user ? people.find((person) => person.id === query.user) : undefined,
      notice: query.saved ? NOTICES[query.saved] : undefined,
    });
  }

  @Get('new')
  async newPerson(@Param('code') code: string, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const authority = await this.shell.administered(request.caller!.context, code, 'council.administer');
    await this.renderInvite(request, response, authority, {}, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post()
  async invite(@Param('code') code: string, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'council.administer');
    const { form, problems } = await readForm(InviteForm, body, ['displayName', 'email', 'role', 'teamId']);
    const typed = { displayName: form.displayName, email: form.email, role: form.role, teamId: form.teamId === undefined ? '' : String(form.teamId) };
    const checked = needsTeam(form.role, form.teamId, problems);
    if (checked.list.length > 0) return this.renderInvite(request, response, authority, typed, checked, HttpStatus.BAD_REQUEST);
    let result;
    try {
      result = await this.people.invite(code, { email: form.email, displayName: form.displayName, role: form.role, teamId: form.teamId ?? null }, context, this.clock.now());
    } catch (error) {
      const refusal = formRefusal(error, '#email');
      if (!refusal) throw error;
      return this.renderInvite(request, response, authority, typed, refusal.problems, refusal.status);
    }
    if (result.link) {
      const sent = await this.sendLink(result.link, result.person, request, authority);
      if (!sent.ok) return this.renderInvite(request, response, authority, typed, formProblem(sent.problem, '#email'), HttpStatus.BAD_GATEWAY);
    }
    const base = `/authorities/${encodeURIComponent(code)}/users`;
    response.redirect(303, result.link ? `${base}?saved=invited&user=${result.person.id}` : `${base}/${result.person.id}?saved=role-given-invited`);
  }

  @Get(':id')
  async person(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Query() query: AdminPageQuery, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    await this.renderPerson(request, response, code, id, { notice: query.saved ? NOTICES[query.saved] : undefined });
  }

  /** "Give another role": the add-another pattern on the person's page. */
  @Post(':id/roles')
  async giveRole(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response) {
    const context = request.caller!.context;
    await this.shell.administered(context, code, 'council.administer');
    const { form, problems } = await readForm(RoleForm, body, ['role', 'teamId']);
    const typed = { role: form.role, teamId: form.teamId === undefined ? '' : String(form.teamId) };
    const checked = needsTeam(form.role, form.teamId, problems);
    if (checked.list.length > 0) return this.renderPerson(request, response, code, id, { problems: checked, typed, status: HttpStatus.BAD_REQUEST });
    try {
      await this.people.grantRole(code, id, form.role, form.teamId ?? null, context, this.clock.now());
    } catch (error) {
      const refusal = formRefusal(error, '#role');
      if (!refusal) throw error;
      return this.renderPerson(request, response, code, id, { problems: refusal.problems, typed, status: refusal.status });
    }
    response.redirect(303, `/authorities/${encodeURIComponent(code)}/users/${id}?saved=role-given`);
  }

  @Get(':id/roles/:roleId/remove')
  async confirmRoleRemoval(
    @Param('code') code: string,
    @Param('id', ParseIdPipe) id: number,
    @Param('roleId', ParseIdPipe) roleId: number,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    const { authority, person, teams } = await this.load(request, code, id);
    const role = person.councilRoles.find((grant) => grant.id === roleId);
    if (!role) return this.renderPerson(request, response, code, id, { status: HttpStatus.NOT_FOUND, problems: formProblem('That role is not one of theirs here') });
    this.renderConfirm(request, response, authority, {
      title: `Are you sure you want to take away ${person.displayName}’s role as ${roleText(role, teams)}?`,
      paragraphs: ['They keep their account and any roles they have elsewhere.'],
      action: `/authorities/${encodeURIComponent(code)}/users/${id}/roles/${roleId}/remove`,
      button: 'Yes, take the role away',
      back: `/authorities/${encodeURIComponent(code)}/users/${id}`,
    });
  }

  @Post(':id/roles/:roleId/remove')
  async removeRole(
    @Param('code') code: string,
    @Param('id', ParseIdPipe) id: number,
    @Param('roleId', ParseIdPipe) roleId: number,
    @Req() request: AuthenticatedRequest,
    @Res() response: Response,
  ): Promise<void> {
    await this.change(request, response, code, id, 'role-removed', (context, now) => this.people.revokeRole(code, id, roleId, context, now));
  }

  @Get(':id/deactivate')
  async confirmDeactivation(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const { authority, person } = await this.load(request, code, id);
    this.renderConfirm(request, response, authority, {
      title: `Are you sure you want to deactivate ${person.displayName}’s account?`,
      paragraphs: [
        'They will be signed out at once, and can no longer sign in or use their access tokens.',
        'The journal keeps their name against everything they did. An administrator can reactivate the account later.',
      ],
      action: `/authorities/${encodeURIComponent(code)}/users/${id}/deactivate`,
      button: 'Yes, deactivate the account',
      back: `/authorities/${encodeURIComponent(code)}/users/${id}`,
    });
  }

  @Post(':id/deactivate')
  async deactivate(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.change(request, response, code, id, 'deactivated', (context, now) => this.people.deactivate(code, id, context, now));
  }

  @Post(':id/reactivate')
  async reactivate(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.change(request, response, code, id, 'reactivated', (context, now) => this.people.reactivate(code, id, context, now));
  }

  @Post(':id/invitation')
  async reinvite(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.sendLinkAndShow(request, response, code, id, 'reinvited', (context, now) => this.people.reinvite(code, id, context, now));
  }

  @Post(':id/password-reset')
  async sendReset(@Param('code') code: string, @Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.sendLinkAndShow(request, response, code, id, 'reset', (context, now) => this.people.sendPasswordReset(code, id, context, now));
  }

  private async sendLinkAndShow(
    request: AuthenticatedRequest,
    response: Response,
    code: string,
    id: number,
    saved: string,
    issue: (context: RequestContext, now: Date) => Promise<IssuedLink>,
  ): Promise<void> {
    const { authority, person } = await this.load(request, code, id);
    let link: IssuedLink;
    try {
      link = await issue(request.caller!.context, this.clock.now());
    } catch (error) {
      const refusal = formRefusal(error, '#account');
      if (!refusal) throw error;
      return this.renderPerson(request, response, code, id, { problems: refusal.problems, status: refusal.status });
    }
    const sent = await this.sendLink(link, person, request, authority);
    if (!sent.ok) return this.renderPerson(request, response, code, id, { problems: formProblem(sent.problem, '#account'), status: HttpStatus.BAD_GATEWAY });
    response.redirect(303, `/authorities/${encodeURIComponent(code)}/users/${id}?saved=${saved}`);
  }

  /** Sends an invitation or reset email now: the admin is told at once if it could not go. */
  private async sendLink(link: IssuedLink, person: CouncilPerson, request: AuthenticatedRequest, authority: AuthorityChoice): Promise<{ ok: true } | { ok: false; problem: string }> {
    try {
      await this.mailer.send(this.mailer.compose(link, { to: person.email, recipientName: person.displayName, senderName: request.caller!.user.displayName, councilNames: [authority.name] }));
      return { ok: true };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      return { ok: false, problem: `The email to ${person.email} could not be sent (${reason}). Their role is saved: try sending the link again from their page in a few minutes.` };
    }
  }

  private async change(
    request: AuthenticatedRequest,
    response: Response,
    code: string,
    id: number,
    saved: string,
    work: (context: RequestContext, now: Date) => Promise<unknown>,
  ): Promise<void> {
    const context = request.caller!.context;
    await this.shell.administered(context, code, 'council.administer');
    try {
      await work(context, this.clock.now());
    } catch (error) {
      const refusal = formRefusal(error, '#account');
      if (!refusal) throw error;
      return this.renderPerson(request, response, code, id, { problems: refusal.problems, status: refusal.status });
    }
    response.redirect(303, `/authorities/${encodeURIComponent(code)}/users/${id}?saved=${saved}`);
  }

  private async load(request: AuthenticatedRequest, code: string, id: number): Promise<{ authority: AuthorityChoice; person: CouncilPerson; teams: TeamView[] }> {
    const context = request.caller!.context;
    const authority = await this.shell.administered(context, code, 'council.administer');
    const [person, teams] = await Promise.all([this.people.get(code, id, context, this.clock.now()), this.teams.list(context, code)]);
    return { authority, person, teams };
  }

  private async renderPerson(
    request: AuthenticatedRequest,
    response: Response,
    code: string,
    id: number,
    options: { problems?: FormProblems; typed?: Typed; status?: number; notice?: string },
  ): Promise<void> {
    const { authority, person, teams } = await this.load(request, code, id);
    const typed = options.typed ?? {};
    response.status(options.status ?? HttpStatus.OK).render('user', {
      title: person.displayName,
      layout: this.shell.layout(request, 'admin', authority),
      authority,
      person: describePerson(person, teams),
      isSelf: person.id === request.caller!.user.id,
      roleChoices: roleChoices(typed.role),
      teamChoices: teamChoices(teams, typed.teamId),
      problems: options.problems ?? NO_PROBLEMS,
      notice: options.notice,
    });
  }

  private async renderInvite(request: AuthenticatedRequest, response: Response, authority: AuthorityChoice, typed: Typed, problems: FormProblems, status: number): Promise<void> {
    const teams = await this.teams.list(request.caller!.context, authority.code);
    response.status(status).render('user-invite', {
      title: 'Invite someone',
      layout: this.shell.layout(request, 'admin', authority),
      authority,
      typed,
      roleChoices: roleChoices(typed.role),
      teamChoices: teamChoices(teams, typed.teamId),
      problems,
    });
  }

  private renderConfirm(request: AuthenticatedRequest, response: Response, authority: AuthorityChoice, page: { title: string; paragraphs: string[]; action: string; button: string; back: string }) {
    response.render('confirm', { ...page, layout: this.shell.layout(request, 'admin', authority), authority });
  }
}

function needsTeam(role: string | undefined, teamId: number | undefined, problems: FormProblems): FormProblems {
  if (role !== 'team_member' || teamId !== undefined || problems.byField.teamId) return problems;
  const text = 'Select the team they work in';
  return { byField: { ...problems.byField, teamId: text }, list: [...problems.list, { href: '#teamId', text }] };
}

function roleText(grant: { role: keyof typeof ROLE_LABELS; teamId: number | null }, teams: TeamView[]): string {
  const label = ROLE_LABELS[grant.role].text;
  if (grant.role !== 'team_member') return label.toLowerCase().replace('lscb', 'LSCB');
  return `member of ${teams.find((team) => team.id === grant.teamId)?.name ?? 'a team'}`;
}

function describePerson(person: CouncilPerson, teams: TeamView[]) {
  return {
    ...person,
    roleTexts: person.councilRoles.map((grant) => ({ id: grant.id, text: roleText(grant, teams).replace(/^./, (first) => first.toUpperCase()) })),
    elsewhere: person.roles.length - person.councilRoles.length,
  };
}

function roleChoices(selected: string | undefined) {
  return COUNCIL_ROLES.map((role) => ({ value: role, text: ROLE_LABELS[role].text, hint: { text: ROLE_LABELS[role].hint }, checked: selected === role }));
}

function teamChoices(teams: TeamView[], selected: string | undefined) {
  return [{ value: '', text: 'Choose a team' }, ...teams.map((team) => ({ value: String(team.id), text: team.name, selected: selected === String(team.id) }))];
}
