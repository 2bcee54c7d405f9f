import {
  mayActOnChallenge,
  mayAddProgress,
  mayChallengeAction,
  mayCreateAction,
  mayDecideDateChange,
  mayPlanAction,
  mayRecordDelivery,
  mayRequestDateChange,
  mayReviewAction,
  mayUpdateAction,
} from './action.policy.js';
import { enforce, type Decision } from './decision.js';
import { mayAdministerCouncil, mayGrantRole, mayManageAccount } from './people.policy.js';
import { mayIngestReport, mayUpdateReport } from './report.policy.js';
import { mayManageTeam } from './team.policy.js';
import type { RequestContext } from '#core';

export * from './action.policy.js';
export * from './decision.js';
export * from './people.policy.js';
export * from './report.policy.js';
export * from './team.policy.js';

/** Every change a service checks against the loaded resource, by the permission that names it. */
const POLICIES = {
  'action.update': mayUpdateAction,
  'action.progress': mayAddProgress,
  'action.review': mayReviewAction,
  'action.create': mayCreateAction,
  'action.challenge': mayChallengeAction,
  'challenge.act': mayActOnChallenge,
  'date.request': mayRequestDateChange,
  'date.decide': mayDecideDateChange,
  'action.plan': mayPlanAction,
  'action.deliver': mayRecordDelivery,
  'report.ingest': mayIngestReport,
  'report.update': mayUpdateReport,
  'team.manage': mayManageTeam,
  'council.administer': mayAdministerCouncil,
  'role.grant': mayGrantRole,
  'account.manage': mayManageAccount,
} satisfies Record<string, (context: RequestContext, ...rest: never[]) => Decision>;

type Policies = typeof POLICIES;
type ResourceArguments<K extends keyof Policies> = Policies[K] extends (context: RequestContext, ...rest: infer R) => Decision ? R : never;

/**
 * Called by the services once the resource is loaded (and known to be visible): throws 403 with
 * the reason when this caller may not make this change.
 */
export function assertMay<K extends keyof Policies>(context: RequestContext, permission: K, ...resource: ResourceArguments<K>): void {
  const policy = POLICIES[permission] as unknown as (context: RequestContext, ...rest: ResourceArguments<K>) => Decision;
  enforce(policy(context, ...resource));
}
