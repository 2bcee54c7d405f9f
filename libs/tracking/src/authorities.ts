import type { Authority } from '#database';
import type { AuthorityName, AuthorityRepository } from './authority.repository.js';
import { AUTHORITY_DIRECTORY } from '#extraction';
import { TrackingErrorCode, TrackingException } from './tracking.exception.js';
import { refusal, type Refusal } from './workflow-errors.js';
import { canSeeAuthority, type RequestContext } from '#core';

/** Authorities come from the shipped directory: the row a code makes the first time it is used, or why it is refused. */
export function directoryAuthority(code: string): { ok: true; authority: Partial<Authority> } | Refusal {
  const row = AUTHORITY_DIRECTORY.find((candidate) => candidate.onsCode === code);
  if (!row) return refusal(TrackingErrorCode.UNKNOWN_AUTHORITY, `${code} is not the ONS code of an English local authority`);
  return { ok: true, authority: { code, name: row.name, otherNames: [...row.alsoKnownAs], region: row.region, authorityType: row.authorityType } };
}

/** The directory's authorities that are not among these codes. */
export function missingAuthorities(present: ReadonlySet<string>): string[] {
  return AUTHORITY_DIRECTORY.filter((row) => !present.has(row.onsCode)).map((row) => row.onsCode);
}

/** An authority the caller may see; another's is "not found", exactly like one that does not exist. */
export async function findVisibleAuthority(authorities: Pick<AuthorityRepository, 'named'>, context: RequestContext, code: string): Promise<AuthorityName> {
  const authority = canSeeAuthority(context, code) ? await authorities.named(code) : null;
  if (!authority) throw TrackingException.notFound('Authority', code);
  return authority;
}
