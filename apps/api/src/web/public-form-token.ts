import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { readCookie } from '../auth/session-cookie.js';

/**
 * A one-off token for a form that works without signing in (forgotten password, setting a
 * password from a link): the page sets it in a cookie for its own path and in a hidden field, and
 * the post must carry both. Another site can make a browser post the form, but cannot read the
 * cookie to fill the field, so it cannot sign someone in to an account of its choosing.
 */
export class PublicFormToken {
  constructor(
    private readonly cookieName: string,
    private readonly path: string,
    private readonly secure: boolean,
  ) {}

  issue(response: Response): string {
    const token = randomBytes(24).toString('base64url');
    response.cookie(this.cookieName, token, { httpOnly: true, secure: this.secure, sameSite: 'strict', path: this.path });
    return token;
  }

  matches(request: Request, presented: unknown): boolean {
    const cookie = readCookie(request, this.cookieName);
    if (typeof presented !== 'string' || !cookie) return false;
    const a = Buffer.from(presented);
    const b = Buffer.from(cookie);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  clear(response: Response): void {
    response.clearCookie(this.cookieName, { path: this.path });
  }
}
