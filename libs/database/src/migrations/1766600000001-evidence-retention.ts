import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the retention setting removed an evidence file's bytes: the row stays (its name, type,
 * size, who uploaded it and when), so the action still shows that a file was there. Plain ALTER
 * TABLE ... ADD COLUMN, as in the journal-retention migration: the schema builder would rebuild
 * the SQLite table.
 */
export class EvidenceRetention1766600000001 implements MigrationInterface {
  name = 'EvidenceRetention1766600000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    const timestamp = queryRunner.connection.driver.normalizeType({ type: Date });
    await queryRunner.query(`ALTER TABLE evidence_files ADD COLUMN removed_at ${timestamp} NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE evidence_files DROP COLUMN removed_at');
  }
}
