import { Injectable } from '@nestjs/common';
import type { ActionUpdate } from '#database';
import { ActionRepository } from './action.repository.js';
import { ActionsService } from './actions.service.js';
import { toJournalEntryView, type ActionView, type JournalEntryView } from './action-view.js';
import { OPEN_STATUSES, type RequestContext } from '#core';

/** A team's open actions, and what others did to them since a team member last looked. */
export interface TeamWork {
  actions: (ActionView & { changes: JournalEntryView[] })[];
  /** How many journal entries by others since `sinceUpdateId`, across the actions. */
  changedCount: number;
  /** The newest journal entry of these actions: what the member has now seen. */
  newestUpdateId: number | null;
}

/** Far more than one team owns; the page says so when there are more. */
const WORK_LIMIT = 200;

/**
 * Where a team member starts: their team's actions that are not closed, soonest due first, each
 * with the journal entries other people added since the member last opened the page.
 */
@Injectable()
export class TeamWorkService {
  constructor(
    private readonly actions: ActionsService,
    private readonly actionRows: ActionRepository,
  ) {}

  async openWork(teamId: number, context: RequestContext, sinceUpdateId: number | null): Promise<TeamWork & { total: number }> {
    const page = await this.actions.list({ teamId, status: OPEN_STATUSES, sort: 'dueDate', limit: WORK_LIMIT, offset: 0 }, context);
    const ids = page.items.map((action) => action.id);
    const newest = await this.actionRows.newestJournalId(ids);
    // Entries by the member themselves, or with no person behind them, are not news to them.
    const changes = sinceUpdateId !== null && ids.length > 0 && context.userId !== null ? await this.actionRows.journalSince(ids, sinceUpdateId, context.userId) : [];
    return { ...teamWork(page.items, changes, newest), total: page.total };
  }
}

/** The team's actions, each with the changes others made to it, and how many changes there are in all. */
export function teamWork(actions: readonly ActionView[], changes: readonly ActionUpdate[], newestUpdateId: number | null): TeamWork {
  const byAction = new Map<number, JournalEntryView[]>();
  for (const change of changes) byAction.set(change.actionId, [...(byAction.get(change.actionId) ?? []), toJournalEntryView(change)]);
  return {
    actions: actions.map((action) => ({ ...action, changes: byAction.get(action.id) ?? [] })),
    changedCount: changes.length,
    newestUpdateId,
  };
}
