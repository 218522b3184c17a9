/** SQL for table bookkeeping: which canonical tables exist, where they came from, previews. */
import { EXTRACT_KINDS, type ExtractKind } from '../../domain/extracts';
import { canonicalColumns, canonicalTablesSql } from './ingest';
import { AREA_POPULATION } from './reference';

export const SOURCES = '_fs_sources';

export const createSourcesSql = `CREATE TABLE IF NOT EXISTS ${SOURCES} (
  table_name VARCHAR, file_name VARCHAR, origin VARCHAR, rows INTEGER, loaded_at VARCHAR)`;

export const tableExistsSql = `SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = ? AND database_name = current_database() AND schema_name = 'main' AND NOT temporary`;

export const sourcesSql = `SELECT table_name, file_name, origin, rows, loaded_at FROM ${SOURCES} ORDER BY loaded_at, table_name`;

export const clearSourcesForSql = `DELETE FROM ${SOURCES} WHERE table_name = ?`;
export const insertSourceSql = `INSERT INTO ${SOURCES} VALUES (?, ?, ?, ?, ?)`;

/** Row counts of every canonical table. */
export function tableCountsSql(existing: string[]): string {
  const known = existing.filter((t) => (EXTRACT_KINDS as string[]).includes(t));
  if (!known.length) return `SELECT NULL::VARCHAR AS table_name, 0 AS n WHERE false`;
  return known.map((t) => `SELECT '${t}' AS table_name, count(*)::INTEGER AS n FROM "${t}"`).join(' UNION ALL ');
}

export const existingTablesSql = `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary ORDER BY table_name`;

/**
 * The tables with something in them: every other table, and an extract's table (there from the start,
 * empty) once it has rows. The catalogue's row count of a table, so no table is scanned.
 */
export const tablesWithDataSql = `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main' AND NOT temporary
  AND (table_name NOT IN (${EXTRACT_KINDS.map((k) => `'${k}'`).join(', ')}) OR estimated_size > 0) ORDER BY table_name`;

export function previewSql(table: string, limit: number): string {
  if (!(EXTRACT_KINDS as string[]).includes(table)) throw new Error(`unknown table ${table}`);
  return `SELECT ${canonicalColumns(table as ExtractKind).join(', ')} FROM "${table}" LIMIT ${limit | 0}`;
}

/** Every loaded table dropped (and its storage with it), then made anew, empty. */
export function dropAllSql(): string {
  return [...EXTRACT_KINDS.map((t) => `DROP TABLE IF EXISTS "${t}";`), `DELETE FROM ${SOURCES};`, canonicalTablesSql()].join(' ');
}

/**
 * Table names as the measures see them: 'population' stands for area_population (the population
 * extract, filled in from the built-in reference: reference.ts), never the raw extract, so a
 * measure has a population whenever either source has one.
 */
export function asMeasureTables(names: Iterable<string>): Set<string> {
  const all = [...names];
  const out = new Set(all.filter((n) => n !== 'population' && n !== AREA_POPULATION));
  if (all.includes(AREA_POPULATION)) out.add('population');
  return out;
}
