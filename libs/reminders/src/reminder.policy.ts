import { ALLOW, deny, isGlobalAdmin, type Decision } from '#access';
import type { RequestContext } from '#core';

/** A sweep reminds every authority's teams and chairs at once, so only the deployment's administrators may start one. */
export function mayRunReminderSweep(context: RequestContext): Decision {
  return isGlobalAdmin(context) ? ALLOW : deny('Only an administrator of the deployment may run the reminder sweep: it reminds every authority');
}
