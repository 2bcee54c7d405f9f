import { describe, expect, it } from 'vitest';
import type { CouncilTable } from '../src/council-data/council-data.registry.js';
import { deletionOrder, exportedRow, exportOrderColumn, kindOf, renumbered, storedInDirectory, storedValue, withBytes, type TableShape } from '../src/council-data/council-rows.js';
import { TrackingErrorCode } from '../src/tracking.exception.js';

const shape: TableShape = new Map([
  ['id', { kind: 'other', nullable: false }],
  ['created_at', { kind: 'instant', nullable: false }],
  ['due_date', { kind: 'date', nullable: true }],
  ['assumed', { kind: 'boolean', nullable: false }],
  ['content', { kind: 'binary', nullable: true }],
  ['action_id', { kind: 'other', nullable: false }],
  ['actor_user_id', { kind: 'other', nullable: true }],
]);

describe('council rows', () => {
  it("reads a column's kind from SQLite's and PostgreSQL's type names", () => {
    expect(['date', 'datetime', 'timestamp with time zone', 'boolean', 'blob', 'bytea', 'varchar', 'integer'].map((type) => kindOf({ type }))).toEqual([
      'date',
      'instant',
      'instant',
      'boolean',
      'binary',
      'binary',
      'other',
      'other',
    ]);
  });

  it('deletes the tables marked first, then the rest against import order', () => {
    const tables = [{ table: 'users', deletedFirst: true }, { table: 'teams' }, { table: 'actions' }, { table: 'action_updates' }] as CouncilTable[];
    expect(deletionOrder(tables).map((entry) => entry.table)).toEqual(['users', 'action_updates', 'actions', 'teams']);
  });

  it('orders a table by its id, or by its first reference when it has none', () => {
    expect(exportOrderColumn({ table: 'teams' } as CouncilTable)).toBe('id');
    expect(exportOrderColumn({ table: 'states', generatedId: false, references: { action_id: 'actions', team_id: 'teams' } } as unknown as CouncilTable)).toBe('action_id');
  });

  it('writes a row the same from either driver: ISO instants and dates, true and false, bytes as base64, secrets left out', () => {
    const sqlite = { id: 4, created_at: '2026-03-02 10:15:00.000', due_date: '2026-06-01', assumed: 1, content: Buffer.from('hi'), password_hash: 'x' };
    const postgres = { id: 4, created_at: new Date('2026-03-02T10:15:00Z'), due_date: '2026-06-01', assumed: true, content: new Uint8Array([104, 105]), password_hash: 'x' };
    const expected = { id: 4, created_at: '2026-03-02T10:15:00.000Z', due_date: '2026-06-01', assumed: true, content: 'aGk=' };
    expect(exportedRow(sqlite, shape, ['password_hash'])).toEqual(expected);
    expect(exportedRow(postgres, shape, ['password_hash'])).toEqual(expected);
  });

  it("stores a value in each driver's own form", () => {
    expect(storedValue('2026-03-02T10:15:00.000Z', 'instant', false)).toBe('2026-03-02 10:15:00.000');
    expect(storedValue('2026-03-02T10:15:00.000Z', 'instant', true)).toEqual(new Date('2026-03-02T10:15:00Z'));
    expect(storedValue(true, 'boolean', false)).toBe(1);
    expect(storedValue(false, 'boolean', true)).toBe(false);
    expect(storedValue('aGk=', 'binary', false)).toEqual(Buffer.from('hi'));
    expect(storedValue(null, 'instant', true)).toBeNull();
  });

  it("re-numbers references for this deployment, drops the generated id, and forgets someone the export does not hold where the column allows it", () => {
    const entry = { table: 'action_updates', references: { action_id: 'actions', actor_user_id: 'users' } } as unknown as CouncilTable;
    const ids = new Map([['actions', new Map([[10, 110]])]]);
    const idOf = (table: string, id: number) => ids.get(table)?.get(id) ?? null;
    expect(renumbered(entry, { id: 1, action_id: 10, actor_user_id: 99, note: 'x' }, shape, idOf)).toEqual({ action_id: 110, actor_user_id: null, note: 'x' });
    expect(() => renumbered(entry, { id: 1, action_id: 11, actor_user_id: null }, shape, idOf)).toThrow(expect.objectContaining({ code: TrackingErrorCode.INVALID_INPUT }));
  });

  it('carries bytes kept in the directory store in the row, as if kept in the database', () => {
    const entry = { table: 'evidence_files', fileStore: { storageColumn: 'storage', keyColumn: 'storage_key', contentColumn: 'content', inDirectory: 'directory' } } as CouncilTable;
    expect(storedInDirectory(entry, { storage: 'directory', storage_key: 'abc' })).toBe(true);
    expect(storedInDirectory(entry, { storage: 'database', storage_key: null })).toBe(false);
    expect(withBytes(entry, { id: 1, storage: 'directory', storage_key: 'abc', content: null }, Buffer.from('hi'))).toEqual({ id: 1, storage: 'database', storage_key: null, content: 'aGk=' });
  });
});
