/**
 * The SQL console's CSV: the whole result of the analyst's query, Excel-safe (csv.ts), under a first
 * line that says what it is. Console output is record-level and the small-number rule is not applied to
 * it, so the file itself says so before anything else: a file travels without the page that warned.
 */
import type { Cell, ResultColumn } from '../db/arrow-cells';
import { rowsToCsv } from './csv';

export const CONSOLE_WARNING = 'Unsuppressed record-level output: check it before sharing';

/** The footnote of everything the console draws or exports. */
export const CONSOLE_FOOTNOTE = `${CONSOLE_WARNING}. The small-number rule is not applied to SQL console results.`;

/** The query on one line, for a source line or a file's heading. */
export const oneLine = (sql: string, max = Infinity) => {
  const line = sql.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
};

/** 'sql-console_2026-12-01.csv' */
export function consoleCsvName(today: string): string {
  return `sql-console_${today}.csv`;
}

/**
 * The warning, the query and when it was exported, a blank line, then the header and every row. The
 * header and rows read as they are in pandas or R with skip=4 (or DuckDB's read_csv(skip=4)).
 */
export function consoleCsv(result: { sql: string; columns: readonly ResultColumn[]; rows: readonly (readonly Cell[])[] }, today: string): string {
  return rowsToCsv([
    [CONSOLE_FOOTNOTE],
    [`Query: ${oneLine(result.sql)}`],
    [`Source: Fairshare SQL console, exported ${today}; ${result.rows.length} rows`],
    [],
    result.columns.map((c) => c.name),
    ...result.rows
  ]);
}
