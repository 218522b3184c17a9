/**
 * Plot options for a ranked horizontal bar chart (one bar per area or provider), largest first,
 * with an optional reference line (100% utilisation, the all-area rate) and highlighted bars
 * (over capacity) in the palette's 'worse' colour (palette.ts). Suppressed or missing values get no bar;
 * the table twin shows them as * or –.
 */
import * as Plot from '@observablehq/plot';
import { labelMargin, wrapLabel } from './label-fit';
import { ROLE } from './palette';

export interface BarRow {
  key: string;
  label: string;
  value: number | null;
  highlight?: boolean;
}

export interface BarConfig {
  unit: string;
  percent?: boolean;
  /** A vertical reference line and what it means, e.g. { value: 1, label: 'full' }. */
  rule?: { value: number; label: string } | null;
  /** Bars beyond this many are left to the table (the chart says so). */
  max?: number;
  width?: number;
}

/**
 * The one order of every bar chart (docs/palette.md): the longest bar at the top, ties by name, so the same
 * measure is drawn in the same order on every view (service variety on Capacity and Equity).
 */
export function largestFirst<T>(rows: readonly T[], value: (r: T) => number | null, label: (r: T) => string): T[] {
  return [...rows].sort((a, b) => (value(b) ?? -Infinity) - (value(a) ?? -Infinity) || label(a).localeCompare(label(b)));
}

export function barRowsDrawn(rows: BarRow[], max = 25): BarRow[] {
  const drawn = rows.filter((r) => r.value !== null && Number.isFinite(r.value));
  return largestFirst(drawn, (r) => r.value, (r) => r.label).slice(0, max);
}

/** What a ranked bar chart shows, in a sentence: its largest and smallest bars. */
export function barFinding(rows: BarRow[], config: Pick<BarConfig, 'unit' | 'percent'>, format: (v: number) => string): string {
  const shown = barRowsDrawn(rows, Infinity);
  if (!shown.length) return '';
  const top = shown[0]!;
  const bottom = shown.at(-1)!;
  const f = (v: number) => (config.percent ? `${format(v * 100)}%` : format(v));
  if (shown.length === 1) return `${top.label}: ${f(top.value!)} (${config.unit}).`;
  return `Highest: ${top.label}, ${f(top.value!)}; lowest: ${bottom.label}, ${f(bottom.value!)} (${config.unit}).`;
}

export function barOptions(rows: BarRow[], config: BarConfig): Plot.PlotOptions {
  const data = barRowsDrawn(rows, config.max);
  const marks: Plot.Markish[] = [
    Plot.barX(data, { ariaHidden: 'true', x: 'value', y: 'label', fill: (d: BarRow) => (d.highlight ? ROLE.worse : ROLE.measure), sort: { y: '-x' } }),
    Plot.ruleX([0], { ariaHidden: 'true', stroke: ROLE.reference })
  ];
  if (config.rule) {
    // The rule's label on the side with room: after a rule in the left half of the scale, before one further
    // right (a 90% threshold's label ran past the chart's edge).
    const top = Math.max(config.rule.value, ...data.map((d) => d.value ?? 0));
    const before = top > 0 && config.rule.value > top * 0.6;
    marks.push(
      Plot.ruleX([config.rule.value], { ariaHidden: 'true', stroke: ROLE.reference, strokeDasharray: '4,3' }),
      Plot.text([config.rule], { ariaHidden: 'true', x: 'value', text: 'label', frameAnchor: 'top', dy: -4, fontSize: 11, textAnchor: before ? 'end' : 'start', dx: before ? -4 : 4 })
    );
  }
  const width = config.width ?? 720;
  // Labels get the room they need (up to 40% of the width), shortened to fit only beyond that; the
  // axis title sits centred under the ticks, never on them.
  const labels = labelMargin(data.map((d) => d.label), width);
  // A title of two lines: Plot sets its last line at the offset, so the offset and the margin grow by a line.
  const axisTitle = wrapLabel(config.unit, width - labels.margin - 8, 12);
  return {
    width,
    height: Math.max(120, 48 + data.length * 22),
    marginLeft: labels.margin,
    marginTop: 24,
    marginRight: 24,
    marginBottom: 44 + (axisTitle.lines - 1) * 14,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' },
    x: { label: axisTitle.text, grid: true, percent: config.percent ?? false, labelAnchor: 'center', labelArrow: 'none', labelOffset: 36 + (axisTitle.lines - 1) * 14, ticks: Math.max(2, Math.floor((width - labels.margin) / 80)) },
    y: { label: null, tickFormat: labels.format },
    color: { type: 'identity' },
    marks
  };
}
