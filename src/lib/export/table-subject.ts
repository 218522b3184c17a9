/**
 * What the export menu and the board pack take from a table with no chart (the area profile, the Plan view's
 * allocation): its CSV with every column meant for export (raw values, unrounded) and, for a board pack, the
 * columns shown on screen. Made from the table's spec, never from the page.
 */
import type { TwinSpec } from '../charts/twin-table';
import type { ExportSubject } from './subject';
import { twinMatrix } from './table-csv';

export type TableWords = Omit<ExportSubject, 'drawing' | 'table' | 'shownTable'>;

export function tableSubject<R>(table: () => TwinSpec<R> | null, words: TableWords): ExportSubject {
  return {
    ...words,
    drawing: () => ({ markup: '', width: 0, height: 0 }),
    table: () => ((t) => (t ? twinMatrix(t.columns, t.rows) : null))(table()),
    shownTable: () => ((t) => (t ? twinMatrix(t.columns, t.rows, 'screen') : null))(table())
  };
}
