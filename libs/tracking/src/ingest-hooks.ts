import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** What another library does when a report is stored, inside the same transaction (the board links repeated recommendations). */
export interface IngestHook {
  reportStored(manager: EntityManager, report: { id: number; authorityCode: string }): Promise<void>;
}

/**
 * Where libraries that build on tracking register their ingestion hooks (in their onModuleInit),
 * so tracking calls them without depending on them.
 */
@Injectable()
export class IngestHooks {
  private readonly hooks: IngestHook[] = [];

  register(hook: IngestHook): void {
    if (!this.hooks.includes(hook)) this.hooks.push(hook);
  }

  async reportStored(manager: EntityManager, report: { id: number; authorityCode: string }): Promise<void> {
    for (const hook of this.hooks) await hook.reportStored(manager, report);
  }
}
