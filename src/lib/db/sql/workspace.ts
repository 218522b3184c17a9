/**
 * SQL for keeping the workspace in the browser (persist/workspace.ts): a table goes out as an Arrow IPC
 * stream of all its rows and comes back from it, with its column types checked against those kept; if
 * they differ, it is copied into a table made with the exact types it had, so a restored workspace
 * answers every query as the one that was kept.
 */
import { quoteIdent } from './ingest/names';

export interface KeptColumn {
  name: string;
  type: string;
}

/** A table's columns in order, with DuckDB's own type names (which CREATE TABLE reads back). */
export const keptColumnsSql = `SELECT column_name AS name, data_type AS type FROM duckdb_columns()
  WHERE table_name = ? AND database_name = current_database() AND schema_name = 'main' AND NOT internal
  ORDER BY column_index`;

/** The same, for a table in another database (`?` database, `?` table). */
export const columnsInSql = `SELECT column_name AS name FROM duckdb_columns()
  WHERE database_name = ? AND table_name = ? AND schema_name = 'main' AND NOT internal
  ORDER BY column_index`;

/** Every row of a table, in storage order (so a kept table comes back in the order it was loaded). */
export function keptRowsSql(table: string): string {
  return `SELECT * FROM ${quoteIdent(table)}`;
}

/** The table made anew with its kept columns, filled from the staging table the Arrow stream created, which then goes. */
export function restoreTableSql(table: string, columns: KeptColumn[], staging: string): string {
  if (!columns.length) throw new Error(`no columns kept for ${table}`);
  const t = quoteIdent(table);
  const cols = columns.map((c) => `${quoteIdent(c.name)} ${c.type}`).join(', ');
  const select = columns.map((c) => `${quoteIdent(c.name)}::${c.type}`).join(', ');
  return `DROP TABLE IF EXISTS ${t};
CREATE TABLE ${t} (${cols});
INSERT INTO ${t} SELECT ${select} FROM ${quoteIdent(staging)};
DROP TABLE ${quoteIdent(staging)};`;
}

export function dropTableSql(table: string): string {
  return `DROP TABLE IF EXISTS ${quoteIdent(table)}`;
}

export function renameTableSql(from: string, to: string): string {
  return `ALTER TABLE ${quoteIdent(from)} RENAME TO ${quoteIdent(to)}`;
}

/** A staging table left behind by a restore that failed half way. */
export function dropStagingSql(staging: string): string {
  return `DROP TABLE IF EXISTS ${quoteIdent(staging)}`;
}
