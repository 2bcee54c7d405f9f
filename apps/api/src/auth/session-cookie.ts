import { parse } from 'cookie';
import type { Request, Response } from 'express';

/**
 * `__Host-` makes the browser refuse the cookie unless it is Secure, host-only and path /; it can
 * only be used over https, so plain-http development gets the bare name.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-it_session' : 'it_session';
}

export function readSessionCookie(request: Request, secure: boolean): string | undefined {
  return readCookie(request, sessionCookieName(secure));
}

/** A cookie's value; one that is not validly percent-encoded (`%E0%A4%A`) counts as absent, not as a 500. */
export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  const value = parse(header, { decode: decodeOrEmpty })[name];
  return value ? value : undefined;
}

function decodeOrEmpty(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return '';
  }
}

/** Max-Age rather than an instant: the server's clock, not the browser's, decides when the session ends. */
export function setSessionCookie(response: Response, secure: boolean, value: string, maxAgeMs: number): void {
  response.cookie(sessionCookieName(secure), value, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: maxAgeMs });
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.clearCookie(sessionCookieName(secure), { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}
