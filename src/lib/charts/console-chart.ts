/**
 * The SQL console's quick chart as a spec (spec.ts), so it has a table twin and the same exports as every
 * chart: one column across (x) and a numeric column up (y). A categorical x is a ranked bar chart
 * (bar-chart.ts); a date or number x is a line in x order. Rows with the same x are added together, and
 * the chart says so. Its footnote is the console's warning: nothing here passes the small-number rule.
 */
import * as Plot from '@observablehq/plot';
import type { Cell, ResultColumn } from '../db/arrow-cells';
import { CONSOLE_FOOTNOTE, CONSOLE_WARNING, oneLine } from '../export/console-csv';
import { fmtInt } from '../domain/format';
import { barOptions, barRowsDrawn, type BarRow } from './bar-chart';
import { fitText } from './label-fit';
import { ROLE } from './palette';
import { contentState, lines, samePlot, type ChartSpec } from './spec';

/** Rows a chart is drawn from at most (the console fetches one more, to know there were more). */
export const CHART_MAX_ROWS = 1000;

export interface ConsoleChartRow {
  key: string;
  /** The x value as shown ('NULL' for a missing one). */
  label: string;
  /** The x value for a line: a number, or a date's time in ms. */
  at: number | null;
  value: number;
}

export type ConsoleChartKind = 'bar' | 'line';

/** A bar for categories (text, true/false), a line for dates and numbers. */
export function consoleChartKind(x: Pick<ResultColumn, 'kind'>): ConsoleChartKind {
  return x.kind === 'date' || x.kind === 'number' ? 'line' : 'bar';
}

/** The columns a y can be: numbers. */
export const numericColumns = (columns: readonly ResultColumn[]) => columns.flatMap((c, i) => (c.kind === 'number' ? [i] : []));

/** A date ('2024-03-01') or timestamp ('2024-03-01 10:00:00') cell as ms, UTC. */
function dateMs(v: Cell): number | null {
  if (typeof v !== 'string') return null;
  const ms = Date.parse(v.length === 10 ? `${v}T00:00:00Z` : `${v.replace(' ', 'T')}Z`);
  return Number.isFinite(ms) ? ms : null;
}

/** The rows to draw: y a finite number, rows of the same x added together, in the data's order of first appearance. */
export function consoleChartRows(columns: readonly ResultColumn[], rows: readonly (readonly Cell[])[], x: number, y: number): { rows: ConsoleChartRow[]; merged: number; skipped: number } {
  const xCol = columns[x]!;
  const byKey = new Map<string, ConsoleChartRow>();
  let skipped = 0;
  for (const r of rows) {
    const v = r[y];
    if (typeof v !== 'number' || !Number.isFinite(v)) { skipped++; continue; }
    const xv = r[x] ?? null;
    const label = xv === null ? 'NULL' : String(xv);
    const at = xCol.kind === 'number' ? (typeof xv === 'number' ? xv : null) : xCol.kind === 'date' ? dateMs(xv) : null;
    const had = byKey.get(label);
    if (had) had.value += v;
    else byKey.set(label, { key: label, label, at, value: v });
  }
  const out = [...byKey.values()];
  return { rows: out, merged: rows.length - skipped - out.length, skipped };
}

function lineOptions(rows: ConsoleChartRow[], x: ResultColumn, y: ResultColumn, width: number): Plot.PlotOptions {
  const data = rows.filter((r) => r.at !== null).map((r) => ({ at: x.kind === 'date' ? new Date(r.at!) : r.at!, value: r.value })).sort((a, b) => +a.at - +b.at);
  return {
    width,
    height: 320,
    marginLeft: 64,
    marginBottom: 44,
    marginTop: 32,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' },
    x: { type: x.kind === 'date' ? 'utc' : 'linear', label: fitText(x.name, width - 80, 12), labelAnchor: 'center', labelArrow: 'none' },
    y: { label: fitText(y.name, width - 24, 12), grid: true },
    marks: [
      Plot.lineY(data, { ariaHidden: 'true', x: 'at', y: 'value', stroke: ROLE.measure, strokeWidth: 2 }),
      Plot.dot(data, { ariaHidden: 'true', x: 'at', y: 'value', fill: ROLE.measure, r: 2.5 })
    ]
  };
}

export interface ConsoleChartInput {
  sql: string;
  columns: readonly ResultColumn[];
  rows: readonly (readonly Cell[])[];
  x: number;
  y: number;
  /** The result had more rows than were fetched for the chart. */
  truncated: boolean;
}

/** The quick chart of a console result as a spec. */
export function consoleChartSpec(input: ConsoleChartInput): ChartSpec<ConsoleChartRow> {
  const x = input.columns[input.x]!;
  const y = input.columns[input.y]!;
  const kind = consoleChartKind(x);
  const { rows, merged, skipped } = consoleChartRows(input.columns, input.rows, input.x, input.y);
  const bars: BarRow[] = rows.map((r) => ({ key: r.key, label: r.label, value: r.value }));
  const drawn = kind === 'bar' ? barRowsDrawn(bars).length : rows.filter((r) => r.at !== null).length;
  const title = `${y.name} by ${x.name}`;
  const subtitle = `SQL console query${input.truncated ? `, its first ${fmtInt(CHART_MAX_ROWS)} rows` : ''}`;
  const plot = samePlot('sql-chart', [input.rows, input.x, input.y], () => (width) =>
    kind === 'bar' ? barOptions(bars, { unit: y.name, width }) : lineOptions(rows, x, y, width));
  return {
    id: 'sql-chart',
    title,
    subtitle,
    source: `Fairshare SQL console: ${oneLine(input.sql, 300)}`,
    footnote: CONSOLE_FOOTNOTE,
    warning: CONSOLE_WARNING,
    ...contentState(rows.length > 0, drawn > 0),
    empty: `No row has a number in ${y.name} to draw.`,
    plot,
    label: `${kind === 'bar' ? 'Bar chart' : 'Line chart'} of ${title}`,
    graphic: { testid: 'sql-chart-graphic', attrs: { 'data-kind': kind } },
    notes: lines(
      kind === 'bar' && bars.length > drawn && `The ${drawn} largest are drawn; the table lists all ${bars.length}.`,
      merged > 0 && `${merged} rows share an x value with an earlier row: their ${y.name} values are added together.`,
      skipped > 0 && `${skipped} rows have no number in ${y.name} and are left out.`,
      input.truncated && `The chart is drawn from the first ${fmtInt(CHART_MAX_ROWS)} rows of the result; export the CSV for all of them.`
    ),
    table: {
      rows,
      rowKey: (r) => r.key,
      caption: `${title}. ${subtitle}`,
      testid: 'sql-chart-table',
      columns: [
        { key: 'x', label: x.name, rowHeader: true, value: (r) => r.label, raw: (r) => r.label },
        { key: 'y', label: y.name, num: true, value: (r) => String(r.value), raw: (r) => r.value }
      ]
    }
  };
}
