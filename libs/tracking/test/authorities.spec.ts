import { describe, expect, it } from 'vitest';
import type { RequestContext } from '#core';
import { findVisibleAuthority } from '../src/authorities.js';
import { TrackingErrorCode, TrackingException } from '../src/tracking.exception.js';

const BRENT = 'E09000005';
const BARNET = 'E09000003';

const memberOf = (...authorities: string[]): RequestContext => ({ userId: 1, actorName: 'Board member', authorities, roles: [], isAdmin: false });
const admin: RequestContext = { userId: 2, actorName: 'Administrator', authorities: 'all', roles: [], isAdmin: true };

/** The deployment's authorities, recording which codes were looked up. */
function held(names: Record<string, string>) {
  const asked: string[] = [];
  return {
    asked,
    named: async (code: string) => {
      asked.push(code);
      return Object.hasOwn(names, code) ? { code, name: names[code] } : null;
    },
  };
}

async function refusal(promise: Promise<unknown>): Promise<TrackingException> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(TrackingException);
  return error as TrackingException;
}

describe('findVisibleAuthority', () => {
  it('gives the code and name of an authority the caller may see', async () => {
    expect(await findVisibleAuthority(held({ [BRENT]: 'Brent' }), memberOf(BRENT), BRENT)).toEqual({ code: BRENT, name: 'Brent' });
    expect(await findVisibleAuthority(held({ [BRENT]: 'Brent', [BARNET]: 'Barnet' }), admin, BARNET)).toEqual({ code: BARNET, name: 'Barnet' });
  });

  it('answers another council as not found, like one that does not exist, without reading it', async () => {
    const authorities = held({ [BRENT]: 'Brent', [BARNET]: 'Barnet' });
    const other = await refusal(findVisibleAuthority(authorities, memberOf(BRENT), BARNET));
    const missing = await refusal(findVisibleAuthority(authorities, memberOf(BRENT, 'E09000001'), 'E09000001'));
    expect(other.code).toBe(TrackingErrorCode.NOT_FOUND);
    expect(missing.code).toBe(TrackingErrorCode.NOT_FOUND);
    expect(other.message).toBe(`Authority ${BARNET} was not found`);
    expect(authorities.asked).toEqual(['E09000001']);
  });
});
