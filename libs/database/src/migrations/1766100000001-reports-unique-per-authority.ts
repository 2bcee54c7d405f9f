import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * A report's text is unique within its council, not across councils: one council ingesting the
 * text another council already has must neither be refused nor learn the other council's report
 * id. The same text ingested twice by the same council is still one report.
 *
 * Undoing it fails if two councils have since stored the same text: there is then no single
 * report per text to go back to.
 */
export class ReportsUniquePerAuthority1766100000001 implements MigrationInterface {
  name = 'ReportsUniquePerAuthority1766100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('reports', 'uq_reports_text_sha256');
    await queryRunner.createIndex('reports', new TableIndex({ name: 'uq_reports_authority_text_sha256', columnNames: ['authority_code', 'text_sha256'], isUnique: true }));
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('reports', 'uq_reports_authority_text_sha256');
    await queryRunner.createIndex('reports', new TableIndex({ name: 'uq_reports_text_sha256', columnNames: ['text_sha256'], isUnique: true }));
  }
}
