import { holdsPermissionIn } from '../permissions.js';
import { ALLOW, deny, type Decision } from './decision.js';
import type { RequestContext } from '#core';

export function mayManageTeam(context: RequestContext, team: { authorityCode: string }): Decision {
  if (holdsPermissionIn(context, team.authorityCode, 'team.manage')) return ALLOW;
  return deny('Only a board member or council admin of the authority may create, change or delete its teams');
}
