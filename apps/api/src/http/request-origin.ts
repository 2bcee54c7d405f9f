import type { Request } from 'express';

/**
 * Whether a browser says the request comes from another site. A browser's `Sec-Fetch-Site` is
 * believed first (a page cannot set it): `same-origin` and `none` (typed or bookmarked) are this
 * site, anything else is not. Chromium sends `Origin: null` with a form posted from a page served
 * with `Referrer-Policy: no-referrer`, as ours are, so the Origin alone would refuse our own forms.
 * Without that header, an `Origin` must be the deployment's public address or the address the
 * request was sent to. Requests with neither header (API clients, older browsers) are not judged
 * here: the CSRF token and the JSON-only sign-in still stand in their way.
 */
export function isCrossSite(request: Request, publicUrl: string): boolean {
  const fetchSite = request.headers['sec-fetch-site'];
  if (fetchSite !== undefined) return fetchSite !== 'same-origin' && fetchSite !== 'none';
  const origin = request.headers.origin;
  if (origin === undefined) return false;
  if (origin === new URL(publicUrl).origin) return false;
  const host = request.headers.host;
  return !host || origin !== `${request.protocol}://${host}`;
}
export const CROSS_SITE_REFUSAL = 'This request came from another site: sign in and make changes from the tracker\'s own pages';
