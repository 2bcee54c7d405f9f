import { randomBytes } from 'node:crypto';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import nunjucks from 'nunjucks';
import { fieldWords, longDate, longDateTime, ragTag, statusTag } from './labels.js';
import { TemplateLoader, trimFilter } from './template-filters.js';
import { WEB_PATHS } from './web-paths.js';
import { ADDRESSEE_WORDING, STATUS_WORDING, TIMEFRAME_WORDING } from '#core';
import { reportFormatTitle } from '#extraction';

const ONE_HOUR = 60 * 60 * 1000;

/**
 * The pages: Nunjucks templates (the service's own, then GOV.UK Frontend's macros), and the
 * stylesheet and scripts under /assets.
 */
export function configureWeb(app: NestExpressApplication): void {
  const environment = new nunjucks.Environment(new TemplateLoader([WEB_PATHS.views, WEB_PATHS.govukFrontend]), { autoescape: true });
  environment.express(app.getHttpAdapter().getInstance());
  environment.addFilter('trim', trimFilter);
  environment.addFilter('longDate', longDate);
  environment.addFilter('longDateTime', longDateTime);
  environment.addFilter('ragTag', ragTag);
  environment.addFilter('statusTag', statusTag);
  environment.addFilter('statusLabel', (status: keyof typeof STATUS_WORDING) => STATUS_WORDING[status] ?? status);
  environment.addFilter('timeframeLabel', (timeframe: keyof typeof TIMEFRAME_WORDING) => TIMEFRAME_WORDING[timeframe] ?? timeframe);
  environment.addFilter('addresseeLabel', (addressee: keyof typeof ADDRESSEE_WORDING) => ADDRESSEE_WORDING[addressee] ?? addressee);
  environment.addFilter('fieldLabel', fieldWords);
  environment.addFilter('reportFormatLabel', (format: string) => reportFormatTitle(format));
  app.setViewEngine('njk');

  const file = (path: string, source: string) =>
    app.use(path, (request: Request, response: Response, next: NextFunction) => (request.method === 'GET' || request.method === 'HEAD' ? response.sendFile(source, { maxAge: ONE_HOUR }) : next()));
  file('/assets/application.css', WEB_PATHS.stylesheet);
  file('/assets/application.js', `${WEB_PATHS.scripts}/application.js`);
  file('/assets/govuk-frontend.min.js', WEB_PATHS.govukScript);
  app.useStaticAssets(WEB_PATHS.govukAssets, { prefix: '/assets/', maxAge: ONE_HOUR, index: false });
}

/**
 * Before a page's security headers are written: a fresh nonce for its one inline script, and no
 * copy kept by the browser or a proxy, since pages show a council's casework to whoever is signed in.
 */
export function preparePageResponse(response: Response): void {
  response.locals.cspNonce = randomBytes(16).toString('base64');
  response.setHeader('Cache-Control', 'no-store');
}

/** The script source a page's content security policy allows besides its own origin. */
export function pageScriptNonce(_request: unknown, response: unknown): string {
  return `'nonce-${(response as Response).locals.cspNonce as string}'`;
}
