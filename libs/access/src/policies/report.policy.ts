import { holdsPermissionIn } from '../permissions.js';
import { ALLOW, deny, type Decision } from './decision.js';
import type { RequestContext } from '#core';

export function mayIngestReport(context: RequestContext, target: { authorityCode: string }): Decision {
  if (holdsPermissionIn(context, target.authorityCode, 'report.ingest')) return ALLOW;
  return deny(`Only a board member or council admin of authority ${target.authorityCode} may add its reports`);
}

export function mayUpdateReport(context: RequestContext, report: { authorityCode: string }): Decision {
  if (holdsPermissionIn(context, report.authorityCode, 'report.update')) return ALLOW;
  return deny("Only a board member of the authority may change a report's baseline date");
}
