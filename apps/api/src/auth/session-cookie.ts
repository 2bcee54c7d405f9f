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

export function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const separator = part.indexOf('=');
    if (separator > 0 && part.slice(0, separator).trim() === name) return decodeURIComponent(part.slice(separator + 1).trim());
  }
  return undefined;
}

/** Max-Age rather than an instant: the server's clock, not the browser's, decides when the session ends. */
export function setSessionCookie(response: Response, secure: boolean, value: string, maxAgeMs: number): void {
  response.cookie(sessionCookieName(secure), value, { httpOnly: true, secure, sameSite: 'lax', path: '/', maxAge: maxAgeMs });
}

export function clearSessionCookie(response: Response, secure: boolean): void {
  response.clearCookie(sessionCookieName(secure), { httpOnly: true, secure, sameSite: 'lax', path: '/' });
}
