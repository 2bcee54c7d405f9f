import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Every column a council's summary counts its actions by, after the council: the dashboard's
 * grouped read is answered from this index alone, already in its grouping order, without reading
 * the actions' rows or sorting them.
 */
export class ActionSummaryIndex1767200000001 implements MigrationInterface {
  name = 'ActionSummaryIndex1767200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createIndex(
      'actions',
      new TableIndex({
        name: 'idx_actions_authority_summary',
        columnNames: ['authority_code', 'status', 'due_date', 'original_due_date', 'rag_override', 'timeframe', 'report_id', 'team_id'],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropIndex('actions', 'idx_actions_authority_summary');
  }
}
