/**
 * The CSV of a chart: the rows of its table twin (charts/twin-table.ts) after filters and suppression,
 * made from the same columns the page draws, with numbers unformatted where that is safe. A column
 * may give a cell's unformatted value (TwinColumn.raw); otherwise plain grouped numbers lose their
 * thousands separators ("1,234" → 1234), a lone dash (missing) becomes blank, and anything else (25.6%, £1,200,
 * "12.0 (10.1 to 13.9)") is kept as displayed. Suppressed cells stay `*`.
 *
 * Two forms (docs/exports.md): the plain table, whose first row is the header so that Excel, R,
 * pandas and DuckDB read it as it is; and the same table under a few lines of title, filters,
 * footnote and source, for people who open it in Excel and file it.
 */
import { SUPPRESSED_MARK } from '../domain/stats/suppression';
import { rowsToCsv } from './csv';
import type { ExportText } from './svg-compose';

export interface TableCell {
  /** The text on screen. */
  text: string;
  /** The unformatted value, when the table gives one. */
  raw?: string;
  /** On a header cell: the column holds numbers (right-aligned in the board pack). */
  num?: boolean;
}

/** A table as rows of cells; the first row is the header. */
export type CellMatrix = TableCell[][];

const GROUPED = /^[-\u2212]?\d{1,3}(,\d{3})*(\.\d+)?$|^[-\u2212]?\d+(\.\d+)?$/;
const DASHES = new Set(['–', '—', '-', '−']);

/** A cell's CSV value: `*` for suppressed, the raw value when given, else the text unformatted where safe. */
export function cellValue(cell: TableCell): string | number {
  const text = cell.text.replace(/\s+/g, ' ').trim();
  if (text === SUPPRESSED_MARK) return SUPPRESSED_MARK;
  if (cell.raw !== undefined) return cell.raw;
  if (DASHES.has(text)) return '';
  if (GROUPED.test(text)) {
    const n = Number(text.replace(/,/g, '').replace('\u2212', '-'));
    if (Number.isFinite(n)) return n;
  }
  return text;
}

/** The table's values, header row as text. */
export function matrixValues(matrix: CellMatrix): (string | number)[][] {
  return matrix.map((row, i) => row.map((c) => (i === 0 ? c.text.replace(/\s+/g, ' ').trim() : cellValue(c))));
}

/** The plain CSV: header and rows only. Safe in Excel (csv.ts). */
export function tableCsv(matrix: CellMatrix): string {
  return rowsToCsv(matrixValues(matrix));
}

/** The CSV with the export's words above the table, then one blank line. */
export function tableCsvWithNotes(text: ExportText, matrix: CellMatrix): string {
  const lines = [text.title, text.subtitle, ...(text.notes ?? []), text.footnote, text.source, text.exported ?? ''].filter(Boolean);
  return rowsToCsv([...lines.map((l) => [l]), [], ...matrixValues(matrix)]);
}

/** What a column of a table twin gives an export (charts/twin-table.ts's TwinColumn fits it). */
export interface ExportColumn<R> {
  label: string;
  value: (row: R) => string;
  raw?: (row: R) => string | number | null;
  hidden?: (row: R) => boolean;
  only?: 'screen' | 'export';
  /** A picture on screen (a sparkline), with no text: left out of every table made as text (the pack's too). */
  picture?: boolean;
  num?: boolean;
  percent?: boolean;
}

/** A fraction in percent, without the float noise of × 100 (0.07 × 100 = 7.000000000000001). */
const inPercent = (v: number) => Number((v * 100).toPrecision(15));

/** A column's heading in an export: a percent column says it is one. */
export const exportLabel = (c: { label: string; percent?: boolean }) => (c.percent && !c.label.includes('%') ? `${c.label} (%)` : c.label);

/** The text of a cell as shown: `*` when suppressed. */
export function cellText<R>(column: ExportColumn<R>, row: R): string {
  return column.hidden?.(row) ? SUPPRESSED_MARK : column.value(row);
}

/** The columns shown on screen, or the columns an export carries. */
export function columnsFor<C extends { only?: 'screen' | 'export' }>(columns: readonly C[], where: 'screen' | 'export'): C[] {
  return columns.filter((c) => !c.only || c.only === where);
}

/** The text of a cell's unformatted value; undefined when the column has no raw value. */
export function rawCell<R>(column: ExportColumn<R>, row: R): string | undefined {
  if (!column.raw) return undefined;
  if (cellText(column, row) === SUPPRESSED_MARK) return SUPPRESSED_MARK;
  const v = column.raw(row);
  if (v === null || (typeof v === 'number' && !Number.isFinite(v))) return '';
  return String(column.percent && typeof v === 'number' ? inPercent(v) : v);
}

/**
 * The cells of a table twin, each as shown with its raw value: the export's columns (for CSV), or the
 * screen's (for a board pack, which shows the table as the page does).
 */
export function twinMatrix<R>(columns: readonly ExportColumn<R>[], rows: readonly R[], where: 'screen' | 'export' = 'export'): CellMatrix {
  const cols = columnsFor(columns, where).filter((c) => !c.picture);
  return [
    cols.map((c) => {
      const text = where === 'export' ? exportLabel(c) : c.label;
      return c.num ? { text, num: true } : { text };
    }),
    ...rows.map((r) => cols.map((c) => {
      const raw = rawCell(c, r);
      const text = cellText(c, r);
      return raw === undefined ? { text } : { text, raw };
    }))
  ];
}
