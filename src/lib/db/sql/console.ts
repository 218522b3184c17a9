/**
 * The SQL console's SQL: the catalogue of loaded tables, a page of a query's result with its row count,
 * and the whole result for export. Every user query passes the guard (console-guard.ts) and runs in the
 * engine's sandbox (DbClient.sandbox: a connection of its own, prepared one statement at a time, in a
 * transaction always rolled back), so the console can read the loaded tables and never change them.
 */
import type { DbClient, SandboxRun } from '../client';
import { resultColumns, resultRows, type Cell, type ResultColumn } from '../arrow-cells';
import { guardConsoleSql } from './console-guard';
import { quoteIdent, quoteString } from './ingest/names';

export const PAGE_SIZE = 100;

export interface CatalogTable {
  name: string;
  rows: number;
  columns: { name: string; type: string }[];
}

export interface ConsolePage {
  /** The query as it ran (comments removed). */
  sql: string;
  columns: ResultColumn[];
  rows: Cell[][];
  /** Rows in the whole result. */
  total: number;
  offset: number;
  /** False when DuckDB cannot take the query as a subquery (EXPLAIN): the whole result was fetched and cut here. */
  paged: boolean;
}

export interface ConsoleResult {
  sql: string;
  columns: ResultColumn[];
  rows: Cell[][];
}

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

export const catalogColumnsSql = `SELECT c.table_name, c.column_name, c.data_type
  FROM duckdb_columns() c JOIN duckdb_tables() t USING (database_name, schema_name, table_name)
  WHERE c.database_name = current_database() AND c.schema_name = 'main' AND NOT t.temporary AND NOT t.internal
  ORDER BY c.table_name, c.column_index`;

/** Every table's exact row count, each name quoted (names come from the catalogue, never from a user). */
export function catalogCountsSql(tables: readonly string[]): string {
  if (!tables.length) return `SELECT NULL::VARCHAR AS table_name, 0 AS n WHERE false`;
  return tables.map((t) => `SELECT ${quoteString(t)} AS table_name, count(*)::BIGINT AS n FROM ${quoteIdent(t)}`).join(' UNION ALL ');
}

/** The loaded tables, their columns with types and their row counts; bookkeeping tables (_fs_…) last. */
export async function consoleCatalog(db: DbClient): Promise<CatalogTable[]> {
  const cols = await db.query<{ table_name: string; column_name: string; data_type: string }>(catalogColumnsSql);
  const byTable = new Map<string, CatalogTable>();
  for (const c of cols) {
    const t = byTable.get(c.table_name) ?? { name: c.table_name, rows: 0, columns: [] };
    t.columns.push({ name: c.column_name, type: c.data_type });
    byTable.set(c.table_name, t);
  }
  const counts = await db.query<{ table_name: string; n: number }>(catalogCountsSql([...byTable.keys()]));
  for (const c of counts) byTable.get(c.table_name)!.rows = Number(c.n);
  const internal = (n: string) => n.startsWith('_');
  return [...byTable.values()].sort((a, b) => Number(internal(a.name)) - Number(internal(b.name)) || a.name.localeCompare(b.name));
}

/** One page of the query: the query as a subquery, so DuckDB fetches only the page. */
export function pageSql(sql: string): string {
  // The query on lines of its own: nothing of it can run into the brackets or the LIMIT.
  return `SELECT * FROM (\n${sql}\n) LIMIT ? OFFSET ?`;
}

export function countSql(sql: string): string {
  return `SELECT count(*)::BIGINT AS n FROM (\n${sql}\n)`;
}

/** DuckDB's message made readable: its kind in plain words, without the LINE/caret lines (they point into the pager's wrapping). */
export function cleanDuckDbError(message: string): string {
  const lines = message.replace(/^Error:\s*/, '').split('\n').map((l) => l.trim()).filter(Boolean);
  const kept = lines.filter((l) => !/^LINE \d+:/.test(l) && !/^\^/.test(l));
  let text = kept.join(' ').replace(/\s+/g, ' ').trim();
  text = text
    .replace(/^Parser Error:\s*/, 'Syntax error: ')
    .replace(/^Catalog Error:\s*/, 'Not found: ')
    .replace(/^Binder Error:\s*/, 'Cannot resolve: ')
    .replace(/^(Conversion|Invalid Input|Out of Range|Not implemented|Invalid) Error:\s*/, (_m, kind: string) => `${kind} error: `);
  return text || 'DuckDB could not run the query.';
}

/** How a checked statement runs: PIVOT directly (DuckDB cannot prepare it), everything else prepared. */
async function pageOf(run: SandboxRun, sql: string, keyword: string, offset: number, size: number): Promise<ConsolePage> {
  if (keyword === 'EXPLAIN') {
    // EXPLAIN cannot be a subquery: its few rows are fetched whole.
    const all = await run.prepared(sql);
    return { sql, columns: resultColumns(all), rows: resultRows(all).slice(offset, offset + size), total: all.numRows, offset, paged: false };
  }
  const limit = Math.max(1, Math.floor(size));
  const from = Math.max(0, Math.floor(offset));
  const page = keyword === 'PIVOT'
    ? await run.direct(`SELECT * FROM (\n${sql}\n) LIMIT ${limit} OFFSET ${from}`)
    : await run.prepared(pageSql(sql), [limit, from]);
  const count = keyword === 'PIVOT' ? await run.direct(countSql(sql)) : await run.prepared(countSql(sql));
  const total = Number(count.getChildAt(0)?.get(0) ?? 0);
  return { sql, columns: resultColumns(page), rows: resultRows(page), total, offset: from, paged: true };
}

async function guarded<T>(db: DbClient, text: string, body: (run: SandboxRun, sql: string, keyword: string) => Promise<T>): Promise<Outcome<T>> {
  const checked = guardConsoleSql(text);
  if (!checked.ok) return checked;
  try {
    return { ok: true, value: await db.sandbox((run) => body(run, checked.sql, checked.keyword)) };
  } catch (e) {
    return { ok: false, message: cleanDuckDbError((e as Error).message ?? String(e)) };
  }
}

/** A page of a console query (checked, sandboxed), or what is wrong with it. */
export function consolePage(db: DbClient, text: string, offset = 0, size = PAGE_SIZE): Promise<Outcome<ConsolePage>> {
  return guarded(db, text, (run, sql, keyword) => pageOf(run, sql, keyword, offset, size));
}

/** The whole result of a console query (for CSV export), or at most `max` rows of it (for a chart). */
export function consoleResult(db: DbClient, text: string, max?: number): Promise<Outcome<ConsoleResult>> {
  return guarded(db, text, async (run, sql, keyword) => {
    if (max !== undefined) {
      const page = await pageOf(run, sql, keyword, 0, max);
      return { sql, columns: page.columns, rows: page.rows };
    }
    const all = keyword === 'PIVOT' ? await run.direct(sql) : await run.prepared(sql);
    return { sql, columns: resultColumns(all), rows: resultRows(all) };
  });
}
