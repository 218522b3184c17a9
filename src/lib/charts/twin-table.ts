/** A column of a chart's table twin: its heading and how a row's cell reads (`*` for suppressed cells). */
export interface TwinColumn<R> {
  key: string;
  label: string;
  num?: boolean;
  value: (row: R) => string;
}
