import { Injectable } from '@nestjs/common';
import type { ActionPlanSupplement } from './action-plan.js';
import type { RequestContext } from '#core';

/** The actions of one council an export is about, as a supplier needs them. */
export interface ActionPlanScope {
  authorityCode: string;
  actions: readonly { id: number; recommendationId: number }[];
}

/** A library that adds columns' values to an action plan export (the board: cycle updates and repeats). */
export interface ActionPlanSupplier {
  supplement(scope: ActionPlanScope, context: RequestContext): Promise<Map<number, ActionPlanSupplement>>;
}

/**
 * Where libraries that build on tracking register what they add to the action plan exports (in
 * their onModuleInit), so tracking's exports carry the whole plan without depending on them.
 */
@Injectable()
export class ActionPlanSupplements {
  private readonly suppliers: ActionPlanSupplier[] = [];

  register(supplier: ActionPlanSupplier): void {
    if (!this.suppliers.includes(supplier)) this.suppliers.push(supplier);
  }

  /** Every supplier's values for each action, merged (a later supplier's value for the same column wins). */
  async supplementsFor(scope: ActionPlanScope, context: RequestContext): Promise<Map<number, ActionPlanSupplement>> {
    const merged = new Map<number, ActionPlanSupplement>();
    for (const supplier of this.suppliers) {
      for (const [actionId, values] of await supplier.supplement(scope, context)) merged.set(actionId, { ...merged.get(actionId), ...values });
    }
    return merged;
  }
}
