import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import { AppConfig } from '#config';
import { Authority } from '#database';
import { findVisibleAuthority } from './authorities.js';
import { summaryFigures, type AuthoritySummary } from './summary-figures.js';
import { SummaryRepository } from './summary.repository.js';
import { Clock, type RequestContext } from '#core';

/** What a board sees first: where the authority's action plan stands today. */
@Injectable()
export class SummaryService {
  constructor(
    @InjectRepository(Authority) private readonly authorities: Repository<Authority>,
    private readonly summaries: SummaryRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async forAuthority(code: string, context: RequestContext): Promise<AuthoritySummary> {
    const authority = await findVisibleAuthority(this.authorities, context, code);
    const today = this.clock.today();
    const [groups, reports, openItems] = await Promise.all([this.summaries.actionGroups(code), this.summaries.reports(code), this.summaries.openItems(code)]);
    return summaryFigures({ authority: { code, name: authority.name }, today, basis: this.config.RAG_BASIS, groups, reports, ...openItems });
  }
}
