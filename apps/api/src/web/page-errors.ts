import { HttpStatus } from '@nestjs/common';
import type { Request, Response } from 'express';

/** Requests for pages, as opposed to the API, its documentation and static files. */
export function isPageRequest(request: Request): boolean {
  const path = request.path;
  return !(path === '/api' || path.startsWith('/api/') || path.startsWith('/assets/'));
}

interface PageErrorInput {
  statusCode: number;
  message: string | string[];
  errorId?: string;
}

/**
 * Where a page request goes after a redirect to sign in: only ever a path on this site. No
 * whitespace, control characters or backslashes at all: browsers drop tabs and line breaks from a
 * URL and read a backslash as "/", which would turn "/<tab>/evil.example" into another site.
 */
export function safeNextPath(candidate: unknown): string {
  return typeof candidate === 'string' && /^\/(?!\/)[^\s\\\u0000-\u001f\u007f]*$/.test(candidate) ? candidate : '/';
}

/**
 * The page a person sees when something stops them: signed out → the sign-in page (coming back
 * here afterwards), otherwise an error page in plain words. The API keeps its JSON errors.
 */
export function renderPageError(request: Request, response: Response, error: PageErrorInput): void {
  if (error.statusCode === HttpStatus.UNAUTHORIZED) {
    const next = request.method === 'GET' ? `?next=${encodeURIComponent(request.originalUrl)}` : '';
    response.redirect(303, `/sign-in${next}`);
    return;
  }
  const message = Array.isArray(error.message) ? error.message.join('; ') : error.message;
  const page = PAGES[error.statusCode] ?? (error.statusCode >= 500 ? PAGES[500] : { title: 'There is a problem', paragraphs: [message] });
  response.status(error.statusCode).render('error', {
    title: page.title,
    paragraphs: page.paragraphs.map((paragraph) => paragraph.replace('{message}', message)),
    errorId: error.errorId,
  });
}

const PAGES: Record<number, { title: string; paragraphs: string[] }> = {
  [HttpStatus.FORBIDDEN]: { title: 'You cannot do that', paragraphs: ['{message}.'] },
  [HttpStatus.NOT_FOUND]: {
    title: 'Page not found',
    paragraphs: ['If you typed the web address, check it is correct.', 'If you followed a link, the item may have been removed or may belong to another council.'],
  },
  [HttpStatus.GONE]: { title: 'This file has been removed', paragraphs: ['{message}'] },
  [HttpStatus.PAYLOAD_TOO_LARGE]: { title: 'The file is too large', paragraphs: ['{message}.'] },
  [HttpStatus.TOO_MANY_REQUESTS]: { title: 'Too many attempts', paragraphs: ['{message}.', 'Wait a minute, then try again.'] },
  [HttpStatus.INTERNAL_SERVER_ERROR]: { title: 'Sorry, there is a problem with the service', paragraphs: ['Try again later. Nothing you entered on the last page was saved.'] },
};
