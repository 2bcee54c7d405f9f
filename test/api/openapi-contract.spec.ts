import type { OpenAPIV3 } from 'openapi-types';
import { describe, expect, it } from 'vitest';
import { contractProblems } from '../support/openapi-contract.js';

const ERROR = '#/components/schemas/Error';
const errors = { 401: { description: 'no', content: { 'application/json': { schema: { $ref: ERROR } } } } };
const options = { publicOperations: [], errorSchema: ERROR };

function documentWith(operation: Partial<OpenAPIV3.OperationObject>, schemas: Record<string, OpenAPIV3.SchemaObject> = {}): OpenAPIV3.Document {
  return {
    openapi: '3.0.0',
    info: { title: 't', version: '1' },
    paths: { '/api/things': { get: { responses: { ...errors }, ...operation } } },
    components: { schemas: { Error: { type: 'object', properties: { message: { type: 'string' } } }, ...schemas } },
  };
}

describe('the OpenAPI contract rules', () => {
  it('pass a typed answer, a typed file and a 204', () => {
    const typed = documentWith({ responses: { 200: { description: 'ok', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } }, ...errors } });
    expect(contractProblems(typed, options)).toEqual({ untypedAnswers: [], vagueAnswers: [], untypedFields: [], undocumentedErrors: [] });
    const file = documentWith({ responses: { 200: { description: 'ok', content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } } }, ...errors } });
    expect(contractProblems(file, options).untypedAnswers).toEqual([]);
    const none = documentWith({ responses: { 204: { description: 'gone' }, ...errors } });
    expect(contractProblems(none, options).untypedAnswers).toEqual([]);
  });

  it('fail an operation whose success answer has no schema, or that has no success answer', () => {
    const untyped = documentWith({ responses: { 200: { description: 'ok' }, ...errors } });
    expect(contractProblems(untyped, options).untypedAnswers).toEqual(['GET /api/things: 200 has no schema']);
    const noSuccess = documentWith({ responses: { ...errors } });
    expect(contractProblems(noSuccess, options).untypedAnswers).toEqual(['GET /api/things: no 2xx answer']);
  });

  it('fail an answer typed only as an object, and a field with no type', () => {
    const vague = documentWith({ responses: { 200: { description: 'ok', content: { 'application/json': { schema: { type: 'object' } } } }, ...errors } });
    expect(contractProblems(vague, options).vagueAnswers).toEqual(['GET /api/things 200']);
    const field = documentWith({}, { Thing: { type: 'object', properties: { teamId: { type: 'object', nullable: true }, name: {} } } });
    expect(contractProblems(field, options).untypedFields).toEqual(['Thing.teamId', 'Thing.name']);
  });

  it('fail an operation with no error answer, a secured one without 401, and an error without the error body', () => {
    const bare = documentWith({ responses: { 204: { description: 'gone' } } });
    expect(contractProblems(bare, options).undocumentedErrors).toEqual(['GET /api/things: no error answer', 'GET /api/things: no 401']);
    expect(contractProblems(bare, { ...options, publicOperations: ['GET /api/things'] }).undocumentedErrors).toEqual(['GET /api/things: no error answer']);
    const plain = documentWith({ responses: { 204: { description: 'gone' }, ...errors, 409: { description: 'clash' } } });
    expect(contractProblems(plain, options).undocumentedErrors).toEqual(['GET /api/things: 409 without the error body']);
  });
});
