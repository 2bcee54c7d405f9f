import type { ActionsService, ActionView, ChallengeView } from '#tracking';
import type { RequestContext } from '#core';

/** Each open challenge with its action (reference, title, owner), for the tables that list them. */
export async function withTheirActions(challenges: ChallengeView[], actions: ActionsService, context: RequestContext): Promise<(ChallengeView & { action: ActionView })[]> {
  const byId = new Map<number, ActionView>();
  for (const actionId of new Set(challenges.map((challenge) => challenge.actionId))) byId.set(actionId, await actions.get(actionId, context));
  return challenges.map((challenge) => ({ ...challenge, action: byId.get(challenge.actionId)! }));
}
