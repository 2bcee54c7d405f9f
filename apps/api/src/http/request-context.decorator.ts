import { createParamDecorator, type ExecutionContext, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import type { RequestContext } from '#core';

export interface RequestWithContext extends Request {
  context?: RequestContext;
}

/** The caller's identity and authority scope, as established by the authentication guard. */
export const Caller = createParamDecorator((_: unknown, execution: ExecutionContext): RequestContext => {
  const request = execution.switchToHttp().getRequest<RequestWithContext>();
  // The global guard sets it on every non-public route; a missing one must never mean "the system".
  if (!request.context) throw new UnauthorizedException('Sign in, or send a personal access token');
  return request.context;
});
