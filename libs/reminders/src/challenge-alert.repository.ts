import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { runSql } from '#database';
import type { IsoDate } from '#core';
import { Reminder } from './entities/reminder.entity.js';

/** What an alert is planned from: the challenge, its council and the owning team of its action. */
export interface ChallengeToAlert {
  id: number;
  state: string;
  authorityCode: string;
  teamId: number | null;
}

export type NewChallengeAlert = Pick<Reminder, 'kind' | 'recipientKey' | 'teamId' | 'contactId' | 'authorityCode' | 'digestDate' | 'recipients' | 'actionIds' | 'status' | 'attempts'>;

const ALERT_KEYS_OF = `kind = 'challenge_opened' AND recipient_key LIKE :prefix`;
const keyPrefix = (challengeId: number) => `challenge:${challengeId}:%`;

/**
 * The challenge alerts' reads and writes, every one inside the caller's transaction (the API's
 * announcement or the day's sweep): it holds no connection of its own.
 */
@Injectable()
export class ChallengeAlertRepository {
  async challenge(manager: EntityManager, challengeId: number): Promise<ChallengeToAlert | null> {
    const [row] = await runSql<{ id: number; state: string; authority_code: string; team_id: number | null }>(
      manager,
      `SELECT c.id, c.state, c.authority_code, a.team_id FROM action_challenges c JOIN actions a ON a.id = c.action_id WHERE c.id = :challengeId`,
      { challengeId },
    );
    return row ? { id: Number(row.id), state: row.state, authorityCode: row.authority_code, teamId: row.team_id === null ? null : Number(row.team_id) } : null;
  }

  /** Whether the challenge has its alerts already, planned on whatever day. */
  async hasAlerts(manager: EntityManager, challengeId: number): Promise<boolean> {
    return (await runSql(manager, `SELECT 1 FROM reminders WHERE ${ALERT_KEYS_OF}`, { prefix: keyPrefix(challengeId) })).length > 0;
  }

  async boardChairs(manager: EntityManager, authorityCode: string): Promise<{ id: number; email: string }[]> {
    const rows = await runSql<{ id: number; email: string }>(manager, `SELECT id, email FROM authority_contacts WHERE authority_code = :code AND role = 'board_chair' ORDER BY id`, { code: authorityCode });
    return rows.map((row) => ({ id: Number(row.id), email: row.email }));
  }

  /** The team's own addresses (its stored list, as the driver gives it) and its active members'. */
  async teamAddresses(manager: EntityManager, teamId: number): Promise<{ own: unknown; members: string[] }> {
    const [team] = await runSql<{ emails: unknown }>(manager, `SELECT emails FROM teams WHERE id = :teamId`, { teamId });
    const members = await runSql<{ email: string }>(
      manager,
      `SELECT u.email FROM users u JOIN role_assignments ra ON ra.user_id = u.id
       WHERE ra.role = 'team_member' AND ra.team_id = :teamId AND u.deactivated_at IS NULL ORDER BY u.id`,
      { teamId },
    );
    return { own: team?.emails ?? null, members: members.map((member) => member.email) };
  }

  /** A challenge's alerts already there are left as they are (the daily unique key). */
  async addAlerts(manager: EntityManager, rows: NewChallengeAlert[]): Promise<void> {
    if (rows.length > 0) await manager.createQueryBuilder().insert().into(Reminder).values(rows).orIgnore().updateEntity(false).execute();
  }

  /** Open challenges in their first round, raised since `since`, with no alert planned. */
  async missedChallenges(manager: EntityManager, since: IsoDate): Promise<number[]> {
    const rows = await runSql<{ id: number }>(
      manager,
      `SELECT c.id FROM action_challenges c
       WHERE c.state = 'open' AND c.rounds = 1 AND c.created_at >= :since
         AND NOT EXISTS (SELECT 1 FROM reminders r WHERE r.kind = 'challenge_opened' AND r.recipient_key LIKE ('challenge:' || c.id || ':%'))
       ORDER BY c.id`,
      { since },
    );
    return rows.map((row) => Number(row.id));
  }

  /** The ids of a challenge's alerts not sent yet. */
  async pendingAlerts(manager: EntityManager, challengeId: number): Promise<number[]> {
    const rows = await runSql<{ id: number }>(manager, `SELECT id FROM reminders WHERE ${ALERT_KEYS_OF} AND status = 'pending' ORDER BY id`, { prefix: keyPrefix(challengeId) });
    return rows.map((row) => Number(row.id));
  }
}
