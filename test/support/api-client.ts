import { Ajv, type ValidateFunction } from 'ajv';
import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { OpenAPIV3 } from 'openapi-types';
import request from 'supertest';
import type { paths } from './api-types.js';
import type { TestApi } from './test-api.js';

export type ApiClient = Client<paths>;

/**
 * A client typed by the committed OpenAPI document (api-types.ts, generated from it), talking to
 * the test's API over HTTP. Every JSON answer is also checked against the schema the document
 * gives for its route and status, with no field left undocumented: a response that drifts from
 * the document fails the test that received it, and a request or response the code changes
 * without the document fails the type check.
 */
export async function apiClient(
  api: TestApi,
  options: { headers?: Record<string, string>; /** Instead of the served one: to prove drift is caught. */ document?: OpenAPIV3.Document } = {},
): Promise<ApiClient> {
  const server = api.app.getHttpServer() as { listening: boolean; address(): { port: number } | string | null };
  if (!server.listening) await api.app.listen(0, '127.0.0.1');
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the test API is not listening on a port');
  const document = options.document ?? ((await request(api.app.getHttpServer()).get('/api/docs-json').expect(200)).body as OpenAPIV3.Document);
  const client = createClient<paths>({
    baseUrl: `http://127.0.0.1:${address.port}`,
    headers: options.headers ?? api.adminAuth,
    // The API reads lists as comma-separated values: status=blocked,in_progress.
    querySerializer: { array: { style: 'form', explode: false } },
  });
  client.use(documentedResponses(document));
  return client;
}

function documentedResponses(document: OpenAPIV3.Document): Middleware {
  const check = documentChecker(document);
  return {
    async onResponse({ request, response, schemaPath }) {
      if (!response.headers.get('content-type')?.startsWith('application/json')) return undefined;
      check(request.method, schemaPath, response.status, await response.clone().json());
      return undefined;
    },
  };
}

/** Fails when a JSON answer is not what the document gives for its route and status. */
export type DocumentChecker = (method: string, schemaPath: string, status: number, body: unknown) => void;

export function documentChecker(document: OpenAPIV3.Document): DocumentChecker {
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addSchema({ components: { schemas: strictSchemas(document.components?.schemas ?? {}) } }, 'api');
  const validators = new Map<string, ValidateFunction>();
  const compile = (key: string, documented: OpenAPIV3.ResponseObject | OpenAPIV3.ReferenceObject | undefined): ValidateFunction => {
    const schema = documented && 'content' in documented ? documented.content?.['application/json']?.schema : undefined;
    if (!schema) throw new Error(`${key}: the OpenAPI document gives no JSON schema for this answer`);
    const validate: ValidateFunction = ajv.compile(strict(schema) as object);
    validators.set(key, validate);
    return validate;
  };
  return (method, schemaPath, status, body) => {
    const lower = method.toLowerCase() as OpenAPIV3.HttpMethods;
    const key = `${method.toUpperCase()} ${schemaPath} ${status}`;
    const validate = validators.get(key) ?? compile(key, document.paths[schemaPath]?.[lower]?.responses[String(status)]);
    if (!validate(body)) {
      throw new Error(`${key} answered what the OpenAPI document does not describe: ${ajv.errorsText(validate.errors)}\n${JSON.stringify(body).slice(0, 500)}`);
    }
  };
}

/**
 * supertest as the tests use it, with every JSON answer checked against the document like the
 * typed client's: for tests that send what the typed client cannot (forms, files, bad input).
 */
export async function documentedHttp(api: TestApi, options: { headers?: Record<string, string>; document?: OpenAPIV3.Document } = {}) {
  const document = options.document ?? ((await request(api.app.getHttpServer()).get('/api/docs-json').expect(200)).body as OpenAPIV3.Document);
  const headers = options.headers ?? {};
  const check = documentChecker(document);
  // Static segments before parameters, so /api/actions/overdue is not read as /api/actions/{id}.
  const templates = Object.keys(document.paths)
    .map((path) => ({ path, pattern: new RegExp(`^${path.replace(/\{[^/}]+\}/g, '[^/]+')}$`), parameters: path.split('{').length - 1 }))
    .sort((a, b) => a.parameters - b.parameters);
  // Pages, the document itself and the metrics are not API operations: they are not checked.
  const schemaPathOf = (url: string): string | null => {
    const pathname = new URL(url, 'http://tracker.test').pathname;
    if (!pathname.startsWith('/api/') || pathname.startsWith('/api/docs') || pathname === '/api/metrics') return null;
    const template = templates.find((candidate) => candidate.pattern.test(pathname));
    if (!template) throw new Error(`${pathname} is not in the OpenAPI document`);
    return template.path;
  };
  const agent = request(api.app.getHttpServer());
  const checked =
    <M extends 'get' | 'post' | 'put' | 'patch' | 'delete'>(method: M) =>
    (url: string) =>
      agent[method](url).set(headers).expect((response) => {
        const schemaPath = schemaPathOf(url);
        if (schemaPath && String(response.headers['content-type'] ?? '').startsWith('application/json')) check(method, schemaPath, response.status, response.body);
      });
  return { get: checked('get'), post: checked('post'), put: checked('put'), patch: checked('patch'), delete: checked('delete') };
}

export type DocumentedHttp = Awaited<ReturnType<typeof documentedHttp>>;

function strictSchemas(schemas: Record<string, OpenAPIV3.SchemaObject | OpenAPIV3.ReferenceObject>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(schemas).map(([name, schema]) => [name, strict(schema)]));
}

/**
 * An OpenAPI 3.0 schema as JSON Schema that refuses undocumented fields: `nullable` becomes a
 * union with null, references point into the registered document, and objects that name their
 * properties allow no others unless they say so.
 */
function strict(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strict);
  if (!schema || typeof schema !== 'object') return schema;
  const { nullable, discriminator: _discriminator, example: _example, ...rest } = schema as Record<string, unknown>;
  const converted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(rest)) {
    if (key === '$ref' && typeof value === 'string') converted.$ref = `api${value}`;
    else if (key === 'properties' && value && typeof value === 'object') {
      converted.properties = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, strict(property)]));
    } else converted[key] = strict(value);
  }
  if (converted.properties && converted.additionalProperties === undefined) converted.additionalProperties = false;
  return nullable ? { anyOf: [converted, { type: 'null' }] } : converted;
}

interface Answer<T, E> {
  data?: T;
  error?: E;
  response: Response;
}

/** The answer's body, once its status is the one expected (the body of a refusal explains otherwise). */
export function answered<T, E>(result: Answer<T, E>, status = 200): T {
  if (result.response.status !== status) {
    throw new Error(`expected ${status}, got ${result.response.status}: ${JSON.stringify(result.error ?? result.data)}`);
  }
  return result.data as T;
}

/** The error body of a refusal, once its status is the one expected. */
export function refused<T, E>(result: Answer<T, E>, status: number): NonNullable<E> {
  if (result.response.status !== status || result.error === undefined) {
    throw new Error(`expected a ${status} refusal, got ${result.response.status}: ${JSON.stringify(result.data ?? result.error)}`);
  }
  return result.error as NonNullable<E>;
}
