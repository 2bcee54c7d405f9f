import type { Request } from 'express';

/**
 * Whether a browser says the request comes from another site: `Sec-Fetch-Site: cross-site`, or an
 * `Origin` that is neither the deployment's public address nor the address the request was sent
 * to. Requests without either header (API clients, older browsers) are not judged here: the
 * CSRF token and the JSON-only sign-in still stand in their way.
 */
export function isCrossSite(request: Request, publicUrl: string): boolean {
  if (request.headers['sec-fetch-site'] === 'cross-site') return true;
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  if (origin === new URL(publicUrl).origin) return false;
  const host = request.headers.host;
  return !host || origin !== `${request.protocol}://${host}`;
}

export const CROSS_SITE_REFUSAL = 'This request came from another site: sign in and make changes from the tracker\'s own pages';
