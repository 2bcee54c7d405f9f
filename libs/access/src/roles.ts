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
