/**
 * The CSV of a chart: the rows of its table twin exactly as drawn (after filters and suppression),
 * with numbers unformatted where that is safe. A cell may carry its unformatted value (`data-raw`,
 * from TwinColumn.raw, or `data-value`); otherwise plain grouped numbers lose their thousands
 * separators ("1,234" → 1234), a lone dash (missing) becomes blank, and anything else (25.6%, £1,200,
 * "12.0 (10.1 to 13.9)") is kept as displayed. Suppressed cells stay `*`.
 *
 * Two forms (docs/exports.md): the plain table, whose first row is the header so that Excel, R,
 * pandas and DuckDB read it as it is; and the same table under a few lines of title, filters,
 * footnote and source, for people who open it in Excel and file it.
 */
import { rowsToCsv } from './csv';
import type { ExportText } from './svg-compose';

export interface TableCell {
  /** The text on screen. */
  text: string;
  /** The unformatted value, when the table gives one. */
  raw?: string;
}

/** A table as rows of cells; the first row is the header. */
export type CellMatrix = TableCell[][];

const GROUPED = /^[-\u2212]?\d{1,3}(,\d{3})*(\.\d+)?$|^[-\u2212]?\d+(\.\d+)?$/;
const DASHES = new Set(['–', '—', '-', '−']);

/** A cell's CSV value: `*` for suppressed, the raw value when given, else the text unformatted where safe. */
export function cellValue(cell: TableCell): string | number {
  const text = cell.text.replace(/\s+/g, ' ').trim();
  if (text === '*') return '*';
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
}

/** The text of a cell's `data-raw` attribute; undefined when the column has no raw value. */
export function rawCell<R>(column: ExportColumn<R>, row: R): string | undefined {
  if (!column.raw) return undefined;
  if (column.value(row) === '*') return '*';
  const v = column.raw(row);
  return v === null || (typeof v === 'number' && !Number.isFinite(v)) ? '' : String(v);
}

/** The cells of a table twin built from its columns (what TwinTable draws, with each column's raw value). */
export function twinMatrix<R>(columns: readonly ExportColumn<R>[], rows: readonly R[]): CellMatrix {
  return [
    columns.map((c) => ({ text: c.label })),
    ...rows.map((r) => columns.map((c) => {
      const raw = rawCell(c, r);
      return raw === undefined ? { text: c.value(r) } : { text: c.value(r), raw };
    }))
  ];
}
