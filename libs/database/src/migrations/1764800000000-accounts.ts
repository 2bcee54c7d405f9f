import { Table, TableColumn, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './schema-builder.js';

/**
 * Accounts a council runs without an engineer: one-off links (invitations, password resets),
 * deactivation, the single sign-on subject an account is bound to, and when a team member last
 * looked at their work.
 */
export class Accounts1764800000000 implements MigrationInterface {
  name = 'Accounts1764800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    await queryRunner.addColumns('users', [
      new TableColumn(c.timestamp('deactivated_at', true)),
      new TableColumn(c.varchar('oidc_subject', 255, true)),
      new TableColumn(c.timestamp('last_seen_work_at', true)),
    ]);
    await queryRunner.createIndex('users', new TableIndex({ name: 'uq_users_oidc_subject', columnNames: ['oidc_subject'], isUnique: true }));

    await queryRunner.createTable(
      new Table({
        name: 'account_links',
        columns: [
          c.id(),
          c.integer('user_id'),
          c.varchar('purpose', 20),
          c.varchar('token_hash', 64),
          c.timestamp('expires_at'),
          c.timestamp('used_at', true),
          c.integer('created_by_user_id', true),
          c.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_account_links_token_hash', columnNames: ['token_hash'], isUnique: true }),
          new TableIndex({ name: 'idx_account_links_user', columnNames: ['user_id'] }),
        ],
        foreignKeys: [
          new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['created_by_user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'SET NULL' }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('account_links');
    await queryRunner.dropIndex('users', 'uq_users_oidc_subject');
    await queryRunner.dropColumns('users', ['last_seen_work_at', 'oidc_subject', 'deactivated_at']);
  }
}
