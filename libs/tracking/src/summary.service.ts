import { Injectable } from '@nestjs/common';
import { AppConfig } from '#config';
import { findVisibleAuthority } from './authorities.js';
import { AuthorityRepository } from './authority.repository.js';
import { summaryFigures, type AuthoritySummary } from './summary-figures.js';
import { SummaryRepository } from './summary.repository.js';
import { canSeeAuthority, Clock, type RequestContext } from '#core';
import { TrackingException } from './tracking.exception.js';

/** What a board sees first: where the authority's action plan stands today. */
@Injectable()
export class SummaryService {
  constructor(
    private readonly authorities: AuthorityRepository,
    private readonly summaries: SummaryRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async forAuthority(code: string, context: RequestContext): Promise<AuthoritySummary> {
    const authority = await findVisibleAuthority(this.authorities, context, code);
    return this.figuresOf({ code, name: authority.name });
  }

  /**
   * The same figures for an authority a page has just read for this caller, without reading it
   * again; the caller's scope is still checked here.
   */
  forReadAuthority(authority: { code: string; name: string }, context: RequestContext): Promise<AuthoritySummary> {
    if (!canSeeAuthority(context, authority.code)) throw TrackingException.notFound('Authority', authority.code);
    return this.figuresOf({ code: authority.code, name: authority.name });
  }

  private async figuresOf(authority: { code: string; name: string }): Promise<AuthoritySummary> {
    const { code } = authority;
    const [groups, reports, openItems] = await Promise.all([this.summaries.actionGroups(code), this.summaries.reports(code), this.summaries.openItems(code)]);
    return summaryFigures({ authority, today: this.clock.today(), basis: this.config.RAG_BASIS, groups, reports, ...openItems });
  }
}
