import { Body, Controller, Get, HttpStatus, Param, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Response } from 'express';
import { AccessException, OwnAccountService } from '#access';
import { type DigestChoice, DIGEST_FREQUENCIES, DIGEST_WEEKDAYS, readDigestChoice, ReminderPreferencesService, WEEKDAY_NAMES } from '#reminders';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { ChangePasswordForm, newPasswordProblems, NewTokenForm, TOKEN_LIFETIMES } from './account-forms.js';
import { ROLE_LABELS } from './labels.js';
import { AdminPageQuery } from './page-queries.js';
import { PageShell } from './page-shell.service.js';
import { NO_PROBLEMS, readForm, type FormProblems } from './web-forms.js';
import { Clock } from '#core';

const NOTICES: Record<string, string> = {
  password: 'Your password was changed. You have been signed out everywhere else.',
  revoked: 'The token was revoked. Anything using it can no longer reach the service.',
  reminders: 'Your reminder choice was saved.',
};

/**
 * The signed-in person's own account: how often they get reminders, their password (a change ends
 * their other sessions) and their personal access tokens, each shown once when it is created.
 */
@ApiExcludeController()
@Controller('account')
export class AccountPagesController {
  constructor(
    private readonly shell: PageShell,
    private readonly account: OwnAccountService,
    private readonly preferences: ReminderPreferencesService,
    private readonly clock: Clock,
  ) {}

  @Get()
  async page(@Query() query: AdminPageQuery, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.render(request, response, { notice: query.saved ? NOTICES[query.saved] : undefined });
  }

  /** The caller's own digest choice; escalations and challenges are not theirs to turn off. */
  @Post('reminders')
  async chooseReminders(@Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const read = readDigestChoice({ digest: body.digest, weekday: body.weekday });
    if (!read.ok) {
      const problems: FormProblems = {
        byField: Object.fromEntries(read.problems.map((problem) => [problem.field, problem.message])),
        list: read.problems.map((problem) => ({ href: `#${problem.field}`, text: problem.message })),
      };
      const typed = typeof body.digest === 'string' && (DIGEST_FREQUENCIES as readonly string[]).includes(body.digest) ? { digest: body.digest } : undefined;
      return this.render(request, response, { problems, status: HttpStatus.BAD_REQUEST, typed });
    }
    await this.preferences.choose(request.caller!.user.id, read.choice);
    response.redirect(303, '/account?saved=reminders#reminders');
  }

  @Post('password')
  @UseGuards(ThrottlerGuard)
  async changePassword(@Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const caller = request.caller!;
    const user = await this.account.view(caller.user.id);
    const { form, problems } = await readForm(ChangePasswordForm, body, ['currentPassword', 'password', 'confirmPassword']);
    const checked = newPasswordProblems(form, user, problems);
    if (checked.list.length > 0) return this.render(request, response, { problems: checked, status: HttpStatus.BAD_REQUEST });
    const changed = await this.account.changePassword(caller.user.id, form.currentPassword, form.password, caller.sessionId);
    if (!changed.ok) {
      return this.render(request, response, { problems: { byField: { [changed.field]: changed.problem }, list: [{ href: `#${changed.field}`, text: changed.problem }] }, status: HttpStatus.BAD_REQUEST });
    }
    response.redirect(303, '/account?saved=password');
  }

  /** The new token, once: the page that shows it is the only place it ever appears. */
  @Post('tokens')
  async createToken(@Body() body: Record<string, unknown>, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const caller = request.caller!;
    const { form, problems } = await readForm(NewTokenForm, body, ['name', 'expiresInDays']);
    if (problems.list.length > 0) return this.render(request, response, { problems, status: HttpStatus.BAD_REQUEST, typed: { name: typeof form.name === 'string' ? form.name : '' } });
    const { token, tokenInfo } = await this.account.createToken(caller.user.id, form.name, form.expiresInDays);
    response.status(HttpStatus.CREATED).render('account-token', {
      title: 'Your new access token',
      layout: this.shell.layout(request, 'account', null),
      token,
      tokenInfo,
    });
  }

  @Get('tokens/:id/revoke')
  async confirmRevoke(@Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    const token = await this.ownToken(request, id);
    response.render('confirm', {
      title: `Are you sure you want to revoke the token “${token.name}”?`,
      paragraphs: ['Anything that uses it (a script, a spreadsheet, another system) can no longer reach the service. This cannot be undone: create a new token if you need one.'],
      action: `/account/tokens/${id}/revoke`,
      button: 'Yes, revoke the token',
      back: '/account',
      layout: this.shell.layout(request, 'account', null),
    });
  }

  @Post('tokens/:id/revoke')
  async revoke(@Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    await this.account.revokeToken(request.caller!.user.id, id);
    response.redirect(303, '/account?saved=revoked');
  }

  private async ownToken(request: AuthenticatedRequest, id: number) {
    const token = await this.account.token(request.caller!.user.id, id);
    // Someone else's token is not found, exactly like one that does not exist.
    if (!token) throw AccessException.notFound(`Token ${id} was not found`);
    return token;
  }

  private async render(request: AuthenticatedRequest, response: Response, options: { problems?: FormProblems; status?: number; notice?: string; typed?: Record<string, string> }) {
    const caller = request.caller!;
    const [user, tokens, authorities, saved] = await Promise.all([
      this.account.view(caller.user.id),
      this.account.tokens(caller.user.id),
      this.shell.authoritiesOf(caller.context),
      this.preferences.choiceOf(caller.user.id),
    ]);
    // After a refused form, the radios show what was sent, not what is saved.
    const shown: DigestChoice = options.typed?.digest ? { digest: options.typed.digest as DigestChoice['digest'], weekday: saved.weekday } : saved;
    const nameOf = new Map(authorities.map((authority) => [authority.code, authority.name]));
    const now = this.clock.now().getTime();
    response.status(options.status ?? HttpStatus.OK).render('account', {
      title: 'Your account',
      layout: this.shell.layout(request, 'account', null),
      user,
      roles: user.roles.map((grant) => `${ROLE_LABELS[grant.role].text}${grant.authorityCode ? `, ${nameOf.get(grant.authorityCode) ?? grant.authorityCode}` : ''}`),
      hasPassword: user.canSignIn,
      tokens: tokens.map((token) => ({
        ...token,
        state: token.revokedAt ? 'Revoked' : new Date(token.expiresAt).getTime() <= now ? 'Expired' : 'Active',
      })),
      lifetimes: TOKEN_LIFETIMES.map((days) => ({ value: days, text: days === 365 ? '1 year' : `${days} days`, checked: days === 90 })),
      typed: options.typed ?? {},
      reminders: {
        digest: shown.digest,
        weekdays: DIGEST_WEEKDAYS.map((day) => ({ value: String(day), text: WEEKDAY_NAMES[day], checked: shown.weekday === day })),
      },
      problems: options.problems ?? NO_PROBLEMS,
      notice: options.notice,
    });
  }
}
