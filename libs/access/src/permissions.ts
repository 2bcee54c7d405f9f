import type { RequestContext, Role, RoleGrant } from '#core';

/**
 * What a route needs before any resource is loaded. The guard asks whether the caller holds the
 * permission in at least one authority; the resource policies then decide for the authority and
 * the resource actually touched.
 */
export type Permission =
  | 'read'
  | 'report.ingest'
  | 'report.update'
  | 'action.create'
  | 'action.update'
  | 'action.progress'
  | 'action.review'
  /** Raise a challenge on an action, close it or challenge again: the LSCB chair and the board. */
  | 'action.challenge'
  | 'team.manage'
  /** A council's people, their roles and its reminder contacts. */
  | 'council.administer'
  /** Every account of the deployment, through /api/users. */
  | 'users.manage'
  /** A council's data exported or deleted: only administrators of the whole deployment. */
  | 'deployment.operate';

const READ_ONLY: readonly Permission[] = ['read'];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  admin: ['read', 'report.ingest', 'report.update', 'action.create', 'action.update', 'action.progress', 'action.review', 'action.challenge', 'team.manage', 'council.administer', 'users.manage', 'deployment.operate'],
  // Sets a council up: uploads its report, manages teams, people and contacts, and triages owners
  // (narrowed by the action policy to the owning team and lead officer). Progress and sign-off stay the board's.
  council_admin: ['read', 'report.ingest', 'action.update', 'team.manage', 'council.administer'],
  board_member: ['read', 'report.ingest', 'report.update', 'action.create', 'action.update', 'action.progress', 'action.challenge', 'team.manage'],
  // Narrowed further by the action policy to actions their own team owns, and to status and notes.
  team_member: ['read', 'action.update', 'action.progress'],
  lscb_chair: ['read', 'action.review', 'action.challenge'],
  viewer: READ_ONLY,
};

/**
 * The deployment's own admins and the system itself (seeding, the reminder worker) may do anything.
 * A context built without role information but scoped to everything is the system's.
 */
export function isGlobalAdmin(context: RequestContext): boolean {
  return context.isAdmin ?? (context.authorities === 'all' && context.roles === undefined);
}

/** The caller's roles that apply in one authority: those held there, plus a global admin role. */
export function rolesIn(context: RequestContext, authorityCode: string): RoleGrant[] {
  return (context.roles ?? []).filter((grant) => grant.authorityCode === authorityCode || grant.authorityCode === null);
}

export function holdsPermission(grant: RoleGrant, permission: Permission): boolean {
  if (permission === 'users.manage' || permission === 'deployment.operate') return grant.role === 'admin' && grant.authorityCode === null;
  return ROLE_PERMISSIONS[grant.role].includes(permission);
}

/** Whether the caller could use a route at all: some role, somewhere, grants the permission. */
export function holdsPermissionSomewhere(context: RequestContext, permission: Permission): boolean {
  if (isGlobalAdmin(context)) return true;
  return (context.roles ?? []).some((grant) => holdsPermission(grant, permission));
}

/** Whether the caller holds the permission in this authority. */
export function holdsPermissionIn(context: RequestContext, authorityCode: string, permission: Permission): boolean {
  if (isGlobalAdmin(context)) return true;
  return rolesIn(context, authorityCode).some((grant) => holdsPermission(grant, permission));
}
