import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registeredRoutes } from '../support/registered-routes.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * The only routes anyone may call without signing in: health, login, the sign-in page, asking for
 * a password reset, setting a password from an emailed link, and the OpenAPI document and its UI.
 */
const PUBLIC_ROUTES = new Set([
  'GET /api/health',
  'GET /api/health/live',
  'POST /api/auth/login',
  'GET /sign-in',
  'POST /sign-in',
  'GET /forgotten-password',
  'POST /forgotten-password',
  'GET /set-password',
  'POST /set-password',
  // One-click unsubscribe: the link's secret is the credential (an unknown one answers 404).
  'GET /unsubscribe/:token',
  'POST /unsubscribe/:token',
  // Single sign-on starts and returns before anyone is signed in (404 while OIDC is not configured).
  'GET /sign-in/oidc',
  'GET /sign-in/oidc/callback',
]);
const isPublic = (method: string, path: string) => PUBLIC_ROUTES.has(`${method} ${path}`) || (method === 'GET' && /^\/api\/docs([-/].*)?$/.test(path));

/** Refused for want of credentials: 401 from the API, a redirect to the sign-in page from a page. */
function refused(response: { status: number; headers: Record<string, string> }): boolean {
  return response.status === 401 || (response.status === 303 && (response.headers.location ?? '').startsWith('/sign-in'));
}

/** A concrete URL for a route pattern: parameters filled with a plausible id. */
function concrete(path: string): string {
  return path.replace(/\{([^}]*)\}/g, '$1').replace(/:(\w+)/g, '1').replace(/\*(\w+)/g, 'x');
}

describe('route guard', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '3' } });
  });

  afterAll(async () => {
    await api?.close();
  });

  it('finds the application routes on the router', () => {
    const routes = registeredRoutes(api);
    for (const expected of ['GET /api/actions', 'PATCH /api/actions/:id', 'POST /api/reports', 'POST /api/auth/login', 'GET /api/health']) {
      expect(routes).toContain(expected);
    }
  });

  it('answers 401 on every route without credentials, except health, docs and login', async () => {
    const http = request(api.app.getHttpServer());
    const unexpected: string[] = [];
    let checked = 0;
    for (const route of registeredRoutes(api)) {
      const [method, path] = route.split(' ');
      if (method === 'ALL') {
        // Middleware passes an unmatched request on to the 404; a handler must still refuse it.
        for (const verb of ['get', 'post'] as const) {
          const response = await http[verb](concrete(path)).send({});
          if (![401, 404].includes(response.status)) unexpected.push(`${verb.toUpperCase()} ${path} → ${response.status}`);
        }
        continue;
      }
      const response = await http[method.toLowerCase() as 'get'](concrete(path)).send({});
      if (isPublic(method, path) ? refused(response) : !refused(response)) unexpected.push(`${route} → ${response.status}`);
      checked += 1;
    }
    expect(unexpected).toEqual([]);
    expect(checked).toBeGreaterThan(30);
  });

  it('sends a signed-out browser to the sign-in page, and back afterwards', async () => {
    const http = request(api.app.getHttpServer());
    const page = await http.get('/actions?overdue=true').expect(303);
    expect(page.headers.location).toBe('/sign-in?next=%2Factions%3Foverdue%3Dtrue');
    const form = await http.post('/actions/1/status').type('form').send({ status: 'completed', version: '1' }).expect(303);
    expect(form.headers.location).toBe('/sign-in');
  });

  it('serves the public routes with security headers', async () => {
    const http = request(api.app.getHttpServer());
    const live = await http.get('/api/health/live').expect(200);
    expect(live.headers['x-content-type-options']).toBe('nosniff');
    expect(live.headers['content-security-policy']).toContain("default-src 'self'");
    const docs = await http.get('/api/docs').expect(200);
    expect(docs.headers['content-security-policy']).toContain("'unsafe-inline'");
    await http.get('/api/docs-json').expect(200);
  });

  it('rate-limits sign-in attempts per client address', async () => {
    const http = request(api.app.getHttpServer());
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      statuses.push((await http.post('/api/auth/login').send({ email: 'someone@tracker.test', password: 'not-the-password' })).status);
    }
    // AUTH_RATE_LIMIT is 3 here (the route walk above may already have used one of them).
    expect(statuses.at(-1)).toBe(429);
    expect(statuses.slice(0, statuses.indexOf(429)).every((status) => status === 401)).toBe(true);
  });
});
