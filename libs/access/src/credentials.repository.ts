import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { instantFromRow, instantOrNullFromRow, runSql } from '#database';
import type { RoleGrant, Role } from '#core';
import type { CallerUser } from './caller.js';

/** A token or session as authentication needs it, with its user, whether deactivated, and their roles. */
export interface StoredCredential {
  id: number;
  /** sha256 of a token's secret; null for sessions (found by the hash itself). */
  secretHash: string | null;
  csrfSecret: string | null;
  expiresAt: Date;
  revokedAt: Date | null;
  lastUsedAt: Date | null;
  user: CallerUser;
  userDeactivated: boolean;
  roles: RoleGrant[];
}

const CALLER_COLUMNS = 'u.id AS user_id, u.email, u.display_name, u.deactivated_at, ra.role, ra.authority_code, ra.team_id';

/** A credential joined to its user, once per role assignment (once with null role columns when there are none). */
type CredentialRow = Record<string, unknown> & {
  credential_id: number | string;
  user_id: number | string;
  email: string;
  display_name: string;
  deactivated_at: unknown;
  role: Role | null;
  authority_code: string | null;
  team_id: number | string | null;
};

/**
 * Looks credentials up on every API request, so the credential, its user and their roles come back
 * in one query rather than through entity loading, which cost several times the lookup itself.
 */
@Injectable()
export class CredentialsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async tokenByPrefix(prefix: string): Promise<StoredCredential | null> {
    return credentialOf(
      await runSql<CredentialRow>(
        this.dataSource,
        `SELECT t.id AS credential_id, t.token_hash AS secret_hash, NULL AS csrf_secret, t.expires_at, t.revoked_at, t.last_used_at, ${CALLER_COLUMNS}
         FROM api_tokens t JOIN users u ON u.id = t.user_id LEFT JOIN role_assignments ra ON ra.user_id = u.id
         WHERE t.token_prefix = :prefix ORDER BY ra.id`,
        { prefix },
      ),
    );
  }

  async sessionByIdHash(idHash: string): Promise<StoredCredential | null> {
    return credentialOf(
      await runSql<CredentialRow>(
        this.dataSource,
        `SELECT s.id AS credential_id, NULL AS secret_hash, s.csrf_secret, s.expires_at, NULL AS revoked_at, NULL AS last_used_at, ${CALLER_COLUMNS}
         FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN role_assignments ra ON ra.user_id = u.id
         WHERE s.id_hash = :idHash ORDER BY ra.id`,
        { idHash },
      ),
    );
  }

  /**
   * Counts one failed sign-in in the database itself, so that parallel attempts each count (a read
   * then a write back let ten parallel failures count as one), and locks the account until `until`
   * once the count reaches `maxFailures`. Answers when the account is locked until, or null.
   */
  async countFailedSignIn(userId: number, now: Date, maxFailures: number, until: Date): Promise<Date | null> {
    await runSql(this.dataSource, 'UPDATE users SET failed_login_count = failed_login_count + 1 WHERE id = :userId AND (locked_until IS NULL OR locked_until <= :now)', {
      userId,
      now,
    });
    await runSql(this.dataSource, 'UPDATE users SET failed_login_count = 0, locked_until = :until WHERE id = :userId AND failed_login_count >= :maxFailures', {
      userId,
      until,
      maxFailures,
    });
    return this.lockedUntil(userId, now);
  }

  /**
   * Clears the failures after a right password, unless a parallel attempt has just locked the
   * account. Answers when the account is locked until, or null when the sign-in may go ahead.
   */
  async clearFailedSignIns(userId: number, now: Date): Promise<Date | null> {
    await runSql(
      this.dataSource,
      'UPDATE users SET failed_login_count = 0, locked_until = NULL WHERE id = :userId AND (failed_login_count > 0 OR locked_until IS NOT NULL) AND (locked_until IS NULL OR locked_until <= :now)',
      { userId, now },
    );
    return this.lockedUntil(userId, now);
  }

  private async lockedUntil(userId: number, now: Date): Promise<Date | null> {
    const [row] = await runSql<{ locked_until: unknown }>(this.dataSource, 'SELECT locked_until FROM users WHERE id = :userId', { userId });
    const until = instantOrNullFromRow(row?.locked_until);
    return until && until.getTime() > now.getTime() ? until : null;
  }
}

function credentialOf(rows: CredentialRow[]): StoredCredential | null {
  const first = rows[0];
  if (!first) return null;
  return {
    id: Number(first.credential_id),
    secretHash: first.secret_hash === null ? null : String(first.secret_hash),
    csrfSecret: first.csrf_secret === null ? null : String(first.csrf_secret),
    expiresAt: instantFromRow(first.expires_at),
    revokedAt: instantOrNullFromRow(first.revoked_at),
    lastUsedAt: instantOrNullFromRow(first.last_used_at),
    user: { id: Number(first.user_id), email: first.email, displayName: first.display_name },
    userDeactivated: first.deactivated_at !== null,
    roles: rows.flatMap((row) => (row.role === null ? [] : [{ role: row.role, authorityCode: row.authority_code, teamId: row.team_id === null ? null : Number(row.team_id) }])),
  };
}
