/**
 * The roles a user can hold; each is scoped to one authority, except an admin's, which may be global.
 * A council admin sets up one council: its teams, people, roles and reminder contacts.
 */
export const ROLES = ['admin', 'council_admin', 'board_member', 'team_member', 'lscb_chair', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** One role held by the caller, as carried on the request context. */
export interface RoleGrant {
  role: Role;
  /** null only for an admin of the whole deployment. */
  authorityCode: string | null;
  /** The team a team_member works in; null for every other role. */
  teamId: number | null;
}

/** The roles a council's own pages offer, in the order they list them. */
export const COUNCIL_ROLES = ['board_member', 'team_member', 'lscb_chair', 'viewer', 'council_admin'] as const satisfies readonly Role[];
export type CouncilRole = (typeof COUNCIL_ROLES)[number];

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

/** Whether the caller may see an authority's data at all; another authority's data is "not found" to them. */
export function canSeeAuthority(context: RequestContext, authorityCode: string): boolean {
  return context.authorities === 'all' || context.authorities.includes(authorityCode);
}
