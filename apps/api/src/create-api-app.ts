import { collectMessages } from './http/validation-messages.js';
import { ConsoleLogger, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import type { NextFunction, Request, Response } from 'express';
import helmet from 'helmet';
import { AppConfig, loadConfig, loadConfigFromEnvironment, trustedProxiesOf } from '#config';
import { TrackingErrorCode, TrackingException } from '#tracking';
import { ApiModule } from './app.module.js';
import { bodyParsers } from './http/body-limits.js';
import { buildOpenApiDocument } from './http/openapi-document.js';
import { QueryValidationPipe } from './http/query-validation.pipe.js';
import { configureWeb, pageScriptNonce, preparePageResponse } from './web/configure-web.js';
import { isPageRequest } from './web/page-errors.js';

export interface CreateApiAppOptions {
  env?: Record<string, string | undefined>;
  /** Tests silence request logs; the applications keep them. */
  logger?: false;
}

/** Builds the configured HTTP application (used by main.ts and by the e2e tests). */
export async function createApiApp(options: CreateApiAppOptions = {}): Promise<INestApplication> {
  const config = options.env ? loadConfig(options.env) : loadConfigFromEnvironment();
  const logger = options.logger === false ? false : new ConsoleLogger({ json: config.LOG_FORMAT === 'json', logLevels: logLevelsFrom(config.LOG_LEVEL) });
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(options.env), { logger, bodyParser: false });
  configureApiApp(app);
  return app;
}

/** Body parsers, prefix, validation, shutdown hooks and the OpenAPI document: shared with the tests. */
export function configureApiApp(app: INestApplication): void {
  const express = app as NestExpressApplication;
  // request.ip (rate limits, logs) believes X-Forwarded-For only from the proxies TRUSTED_PROXIES names.
  const proxies = trustedProxiesOf(app.get(AppConfig));
  express.set('trust proxy', proxies.length > 0 ? proxies : false);
  express.use(securityHeaders(app.get(AppConfig).PUBLIC_URL.startsWith('https:')));
  // A few KB on every route that takes no upload, read before authentication; reports take MAX_UPLOAD_BYTES.
  express.use(bodyParsers(app.get(AppConfig).MAX_UPLOAD_BYTES));
  // A post with no body, or of a type no parser reads, is an empty form: every handler then says
  // what is missing, instead of failing on a body that is not there.
  express.use(emptyBodyAsEmptyForm);
  app.useGlobalPipes(
    new QueryValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: (errors) =>
        new TrackingException(
          TrackingErrorCode.INVALID_INPUT,
          errors.flatMap((error) => collectMessages(error)).join('; '),
        ),
    }),
  );
  app.enableShutdownHooks();
  configureWeb(express);

  const document = buildOpenApiDocument(app);
  SwaggerModule.setup('api/docs', app, document, { jsonDocumentUrl: 'api/docs-json' });
}

/**
 * helmet's defaults everywhere. Pages may also run the GOV.UK template's one inline script, by
 * its per-request nonce; the Swagger UI page alone needs inline styles and scripts and data:
 * images, so only /api/docs gets a relaxed content security policy. `upgrade-insecure-requests`
 * only where the tracker is served over https: on a plain-http intranet it would send the
 * browser to an https address that does not answer. API answers are never kept by a browser or
 * a proxy: they carry a council's casework.
 */
function securityHeaders(https: boolean) {
  const upgrade: Record<string, null> = https ? {} : { upgradeInsecureRequests: null };
  const strict = helmet({ contentSecurityPolicy: { directives: { ...upgrade } } });
  const pages = helmet({ contentSecurityPolicy: { directives: { scriptSrc: ["'self'", pageScriptNonce], ...upgrade } } });
  const docs = helmet({
    contentSecurityPolicy: {
      directives: { scriptSrc: ["'self'", "'unsafe-inline'"], styleSrc: ["'self'", "'unsafe-inline'"], imgSrc: ["'self'", 'data:', 'https:'], ...upgrade },
    },
  });
  return (request: Request, response: Response, next: NextFunction) => {
    const isDocs = request.path === '/api/docs' || request.path.startsWith('/api/docs/');
    if (isDocs) return docs(request, response, next);
    if (!isPageRequest(request)) {
      if (request.path.startsWith('/api/')) response.setHeader('Cache-Control', 'no-store');
      return strict(request, response, next);
    }
    preparePageResponse(response);
    pages(request, response, next);
  };
}

function emptyBodyAsEmptyForm(request: Request, _response: Response, next: NextFunction): void {
  if (request.body === undefined) request.body = {};
  next();
}

function logLevelsFrom(level: AppConfig['LOG_LEVEL']) {
  const order = ['fatal', 'error', 'warn', 'log', 'debug', 'verbose'] as const;
  return order.slice(0, order.indexOf(level) + 1);
}
