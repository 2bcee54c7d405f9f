import type { QueryRunner, TableColumnOptions } from 'typeorm';

/**
 * Column helpers for migrations written with TypeORM's schema builder, so one migration serves
 * SQLite and PostgreSQL. Timestamps take the driver's own type (datetime / timestamp).
 */
export function columns(queryRunner: QueryRunner) {
  const timestampType = queryRunner.connection.driver.normalizeType({ type: Date });
  const postgres = queryRunner.connection.driver.options.type === 'postgres';
  const now = postgres ? 'now()' : "datetime('now')";
  // SQLite has no boolean type: TypeORM stores booleans there as 0 and 1.
  const booleanDefault = (value: boolean) => (postgres ? String(value) : value ? '1' : '0');
  return {
    id: (): TableColumnOptions => ({ name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' }),
    integer: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'integer', isNullable: nullable }),
    varchar: (name: string, length: number, nullable = false): TableColumnOptions => ({ name, type: 'varchar', length: String(length), isNullable: nullable }),
    text: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'text', isNullable: nullable }),
    date: (name: string, nullable = false): TableColumnOptions => ({ name, type: 'date', isNullable: nullable }),
    boolean: (name: string, defaultValue: boolean): TableColumnOptions => ({ name, type: 'boolean', default: booleanDefault(defaultValue), isNullable: false }),
    timestamp: (name: string, nullable = false): TableColumnOptions => ({ name, type: timestampType, isNullable: nullable }),
    createdAt: (name = 'created_at'): TableColumnOptions => ({ name, type: timestampType, isNullable: false, default: now }),
  };
}
