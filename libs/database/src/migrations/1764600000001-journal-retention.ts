import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the retention setting removed a journal entry's note and evidence: the entry itself stays
 * (who, when, what changed), so the journal still shows that something was recorded. Plain ALTER
 * TABLE ... ADD COLUMN, as in the report-drafts migration: the schema builder would rebuild the
 * SQLite table and lose the authority-revision triggers on it.
 */
export class JournalRetention1764600000001 implements MigrationInterface {
  name = 'JournalRetention1764600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.driver.normalizeType({ type: Date });
    await queryRunner.query(`ALTER TABLE action_updates ADD COLUMN removed_at ${timestamp} NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE action_updates DROP COLUMN removed_at');
  }
}
