import { randomBytes, timingSafeEqual } from 'node:crypto';
import { Body, Controller, Get, HttpStatus, Post, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AccessService } from '#access';
import { AppConfig } from '#config';
import { OidcClient } from '../auth/oidc-client.js';
import { Public } from '../auth/access.decorators.js';
import { SignInBudget } from '../auth/sign-in-budget.decorator.js';
import type { AuthenticatedRequest } from '../auth/access.guard.js';
import { isCrossSite } from '../http/request-origin.js';
import { clearSessionCookie, readCookie, readSessionCookie, setSessionCookie } from '../auth/session-cookie.js';
import { knownErrorBody } from '../http/api-exception.filter.js';
import { safeNextPath } from './page-errors.js';
import { formProblem, NO_PROBLEMS, readForm, SignInForm, type FormProblems } from './web-forms.js';

const SIGN_IN_COOKIE = 'it_signin';

/**
 * Signing in and out in the browser, with the same accounts, lockout and sessions as the API's
 * /api/auth/login. The sign-in form carries a one-off token that must match a cookie set with the
 * form, so another site cannot sign a browser in to an account of its choosing.
 */
@ApiExcludeController()
@Controller()
export class SignInController {
  private readonly secureCookies: boolean;
  private readonly publicUrl: string;

  constructor(
    private readonly access: AccessService,
    private readonly oidc: OidcClient,
    config: AppConfig,
  ) {
    this.secureCookies = config.PUBLIC_URL.startsWith('https:');
    this.publicUrl = config.PUBLIC_URL;
  }

  @Get('sign-in')
  @Public()
  async page(@Req() request: Request, @Res() response: Response, @Query('next') next?: string): Promise<void> {
    const session = readSessionCookie(request, this.secureCookies);
    if (session && (await this.access.authenticateSession(session))) return response.redirect(303, safeNextPath(next));
    this.render(response, HttpStatus.OK, { next: safeNextPath(next), email: '', problems: NO_PROBLEMS });
  }

  @Post('sign-in')
  @Public()
  @UseGuards(ThrottlerGuard)
  @SignInBudget()
  async signIn(@Body() body: Record<string, unknown>, @Req() request: Request, @Res() response: Response): Promise<void> {
    const { form, problems } = await readForm(SignInForm, body, ['email', 'password']);
    const next = safeNextPath(form.next);
    const again = (status: number, found: FormProblems) => this.render(response, status, { next, email: form.email ?? '', problems: found });
    if (isCrossSite(request, this.publicUrl) || !this.signInTokenMatches(request, body._signin)) {
      return again(HttpStatus.BAD_REQUEST, formProblem('The sign-in page had expired. Enter your email address and password again.', '#email'));
    }
    if (problems.list.length > 0) return again(HttpStatus.BAD_REQUEST, problems);
    try {
      const result = await this.access.login(form.email, form.password);
      setSessionCookie(response, this.secureCookies, result.sessionToken, result.maxAgeMs);
      response.clearCookie(SIGN_IN_COOKIE, { path: '/sign-in' });
      response.redirect(303, next);
    } catch (error) {
      const known = knownErrorBody(error);
      if (!known) throw error;
      const message = known.statusCode === HttpStatus.UNAUTHORIZED ? 'Enter a correct email address and password' : [known.message].flat().join('; ');
      again(known.statusCode, formProblem(message, '#email'));
    }
  }

  @Post('sign-out')
  async signOut(@Req() request: AuthenticatedRequest, @Res() response: Response): Promise<void> {
    if (request.caller?.sessionId !== undefined) await this.access.logout(request.caller.sessionId);
    clearSessionCookie(response, this.secureCookies);
    response.redirect(303, '/sign-in');
  }

  private render(response: Response, status: number, view: { next: string; email: string; problems: FormProblems }): void {
    const signInToken = randomBytes(24).toString('base64url');
    response.cookie(SIGN_IN_COOKIE, signInToken, { httpOnly: true, secure: this.secureCookies, sameSite: 'strict', path: '/sign-in' });
    response.status(status).render('sign-in', { title: 'Sign in', signInToken, singleSignOn: this.oidc.enabled ? { label: this.oidc.buttonLabel } : null, ...view });
  }

  private signInTokenMatches(request: Request, presented: unknown): boolean {
    const cookie = readCookie(request, SIGN_IN_COOKIE);
    if (typeof presented !== 'string' || !cookie) return false;
    const a = Buffer.from(presented);
    const b = Buffer.from(cookie);
    return a.length === b.length && timingSafeEqual(a, b);
  }
}
