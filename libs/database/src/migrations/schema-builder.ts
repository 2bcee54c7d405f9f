import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column helpers for migrations written with TypeORM's schema builder, so one migration serves
 * SQLite and PostgreSQL. Timestamps take the driver's own type (datetime / timestamp).
 */
export function columns(queryRunner: QueryRunner) {
  const timestampType = queryRunner.connection.driver.normalizeType({ type: Date });
  const now = queryRunner.connection.driver.options.type === 'postgres' ? 'now()' : "datetime('now')";
  return {
    id: (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
    integer: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
    varchar: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    date: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'date', isNullable: nullable }),
    boolean: (name: string, defaultValue: boolean): TableColumnOptions => ({ name, type: 'boolean', default: defaultValue ? 'true' : 'false', isNullable: false }),
    timestamp: (name: string, nullable = false): TableColumnOptions => ({ name, type: timestampType, isNullable: nullable }),
    createdAt: (name = 'created_at'): TableColumnOptions => ({ name, type: timestampType, isNullable: false, default: now }),
  };
}
