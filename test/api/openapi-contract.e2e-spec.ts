import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import openapiTS, { astToString, COMMENT_HEADER } from 'openapi-typescript';
import request from 'supertest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answered, apiClient, documentedHttp, refused } from '../support/api-client.js';
import { contractProblems, operationsOf } from '../support/openapi-contract.js';
import { startTestApi, type TestApi } from '../support/test-api.js';

/**
 * The OpenAPI document is a contract: councils' scripts and reporting tools generate clients from
 * it. It must validate, give every operation a typed answer and its errors, and say how to sign in.
 * The document and the client types generated from it are committed (docs/openapi.json,
 * test/support/api-types.ts) and must match what the code serves: `npm run generate:api-types`
 * rewrites both after a deliberate change.
 */
const PUBLIC_OPERATIONS = ['GET /api/health', 'GET /api/health/live', 'POST /api/auth/login'];
const ERROR_SCHEMA = '#/components/schemas/ErrorResponseDto';

describe('OpenAPI document', () => {
  let api: TestApi;
  let document: OpenAPIV3.Document;
  let operations: ReturnType<typeof operationsOf>;

  beforeAll(async () => {
    api = await startTestApi({ today: '2025-06-02' });
    document = (await request(api.app.getHttpServer()).get('/api/docs-json').expect(200)).body;
    operations = operationsOf(document);
  });

  afterAll(async () => {
    await api?.close();
  });

  it('validates as OpenAPI 3', async () => {
    await expect(SwaggerParser.validate(structuredClone(document) as never)).resolves.toBeDefined();
    expect(operations.length).toBeGreaterThan(50);
  });

  it('gives every operation a typed success answer and its errors, and every field a type', () => {
    const problems = contractProblems(document, {
      publicOperations: PUBLIC_OPERATIONS,
      errorSchema: ERROR_SCHEMA,
      // The health report is the body of its 503 too.
      ownErrorBodies: ['GET /api/health 503'],
    });
    expect(problems).toEqual({ untypedAnswers: [], vagueAnswers: [], untypedFields: [], undocumentedErrors: [] });
    const errorBody = document.components!.schemas!.ErrorResponseDto as OpenAPIV3.SchemaObject;
    expect(errorBody.required).toEqual(expect.arrayContaining(['statusCode', 'error', 'message']));
    expect(Object.keys(errorBody.properties!)).toEqual(expect.arrayContaining(['statusCode', 'error', 'message', 'code', 'errorId']));
  });

  it('declares the bearer token and the session cookie, and requires one of them everywhere but health and sign-in', () => {
    expect(document.components!.securitySchemes).toMatchObject({
      bearer: { type: 'http', scheme: 'bearer' },
      session: { type: 'apiKey', in: 'cookie', name: 'it_session' },
      csrf: { type: 'apiKey', in: 'header', name: 'X-CSRF-Token' },
    });
    expect(document.security).toEqual([{ bearer: [] }, { session: [] }]);
    for (const { name, operation } of operations) {
      const security = operation.security ?? document.security;
      if (PUBLIC_OPERATIONS.includes(name)) expect(security, name).toEqual([]);
      else if (name.startsWith('GET ')) expect(security, name).toEqual([{ bearer: [] }, { session: [] }]);
      else expect(security, name).toEqual([{ bearer: [] }, { session: [], csrf: [] }]);
    }
  });

  it('gives the typed client a check that fails on any answer the document does not describe', async () => {
    const client = await apiClient(api);
    expect(answered(await client.GET('/api/actions', { params: { query: { limit: 1 } } }))).toMatchObject({ total: 0, items: [] });
    const drifted = structuredClone(document);
    const page = drifted.components!.schemas!.ActionPageDto as OpenAPIV3.SchemaObject;
    delete page.properties!.offset;
    page.required = page.required!.filter((field) => field !== 'offset');
    const strictClient = await apiClient(api, { document: drifted });
    await expect(strictClient.GET('/api/actions', { params: { query: { limit: 1 } } })).rejects.toThrow(/does not describe: data must NOT have additional properties/);
    // The same check on supertest, for tests that send what the typed client cannot.
    const http = await documentedHttp(api, { headers: api.adminAuth, document: drifted });
    await expect(http.get('/api/actions/overdue?limit=1')).rejects.toThrow(/GET \/api\/actions\/overdue 200 answered what the OpenAPI document does not describe/);
    await http.get('/api/actions/999999').expect(404);
    const refusal = refused(await client.GET('/api/actions/{id}', { params: { path: { id: 999999 } } }), 404);
    expect(refusal).toMatchObject({ statusCode: 404, error: 'Not Found', code: 'NOT_FOUND' });
  });

  it('is the committed document, and the committed client types are generated from it', async () => {
    await expect(`${JSON.stringify(document, null, 2)}\n`).toMatchFileSnapshot('../../docs/openapi.json');
    const types = COMMENT_HEADER + astToString(await openapiTS(structuredClone(document) as never));
    await expect(types).toMatchFileSnapshot('../support/api-types.ts');
  });
});
