import { applyDecorators, type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, SetMetadata, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Observable } from 'rxjs';
import { checkCsrf, type AuthenticatedRequest } from './access.guard.js';
import { CSRF_IN_MULTIPART_BODY } from './access.decorators.js';

/** Checks a multipart form's CSRF token once the form has been read (the guard runs before that). */
@Injectable()
class CsrfFromMultipartBody implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = execution.switchToHttp().getRequest<AuthenticatedRequest>();
    if (request.caller?.method === 'session' && request.is('multipart/form-data')) checkCsrf(request, request.caller.csrfSecret!);
    return next.handle();
  }
}

/**
 * A route taking one file as the multipart field `field`. A browser form sends its CSRF token as
 * the hidden field `_csrf` beside the file, rather than in the address.
 */
export const FileUpload = (field: string) =>
  applyDecorators(SetMetadata(CSRF_IN_MULTIPART_BODY, true), UseInterceptors(FileInterceptor(field), CsrfFromMultipartBody));

/** The same check for a route whose multipart form is read by an interceptor of its own. */
export const MultipartFormWith = (reader: Parameters<typeof UseInterceptors>[0]) =>
  applyDecorators(SetMetadata(CSRF_IN_MULTIPART_BODY, true), UseInterceptors(reader, CsrfFromMultipartBody));
