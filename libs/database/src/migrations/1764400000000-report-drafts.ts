import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Nullable columns, added the same way on both databases. */
const REPORT_COLUMNS = [
  ['extracted_draft', 'text'],
  ['draft_edits', 'text'],
  ['warnings', 'text'],
  ['no_recommendations_reason', 'varchar(500)'],
] as const;

/**
 * What a report was extracted as, and what was changed by hand before it was confirmed: the
 * extractor's draft (with its warnings), the edits, and why a report has no recommendations. An
 * upload waiting for confirmation keeps the corrections made to it so far.
 *
 * Plain ALTER TABLE ... ADD COLUMN, which SQLite and PostgreSQL both run as is: the schema
 * builder's addColumn rebuilds a SQLite table (copy, drop, rename), which the triggers that keep
 * authority revisions (they name `reports`) do not survive.
 */
export class ReportDrafts1764400000000 implements MigrationInterface {
  name = 'ReportDrafts1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    for (const [name, type] of REPORT_COLUMNS) await queryRunner.query(`ALTER TABLE reports ADD COLUMN ${name} ${type} NULL`);
    await queryRunner.query('ALTER TABLE pending_uploads ADD COLUMN corrections text NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE pending_uploads DROP COLUMN corrections');
    for (const [name] of [...REPORT_COLUMNS].reverse()) await queryRunner.query(`ALTER TABLE reports DROP COLUMN ${name}`);
  }
}
