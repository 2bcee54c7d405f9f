import { Injectable } from '@nestjs/common';
import { canSeeAuthority, type RequestContext } from '#core';
import { findVisibleAuthority } from './authorities.js';
import { AuthorityRepository, type AuthorityName } from './authority.repository.js';

/** The councils a caller may see, by code and name: what every page's heading and choices are made from. */
@Injectable()
export class AuthoritiesService {
  constructor(private readonly authorities: AuthorityRepository) {}

  /** The authorities the caller may see, by name. */
  visible(context: RequestContext): Promise<AuthorityName[]> {
    return this.authorities.namedAmong(context.authorities);
  }

  /** One authority the caller may see; another council's is "not found", as one that does not exist. */
  find(context: RequestContext, code: string): Promise<AuthorityName> {
    return findVisibleAuthority(this.authorities, context, code);
  }

  /** One authority the caller may see, or null when it has no data here yet (a first report is on its way). */
  async known(context: RequestContext, code: string): Promise<AuthorityName | null> {
    return canSeeAuthority(context, code) ? this.authorities.named(code) : null;
  }
}
