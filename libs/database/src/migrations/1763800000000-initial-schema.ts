import { Table, TableForeignKey, TableIndex, TableUnique, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './schema-builder.js';

export class InitialSchema1763800000000 implements MigrationInterface {
  name = 'InitialSchema1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);

    await queryRunner.createTable(
      new Table({
        name: 'authorities',
        columns: [
          { name: 'code', type: 'varchar', length: '16', isPrimary: true },
          c.varchar('name', 200),
          c.text('other_names'),
          c.varchar('region', 100, true),
          c.varchar('authority_type', 100, true),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'reports',
        columns: [
          c.id(),
          c.varchar('authority_code', 16),
          c.varchar('authority_name', 200),
          c.varchar('format', 40),
          c.date('inspection_start', true),
          c.date('inspection_end', true),
          c.date('published_on', true),
          c.date('baseline_date'),
          c.text('judgements'),
          c.varchar('source_file_name', 255, true),
          c.varchar('text_sha256', 64),
          c.text('raw_text'),
          c.varchar('created_by', 200, true),
          c.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_reports_authority', columnNames: ['authority_code'] }),
          new TableIndex({ name: 'uq_reports_text_sha256', columnNames: ['text_sha256'], isUnique: true }),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['authority_code'], referencedTableName: 'authorities', referencedColumnNames: ['code'], onDelete: 'RESTRICT' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'recommendations',
        columns: [
          c.id(),
          c.integer('report_id'),
          c.integer('ordinal'),
          c.varchar('reference', 40),
          c.text('text'),
          c.varchar('timeframe', 20),
          c.varchar('theme', 300, true),
          c.varchar('addressee', 20),
          c.text('mentioned_bodies'),
        ],
        uniques: [new TableUnique({ name: 'uq_recommendations_report_ordinal', columnNames: ['report_id', 'ordinal'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['report_id'], referencedTableName: 'reports', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'teams',
        columns: [c.id(), c.varchar('authority_code', 16), c.varchar('name', 200), c.text('emails'), c.text('keywords'), c.createdAt()],
        uniques: [new TableUnique({ name: 'uq_teams_authority_name', columnNames: ['authority_code', 'name'] })],
        indices: [new TableIndex({ name: 'idx_teams_authority', columnNames: ['authority_code'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['authority_code'], referencedTableName: 'authorities', referencedColumnNames: ['code'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'actions',
        columns: [
          c.id(),
          c.integer('recommendation_id'),
          c.integer('report_id'),
          c.varchar('authority_code', 16),
          c.varchar('timeframe', 20),
          c.varchar('addressee', 20),
          c.varchar('title', 300),
          c.integer('team_id', true),
          c.varchar('lead_officer', 200, true),
          { name: 'status', type: 'varchar', length: '20', default: "'not_started'" },
          c.varchar('rag_override', 10, true),
          c.text('rag_override_note', true),
          c.date('original_due_date'),
          c.date('due_date'),
          c.boolean('due_date_assumed', false),
          c.text('due_date_reason', true),
          c.timestamp('completed_at', true),
          c.createdAt(),
          c.createdAt('updated_at'),
          c.integer('version'),
        ],
        indices: [
          new TableIndex({ name: 'idx_actions_authority_status_due', columnNames: ['authority_code', 'status', 'due_date'] }),
          new TableIndex({ name: 'idx_actions_team_status_due', columnNames: ['team_id', 'status', 'due_date'] }),
          new TableIndex({ name: 'idx_actions_report', columnNames: ['report_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['recommendation_id'], referencedTableName: 'recommendations', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['team_id'], referencedTableName: 'teams', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'action_updates',
        columns: [
          c.id(),
          c.integer('action_id'),
          c.varchar('kind', 20),
          c.integer('actor_user_id', true),
          c.varchar('actor_name', 200),
          c.text('changes'),
          c.text('note', true),
          c.text('evidence_links'),
          c.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_action_updates_action', columnNames: ['action_id', 'id'] })],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['action_id'], referencedTableName: 'actions', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['action_updates', 'actions', 'teams', 'recommendations', 'reports', 'authorities']) {
      await queryRunner.dropTable(table);
    }
  }
}
