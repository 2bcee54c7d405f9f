import type { RoleGrant } from '#access';

/** Who is acting, and which authorities' data they may see. Every service call carries one. */
export interface RequestContext {
  /** null for the system itself (seeding, the reminder worker). */
  userId: number | null;
  /** Shown in the journal against every change. */
  actorName: string;
  /** ONS codes the caller may read; `'all'` for admins and the system. */
  authorities: 'all' | readonly string[];
  /** The roles behind `authorities`; the resource policies of #access decide writes from them. */
  roles?: readonly RoleGrant[];
  /** Administers the whole deployment (and the system itself): every check passes. */
  isAdmin?: boolean;
}

export const SYSTEM_CONTEXT: RequestContext = { userId: null, actorName: 'system', authorities: 'all', roles: [], isAdmin: true };

export function canSeeAuthority(context: RequestContext, authorityCode: string): boolean {
  return context.authorities === 'all' || context.authorities.includes(authorityCode);
}
