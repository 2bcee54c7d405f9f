import { HttpStatus, type INestApplication } from '@nestjs/common';
import { DocumentBuilder, getSchemaPath, type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { ERROR_MEANINGS, ErrorResponseDto } from './api-errors.decorator.js';

export const BEARER_SCHEME = 'bearer';
export const SESSION_SCHEME = 'session';
export const CSRF_SCHEME = 'csrf';

const WRITES = new Set(['post', 'put', 'patch', 'delete']);
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/**
 * The OpenAPI document a council's scripts and reporting tools generate their clients from. Routes
 * are signed-in unless @Public() says otherwise (it marks the operation `security: [{}]`), as the
 * access guard has it; the errors every route shares are added here, from what the route is, so
 * a new route is documented without anyone remembering to.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle('improvement-tracker')
    .setDescription(
      'Inspection recommendations as tracked, owned, deadlined actions. Every route lives under /api. ' +
        'Scripts send a personal access token (POST /api/auth/tokens) as "Authorization: Bearer <token>"; ' +
        'a browser signed in through POST /api/auth/login sends the session cookie, and with it the X-CSRF-Token header on every write. ' +
        'Every error answers { statusCode, error, message, code } (the ErrorResponseDto schema).',
    )
    .setVersion('0.1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'it_pat_ personal access token', description: 'A personal access token from POST /api/auth/tokens (it_pat_...)' }, BEARER_SCHEME)
    .addCookieAuth(
      'it_session',
      { type: 'apiKey', in: 'cookie', description: 'The browser session set by POST /api/auth/login (named __Host-it_session where the tracker is served over https)' },
      SESSION_SCHEME,
    )
    .addApiKey({ type: 'apiKey', in: 'header', name: 'X-CSRF-Token', description: 'With the session cookie, on every write: the csrfToken from POST /api/auth/login or GET /api/auth/me' }, CSRF_SCHEME)
    .addSecurityRequirements(BEARER_SCHEME)
    .addSecurityRequirements(SESSION_SCHEME)
    .build();
  const document = SwaggerModule.createDocument(app, config, { extraModels: [ErrorResponseDto] });
  describeAccessAndErrors(document);
  // Refusals may carry details beyond those named: a client must not reject the body for them.
  const errorSchema = document.components?.schemas?.[ErrorResponseDto.name];
  if (errorSchema && !('$ref' in errorSchema)) errorSchema.additionalProperties = true;
  return document;
}

function describeAccessAndErrors(document: OpenAPIObject): void {
  const errorBody = { 'application/json': { schema: { $ref: getSchemaPath(ErrorResponseDto) } } };
  for (const item of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const isPublic = operation.security?.length === 1 && Object.keys(operation.security[0]!).length === 0;
      if (isPublic) operation.security = [];
      else if (WRITES.has(method)) operation.security = [{ [BEARER_SCHEME]: [] }, { [SESSION_SCHEME]: [], [CSRF_SCHEME]: [] }];
      const parameters = (operation.parameters ?? []) as { in?: string }[];
      const shared = [
        ...(parameters.length > 0 || operation.requestBody ? [HttpStatus.BAD_REQUEST] : []),
        ...(isPublic ? [] : [HttpStatus.UNAUTHORIZED, HttpStatus.FORBIDDEN]),
        // A record named in the path, the body or a filter may be one the caller cannot see.
        ...(!isPublic && (parameters.length > 0 || operation.requestBody) ? [HttpStatus.NOT_FOUND] : []),
        HttpStatus.INTERNAL_SERVER_ERROR,
        HttpStatus.SERVICE_UNAVAILABLE,
      ];
      for (const status of shared) {
        // A route that documents a status itself (health's 503 carries the health report) keeps it.
        operation.responses[status] ??= { description: ERROR_MEANINGS[status]!, content: errorBody };
      }
      // Errors documented on the route itself carry the same body.
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) >= 400 && response && !('$ref' in response) && !response.content) response.content = errorBody;
      }
    }
  }
}
