import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { LRUCache } from 'lru-cache';
import type { DataSource } from 'typeorm';
import { AppConfig } from '#config';
import { runSql, TransactionWatch } from '#database';
import { queryActionPage, type ActionFilters } from './action-list.query.js';
import { canSeeAuthority, Clock, type RequestContext } from '#core';

/** A page of actions as the JSON body to send, with a validator for conditional requests. */
export interface SerialisedPage {
  /** UTF-8 JSON: a cached page is encoded once, not on every send. */
  body: Buffer;
  /** Set when the body is determined by its key; otherwise the HTTP layer derives one from the body. */
  etag?: string;
}

/**
 * Action-list responses of one authority, kept ready to send. The key holds everything the page
 * depends on: the authority's data revision (which database triggers change with every write to
 * its actions, teams, reports and recommendations), today's date (RAG and days overdue move with
 * it) and the normalised filters. A write makes a new revision and so a new key at once, in every
 * process; stale entries simply age out of the LRU.
 *
 * Only pages confined to one authority the caller may see are cached, so one caller's entry can
 * only be served to another caller who may see that same authority.
 */
@Injectable()
export class ActionPageCache {
  private readonly pages: LRUCache<string, SerialisedPage> | null;
  private readonly ragBasis: AppConfig['RAG_BASIS'];

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly transactions: TransactionWatch,
    private readonly clock: Clock,
    config: AppConfig,
  ) {
    this.ragBasis = config.RAG_BASIS;
    const maxSize = config.LIST_CACHE_MB * 1024 * 1024;
    this.pages = maxSize > 0 ? new LRUCache<string, SerialisedPage>({ maxSize, sizeCalculation: (page) => page.body.length + 200 }) : null;
  }

  async page(requested: ActionFilters, context: RequestContext): Promise<SerialisedPage> {
    const today = this.clock.today();
    const filters = confinedToOneAuthority(requested, context);
    if (!this.pages || !filters.authority || !canSeeAuthority(context, filters.authority)) {
      return { body: await this.serialised(filters, context, today) };
    }
    // The revision is read before the page: a write landing in between is then either in the page
    // (newer rows under the older key, harmless) or makes a new key, never older rows under the new key.
    const mark = this.transactions.mark();
    const revision = await this.revisionOf(filters.authority);
    if (revision === null) return { body: await this.serialised(filters, context, today) };
    const key = cacheKey(filters, revision, today);
    const cached = this.pages.get(key);
    if (cached) return cached;
    const page: SerialisedPage = { body: await this.serialised(filters, context, today), etag: etagOf(key) };
    if (this.transactions.committedSince(mark)) this.pages.set(key, page);
    return page;
  }

  private async serialised(filters: ActionFilters, context: RequestContext, today: string): Promise<Buffer> {
    return Buffer.from(JSON.stringify(await queryActionPage(this.dataSource, filters, context, today, this.ragBasis)));
  }

  private async revisionOf(authority: string): Promise<number | null> {
    const rows = await runSql<{ data_revision: number | string }>(this.dataSource, 'SELECT data_revision FROM authorities WHERE code = :authority', { authority });
    return rows.length === 0 ? null : Number(rows[0].data_revision);
  }
}

/** A caller who sees one authority only gets the same page with or without naming it. */
function confinedToOneAuthority(filters: ActionFilters, context: RequestContext): ActionFilters {
  if (filters.authority || context.authorities === 'all' || context.authorities.length !== 1) return filters;
  return { ...filters, authority: context.authorities[0] };
}

function cacheKey(filters: ActionFilters, revision: number, today: string): string {
  const sorted = (values?: readonly string[]) => (values?.length ? [...values].sort().join(',') : '');
  return JSON.stringify([
    filters.authority,
    revision,
    today,
    filters.reportId ?? '',
    filters.teamId ?? '',
    filters.unassigned ? 1 : 0,
    filters.ids ? [...filters.ids].sort((a, b) => a - b).join(',') : '-',
    sorted(filters.status),
    sorted(filters.timeframe),
    sorted(filters.addressee),
    sorted(filters.rag),
    filters.overdue ? 1 : 0,
    filters.reprogrammed ? 1 : 0,
    filters.dueBefore ?? '',
    filters.dueAfter ?? '',
    filters.q?.trim().toLowerCase() ?? '',
    filters.sort ?? 'dueDate',
    filters.limit,
    filters.offset,
  ]);
}

function etagOf(key: string): string {
  return `W/"list-${createHash('sha1').update(key).digest('base64url')}"`;
}
