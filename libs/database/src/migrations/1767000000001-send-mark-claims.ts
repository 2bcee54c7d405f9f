import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Until when the attempt that wrote a `sending` mark may still be sending: another attempt that
 * finds the mark before then leaves the address alone; after it (the attempt died) or once the
 * attempt let go (its send failed), another takes the address over. Plain ALTER TABLE ... ADD
 * COLUMN, as in the retention migrations: the schema builder would rebuild the SQLite table.
 */
export class SendMarkClaims1767000000001 implements MigrationInterface {
  name = 'SendMarkClaims1767000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.driver.normalizeType({ type: Date });
    await queryRunner.query(`ALTER TABLE reminder_send_marks ADD COLUMN claimed_until ${timestamp} NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE reminder_send_marks DROP COLUMN claimed_until');
  }
}
