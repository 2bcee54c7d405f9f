import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AccessService, AccountLinksService, LINK_LIFETIME_HOURS, LINK_PROBLEMS } from '#access';
import { AppConfig } from '#config';
import { AccountMailer } from '../accounts/account-mailer.js';
import { Public } from '../auth/access.decorators.js';
import { setSessionCookie } from '../auth/session-cookie.js';
import { ForgottenPasswordForm, newPasswordProblems, SetPasswordForm } from './account-forms.js';
import { PublicFormToken } from './public-form-token.js';
import { formProblem, NO_PROBLEMS, readForm, type FormProblems } from './web-forms.js';
import { Clock } from '#core';

/** One reset email at a time per account: asking again within this time sends nothing more. */
const RESET_EMAIL_INTERVAL_MS = 5 * 60 * 1000;

/**
 * The pages a person reaches without a password: asking for a reset link, and setting a password
 * from an emailed link (an invitation or a reset). Both are rate-limited per client address.
 */
@ApiExcludeController()
@Controller()
export class AccountLinksController {
  private readonly secureCookies: boolean;
  private readonly forgottenToken: PublicFormToken;
  private readonly setPasswordToken: PublicFormToken;

  constructor(
    private readonly links: AccountLinksService,
    private readonly access: AccessService,
    private readonly mailer: AccountMailer,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.secureCookies = config.PUBLIC_URL.startsWith('https:');
    this.forgottenToken = new PublicFormToken('it_forgotten', '/forgotten-password', this.secureCookies);
    this.setPasswordToken = new PublicFormToken('it_setpassword', '/set-password', this.secureCookies);
  }

  @Get('forgotten-password')
  @Public()
  forgotten(@Res() response: Response): void {
    this.renderForgotten(response, HttpStatus.OK, '', NO_PROBLEMS);
  }

  /**
   * Answers the same page, in the same time, whether or not the address has an account: the email
   * is looked up and sent after the response has gone.
   */
  @Post('forgotten-password')
  @Public()
  @UseGuards(ThrottlerGuard)
  async askForReset(@Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    const { form, problems } = await readForm(ForgottenPasswordForm, body, ['email']);
    if (!this.forgottenToken.matches(request, body._form)) {
      return this.renderForgotten(response, HttpStatus.BAD_REQUEST, form.email ?? '', formProblem('The page had expired. Enter your email address again.', '#email'));
    }
    if (problems.list.length > 0) return this.renderForgotten(response, HttpStatus.BAD_REQUEST, form.email ?? '', problems);
    const now = this.clock.now();
    this.mailer.sendLater(async () => {
      const user = await this.links.activeUserByEmail(form.email);
      if (!user || (await this.links.recentlyIssued(user.id, 'password_reset', now, RESET_EMAIL_INTERVAL_MS))) return null;
      const link = await this.links.issue(user.id, 'password_reset', now);
      return this.mailer.compose(link, { to: user.email, recipientName: user.displayName });
    });
    this.forgottenToken.clear(response);
    response.status(HttpStatus.OK).render('forgotten-password-sent', { title: 'Check your email', email: form.email, minutes: LINK_LIFETIME_HOURS.password_reset * 60 });
  }

  @Get('set-password')
  @Public()
  async setPasswordPage(@Query('token') token: unknown, @Res() response: Response): Promise<void> {
    await this.renderSetPassword(response, token, NO_PROBLEMS, HttpStatus.OK);
  }

  @Post('set-password')
  @Public()
  @UseGuards(ThrottlerGuard)
  async setPassword(@Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    const { form, problems } = await readForm(SetPasswordForm, body, ['password', 'confirmPassword']);
    if (!this.setPasswordToken.matches(request, body._form)) {
      return this.renderSetPassword(response, form.token, formProblem('The page had expired. Enter your new password again.', '#password'), HttpStatus.BAD_REQUEST);
    }
    const now = this.clock.now();
    const found = await this.links.lookUp(form.token, now);
    if (found.status !== 'valid') return this.renderSetPassword(response, form.token, NO_PROBLEMS, HttpStatus.GONE);
    const checked = newPasswordProblems(form, found.user, problems);
    if (checked.list.length > 0) return this.renderSetPassword(response, form.token, checked, HttpStatus.BAD_REQUEST);
    const redeemed = await this.links.redeem(form.token, form.password, now);
    if (!redeemed.ok) {
      if (redeemed.field === 'link') return this.renderSetPassword(response, form.token, NO_PROBLEMS, HttpStatus.GONE);
      return this.renderSetPassword(response, form.token, formProblem(redeemed.problem, '#password'), HttpStatus.BAD_REQUEST);
    }
    // The link proved who they are: they are signed in, and land where their work is.
    const session = await this.access.startSession(redeemed.userId);
    setSessionCookie(response, this.secureCookies, session.sessionToken, session.maxAgeMs);
    this.setPasswordToken.clear(response);
    response.redirect(303, `/?welcome=${redeemed.purpose === 'invitation' ? 'invited' : 'reset'}`);
  }

  private renderForgotten(response: Response, status: number, email: string, problems: FormProblems): void {
    const formToken = this.forgottenToken.issue(response);
    response.status(status).render('forgotten-password', { title: 'Reset your password', email, problems, formToken, minutes: LINK_LIFETIME_HOURS.password_reset * 60 });
  }

  private async renderSetPassword(response: Response, token: unknown, problems: FormProblems, status: number): Promise<void> {
    const found = await this.links.lookUp(token, this.clock.now());
    if (found.status !== 'valid') {
      const gone = found.status === 'unknown' ? HttpStatus.NOT_FOUND : HttpStatus.GONE;
      response.status(gone).render('link-problem', { title: found.status === 'expired' ? 'This link has expired' : found.status === 'used' ? 'This link has already been used' : 'This link does not work', message: LINK_PROBLEMS[found.status] });
      return;
    }
    const formToken = this.setPasswordToken.issue(response);
    response.status(status).render('set-password', {
      title: found.purpose === 'invitation' ? 'Set your password' : 'Choose a new password',
      purpose: found.purpose,
      token,
      user: found.user,
      expiresAt: found.expiresAt.toISOString(),
      problems,
      formToken,
    });
  }
}
