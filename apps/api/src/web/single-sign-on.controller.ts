import { Controller, Get, HttpStatus, NotFoundException, Query, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AccessService, SingleSignOnAccounts } from '#access';
import { AppConfig } from '#config';
import { Public } from '../auth/access.decorators.js';
import { OidcClient, type PendingSignIn } from '../auth/oidc-client.js';
import { readCookie, setSessionCookie } from '../auth/session-cookie.js';
import { safeNextPath } from './page-errors.js';

const PENDING_COOKIE = 'it_oidc';
const PENDING_PATH = '/sign-in/oidc';
/** Long enough to sign in at the provider, short enough that an abandoned attempt lapses. */
const PENDING_MINUTES = 10;

/**
 * "Sign in with <your council>": off to the council's OpenID provider and back. The state, nonce
 * and PKCE verifier ride in an http-only cookie for the callback path only; the callback is
 * refused unless the provider's answer matches them. A person is matched to an account an admin
 * made; an unknown email address is told so, and no account is created.
 */
@ApiExcludeController()
@Controller(PENDING_PATH.slice(1))
export class SingleSignOnController {
  private readonly secureCookies: boolean;

  constructor(
    private readonly oidc: OidcClient,
    private readonly accounts: SingleSignOnAccounts,
    private readonly access: AccessService,
    config: AppConfig,
  ) {
    this.secureCookies = config.PUBLIC_URL.startsWith('https:');
  }

  @Get()
  @Public()
  @UseGuards(ThrottlerGuard)
  async start(@Query('next') next: unknown, @Res() response: Response): Promise<void> {
    if (!this.oidc.enabled) throw new NotFoundException('Single sign-on is not set up');
    let started;
    try {
      started = await this.oidc.start(safeNextPath(next));
    } catch {
      return this.refuse(response, HttpStatus.BAD_GATEWAY, 'Your council’s sign-in service could not be reached. Try again in a few minutes, or sign in with your password.');
    }
    response.cookie(PENDING_COOKIE, Buffer.from(JSON.stringify(started.pending)).toString('base64url'), {
      httpOnly: true,
      secure: this.secureCookies,
      // Lax: the provider sends the browser back with a top-level GET, which carries it.
      sameSite: 'lax',
      path: PENDING_PATH,
      maxAge: PENDING_MINUTES * 60_000,
    });
    response.redirect(303, started.url);
  }

  @Get('callback')
  @Public()
  @UseGuards(ThrottlerGuard)
  async callback(@Req() request: Request, @Res() response: Response): Promise<void> {
    if (!this.oidc.enabled) throw new NotFoundException('Single sign-on is not set up');
    const pending = pendingFrom(readCookie(request, PENDING_COOKIE));
    // Used or not, the attempt is over: a replayed callback finds nothing to match.
    response.clearCookie(PENDING_COOKIE, { httpOnly: true, secure: this.secureCookies, sameSite: 'lax', path: PENDING_PATH });
    if (!pending) return this.refuse(response, HttpStatus.BAD_REQUEST, 'This sign-in had expired or was started in another browser. Start again from the sign-in page.');
    if (typeof request.query.error === 'string') return this.refuse(response, HttpStatus.UNAUTHORIZED, 'Your council’s sign-in service did not sign you in. Start again from the sign-in page.');
    let identity;
    try {
      identity = await this.oidc.finish(new URL(request.originalUrl, this.oidc.redirectUri), pending);
    } catch {
      return this.refuse(response, HttpStatus.BAD_REQUEST, 'This sign-in could not be checked: it may have been used already, or not be the one started here. Start again from the sign-in page.');
    }
    const matched = await this.accounts.match(identity);
    if (!matched.ok) return this.refuse(response, HttpStatus.FORBIDDEN, matched.reason);
    const session = await this.access.startSession(matched.userId);
    setSessionCookie(response, this.secureCookies, session.sessionToken, session.maxAgeMs);
    response.redirect(303, pending.next);
  }

  private refuse(response: Response, status: number, message: string): void {
    response.status(status).render('sign-in-refused', { title: 'You could not be signed in', message });
  }
}

function pendingFrom(cookie: string | undefined): PendingSignIn | null {
  if (!cookie || cookie.length > 2000) return null;
  try {
    const value = JSON.parse(Buffer.from(cookie, 'base64url').toString('utf8')) as Partial<PendingSignIn>;
    if ([value.state, value.nonce, value.codeVerifier, value.next].every((field) => typeof field === 'string')) return { ...(value as PendingSignIn), next: safeNextPath(value.next) };
  } catch {
    // A cookie that is not ours is no sign-in in progress.
  }
  return null;
}
