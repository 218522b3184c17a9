/**
 * Plot options for a monthly trend: one line per group (or one line), months on a time axis,
 * the unit on the y axis, colour-blind-safe colours with a legend. Groups beyond eight are not
 * drawn (the table twin lists them all), and the chart's note says so.
 */
import * as Plot from '@observablehq/plot';
import { CATEGORY_COLOURS, MAX_SERIES, monthDate } from './palette';

export interface TrendRow {
  group: string | null;
  month: string;
  /** Null when missing or suppressed (a gap in the line). */
  value: number | null;
  /** Hidden by small-number suppression: `*` in the table. */
  suppressed?: boolean;
}

export interface TrendConfig {
  unit: string;
  /** Display name for a group code (area names); the code itself otherwise. */
  groupName?: (group: string | null) => string;
  width?: number;
  height?: number;
  /** y from 0: true for counts, false for waits and shares that sit far from 0. */
  zero?: boolean;
  percent?: boolean;
}

/** The groups drawn: the largest by their latest value first, at most eight. */
export function drawnGroups(rows: TrendRow[]): { drawn: (string | null)[]; hidden: number } {
  const latest = new Map<string | null, number>();
  for (const r of rows) if (r.value !== null) latest.set(r.group, r.value);
  const all = [...new Set(rows.map((r) => r.group))];
  const ordered = all.sort((a, b) => (latest.get(b) ?? -Infinity) - (latest.get(a) ?? -Infinity));
  return { drawn: ordered.slice(0, MAX_SERIES), hidden: Math.max(0, ordered.length - MAX_SERIES) };
}

export function trendOptions(rows: TrendRow[], config: TrendConfig): Plot.PlotOptions {
  const name = config.groupName ?? ((g) => g ?? 'All');
  const { drawn } = drawnGroups(rows);
  const keep = new Set(drawn);
  const data = rows.filter((r) => keep.has(r.group)).map((r) => ({ date: monthDate(r.month), value: r.value, series: name(r.group) }));
  const several = drawn.length > 1;
  return {
    width: config.width ?? 720,
    height: config.height ?? 320,
    marginLeft: 56,
    // Month ticks take two lines (Apr / 2022): room for both, and for the y label above the top tick.
    marginBottom: 44,
    marginTop: 32,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' },
    x: { type: 'utc', label: null },
    y: { label: config.unit, grid: true, zero: config.zero ?? true, percent: config.percent ?? false },
    color: several ? { type: 'categorical', domain: drawn.map(name), range: [...CATEGORY_COLOURS], legend: true } : undefined,
    marks: [
      Plot.ruleY([0], { ariaHidden: 'true', stroke: '#aeb7bd' }),
      Plot.lineY(data, { ariaHidden: 'true', x: 'date', y: 'value', z: 'series', stroke: several ? 'series' : CATEGORY_COLOURS[0], strokeWidth: 2 }),
      Plot.dot(data.filter((d) => d.value !== null), { ariaHidden: 'true', x: 'date', y: 'value', fill: several ? 'series' : CATEGORY_COLOURS[0], r: 2.5 }),
      Plot.tip(data.filter((d) => d.value !== null), Plot.pointerX({ ariaHidden: 'true', x: 'date', y: 'value', title: (d: { series: string; date: Date; value: number }) => `${d.series}\n${d.date.toISOString().slice(0, 7)}: ${d.value}` }))
    ]
  };
}
