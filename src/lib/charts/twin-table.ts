/** A column of a chart's table twin: its heading and how a row's cell reads (`*` for suppressed cells). */
export interface TwinColumn<R> {
  key: string;
  label: string;
  num?: boolean;
  value: (row: R) => string;
  /**
   * The cell's unformatted value for CSV exports (1234.5 rather than "1,234.5", 0.256 rather than
   * "25.6%"); null for a missing value. Without it the export uses the displayed text. A cell whose
   * displayed value is `*` is exported as `*` whatever this returns (export/table-csv.ts).
   */
  raw?: (row: R) => string | number | null;
}
