import type { RequestContext, RoleGrant } from '#core';

/** The signed-in user as a request needs them; the full account is AccountsService.view(). */
export interface CallerUser {
  id: number;
  email: string;
  displayName: string;
}

/** Who a request comes from, once its token or session cookie has been checked. */
export interface AuthenticatedCaller {
  user: CallerUser;
  context: RequestContext;
  method: 'token' | 'session';
  /** Set for cookie sessions: the CSRF token unsafe requests must echo. */
  csrfSecret?: string;
  sessionId?: number;
  tokenId?: number;
}

/**
 * What a user may reach follows from their grants alone: an admin of the whole deployment (an
 * admin grant with no authority) sees every authority; anyone else the authorities they hold a
 * role in, in a stable order.
 */
export function contextOf(user: CallerUser, roles: readonly RoleGrant[]): RequestContext {
  const isAdmin = roles.some((grant) => grant.role === 'admin' && grant.authorityCode === null);
  const authorities = isAdmin ? ('all' as const) : [...new Set(roles.map((grant) => grant.authorityCode as string))].sort();
  return { userId: user.id, actorName: user.displayName, authorities, roles, isAdmin };
}
