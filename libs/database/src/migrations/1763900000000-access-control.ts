import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './schema-builder.js';

/** Users, their roles per authority, personal access tokens and browser sessions. */
export class AccessControl1763900000000 implements MigrationInterface {
  name = 'AccessControl1763900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const c = columns(queryRunner);
    const cascadeToUser = () =>
      new TableForeignKey({ columnNames: ['user_id'], referencedTableName: 'users', referencedColumnNames: ['id'], onDelete: 'CASCADE' });

    await queryRunner.createTable(
      new Table({
        name: 'users',
        columns: [
          c.id(),
          c.varchar('email', 320),
          c.varchar('display_name', 200),
          c.varchar('password_hash', 255, true),
          { name: 'failed_login_count', type: 'integer', isNullable: false, default: 0 },
          c.timestamp('locked_until', true),
          c.createdAt(),
        ],
        indices: [new TableIndex({ name: 'uq_users_email', columnNames: ['email'], isUnique: true })],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'role_assignments',
        columns: [c.id(), c.integer('user_id'), c.varchar('role', 20), c.varchar('authority_code', 16, true), c.integer('team_id', true), c.createdAt()],
        indices: [new TableIndex({ name: 'idx_role_assignments_user', columnNames: ['user_id'] })],
        foreignKeys: [
          cascadeToUser(),
          new TableForeignKey({ columnNames: ['authority_code'], referencedTableName: 'authorities', referencedColumnNames: ['code'], onDelete: 'CASCADE' }),
          new TableForeignKey({ columnNames: ['team_id'], referencedTableName: 'teams', referencedColumnNames: ['id'], onDelete: 'CASCADE' }),
        ],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'api_tokens',
        columns: [
          c.id(),
          c.integer('user_id'),
          c.varchar('name', 200),
          c.varchar('token_prefix', 32),
          c.varchar('token_hash', 64),
          c.timestamp('expires_at'),
          c.timestamp('revoked_at', true),
          c.timestamp('last_used_at', true),
          c.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_api_tokens_prefix', columnNames: ['token_prefix'], isUnique: true }),
          new TableIndex({ name: 'idx_api_tokens_user', columnNames: ['user_id'] }),
        ],
        foreignKeys: [cascadeToUser()],
      }),
    );

    await queryRunner.createTable(
      new Table({
        name: 'sessions',
        columns: [c.id(), c.varchar('id_hash', 64), c.integer('user_id'), c.varchar('csrf_secret', 64), c.timestamp('expires_at'), c.createdAt()],
        indices: [
          new TableIndex({ name: 'uq_sessions_id_hash', columnNames: ['id_hash'], isUnique: true }),
          new TableIndex({ name: 'idx_sessions_user', columnNames: ['user_id'] }),
        ],
        foreignKeys: [cascadeToUser()],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('sessions');
    await queryRunner.dropTable('api_tokens');
    await queryRunner.dropTable('role_assignments');
    await queryRunner.dropTable('users');
  }
}
