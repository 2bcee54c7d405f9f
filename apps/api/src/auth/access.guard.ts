import { timingSafeEqual } from 'node:crypto';
import { type CanActivate, type ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AccessService, type AuthenticatedCaller, holdsPermissionSomewhere, type Permission } from '#access';
import { AppConfig } from '#config';
import type { RequestWithContext } from '../http/request-context.decorator.js';
import { CROSS_SITE_REFUSAL, isCrossSite } from '../http/request-origin.js';
import { CSRF_IN_MULTIPART_BODY, PUBLIC_ROUTE, ROUTE_PERMISSION } from './access.decorators.js';
import { readSessionCookie } from './session-cookie.js';

export interface AuthenticatedRequest extends RequestWithContext {
  caller?: AuthenticatedCaller;
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * The one place requests are authenticated and routes authorised. Registered as the global guard,
 * so a new route is protected without anyone remembering to add anything; only @Public() opts out.
 * 1. A Bearer token, else the session cookie, identifies the caller (401 when neither is valid);
 *    public routes skip this and everything after it.
 * 2. Cookie-authenticated unsafe requests must carry the session's CSRF token (403 otherwise):
 *    a browser attaches cookies to cross-site form posts, but cannot read the token to echo it.
 * 3. The route's @Permission() must be granted by one of the caller's roles (403 otherwise).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly secureCookies: boolean;
  private readonly publicUrl: string;

  constructor(
    private readonly reflector: Reflector,
    private readonly access: AccessService,
    config: AppConfig,
  ) {
    this.secureCookies = config.PUBLIC_URL.startsWith('https:');
    this.publicUrl = config.PUBLIC_URL;
  }

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    if (execution.getType() !== 'http') return true;
    const targets = [execution.getHandler(), execution.getClass()];
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets) ?? false;
    // A public route never looks at credentials: liveness touches nothing, and signing in again
    // must not need a valid token.
    if (isPublic) return true;
    const request = execution.switchToHttp().getRequest<AuthenticatedRequest>();
    const caller = await this.authenticate(request);
    if (!caller) throw new UnauthorizedException('Sign in, or send a personal access token as "Authorization: Bearer <token>"');
    request.caller = caller;
    request.context = caller.context;

    if (caller.method === 'session' && !SAFE_METHODS.has(request.method)) {
      if (isCrossSite(request, this.publicUrl)) throw new ForbiddenException(CROSS_SITE_REFUSAL);
      // A multipart form's body is read after the guard: its route checks the form's token once read.
      const deferred = request.is('multipart/form-data') && (this.reflector.getAllAndOverride<boolean>(CSRF_IN_MULTIPART_BODY, targets) ?? false);
      if (!deferred) checkCsrf(request, caller.csrfSecret!);
    }

    const permission = this.reflector.getAllAndOverride<Permission | undefined>(ROUTE_PERMISSION, targets);
    if (permission && !holdsPermissionSomewhere(caller.context, permission)) {
      throw new ForbiddenException(`None of your roles allows this (${permission})`);
    }
    return true;
  }

  private async authenticate(request: AuthenticatedRequest): Promise<AuthenticatedCaller | null> {
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      // A bad token is refused outright rather than falling back to a cookie: the caller meant the token.
      const [scheme, token] = authorization.split(/\s+/, 2);
      const caller = scheme?.toLowerCase() === 'bearer' && token ? await this.access.authenticateToken(token) : null;
      if (!caller) throw new UnauthorizedException('The access token is not valid: it may be mistyped, expired or revoked');
      return caller;
    }
    const sessionToken = readSessionCookie(request, this.secureCookies);
    return sessionToken ? this.access.authenticateSession(sessionToken) : null;
  }
}

/**
 * The session's CSRF token, from the X-CSRF-Token header or the form's `_csrf` field; never from
 * the address, where it would land in history, logs and Referer headers.
 */
export function checkCsrf(request: AuthenticatedRequest, expected: string): void {
  const body = request.body as Record<string, unknown> | undefined;
  const header = request.headers['x-csrf-token'];
  const fromForm = body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
  const presented = typeof header === 'string' ? header : fromForm;
  // The form field is for the guard only: the validation pipe would otherwise refuse it as unknown.
  if (body && typeof body === 'object' && '_csrf' in body) delete body._csrf;
  if (!presented || !sameToken(presented, expected)) {
    throw new ForbiddenException('This form has no valid CSRF token: reload the page and try again (API clients: send X-CSRF-Token)');
  }
}

function sameToken(presented: string, expected: string): boolean {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
