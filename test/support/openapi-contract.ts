import type { OpenAPIV3 } from 'openapi-types';

/**
 * What the OpenAPI document must give a client generated from it, as lists of what falls short
 * (empty when the document keeps the contract). Plain data in, plain data out, so the rules are
 * tested on small documents as well as on the one the application serves.
 */
export interface ContractProblems {
  /** Operations without a 2xx answer that has a schema (a 204 needs none). */
  untypedAnswers: string[];
  /** JSON answers typed only as `object`: a generated client reads them as `Record<string, unknown>`. */
  vagueAnswers: string[];
  /** Schema fields with no type (a TypeScript union the decorators could not read). */
  untypedFields: string[];
  /** Operations without an error answer, secured ones without a 401, or errors without the error body. */
  undocumentedErrors: string[];
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch'] as const;

export function operationsOf(document: OpenAPIV3.Document): { name: string; operation: OpenAPIV3.OperationObject }[] {
  return Object.entries(document.paths).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item?.[method] ? [{ name: `${method.toUpperCase()} ${path}`, operation: item[method]! }] : [])),
  );
}

export function contractProblems(
  document: OpenAPIV3.Document,
  options: { publicOperations: string[]; errorSchema: string; ownErrorBodies?: string[] },
): ContractProblems {
  const problems: ContractProblems = { untypedAnswers: [], vagueAnswers: [], untypedFields: [], undocumentedErrors: [] };
  for (const { name, operation } of operationsOf(document)) {
    const responses = Object.entries(operation.responses) as [string, OpenAPIV3.ResponseObject][];
    const success = responses.filter(([status]) => status.startsWith('2'));
    if (success.length === 0) problems.untypedAnswers.push(`${name}: no 2xx answer`);
    for (const [status, response] of success) {
      if (status === '204') continue;
      const typed = Object.values(response.content ?? {}).some((media) => media.schema && ('$ref' in media.schema || media.schema.type || media.schema.oneOf));
      if (!typed) problems.untypedAnswers.push(`${name}: ${status} has no schema`);
    }
    for (const [status, response] of responses) {
      const schema = response.content?.['application/json']?.schema;
      if (!schema || '$ref' in schema || schema.oneOf) continue;
      const items = schema.type === 'array' ? schema.items : schema;
      if (!('$ref' in items) && !items.properties) problems.vagueAnswers.push(`${name} ${status}`);
    }
    const errors = responses.filter(([status]) => Number(status) >= 400);
    if (errors.length === 0) problems.undocumentedErrors.push(`${name}: no error answer`);
    if (!options.publicOperations.includes(name) && !operation.responses['401']) problems.undocumentedErrors.push(`${name}: no 401`);
    for (const [status, response] of errors) {
      const schema = response.content?.['application/json']?.schema;
      const ref = schema && '$ref' in schema ? schema.$ref : undefined;
      if (ref !== options.errorSchema && !options.ownErrorBodies?.includes(`${name} ${status}`)) problems.undocumentedErrors.push(`${name}: ${status} without the error body`);
    }
  }
  for (const [name, schema] of Object.entries(document.components?.schemas ?? {})) {
    for (const [field, property] of Object.entries((schema as OpenAPIV3.SchemaObject).properties ?? {})) {
      if ('$ref' in property || property.allOf || property.oneOf || property.anyOf) continue;
      const emptyObject = property.type === 'object' && !property.properties && property.additionalProperties === undefined;
      if ((!property.type && !property.enum) || emptyObject) problems.untypedFields.push(`${name}.${field}`);
    }
  }
  return problems;
}
