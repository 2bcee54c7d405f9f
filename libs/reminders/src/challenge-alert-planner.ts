import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { addCalendarDays } from '#deadlines';
import type { IsoDate } from '#core';
import { challengeAlertRows, MISSED_CHALLENGE_ALERT_DAYS, teamAlertAddresses } from './challenge-alert.js';
import { ChallengeAlertRepository } from './challenge-alert.repository.js';

/**
 * Plans challenge alerts as reminder rows, each step in the transaction it is handed: the API's
 * announcement of a new challenge and the day's sweep both plan through it.
 */
@Injectable()
export class ChallengeAlertPlanner {
  constructor(private readonly alerts: ChallengeAlertRepository) {}

  /**
   * The pending alerts of one challenge (challengeAlertRows says to whom). Planning it again adds
   * nothing. Answers how many rows it added.
   */
  async plan(manager: EntityManager, challengeId: number, date: IsoDate): Promise<number> {
    const challenge = await this.alerts.challenge(manager, challengeId);
    // Closed before the alert went out: nobody has anything left to answer.
    if (!challenge || challenge.state === 'closed') return 0;
    if (await this.alerts.hasAlerts(manager, challengeId)) return 0;
    const chairs = await this.alerts.boardChairs(manager, challenge.authorityCode);
    const team = challenge.teamId === null ? null : await this.alerts.teamAddresses(manager, challenge.teamId);
    const rows = challengeAlertRows(challenge, false, chairs, team ? teamAlertAddresses(team.own, team.members) : [], date);
    await this.alerts.addAlerts(manager, rows);
    return rows.length;
  }

  /**
   * Alerts for challenges opened in the last week that have none: the API queues each alert as the
   * challenge is opened, and when Redis was away at that moment, the next sweep sends it instead.
   */
  async planMissed(manager: EntityManager, date: IsoDate): Promise<number> {
    let planned = 0;
    for (const id of await this.alerts.missedChallenges(manager, addCalendarDays(date, -MISSED_CHALLENGE_ALERT_DAYS))) planned += await this.plan(manager, id, date);
    return planned;
  }

  /** The ids of a challenge's alerts not sent yet. */
  pending(manager: EntityManager, challengeId: number): Promise<number[]> {
    return this.alerts.pendingAlerts(manager, challengeId);
  }
}
