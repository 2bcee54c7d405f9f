import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import { stringify } from 'csv-stringify/sync';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { TrackingErrorCode, TrackingException } from '../tracking.exception.js';

export const ARCHIVE_FORMAT = 'improvement-tracker council data';
export const ARCHIVE_VERSION = 1;

export type ExportedValue = string | number | boolean | null;
export type ExportedRow = Record<string, ExportedValue>;

export interface ManifestTable {
  table: string;
  rows: number;
  /** The JSON file is what an import reads; the CSV beside it is for people and spreadsheets. */
  json: string;
  csv: string;
  sha256: string;
}

export interface CouncilManifest {
  format: typeof ARCHIVE_FORMAT;
  version: typeof ARCHIVE_VERSION;
  authority: { code: string; name: string };
  exportedAt: string;
  /** The last migration of the exporting deployment: an import needs a schema at least as new. */
  schema: string | null;
  tables: ManifestTable[];
}

export interface CouncilArchive {
  manifest: CouncilManifest;
  rows: Map<string, ExportedRow[]>;
}

/** Caps on what an import reads, so a hostile or corrupt file cannot exhaust memory. */
const MAX_ENTRY_BYTES = 512 * 1024 * 1024;
const MAX_TOTAL_BYTES = 2 * 1024 * 1024 * 1024;

function invalid(message: string): TrackingException {
  return new TrackingException(TrackingErrorCode.INVALID_INPUT, message);
}

/** A zip of one JSON and one CSV file per table, and manifest.json naming them with their row counts and checksums. */
export async function writeCouncilArchive(archive: CouncilArchive): Promise<{ archive: Buffer; manifest: CouncilManifest }> {
  const zip = new yazl.ZipFile();
  const tables: ManifestTable[] = [];
  const mtime = new Date(archive.manifest.exportedAt);
  for (const [table, rows] of archive.rows) {
    const json = Buffer.from(JSON.stringify(rows, null, 1));
    const columns = rows.length > 0 ? Object.keys(rows[0]) : [];
    // Formula-like cells are quoted as text, as in the action plan exports, so a spreadsheet never runs them.
    const csv = Buffer.from(stringify(rows, { header: true, columns, bom: true, cast: { boolean: (value) => String(value) }, escape_formulas: true }));
    const entry: ManifestTable = { table, rows: rows.length, json: `${table}.json`, csv: `${table}.csv`, sha256: createHash('sha256').update(json).digest('hex') };
    zip.addBuffer(json, entry.json, { mtime });
    zip.addBuffer(csv, entry.csv, { mtime });
    tables.push(entry);
  }
  const manifest: CouncilManifest = { ...archive.manifest, tables };
  zip.addBuffer(Buffer.from(JSON.stringify(manifest, null, 2)), 'manifest.json', { mtime });
  zip.end();
  return { archive: await collect(zip.outputStream as Readable, MAX_TOTAL_BYTES), manifest };
}

/** Reads an archive written by writeCouncilArchive, checking the manifest and every table's checksum. */
export async function readCouncilArchive(buffer: Buffer): Promise<CouncilArchive> {
  const files = await unzip(buffer);
  const manifestFile = files.get('manifest.json');
  if (!manifestFile) throw invalid('The file is not a council export: it has no manifest.json');
  const manifest = parseJson<CouncilManifest>(manifestFile, 'manifest.json');
  if (manifest.format !== ARCHIVE_FORMAT || !Array.isArray(manifest.tables) || typeof manifest.authority?.code !== 'string') {
    throw invalid('The file is not a council export: its manifest.json is not one this service writes');
  }
  if (manifest.version !== ARCHIVE_VERSION) throw invalid(`The export is format version ${manifest.version}; this version of the service reads version ${ARCHIVE_VERSION}`);
  const rows = new Map<string, ExportedRow[]>();
  for (const entry of manifest.tables) {
    const file = files.get(entry.json);
    if (!file) throw invalid(`The export's manifest names ${entry.json}, which is not in the file`);
    if (createHash('sha256').update(file).digest('hex') !== entry.sha256) throw invalid(`${entry.json} does not match its checksum in the manifest: the file is damaged`);
    const tableRows = parseJson<ExportedRow[]>(file, entry.json);
    if (!Array.isArray(tableRows) || tableRows.length !== entry.rows) throw invalid(`${entry.json} does not hold the ${entry.rows} rows the manifest says`);
    rows.set(entry.table, tableRows);
  }
  return { manifest, rows };
}

function parseJson<T>(file: Buffer, name: string): T {
  try {
    return JSON.parse(file.toString('utf8')) as T;
  } catch {
    throw invalid(`${name} in the export is not valid JSON`);
  }
}

async function unzip(buffer: Buffer): Promise<Map<string, Buffer>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await yauzl.fromBufferPromise(buffer, { lazyEntries: true });
  } catch (error) {
    throw invalid(`The file is not a zip archive: ${(error as Error).message}`);
  }
  const files = new Map<string, Buffer>();
  let total = 0;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.close();
      reject(error instanceof TrackingException ? error : invalid(`The zip archive cannot be read: ${(error as Error).message}`));
    };
    zip.on('error', fail);
    zip.on('end', () => resolve(files));
    zip.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) return zip.readEntry();
      total += entry.uncompressedSize;
      if (entry.uncompressedSize > MAX_ENTRY_BYTES || total > MAX_TOTAL_BYTES) return fail(invalid(`${entry.fileName} is larger than an export can be`));
      zip
        .openReadStreamPromise(entry)
        // yauzl checks the stream against the declared size, so the cap holds for what is actually read.
        .then((stream) => collect(stream, MAX_ENTRY_BYTES))
        .then((content) => {
          files.set(entry.fileName, content);
          zip.readEntry();
        })
        .catch(fail);
    });
    zip.readEntry();
  });
}

async function collect(stream: Readable, limit: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    size += (chunk as Buffer).length;
    if (size > limit) throw invalid('The export is larger than this service reads or writes');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}
