import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The date a report's action plan is due to Ofsted when the board records one other than the
 * default (70 working days after publication). Plain ALTER TABLE ... ADD COLUMN, as in the
 * report-drafts migration: the schema builder would rebuild the SQLite table and lose its triggers.
 */
export class OfstedPlanDeadlines1765000000001 implements MigrationInterface {
  name = 'OfstedPlanDeadlines1765000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE reports ADD COLUMN ofsted_plan_due_date date NULL');
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('ALTER TABLE reports DROP COLUMN ofsted_plan_due_date');
  }
}
