import type { EntityManager } from 'typeorm';
import { addCalendarDays } from '#deadlines';
import type { IsoDate } from '#core';
import { challengeAlertRows, MISSED_CHALLENGE_ALERT_DAYS, teamAlertAddresses } from './challenge-alert.js';
import { ChallengeAlertRepository } from './challenge-alert.repository.js';

// Holds no connection: each statement runs on the transaction it is handed.
const alerts = new ChallengeAlertRepository();

/**
 * Plans the pending alerts of one challenge (challengeAlertRows says to whom), in the caller's
 * transaction. Planning it again adds nothing. Answers how many rows it added.
 */
export async function planChallengeAlerts(manager: EntityManager, challengeId: number, date: IsoDate): Promise<number> {
  const challenge = await alerts.challenge(manager, challengeId);
  // Closed before the alert went out: nobody has anything left to answer.
  if (!challenge || challenge.state === 'closed') return 0;
  if (await alerts.hasAlerts(manager, challengeId)) return 0;
  const chairs = await alerts.boardChairs(manager, challenge.authorityCode);
  const team = challenge.teamId === null ? null : await alerts.teamAddresses(manager, challenge.teamId);
  const rows = challengeAlertRows(challenge, false, chairs, team ? teamAlertAddresses(team.own, team.members) : [], date);
  await alerts.addAlerts(manager, rows);
  return rows.length;
}

/**
 * Alerts for challenges opened in the last week that have none: the API queues each alert as the
 * challenge is opened, and when Redis was away at that moment, the next sweep sends it instead.
 */
export async function planMissedChallengeAlerts(manager: EntityManager, date: IsoDate): Promise<number> {
  let planned = 0;
  for (const id of await alerts.missedChallenges(manager, addCalendarDays(date, -MISSED_CHALLENGE_ALERT_DAYS))) planned += await planChallengeAlerts(manager, id, date);
  return planned;
}

/** The ids of a challenge's alerts not sent yet. */
export function pendingChallengeAlerts(manager: EntityManager, challengeId: number): Promise<number[]> {
  return alerts.pendingAlerts(manager, challengeId);
}
