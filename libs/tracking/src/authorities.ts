import type { EntityManager, Repository } from 'typeorm';
import { Authority } from '#database';
import { AUTHORITY_DIRECTORY } from '#extraction';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { canSeeAuthority, type RequestContext } from '#core';

/** Authorities come from the shipped directory; a row is created the first time one is used. */
export async function ensureAuthority(manager: EntityManager, code: string): Promise<void> {
  if (await manager.exists(Authority, { where: { code } })) return;
  const row = AUTHORITY_DIRECTORY.find((candidate) => candidate.onsCode === code);
  if (!row) throw new TrackingException(TrackingErrorCode.UNKNOWN_AUTHORITY, `${code} is not the ONS code of an English local authority`);
  await manager.insert(Authority, { code, name: row.name, otherNames: [...row.alsoKnownAs], region: row.region, authorityType: row.authorityType });
}

/** An authority the caller may see; another's is "not found", exactly like one that does not exist. */
export async function findVisibleAuthority(authorities: Repository<Authority>, context: RequestContext, code: string): Promise<Authority> {
  const authority = canSeeAuthority(context, code) ? await authorities.findOne({ where: { code } }) : null;
  if (!authority) throw TrackingException.notFound('Authority', code);
  return authority;
}
