/**
 * Plot options for a ranked horizontal bar chart (one bar per area or provider), largest first,
 * with an optional reference line (100% utilisation, the all-area rate) and highlighted bars
 * (over capacity) in a second colour-blind-safe colour. Suppressed or missing values get no bar;
 * the table twin shows them as * or –.
 */
import * as Plot from '@observablehq/plot';
import { fitText, labelMargin } from './label-fit';
import { CATEGORY_COLOURS } from './palette';

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

export function barRowsDrawn(rows: BarRow[], max = 25): BarRow[] {
  return rows.filter((r) => r.value !== null && Number.isFinite(r.value)).sort((a, b) => b.value! - a.value!).slice(0, max);
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
    Plot.barX(data, { ariaHidden: 'true', x: 'value', y: 'label', fill: (d: BarRow) => (d.highlight ? CATEGORY_COLOURS[1] : CATEGORY_COLOURS[0]), sort: { y: '-x' } }),
    Plot.ruleX([0], { ariaHidden: 'true', stroke: '#425563' })
  ];
  if (config.rule) {
    marks.push(
      Plot.ruleX([config.rule.value], { ariaHidden: 'true', stroke: '#212b32', strokeDasharray: '4,3' }),
      Plot.text([config.rule], { ariaHidden: 'true', x: 'value', text: 'label', frameAnchor: 'top', dy: -4, fontSize: 11, textAnchor: 'start', dx: 4 })
    );
  }
  const width = config.width ?? 720;
  // Labels get the room they need (up to 40% of the width), shortened to fit only beyond that; the
  // axis title sits centred under the ticks, never on them.
  const labels = labelMargin(data.map((d) => d.label), width);
  return {
    width,
    height: Math.max(120, 48 + data.length * 22),
    marginLeft: labels.margin,
    marginTop: 24,
    marginRight: 24,
    marginBottom: 44,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' },
    x: { label: fitText(config.unit, width - labels.margin - 8, 12), grid: true, percent: config.percent ?? false, labelAnchor: 'center', labelArrow: 'none', labelOffset: 36, ticks: Math.max(2, Math.floor((width - labels.margin) / 80)) },
    y: { label: null, tickFormat: labels.format },
    color: { type: 'identity' },
    marks
  };
}
