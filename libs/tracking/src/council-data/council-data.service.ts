import { readFile, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '#config';
import { Clock } from '#core';
import { TrackingErrorCode, TrackingException } from '../tracking.exception.js';
import { readCouncilArchive, writeCouncilArchive, type CouncilManifest, type ExportedRow } from './council-archive.js';
import { CouncilDataRepository } from './council-data.repository.js';
import { COUNCIL_TABLES, councilTable, type CouncilTable } from './council-data.registry.js';
import { deletionOrder, exportedRow, renumbered, storedInDirectory, withBytes } from './council-rows.js';

export interface CouncilDataCount {
  table: string;
  noun: string;
  rows: number;
}

export interface CouncilDataSummary {
  authority: { code: string; name: string };
  /** Every registered table, with how many of its rows a deletion removes. */
  counts: CouncilDataCount[];
  total: number;
}

export interface CouncilExport {
  fileName: string;
  archive: Buffer;
  manifest: CouncilManifest;
}

export interface CouncilImport {
  authority: { code: string; name: string };
  imported: { table: string; rows: number }[];
  /** Accounts that already existed here (matched by email) and were linked rather than created. */
  matchedAccounts: number;
}

/**
 * A council's data out (a zip of JSON and CSV with a manifest), deleted, and back in, for every table
 * COUNCIL_TABLES registers. Each runs in one transaction (CouncilDataRepository): nothing is half
 * deleted or half imported. How rows are written out and read back is council-rows.ts.
 */
@Injectable()
export class CouncilDataService {
  constructor(
    private readonly data: CouncilDataRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** What a deletion of the council would remove, table by table: the confirmation page lists it. */
  async summary(code: string): Promise<CouncilDataSummary> {
    const authority = await this.authority(code);
    const counts = await Promise.all(COUNCIL_TABLES.map(async (entry) => ({ table: entry.table, noun: entry.noun, rows: await this.data.countDeleted(entry, code) })));
    return { authority, counts, total: counts.reduce((sum, count) => sum + count.rows, 0) };
  }

  async exportCouncil(code: string): Promise<CouncilExport> {
    const authority = await this.authority(code);
    const exportedAt = this.clock.now();
    const rows = new Map<string, ExportedRow[]>();
    const exported = COUNCIL_TABLES.filter((table) => !table.transient);
    const shapes = await this.data.shapesOf(exported.map((entry) => entry.table));
    const snapshot = await this.data.snapshot(exported, code);
    for (const entry of exported) rows.set(entry.table, snapshot.get(entry.table)!.map((row) => exportedRow(row, shapes.get(entry.table)!, entry.omitted ?? [])));
    for (const entry of exported.filter((table) => table.fileStore)) rows.set(entry.table, await Promise.all(rows.get(entry.table)!.map((row) => this.withStoredBytes(entry, row))));
    const manifest: CouncilManifest = {
      format: 'improvement-tracker council data',
      version: 1,
      authority,
      exportedAt: exportedAt.toISOString(),
      schema: await this.data.schemaVersion(),
      tables: [],
    };
    const written = await writeCouncilArchive({ manifest, rows });
    return { fileName: `council-${authority.code}-${exportedAt.toISOString().slice(0, 10)}.zip`, archive: written.archive, manifest: written.manifest };
  }

  /** Removes every registered row of the council; the council stays in the authority directory, with nothing. */
  async deleteCouncil(code: string): Promise<CouncilDataSummary> {
    const before = await this.summary(code);
    const storedFiles = await this.data.deleteCouncil(deletionOrder(COUNCIL_TABLES), code);
    // After the commit: a failed deletion keeps its files. A file left behind by a crash here is unreferenced, never exposed.
    const directory = this.config.EVIDENCE_DIR ? resolve(this.config.EVIDENCE_DIR) : null;
    if (directory) await Promise.all(storedFiles.map((key) => rm(join(directory, key), { force: true })));
    return before;
  }

  /**
   * Puts an export back: into this deployment after a deletion, or into another one. Rows are
   * numbered afresh and every reference follows; people are matched by email. Refused when the
   * council already has data here, or the export comes from a newer schema.
   */
  async importCouncil(file: Buffer): Promise<CouncilImport> {
    const { manifest, rows } = await readCouncilArchive(file);
    const authority = await this.authority(manifest.authority.code, 'import');
    const existing = await this.summary(authority.code);
    const present = existing.counts.filter((count) => count.rows > 0 && count.table !== 'users');
    if (present.length > 0) {
      throw new TrackingException(
        TrackingErrorCode.CONFLICT,
        `${authority.name} already has data here (${present.map((count) => `${count.rows} ${count.noun}`).join(', ')}): delete it first, or import into another deployment`,
      );
    }
    await this.checkSchema(manifest);
    for (const table of rows.keys()) {
      const entry = councilTable(table);
      if (!entry || entry.transient) throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `The export holds a table this service does not import: ${table}`);
    }

    const shapes = await this.data.shapesOf([...rows.keys()]);
    const ids = new Map<string, Map<number, number>>();
    const idOf = (table: string, id: number) => ids.get(table)?.get(id) ?? null;
    const imported: { table: string; rows: number }[] = [];
    let matchedAccounts = 0;
    await this.data.importing(async (writer) => {
      for (const entry of COUNCIL_TABLES) {
        const tableRows = rows.get(entry.table);
        if (!tableRows) continue;
        const columns = shapes.get(entry.table)!;
        const numbering = new Map<number, number>();
        ids.set(entry.table, numbering);
        for (const exported of tableRows) {
          const unknown = Object.keys(exported).filter((column) => !columns.has(column));
          if (unknown.length > 0) {
            throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `${entry.table} in the export has columns this deployment does not: ${unknown.join(', ')}; upgrade it first`);
          }
          const oldId = Number(exported.id);
          if (entry.matchOn) {
            const match = await writer.match(entry, entry.matchOn, exported[entry.matchOn]);
            if (match !== null) {
              numbering.set(oldId, match);
              matchedAccounts += 1;
              continue;
            }
          }
          const row = renumbered(entry, exported, columns, idOf);
          const newId = await writer.insert(entry, row, columns);
          if (newId !== null) numbering.set(oldId, newId);
        }
        imported.push({ table: entry.table, rows: tableRows.length });
      }
    });
    return { authority, imported, matchedAccounts };
  }

  /** A row whose bytes are in the file store, with them put in its content as if kept in the database. */
  private async withStoredBytes(entry: CouncilTable, row: ExportedRow): Promise<ExportedRow> {
    if (!storedInDirectory(entry, row)) return row;
    if (!this.config.EVIDENCE_DIR) throw new Error(`${entry.table} ${String(row.id)} is kept in EVIDENCE_DIR, which is not set`);
    return withBytes(entry, row, await readFile(join(resolve(this.config.EVIDENCE_DIR), row[entry.fileStore!.keyColumn] as string)));
  }

  private async authority(code: string, purpose: 'export' | 'import' = 'export'): Promise<{ code: string; name: string }> {
    const row = await this.data.authority(code);
    if (!row) {
      throw new TrackingException(
        TrackingErrorCode.UNKNOWN_AUTHORITY,
        purpose === 'import'
          ? `The export is of council ${code}, which is not in this deployment's authority directory: load it first (improvement-tracker seed)`
          : `No council has the code ${code}`,
      );
    }
    return row;
  }

  private async checkSchema(manifest: CouncilManifest): Promise<void> {
    if (manifest.schema === null) return;
    if (!(await this.data.hasMigration(manifest.schema))) {
      throw new TrackingException(TrackingErrorCode.INVALID_INPUT, `The export comes from a newer version of the service (schema ${manifest.schema}): upgrade this deployment first`);
    }
  }
}
