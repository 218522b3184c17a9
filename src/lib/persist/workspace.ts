/**
 * The loaded tables kept in this browser, so a reload or a new tab opens on the same data.
 *
 * Each table is kept as one Arrow IPC stream, DuckDB's own result format: writing it is a copy of the
 * engine's result bytes and reading it back needs no parsing (a 1M-row referrals table: see
 * docs/benchmarks.md). Parquet would be smaller but duckdb-wasm 1.32 would fetch its parquet extension
 * from the internet (STACK-NOTES), and a DuckDB database file in OPFS is held by one tab exclusively,
 * so a second tab could not open it at all.
 *
 * A save writes each changed table under a new name (`referrals.7.arrow`), then the manifest naming the
 * files, then removes files no manifest names: a save cut short leaves the last complete workspace
 * readable, and a tab reading the manifest finds every file it names.
 */
import type { DbClient } from '../db/client';
import { dropStagingSql, dropTableSql, keptColumnsSql, keptRowsSql, renameTableSql, restoreTableSql, type KeptColumn } from '../db/sql/workspace';
import { readJson, type FileStore } from './file-store';

export const MANIFEST = 'workspace.json';
const FORMAT = 1;
const STAGING = '_fs_restore';

export interface KeptTable {
  table: string;
  file: string;
  rows: number;
  bytes: number;
  columns: KeptColumn[];
  /** Says whether the table changed since it was kept: its load history (file names and times), not its rows. */
  fingerprint: string;
}

export interface WorkspaceManifest {
  format: number;
  /** Goes up by one at every save: a tab that has an older one than the store's is out of date. */
  generation: number;
  savedAt: string;
  tables: KeptTable[];
}

/** A table to keep, and what says it changed. */
export interface TableToKeep {
  table: string;
  rows: number;
  fingerprint: string;
}

/** What a source line or the sources table says about a loaded file (db/queries.ts SourceRow). */
export interface SourceLike {
  table_name: string;
  file_name: string;
  origin: string;
  rows: number;
  loaded_at: string;
}

/**
 * The tables to keep: nothing unless the user loaded a file of their own (the demo and a published
 * dashboard come from the site again); then every table with rows, the demo's left in a mix included,
 * and the sources table, each fingerprinted by the loads that made it.
 */
export function tablesToKeep(counts: Record<string, number | undefined>, sources: SourceLike[], sourcesTable: string): TableToKeep[] {
  const own = sources.filter((s) => s.origin !== 'reference');
  if (!own.some((s) => s.origin === 'upload')) return [];
  const print = (rows: SourceLike[]) => JSON.stringify(rows.map((s) => [s.table_name, s.file_name, s.origin, s.rows, s.loaded_at]));
  const tables = Object.entries(counts)
    .filter(([, n]) => (n ?? 0) > 0)
    .map(([table, n]) => ({ table, rows: n!, fingerprint: print(own.filter((s) => s.table_name === table)) }));
  return [...tables, { table: sourcesTable, rows: own.length, fingerprint: print(own) }];
}

export async function readManifest(store: FileStore): Promise<WorkspaceManifest | null> {
  const m = await readJson<WorkspaceManifest>(store, MANIFEST);
  return m && m.format === FORMAT && Array.isArray(m.tables) ? m : null;
}

/**
 * Keep `tables` (and only them) as generation `generation`. A table whose fingerprint matches the kept
 * one is not written again. Returns the new manifest.
 */
export async function saveTables(db: DbClient, store: FileStore, previous: WorkspaceManifest | null, tables: TableToKeep[], generation: number): Promise<WorkspaceManifest> {
  const kept: KeptTable[] = [];
  for (const t of tables) {
    const before = previous?.tables.find((k) => k.table === t.table);
    if (before && before.fingerprint === t.fingerprint && before.rows === t.rows) {
      kept.push(before);
      continue;
    }
    const columns = await db.query<KeptColumn>(keptColumnsSql, [t.table]);
    const bytes = await db.arrowIpc(keptRowsSql(t.table));
    const file = `${t.table}.${generation}.arrow`;
    await store.write(file, bytes);
    kept.push({ table: t.table, file, rows: t.rows, bytes: bytes.byteLength, columns, fingerprint: t.fingerprint });
  }
  const manifest: WorkspaceManifest = { format: FORMAT, generation, savedAt: new Date().toISOString(), tables: kept };
  await store.write(MANIFEST, JSON.stringify(manifest));
  await removeUnnamed(store, manifest);
  return manifest;
}

/** Table files no manifest names (left by an earlier save, or one cut short). */
async function removeUnnamed(store: FileStore, manifest: WorkspaceManifest): Promise<void> {
  const named = new Set(manifest.tables.map((t) => t.file));
  for (const f of await store.list()) if (f.name.endsWith('.arrow') && !named.has(f.name)) await store.remove(f.name);
}

/**
 * Every kept table back in the database, each with its kept column types. The Arrow stream makes the table
 * itself (one write); only if its columns come back other than kept (an engine whose Arrow mapping
 * changed) is it copied into a table made with the kept types. Throws, naming the table, if a file is
 * missing or unreadable.
 */
export async function restoreTables(db: DbClient, store: FileStore, manifest: WorkspaceManifest): Promise<void> {
  for (const t of manifest.tables) {
    const blob = await store.read(t.file);
    if (!blob) throw new Error(`the kept copy of ${t.table} (${t.file}) is missing`);
    try {
      await db.exec(dropTableSql(t.table));
      await db.insertArrowIpc(t.table, ipcFileToStream(new Uint8Array(await blob.arrayBuffer())));
      const columns = await db.query<KeptColumn>(keptColumnsSql, [t.table]);
      if (!sameColumns(columns, t.columns)) {
        await db.exec(renameTableSql(t.table, STAGING));
        await db.exec(restoreTableSql(t.table, t.columns, STAGING));
      }
    } catch (e) {
      await db.exec(dropStagingSql(STAGING)).catch(() => undefined);
      throw new Error(`the kept copy of ${t.table} could not be read back: ${(e as Error).message}`);
    }
  }
}

const sameColumns = (a: KeptColumn[], b: KeptColumn[]) => a.length === b.length && a.every((c, i) => c.name === b[i]!.name && c.type === b[i]!.type);

const MAGIC = [0x41, 0x52, 0x52, 0x4f, 0x57, 0x31]; // "ARROW1"
const EOS = [0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0];

/**
 * The engine writes a result as an Arrow IPC file (kept as it is: any Arrow tool opens it), but reads
 * only the stream format. A file is, by the Arrow spec, "ARROW1" + 2 bytes of padding, the stream, a
 * footer, the footer's length (int32) and "ARROW1" again: the stream is the bytes between, no copy made.
 * Throws when the bytes are not an Arrow file.
 */
export function ipcFileToStream(file: Uint8Array): Uint8Array {
  const n = file.byteLength;
  const magicAt = (at: number) => MAGIC.every((b, i) => file[at + i] === b);
  if (n < 24 || !magicAt(0) || !magicAt(n - 6)) throw new Error('not an Arrow IPC file');
  const footer = new DataView(file.buffer, file.byteOffset + n - 10, 4).getInt32(0, true);
  const end = n - 10 - footer;
  if (footer <= 0 || end < 8) throw new Error('not an Arrow IPC file (bad footer)');
  const stream = file.subarray(8, end);
  const hasEos = EOS.every((b, i) => stream[stream.byteLength - 8 + i] === b);
  if (hasEos) return stream;
  const out = new Uint8Array(stream.byteLength + 8);
  out.set(stream);
  out.set(EOS, stream.byteLength);
  return out;
}

/** Remove the kept tables (the manifest first, so no tab reads a workspace whose files are going). */
export async function forgetTables(store: FileStore): Promise<void> {
  await store.remove(MANIFEST);
  for (const f of await store.list()) if (f.name.endsWith('.arrow')) await store.remove(f.name);
}
