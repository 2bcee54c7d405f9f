import type { EntityManager } from 'typeorm';
import { Authority } from '#database';
import { AUTHORITY_DIRECTORY } from '#extraction';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';

/** Authorities come from the shipped directory; a row is created the first time one is used. */
export async function ensureAuthority(manager: EntityManager, code: string): Promise<void> {
  if (await manager.exists(Authority, { where: { code } })) return;
  const row = AUTHORITY_DIRECTORY.find((candidate) => candidate.onsCode === code);
  if (!row) throw new TrackingException(TrackingErrorCode.UNKNOWN_AUTHORITY, `${code} is not the ONS code of an English local authority`);
  await manager.insert(Authority, { code, name: row.name, otherNames: [...row.alsoKnownAs], region: row.region, authorityType: row.authorityType });
}
