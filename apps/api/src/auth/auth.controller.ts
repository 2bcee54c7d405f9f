import { Body, Controller, Delete, ForbiddenException, Get, HttpCode, Param, Post, Query, Req, Res, UnsupportedMediaTypeException, UseGuards } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CreatedTokenDto, LoginResponseDto, MeDto, TokenDto } from './auth-response.dto.js';
import { ApiErrors } from '../http/api-errors.decorator.js';
import { SkipThrottle, ThrottlerGuard } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AccessService, type TokenView } from '#access';
import { AppConfig } from '#config';
import type { AuthenticatedRequest } from './access.guard.js';
import { Public } from './access.decorators.js';
import { CreateTokenDto, LoginDto, TokenListQueryDto } from './auth.dto.js';
import { clearSessionCookie, setSessionCookie } from './session-cookie.js';
import { SignInBudget } from './sign-in-budget.decorator.js';
import { ParseIdPipe } from '../http/parse-id.pipe.js';
import { CROSS_SITE_REFUSAL, isCrossSite } from '../http/request-origin.js';

/** Sign-in for browsers and personal access tokens for API clients. Rate-limited per client address. */
@ApiTags('auth')
@Controller('auth')
@UseGuards(ThrottlerGuard)
export class AuthController {
  private readonly secureCookies: boolean;
  private readonly publicUrl: string;

  constructor(
    private readonly access: AccessService,
    config: AppConfig,
  ) {
    this.secureCookies = config.PUBLIC_URL.startsWith('https:');
    this.publicUrl = config.PUBLIC_URL;
  }

  @Post('login')
  @Public()
  @SignInBudget()
  @HttpCode(200)
  @ApiOperation({ summary: 'Sign in with email and password: sets the session cookie and returns the CSRF token for forms' })
  @ApiOkResponse({ type: LoginResponseDto, description: 'Signed in: the session cookie is set', headers: { 'Set-Cookie': { description: 'it_session (or __Host-it_session over https)', schema: { type: 'string' } } } })
  @ApiErrors(401, 403, 415, 429)
  async login(@Body() body: LoginDto, @Req() request: Request, @Res({ passthrough: true }) response: Response) {
    // A hostile page can post a form, but not JSON, across sites: otherwise it could sign a
    // visitor into the attacker's account (login CSRF). The sign-in page has its own token.
    if (!request.is('application/json')) throw new UnsupportedMediaTypeException('Send the email and password as JSON (Content-Type: application/json)');
    if (isCrossSite(request, this.publicUrl)) throw new ForbiddenException(CROSS_SITE_REFUSAL);
    const result = await this.access.login(body.email, body.password);
    setSessionCookie(response, this.secureCookies, result.sessionToken, result.maxAgeMs);
    return { user: result.user, csrfToken: result.csrfToken, expiresAt: result.expiresAt.toISOString() };
  }

  @Post('logout')
  @SkipThrottle()
  @HttpCode(204)
  @ApiOperation({ summary: 'End the browser session' })
  @ApiNoContentResponse({ description: 'Signed out: the session cookie is cleared' })
  async logout(@Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<void> {
    if (request.caller?.sessionId !== undefined) await this.access.logout(request.caller.sessionId);
    clearSessionCookie(response, this.secureCookies);
  }

  @Get('me')
  @SkipThrottle()
  @ApiOperation({ summary: 'The signed-in user, their roles, and (for a browser session) the CSRF token' })
  @ApiOkResponse({ type: MeDto })
  async me(@Req() request: AuthenticatedRequest) {
    const caller = request.caller!;
    return { user: await this.access.view(caller.user.id), authorities: caller.context.authorities, method: caller.method, csrfToken: caller.csrfSecret };
  }

  @Post('tokens')
  @ApiOperation({ summary: 'Create a personal access token (admins: for any user). The token is in this response only.' })
  @ApiCreatedResponse({ type: CreatedTokenDto })
  async createToken(@Body() body: CreateTokenDto, @Req() request: AuthenticatedRequest) {
    const userId = this.ownerFor(request, body.userId);
    const { token, tokenInfo } = await this.access.createToken(userId, body.name, body.expiresInDays);
    return { token, ...tokenInfo, notice: 'Copy the token now: it is stored only as a hash and cannot be shown again' };
  }

  @Get('tokens')
  @ApiOperation({ summary: 'Your tokens (never the tokens themselves); admins may ask for another user' })
  @ApiOkResponse({ type: [TokenDto] })
  listTokens(@Query() query: TokenListQueryDto, @Req() request: AuthenticatedRequest): Promise<TokenView[]> {
    return this.access.listTokens(this.ownerFor(request, query.userId));
  }

  @Delete('tokens/:id')
  @ApiOperation({ summary: 'Revoke a token: it stops working at once' })
  @ApiOkResponse({ type: TokenDto, description: 'The token as revoked' })
  revokeToken(@Param('id', ParseIdPipe) id: number, @Req() request: AuthenticatedRequest): Promise<TokenView> {
    const caller = request.caller!;
    return this.access.revokeToken(id, caller.context.isAdmin ? undefined : caller.user.id);
  }

  private ownerFor(request: AuthenticatedRequest, requested: number | undefined): number {
    const caller = request.caller!;
    if (requested === undefined || requested === caller.user.id) return caller.user.id;
    if (!caller.context.isAdmin) throw new ForbiddenException("Only an admin may manage another user's tokens");
    return requested;
  }
}
