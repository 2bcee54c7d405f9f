import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '#core';
import { BRENT, seedTwoAuthorities, WALTHAM_FOREST } from '../access/access-fixture.js';
import { registeredRoutes, routeParameters } from '../support/registered-routes.js';
import { SEEDS_DIR, startTestApi, type TestApi } from '../support/test-api.js';
import { ConsoleLogger } from '@nestjs/common';
import { AccessService, type AuthenticatedCaller } from '#access';

/**
 * Random and mutated requests to every route the application registers, as every role of one
 * council, a board member of another council, and nobody: no answer may be a 5xx, none may take
 * longer than 2 s, and a refused request (4xx) leaves every table's row count as it was.
 *
 * Valid starting points come from the application itself: JSON bodies from the OpenAPI schemas of
 * the DTOs, form bodies from the forms on the pages a crawl finds, path parameters from the links
 * it follows and the ids in the database (both councils'). Random JSON, hostile strings and
 * mutations of the valid bodies go to each route a fixed number of times, with a seed derived from
 * FUZZ_SEED and the route, so a run is the same every time and a failure names how to replay it.
 *
 * FUZZ_SEED=n changes the run, FUZZ_RUNS=k multiplies the runs per route, FUZZ_ROUTE=/path fuzzes
 * only routes containing that text, FUZZ_DEBUG=1 logs every request and the server's own errors.
 */

const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20151203);
/** Runs per route: writes get more than reads. FUZZ_RUNS scales both for a longer local hunt. */
const SCALE = Number(process.env.FUZZ_RUNS ?? 1);
const WRITE_RUNS = Math.max(1, Math.round(10 * SCALE));
const READ_RUNS = Math.max(1, Math.round(4 * SCALE));
/** Only routes containing this text, to replay one route's failure quickly. */
const ONLY = process.env.FUZZ_ROUTE ?? '';
const TIME_LIMIT_MS = 2000;

type Who = 'admin' | 'councilAdminA' | 'boardA' | 'teamA' | 'chairA' | 'viewerA' | 'boardB' | 'anonymous';
type Credential = 'bearer' | 'session';
const WHO: Who[] = ['admin', 'councilAdminA', 'boardA', 'teamA', 'chairA', 'viewerA', 'boardB', 'anonymous'];

interface Identity {
  auth: { Authorization: string };
  cookie: string;
  csrf: string;
}

/** A route as the router knows it, with what the crawl and the OpenAPI document say about it. */
interface RouteInfo {
  key: string;
  method: string;
  pattern: string;
  params: string[];
  api: boolean;
  /** Example JSON bodies, as arbitraries built from the DTO's schema. */
  jsonBody?: fc.Arbitrary<unknown>;
  /** Example form bodies, from forms found on the pages. */
  forms: Record<string, string | string[]>[];
  multipart: boolean;
  queryKeys: string[];
}

type FormBody = [string, string][];

interface FuzzRequest {
  who: Who;
  credential: Credential;
  params: string[];
  query: [string, string][];
  headers: [string, string][];
  body:
    | { kind: 'none' }
    | { kind: 'json'; value: unknown }
    | { kind: 'raw'; contentType: string; text: string }
    | { kind: 'form'; fields: FormBody }
    | { kind: 'multipart'; fields: FormBody; file: { name: string; bytes: number[] } | null };
}

// ---------------------------------------------------------------------------------------------
// Values

const HUGE_NUMBERS = [2147483647, 2147483648, 9007199254740993, 1e20, 1e308, -1e308, -1, 0, 1.5, -0.5];
const HOSTILE_STRINGS = [
  '',
  ' ',
  '   \t\n ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\uffff\ufeff',
  'x'.repeat(3000),
  '9'.repeat(25),
  '99999999999999999999',
  '-1',
  '0',
  '2147483648',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  'true',
  'null',
  'undefined',
  '[object Object]',
  '2015-02-30',
  '2015-13-01',
  '0000-00-00',
  '9999-12-31',
  '275760-09-13',
  '31',
  '13',
  '<script>alert(1)</script>',
  "'; DROP TABLE actions; --",
  '%00',
  '%E0%A4%A',
  '../../../etc/passwd',
  `${'http://'.repeat(40)} x`,
  'javascript:alert(1)',
  '__proto__',
  'constructor',
  'E09000005',
  'E09000031',
  'E09999999',
  'admin',
  'viewer',
  'board_member',
];

/** Any UTF-16 code unit: control characters, NUL and lone surrogates included. */
const anyCodeUnit = fc.integer({ min: 0, max: 0xffff }).map((code) => String.fromCharCode(code));
const anyString = (maxLength: number) => fc.string({ maxLength, unit: fc.oneof(anyCodeUnit, fc.constantFrom('a', 'Z', '0', ' ', '-', '/', '%', '&', '=')) });

const hostileString = (pool: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...HOSTILE_STRINGS) },
    { weight: 2, arbitrary: fc.constantFrom(...pool) },
    { weight: 2, arbitrary: anyString(40) },
    { weight: 1, arbitrary: fc.integer().map(String) },
  );

const hostileValue = (pool: string[]): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 4, arbitrary: hostileString(pool) },
    { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, [], {}, [[[]]], [null], { '': null }, ...HUGE_NUMBERS) },
    { weight: 1, arbitrary: fc.integer() },
    { weight: 1, arbitrary: fc.double({ noNaN: true }) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
    { weight: 1, arbitrary: fc.array(hostileString(pool), { maxLength: 30 }) },
  );

/** The text with each lone surrogate as U+FFFD, as String.prototype.toWellFormed does. */
const wellFormed = (text: string) => text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');

/** JSON text nested `depth` arrays deep, around the parser's limit of 32. */
const deepJson = fc.integer({ min: 20, max: 60 }).map((depth) => `{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);

// ---------------------------------------------------------------------------------------------
// The OpenAPI document's schemas, as arbitraries of valid-looking bodies

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  format?: string;
  minimum?: number;
  maximum?: number;
  nullable?: boolean;
}

function schemaArbitrary(schema: Schema, name: string, components: Record<string, Schema>, pool: Pools, depth = 0): fc.Arbitrary<unknown> {
  if (schema.$ref) return schemaArbitrary(components[schema.$ref.split('/').at(-1)!] ?? {}, name, components, pool, depth);
  const alternatives = schema.allOf ?? schema.oneOf ?? schema.anyOf;
  if (alternatives?.length) return schemaArbitrary(alternatives[0], name, components, pool, depth);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  if (depth > 4) return fc.constant(null);
  switch (schema.type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record = Object.fromEntries(Object.entries(properties).map(([key, value]) => [key, schemaArbitrary(value, key, components, pool, depth + 1)]));
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    case 'array':
      return fc.array(schemaArbitrary(schema.items ?? {}, name, components, pool, depth + 1), { maxLength: 3 });
    case 'integer':
    case 'number':
      return fc.oneof(fc.constantFrom(...pool.ids.map(Number).filter(Number.isSafeInteger)), fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 400, 400) }));
    case 'boolean':
      return fc.boolean();
    default:
      return plausibleString(name, pool);
  }
}

/** A string a person might well type in a field of this name. */
function plausibleString(name: string, pool: Pools): fc.Arbitrary<string> {
  if (/email/i.test(name)) return fc.constantFrom('fuzz@tracker.test', 'someone@brent.example', 'admin@tracker.test');
  if (/date|before|after/i.test(name)) return fc.constantFrom('2015-07-01', '2016-01-31', '2015-06-01', '2012-06-01');
  if (/link|url/i.test(name)) return fc.constantFrom('https://intranet/audit', 'http://sharepoint.council.example/minutes.docx');
  if (/authority|code/i.test(name)) return fc.constantFrom(BRENT, WALTHAM_FOREST);
  if (/password/i.test(name)) return fc.constantFrom('a-long-enough-password-42', 'short');
  if (/^(id|.*Id)$/.test(name)) return fc.constantFrom(...pool.ids);
  return fc.oneof(fc.constantFrom('Fuzzed text', 'Audit booked', 'x'), fc.string({ minLength: 1, maxLength: 30 }));
}

/** A valid-looking value with one to three of its fields removed, nulled, re-typed or replaced. */
function mutated(valid: fc.Arbitrary<unknown>, pool: string[]): fc.Arbitrary<unknown> {
  const mutation = fc.record({ at: fc.nat(), op: fc.constantFrom('delete', 'null', 'replace', 'wrap', 'add', 'whole'), value: hostileValue(pool) });
  return fc.tuple(valid, fc.array(mutation, { minLength: 1, maxLength: 3 })).map(([value, mutations]) => {
    let body: unknown = structuredClone(value);
    for (const { at, op, value: replacement } of mutations) {
      if (op === 'whole' || body === null || typeof body !== 'object') {
        body = op === 'wrap' ? [body] : replacement;
        continue;
      }
      const record = body as Record<string, unknown>;
      const keys = Object.keys(record);
      const key = keys.length ? keys[at % keys.length] : 'unexpected';
      if (op === 'delete') delete record[key];
      else if (op === 'null') record[key] = null;
      else if (op === 'replace') record[key] = replacement;
      else if (op === 'wrap') record[key] = [record[key]];
      else record[`extra${at % 3}`] = replacement;
    }
    return body;
  });
}

// ---------------------------------------------------------------------------------------------
// Forms found on the pages

const decodeHtml = (text: string) =>
  text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&#x27;/g, "'")
    .replace(/&#x2F;/g, '/')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
const attribute = (tag: string, name: string) => {
  const match = new RegExp(`\\s${name}="([^"]*)"`).exec(tag);
  return match ? decodeHtml(match[1]) : undefined;
};

interface FoundForm {
  method: string;
  action: string;
  multipart: boolean;
  fields: Record<string, string | string[]>;
}

/** The forms of a page with the values a person would send without changing anything. */
function formsOf(html: string, pageUrl: string): FoundForm[] {
  const forms: FoundForm[] = [];
  for (const match of html.matchAll(/<form\b([^>]*)>([\s\S]*?)<\/form>/g)) {
    const [, tag, inner] = match;
    const fields: Record<string, string | string[]> = {};
    const add = (name: string | undefined, value: string) => {
      if (!name || name === '_csrf') return;
      const existing = fields[name];
      fields[name] = existing === undefined ? value : Array.isArray(existing) ? [...existing, value] : [existing, value];
    };
    const radiosSeen = new Set<string>();
    for (const input of inner.matchAll(/<input\b[^>]*>/g)) {
      const type = attribute(input[0], 'type') ?? 'text';
      const name = attribute(input[0], 'name');
      if (type === 'file' || type === 'submit' || type === 'button') continue;
      if (type === 'radio') {
        if (name && !radiosSeen.has(name)) add(name, attribute(input[0], 'value') ?? 'on');
        if (name) radiosSeen.add(name);
        continue;
      }
      if (type === 'checkbox' && !/\schecked\b/.test(input[0])) continue;
      add(name, attribute(input[0], 'value') ?? (type === 'checkbox' ? 'on' : ''));
    }
    for (const select of inner.matchAll(/<select\b([^>]*)>([\s\S]*?)<\/select>/g)) {
      const values = [...select[2].matchAll(/<option\b[^>]*value="([^"]*)"/g)].map((option) => decodeHtml(option[1])).filter(Boolean);
      add(attribute(select[1], 'name'), values[0] ?? '');
    }
    for (const textarea of inner.matchAll(/<textarea\b([^>]*)>([\s\S]*?)<\/textarea>/g)) add(attribute(textarea[1], 'name'), decodeHtml(textarea[2]));
    for (const button of inner.matchAll(/<button\b([^>]*)>/g)) {
      const name = attribute(button[1], 'name');
      if (name) add(name, attribute(button[1], 'value') ?? '');
    }
    forms.push({
      method: (attribute(tag, 'method') ?? 'get').toUpperCase(),
      action: attribute(tag, 'action') ?? pageUrl,
      multipart: /multipart\/form-data/.test(tag),
      fields,
    });
  }
  return forms;
}

// ---------------------------------------------------------------------------------------------

interface Pools {
  ids: string[];
  byParam: Record<string, string[]>;
}

const JUNK_PARAMS = ['0', '-1', '999999', '2147483647', '2147483648', '9007199254740993', '99999999999999999999', '1.5', '1e3', '0x1f', 'abc', '%00', '%E0%A4%A', '%2e%2e', 'null', '%20', 'x'.repeat(300)];

/** A deterministic 32-bit seed for one route from the run's seed. */
function seedFor(route: string): number {
  let hash = BASE_SEED | 0;
  for (const char of route) hash = Math.imul(hash ^ char.charCodeAt(0), 16777619);
  return hash | 0;
}

describe('fuzzing every route', () => {
  let api: TestApi;
  let routes: RouteInfo[];
  let pools: Pools;
  let tables: string[];
  const identities = {} as Record<Exclude<Who, 'anonymous'>, Identity>;
  let replaced = 0;

  const ROLES: Record<Exclude<Who, 'anonymous'>, { role: Role; authorityCode: string | null; team?: boolean }[]> = {
    admin: [{ role: 'admin', authorityCode: null }],
    councilAdminA: [{ role: 'council_admin', authorityCode: BRENT }],
    boardA: [{ role: 'board_member', authorityCode: BRENT }],
    teamA: [{ role: 'team_member', authorityCode: BRENT, team: true }],
    chairA: [{ role: 'lscb_chair', authorityCode: BRENT }],
    viewerA: [{ role: 'viewer', authorityCode: BRENT }],
    boardB: [{ role: 'board_member', authorityCode: WALTHAM_FOREST }],
  };
  let teamA: number;

  /**
   * A fresh account for a role with a token and a browser session. No password: an invited account
   * signed in by the service, so no deliberately slow hash is spent on it. Fuzzed writes may take
   * an account's access away; it is then replaced.
   */
  async function makeIdentity(who: Exclude<Who, 'anonymous'>): Promise<Identity> {
    replaced += 1;
    const access = api.app.get(AccessService);
    const user = await access.createUser({ email: `fuzz-${who.toLowerCase()}-${replaced}@tracker.test`, displayName: `Fuzz ${who} ${replaced}` });
    for (const role of ROLES[who]) await access.grantRole(user.id, { role: role.role, authorityCode: role.authorityCode, teamId: role.team ? teamA : null });
    const { token } = await access.createToken(user.id, 'fuzz', 30);
    const session = await access.startSession(user.id);
    return { auth: { Authorization: `Bearer ${token}` }, cookie: `it_session=${session.sessionToken}`, csrf: session.csrfToken };
  }

  /**
   * After a write that went through: every identity still signs in both ways with the roles it was
   * made with, or is replaced (asked of the service: fourteen requests after every write would
   * cost more than the fuzzing).
   */
  async function keepIdentities(): Promise<void> {
    const access = api.app.get(AccessService);
    const rolesOf = (caller: AuthenticatedCaller | null) => JSON.stringify((caller?.context.roles ?? []).map((grant) => `${grant.role} ${grant.authorityCode}`).sort());
    for (const who of Object.keys(identities) as Exclude<Who, 'anonymous'>[]) {
      const identity = identities[who];
      const expected = JSON.stringify(ROLES[who].map((grant) => `${grant.role} ${grant.authorityCode}`).sort());
      const byToken = await access.authenticateToken(identity.auth.Authorization.slice('Bearer '.length));
      const bySession = await access.authenticateSession(identity.cookie.slice('it_session='.length));
      if (rolesOf(byToken) !== expected || rolesOf(bySession) !== expected || bySession?.csrfSecret === undefined) identities[who] = await makeIdentity(who);
    }
  }

  async function rowCounts(): Promise<Record<string, number>> {
    const dataSource = api.app.get(DataSource);
    const rows = (await dataSource.query(tables.map((table) => `SELECT '${table}' AS name, COUNT(*) AS count FROM "${table}"`).join(' UNION ALL '))) as {
      name: string;
      count: string | number;
    }[];
    return Object.fromEntries(rows.map((row) => [row.name, Number(row.count)]));
  }

  beforeAll(async () => {
    api = await startTestApi({ today: '2015-06-01', env: { AUTH_RATE_LIMIT: '1000000' } });
    if (process.env.FUZZ_DEBUG) api.app.useLogger(new ConsoleLogger());
    const http = request(api.app.getHttpServer());
    await seedTwoAuthorities(api);
    teamA = (await http.get(`/api/teams?authority=${BRENT}`).set(api.adminAuth).expect(200)).body[0].id;
    for (const who of Object.keys(ROLES) as Exclude<Who, 'anonymous'>[]) identities[who] = await makeIdentity(who);

    const dataSource = api.app.get(DataSource);
    const onPostgres = dataSource.options.type === 'postgres';
    tables = (
      (await dataSource.query(
        onPostgres
          ? `SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema()`
          : `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`,
      )) as { name: string }[]
    )
      .map((row) => row.name)
      .sort();

    // Records to act on: a meeting, a milestone, a challenge, a date request, an upload in progress.
    const brent = (await http.get(`/api/actions?authority=${BRENT}&limit=5&sort=id`).set(api.adminAuth).expect(200)).body.items as { id: number }[];
    const action = brent[0].id;
    await http.post(`/api/authorities/${BRENT}/meetings`).set(api.adminAuth).send({ meetingDate: '2015-07-01', title: 'July board' }).expect(201);
    await http.post(`/api/actions/${action}/milestones`).set(api.adminAuth).send({ title: 'Audit tool agreed', dueDate: '2015-09-01' }).expect(201);
    await http.post(`/api/actions/${action}/challenges`).set(identities.chairA.auth).send({ question: 'Is the audit sampled?' });
    await http.post(`/api/actions/${action}/date-requests`).set(api.adminAuth).send({ proposedDate: '2016-01-31', reason: 'Recruitment' });
    const brentText = await readFile(join(SEEDS_DIR, 'reports', 'brent-2012-protection.txt'));
    for (const who of ['admin', 'boardA'] as const) {
      await http.post('/reports/new').set('Cookie', identities[who].cookie).field('_csrf', identities[who].csrf).attach('file', brentText, 'brent.txt').expect(200);
    }

    // Path parameters: every id in the database, and every value the crawl sees in a link.
    const ids = new Set<string>();
    for (const table of tables) {
      const columns = (await dataSource.query(onPostgres ? `SELECT column_name AS name FROM information_schema.columns WHERE table_name = '${table}'` : `PRAGMA table_info("${table}")`)) as { name: string }[];
      if (!columns.some((column) => column.name === 'id')) continue;
      for (const row of (await dataSource.query(`SELECT id FROM "${table}" ORDER BY id DESC LIMIT 20`)) as { id: unknown }[]) ids.add(String(row.id));
    }
    const uploads = ((await dataSource.query(`SELECT id FROM "pending_uploads"`)) as { id: string }[]).map((row) => row.id);
    pools = { ids: [...ids].filter((id) => /^\d+$/.test(id)), byParam: { code: [BRENT, WALTHAM_FOREST, 'E09000001', 'e09000005'], upload: uploads } };

    const keys = registeredRoutes(api).filter((key) => !key.startsWith('ALL '));
    const matchers = keys
      .filter((key) => key.startsWith('GET ') || key.startsWith('POST '))
      .map((key) => {
        const [method, pattern] = key.split(' ');
        const source = pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, '([^/?#]+)');
        return { method, pattern, params: routeParameters(pattern), regex: new RegExp(`^${source}$`) };
      })
      // Fixed segments before parameters: /actions/assign is not /actions/:id.
      .sort((a, b) => a.params.length - b.params.length);
    const match = (method: string, url: string) => {
      const path = url.split(/[?#]/)[0];
      for (const matcher of matchers) {
        if (matcher.method !== method) continue;
        const found = matcher.regex.exec(path);
        if (found) return { key: `${method} ${matcher.pattern}`, values: Object.fromEntries(matcher.params.map((name, index) => [name, found[index + 1]])) };
      }
      return null;
    };

    // Crawl the pages as the deployment's admin and as board member A: links give parameters, forms give bodies.
    const forms: Record<string, FoundForm[]> = {};
    const queryKeys: Record<string, Set<string>> = {};
    const paramValues: Record<string, Set<string>> = {};
    const visitsPerRoute: Record<string, number> = {};
    for (const who of ['admin', 'boardA'] as const) {
      const queue = ['/', '/actions', '/my-work', '/review', '/account', '/reports/new', `/authorities/${BRENT}`, `/authorities/${WALTHAM_FOREST}`, '/operations/queue'];
      const seen = new Set<string>();
      while (queue.length && seen.size < 70) {
        const url = queue.shift()!;
        if (seen.has(url)) continue;
        seen.add(url);
        const page = await http.get(url).set('Cookie', identities[who].cookie);
        if (page.status !== 200 || !String(page.headers['content-type']).startsWith('text/html')) continue;
        for (const form of formsOf(page.text, url)) {
          const found = match(form.method, form.action);
          if (!found) continue;
          for (const [name, value] of Object.entries(found.values)) (paramValues[name] ??= new Set()).add(value);
          if (form.method === 'GET') for (const name of Object.keys(form.fields)) (queryKeys[found.key] ??= new Set()).add(name);
          else (forms[found.key] ??= []).push(form);
        }
        for (const link of page.text.matchAll(/href="(\/[^"#]*)"/g)) {
          const href = decodeHtml(link[1]);
          if (href.startsWith('/assets/') || href.startsWith('/api/')) continue;
          const found = match('GET', href);
          if (!found) continue;
          for (const [name, value] of Object.entries(found.values)) (paramValues[name] ??= new Set()).add(value);
          for (const [name] of new URLSearchParams(href.split('?')[1] ?? '')) (queryKeys[found.key] ??= new Set()).add(name);
          visitsPerRoute[found.key] = (visitsPerRoute[found.key] ?? 0) + 1;
          if (visitsPerRoute[found.key] <= 2 && !seen.has(href)) queue.push(href);
        }
      }
    }
    for (const [name, values] of Object.entries(paramValues)) pools.byParam[name] = [...new Set([...(pools.byParam[name] ?? []), ...values])].slice(0, 20);

    const document = (await http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: Schema }> }; parameters?: { in: string; name: string }[] }>>;
      components?: { schemas?: Record<string, Schema> };
    };
    const components = document.components?.schemas ?? {};
    routes = keys.map((key) => {
      const [method, pattern] = key.split(' ');
      const operation = document.paths[pattern.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      const schema = operation?.requestBody?.content['application/json']?.schema;
      return {
        key,
        method,
        pattern,
        params: routeParameters(pattern),
        api: pattern.startsWith('/api/'),
        jsonBody: schema ? schemaArbitrary(schema, '', components, pools) : undefined,
        forms: (forms[key] ?? []).map((form) => form.fields).slice(0, 4),
        multipart: (forms[key] ?? []).some((form) => form.multipart) || /evidence$|\/reports\/new$/.test(pattern),
        queryKeys: [...new Set([...(operation?.parameters ?? []).filter((parameter) => parameter.in === 'query').map((parameter) => parameter.name), ...(queryKeys[key] ?? [])])],
      };
    });
  });

  afterAll(async () => {
    await api?.close();
  });

  /** What one run sends to one route. */
  function requestArbitrary(route: RouteInfo): fc.Arbitrary<FuzzRequest> {
    const param = (name: string) =>
      fc.oneof(
        { weight: 5, arbitrary: fc.constantFrom(...(pools.byParam[name]?.length ? pools.byParam[name] : pools.ids)) },
        { weight: 2, arbitrary: fc.constantFrom(...pools.ids) },
        { weight: 2, arbitrary: fc.constantFrom(...JUNK_PARAMS) },
        { weight: 1, arbitrary: fc.string({ minLength: 1, maxLength: 20 }).map((text) => encodeURIComponent(wellFormed(text))) },
      );
    const knownKeys = [...route.queryKeys, 'authority', 'q', 'offset', 'limit', 'next', 'back', 'meeting', 'team', 'id'];
    const queryValue = fc.oneof(
      { weight: 3, arbitrary: hostileString([...pools.ids, BRENT, WALTHAM_FOREST]) },
      { weight: 1, arbitrary: fc.constantFrom(...pools.ids) },
    );
    const query = fc.array(fc.tuple(fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...knownKeys) }, { weight: 1, arbitrary: fc.string({ maxLength: 10 }) }), queryValue), {
      maxLength: route.method === 'GET' ? 6 : 2,
    });
    const stringPool = [...pools.ids, BRENT, WALTHAM_FOREST, 'Fuzzed text'];
    const validJson = route.jsonBody ?? fc.constant({});
    const json = fc.oneof(
      { weight: 2, arbitrary: validJson },
      { weight: 5, arbitrary: mutated(validJson, stringPool) },
      { weight: 2, arbitrary: hostileValue(stringPool) },
      { weight: 1, arbitrary: fc.dictionary(fc.string({ maxLength: 12 }), hostileValue(stringPool), { maxKeys: 6 }) },
    );
    const validForm = route.forms.length ? fc.constantFrom(...route.forms) : fc.constant({} as Record<string, string | string[]>);
    const formField = fc.tuple(fc.string({ maxLength: 12 }), hostileString(stringPool));
    const form = fc
      .tuple(
        validForm,
        fc.array(fc.record({ at: fc.nat(), op: fc.constantFrom('delete', 'replace', 'repeat', 'empty'), value: hostileString(stringPool) }), { maxLength: 4 }),
        fc.array(formField, { maxLength: 2 }),
      )
      .map(([valid, mutations, extra]) => {
        const fields: FormBody = Object.entries(valid).flatMap(([name, value]) => (Array.isArray(value) ? value.map((item) => [name, item] as [string, string]) : [[name, value] as [string, string]]));
        for (const { at, op, value } of mutations) {
          if (!fields.length) break;
          const index = at % fields.length;
          if (op === 'delete') fields.splice(index, 1);
          else if (op === 'replace') fields[index] = [fields[index][0], value];
          else if (op === 'repeat') fields.push([fields[index][0], value]);
          else fields[index] = [fields[index][0], ''];
        }
        return [...fields, ...extra];
      });
    const raw = fc.oneof(
      deepJson.map((text) => ({ kind: 'raw' as const, contentType: 'application/json', text })),
      fc.string({ maxLength: 40 }).map((text) => ({ kind: 'raw' as const, contentType: 'application/json', text })),
      fc.constantFrom('%zz=%E0%A4%A&a=b', 'a=%00&b[c]=d', '=&&=').map((text) => ({ kind: 'raw' as const, contentType: 'application/x-www-form-urlencoded', text })),
      fc.string({ maxLength: 200 }).map((text) => ({ kind: 'raw' as const, contentType: 'text/plain', text })),
    );
    const multipart = fc.tuple(form, fc.option(fc.record({ name: fc.constantFrom('minutes.pdf', 'report.txt', 'x.exe', '../../x.pdf', ''), bytes: fc.array(fc.nat(255), { maxLength: 200 }) }), { nil: null }));
    const body: fc.Arbitrary<FuzzRequest['body']> =
      route.method === 'GET'
        ? fc.constant({ kind: 'none' })
        : fc.oneof(
            { weight: route.api ? 8 : 2, arbitrary: json.map((value) => ({ kind: 'json' as const, value })) },
            { weight: route.api ? 1 : 8, arbitrary: form.map((fields) => ({ kind: 'form' as const, fields })) },
            { weight: route.multipart ? 4 : 1, arbitrary: multipart.map(([fields, file]) => ({ kind: 'multipart' as const, fields, file })) },
            { weight: 1, arbitrary: raw },
            { weight: 1, arbitrary: fc.constant({ kind: 'none' as const }) },
          );
    // Now and then a header the application reads, with a value it does not expect.
    const header = fc.oneof(
      fc.tuple(fc.constant('If-Match'), fc.constantFrom('W/"1"', '"1"', 'W/"99999999999999999999"', 'W/"-1"', '*', '', 'W/"abc"', 'W/""')),
      fc.tuple(fc.constant('Accept'), fc.constantFrom('application/json', 'text/html', '*/*', 'image/png', ';;;')),
      fc.tuple(fc.constant('X-Forwarded-For'), fc.constantFrom('203.0.113.9', 'not-an-address', '1.2.3.4, 5.6.7.8', '')),
      fc.tuple(fc.constant('Accept-Language'), fc.constantFrom('cy', 'en-GB;q=0.9, *;q=0.1', 'x'.repeat(200))),
      fc.tuple(fc.constant('Sec-Fetch-Site'), fc.constantFrom('same-origin', 'none', 'cross-site')),
    );
    return fc.record({
      who: fc.constantFrom(...WHO),
      headers: fc.oneof({ weight: 4, arbitrary: fc.constant([] as [string, string][]) }, { weight: 1, arbitrary: fc.array(header, { minLength: 1, maxLength: 2 }) }),
      credential: fc.constantFrom<Credential>('bearer', 'session'),
      params: fc.tuple(...route.params.map(param)) as fc.Arbitrary<string[]>,
      query,
      body,
    });
  }

  // A lone surrogate has no UTF-8 form: it travels as U+FFFD, as a browser would send it.
  const encode = (text: string) => encodeURIComponent(wellFormed(text));
  // Two values go as they are: an invalid escape, and an escaped NUL.
  const encodeQuery = (query: [string, string][]) => query.map(([key, value]) => `${encode(key)}=${value === '%E0%A4%A' || value === '%00' ? value : encode(value)}`).join('&');
  const encodeForm = (fields: FormBody) => fields.map(([key, value]) => `${encode(key)}=${encode(value)}`).join('&');

  async function prepare(route: RouteInfo, input: FuzzRequest): Promise<{ call: request.Test }> {
    let index = 0;
    const path = route.pattern.replace(/:(\w+)/g, () => input.params[index++]);
    const url = input.query.length ? `${path}?${encodeQuery(input.query)}` : path;
    const identity = input.who === 'anonymous' ? null : identities[input.who];
    const session = input.credential === 'session';
    let call = request(api.app.getHttpServer())[route.method.toLowerCase() as 'get'](url);
    let csrf = '';
    let fieldName = '_csrf';
    if (identity && session) {
      call = call.set('Cookie', identity.cookie);
      csrf = identity.csrf;
    } else if (identity) {
      call = call.set(identity.auth);
    } else if (session && route.method !== 'GET') {
      // Nobody signed in, but with the sign-in page's cookie and token, as a browser about to sign in.
      const page = await request(api.app.getHttpServer()).get('/sign-in');
      const cookies = (page.headers['set-cookie'] as unknown as string[] | undefined) ?? [];
      call = call.set('Cookie', cookies.map((cookie) => cookie.split(';')[0]).join('; '));
      csrf = /name="_signin" value="([^"]*)"/.exec(page.text)?.[1] ?? '';
      fieldName = '_signin';
    }
    for (const [name, value] of input.headers) call = call.set(name, value);
    const { body } = input;
    // Wrapped: a supertest call is a thenable, and would be sent by the await of this function.
    if (body.kind === 'json') {
      if (csrf) call = call.set('X-CSRF-Token', csrf);
      return { call: call.set('Content-Type', 'application/json').send(JSON.stringify(body.value) ?? 'null') };
    }
    if (body.kind === 'raw') {
      if (csrf) call = call.set('X-CSRF-Token', csrf);
      return { call: call.set('Content-Type', body.contentType).send(body.text) };
    }
    if (body.kind === 'form') return { call: call.type('form').send(encodeForm(csrf ? [[fieldName, csrf], ...body.fields] : body.fields)) };
    if (body.kind === 'multipart') {
      if (csrf) call = call.field(fieldName, csrf);
      for (const [name, value] of body.fields) if (name) call = call.field(name, value);
      if (body.file) call = call.attach('file', Buffer.from(body.file.bytes), body.file.name || 'file');
      return { call };
    }
    if (csrf && route.method !== 'GET') call = call.set('X-CSRF-Token', csrf);
    return { call };
  }

  /** Runs each route's property; answers what went wrong, one line per route. */
  async function fuzz(select: (route: RouteInfo) => boolean, runs: number): Promise<{ failures: string[]; sent: number; statuses: Record<string, number> }> {
    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    let sent = 0;
    for (const route of routes.filter((route) => select(route) && route.key.includes(ONLY))) {
      const seed = seedFor(route.key);
      try {
        await fc.assert(
          fc.asyncProperty(requestArbitrary(route), async (input) => {
            const before = await rowCounts();
            const { call } = await prepare(route, input);
            const started = performance.now();
            const response = await call;
            const ms = performance.now() - started;
            sent += 1;
            statuses[`${Math.floor(response.status / 100)}xx`] = (statuses[`${Math.floor(response.status / 100)}xx`] ?? 0) + 1;
            if (process.env.FUZZ_DEBUG) console.log(route.key, input.who, input.credential, response.status, Math.round(ms));
            const said = `${response.status} ${String(response.text ?? '').slice(0, 300)}`;
            expect(response.status, `a server error: ${said}`).toBeLessThan(500);
            expect(ms, `took ${Math.round(ms)} ms: ${said}`).toBeLessThan(TIME_LIMIT_MS);
            if (response.status >= 400) {
              const after = await rowCounts();
              const changed = Object.keys(after).filter((table) => after[table] !== before[table]).map((table) => `${table} ${before[table]} → ${after[table]}`);
              expect(changed, `refused with ${said} but rows changed`).toEqual([]);
            } else if (route.method !== 'GET') {
              await keepIdentities();
            }
          }),
          { seed, numRuns: runs, endOnFailure: true, includeErrorInReport: true },
        );
      } catch (error) {
        failures.push(`${route.key} (FUZZ_SEED=${BASE_SEED} FUZZ_ROUTE='${route.key.split(' ')[1]}'): ${(error as Error).message.split('\n').slice(0, 12).join('\n')}`);
      }
    }
    return { failures, sent, statuses };
  }

  it('finds the routes, their bodies and parameters', () => {
    expect(routes.length).toBeGreaterThan(100);
    // The crawl reached the forms that change things, and the OpenAPI document described the API's bodies.
    expect(routes.filter((route) => route.forms.length).length).toBeGreaterThan(20);
    expect(routes.filter((route) => route.jsonBody).length).toBeGreaterThan(20);
    expect(pools.byParam.upload?.length ?? 0).toBeGreaterThan(0);
  });

  it('answers every write, whoever sends it and whatever it holds, with no server error, in time, and changes nothing when it refuses', async () => {
    const { failures, sent, statuses } = await fuzz((route) => route.method !== 'GET', WRITE_RUNS);
    expect(failures, `seed ${BASE_SEED}; ${sent} requests, ${JSON.stringify(statuses)}`).toEqual([]);
  }, 180_000 * Math.max(1, SCALE));

  it('answers every read with random query strings and parameters, with no server error, in time', async () => {
    const { failures, sent, statuses } = await fuzz((route) => route.method === 'GET', READ_RUNS);
    expect(failures, `seed ${BASE_SEED}; ${sent} requests, ${JSON.stringify(statuses)}`).toEqual([]);
  }, 180_000 * Math.max(1, SCALE));
});
