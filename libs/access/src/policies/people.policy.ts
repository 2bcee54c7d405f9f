import { holdsPermissionIn, isGlobalAdmin } from '../permissions.js';
import { ALLOW, deny, type Decision } from './decision.js';
import type { RequestContext, RoleGrant } from '#core';

/** A council's people, their roles and its reminder contacts: its council admins, and admins. */
export function mayAdministerCouncil(context: RequestContext, target: { authorityCode: string }): Decision {
  if (holdsPermissionIn(context, target.authorityCode, 'council.administer')) return ALLOW;
  return deny("Only a council admin of the authority may manage its people and reminder contacts");
}

/**
 * Which roles a council admin may hand out: any of their council's, but never an admin role, which
 * reaches further than one council's pages and is the deployment's to give.
 */
export function mayGrantRole(context: RequestContext, grant: RoleGrant): Decision {
  if (isGlobalAdmin(context)) return ALLOW;
  if (grant.role === 'admin' || grant.authorityCode === null) return deny('Only an administrator of the whole deployment may make someone an admin');
  return mayAdministerCouncil(context, { authorityCode: grant.authorityCode });
}

/**
 * Deactivating an account, or sending it a password reset, reaches every council it works for, so a
 * council admin may do it only to people who work for councils they administer, and never to an
 * admin of the deployment. Their roles here can always be taken away instead.
 */
export function mayManageAccount(context: RequestContext, target: { userId: number; roles: readonly RoleGrant[] }): Decision {
  if (isGlobalAdmin(context)) return ALLOW;
  if (target.roles.some((grant) => grant.authorityCode === null)) return deny('Only an administrator of the whole deployment may change the account of another administrator');
  const elsewhere = target.roles.filter((grant) => !holdsPermissionIn(context, grant.authorityCode!, 'council.administer'));
  if (elsewhere.length > 0 || target.roles.length === 0) {
    return deny('This person also works for another council: take away their roles here instead, or ask an administrator of the whole deployment');
  }
  return ALLOW;
}
