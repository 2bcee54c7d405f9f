import { PayloadTooLargeException } from '@nestjs/common';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';

/**
 * The largest JSON, form or text body a route that takes no upload accepts: room for the longest
 * thing anyone types (a 10,000-character note with its 20 evidence links, about 50 KB), far below
 * what parsing would cost if a stranger could send megabytes before being asked who they are.
 * Body parsers run before authentication, so this is what an anonymous request can make the API read.
 */
export const SMALL_BODY_BYTES = 64 * 1024;

/**
 * Routes whose body is a whole report: `POST /api/reports` takes its text as text/plain or JSON,
 * with a corrected list of up to 500 recommendations. They take up to MAX_UPLOAD_BYTES. Files
 * (reports on the upload page, evidence) come as multipart and are read, with their own limits,
 * by the route once the caller is known.
 */
const REPORT_BODY_ROUTES: readonly { method: string; path: string }[] = [{ method: 'POST', path: '/api/reports' }];

export function takesReportBody(request: Pick<Request, 'method' | 'path'>): boolean {
  const path = request.path.length > 1 && request.path.endsWith('/') ? request.path.slice(0, -1) : request.path;
  return REPORT_BODY_ROUTES.some((route) => route.method === request.method && route.path === path);
}

/** JSON, urlencoded and text parsers: small everywhere, MAX_UPLOAD_BYTES on the report routes; 413 with what to do above. */
export function bodyParsers(maxUploadBytes: number): RequestHandler {
  const textTypes = ['text/plain', 'text/markdown', 'text/x-markdown'];
  const small = parsers(SMALL_BODY_BYTES, () =>
    new PayloadTooLargeException(`The request body is larger than the ${SMALL_BODY_BYTES / 1024} KB this address accepts: send less text`),
  );
  const large = parsers(maxUploadBytes, () =>
    new PayloadTooLargeException(`The request body is larger than ${megabytes(maxUploadBytes)}: send a smaller report or upload it as a file`),
  );
  return (request, response, next) => (takesReportBody(request) ? large : small)(request, response, next);

  function parsers(limit: number, tooLarge: () => PayloadTooLargeException): RequestHandler {
    const chain = [
      express.json({ limit }),
      express.urlencoded({ extended: false, limit }),
      express.text({ type: textTypes, limit }),
    ];
    return (request: Request, response: Response, next: NextFunction) => {
      const run = (index: number) => (error?: unknown) => {
        if (error) return next((error as { type?: string }).type === 'entity.too.large' ? tooLarge() : error);
        if (index === chain.length) return next();
        chain[index](request, response, run(index + 1));
      };
      run(0)();
    };
  }
}

function megabytes(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB` : `${Math.round(bytes / 1024)} KB`;
}
