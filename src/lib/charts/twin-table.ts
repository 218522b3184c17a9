/**
 * The table of a chart (its "table twin") as data: rows and typed columns. TwinTable draws it on the
 * page; the CSV, the board pack and the publication make their tables from the same value
 * (export/table-csv.ts twinMatrix), never from the page.
 */
import type { SuppressedRow, SuppressedTable } from '../domain/stats/suppression';

/** A column of a table twin: its heading and how a row's cell reads. */
export interface TwinColumn<R> {
  key: string;
  label: string;
  /** A number: right-aligned. */
  num?: boolean;
  /** The row's name: drawn as the row header. */
  rowHeader?: boolean;
  /** Smaller type (intervals, lists). */
  small?: boolean;
  /** Test hook on each of the column's cells. */
  testid?: string;
  /** The cell as shown. */
  value: (row: R) => string;
  /**
   * The cell's unformatted value for CSV exports (1234.5 rather than "1,234.5", 0.256 rather than
   * "25.6%"); null for a missing value. Without it the export uses the displayed text.
   */
  raw?: (row: R) => string | number | null;
  /**
   * The raw value is a fraction shown as a percentage (0.256 shown as 25.6%): exports give it in percent
   * (25.6), under a heading that says so, so the CSV's numbers are the screen's.
   */
  percent?: boolean;
  /** Hidden by small-number suppression: the cell reads `*` on screen and in every export. */
  hidden?: (row: R) => boolean;
  /** What the column sorts by, when the table can be sorted (missing values last). */
  sort?: (row: R) => string | number | null;
  /** The way a first click sorts it (default ascending). */
  sortFirst?: 'ascending' | 'descending';
  /** Only on screen (e.g. "12.1 to 14.0"), or only in exports (e.g. its lower and upper limits as two numbers). */
  only?: 'screen' | 'export';
  /** A picture on screen (a sparkline), with no text: left out of every table made as text (the pack's too). */
  picture?: boolean;
}

/** The table twin of a chart, or a table in its own right. */
export interface TwinSpec<R> {
  rows: readonly R[];
  columns: readonly TwinColumn<R>[];
  rowKey: (row: R) => string;
  caption: string;
  testid: string;
  /** Attributes on each row (test hooks such as data-code). */
  rowAttrs?: (row: R) => Record<string, string | number | boolean>;
}

export { cellText, columnsFor } from '../export/table-csv';

/** "12.1 to 14.0", or – when either end is missing. */
export function rangeText(lower: number | null | undefined, upper: number | null | undefined, format: (v: number) => string): string {
  return lower === null || lower === undefined || upper === null || upper === undefined ? '–' : `${format(lower)} to ${format(upper)}`;
}

/** A sorted copy: numbers numerically, text alphabetically, missing values last either way, ties in the given order. */
export function sortTwinRows<R>(rows: readonly R[], column: TwinColumn<R> | undefined, ascending: boolean): R[] {
  if (!column?.sort) return [...rows];
  const key = column.sort;
  const sign = ascending ? 1 : -1;
  return rows
    .map((r, i) => ({ r, i, k: key(r) }))
    .sort((a, b) => {
      const missA = a.k === null || (typeof a.k === 'number' && Number.isNaN(a.k));
      const missB = b.k === null || (typeof b.k === 'number' && Number.isNaN(b.k));
      if (missA || missB) return missA === missB ? a.i - b.i : missA ? 1 : -1;
      const c = typeof a.k === 'number' && typeof b.k === 'number' ? a.k - b.k : String(a.k).localeCompare(String(b.k));
      return sign * c || a.i - b.i;
    })
    .map((x) => x.r);
}

/** A row of a suppressed table (domain/stats/suppression.ts) with its index, so a column can ask what is hidden. */
export interface ShownRow<R> {
  i: number;
  r: SuppressedRow<R>;
}

export const shownRows = <R>(shown: SuppressedTable<R>): ShownRow<R>[] => shown.rows.map((r, i) => ({ i, r }));

/**
 * A column of one field of a suppressed table: its value formatted, its raw value for exports, and
 * hidden wherever the disclosure step hid that cell (or, with `by`, the cell it rests on).
 */
export function shownColumn<R, K extends keyof R & string>(
  shown: SuppressedTable<R>, field: K, column: Omit<TwinColumn<ShownRow<R>>, 'value' | 'raw' | 'hidden'> & { format: (v: number | null) => string; by?: keyof R & string }
): TwinColumn<ShownRow<R>> {
  const { format, by, ...rest } = column;
  const num = (x: ShownRow<R>) => x.r[field] as unknown as number | null;
  return { num: true, ...rest, value: (x) => format(num(x)), raw: num, hidden: (x) => shown.isSuppressed(x.i, by ?? field) };
}
