/**
 * Plot options for the Plan view's three chart kinds (plan-specs.ts makes their specs):
 * - a dumbbell: one row per area, a ring where it starts and a dot where it ends, joined (distance from target
 *   before and after the allocation; or after scenario A and after scenario B), with the ±5% band and zero;
 * - a glide path: each area's distance from target by year, the baseline year first, with the ±5% band;
 * - a waterfall: an area's target share built up from its population share, the deprivation adjustment and the
 *   age adjustment, each step floating from where the last ended.
 * Values arrive as fractions and are drawn in percent. Every mark is hidden from assistive technology: the
 * figure is one labelled image and the table twin carries the numbers.
 */
import * as Plot from '@observablehq/plot';
import { withMinus } from '../domain/format';
import { labelMargin } from './label-fit';
import { ROLE } from './palette';

const hidden = { ariaHidden: 'true' };
const base = { marginBottom: 44, marginRight: 24, style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' } };
const xAxis = { grid: true, labelAnchor: 'center' as const, labelArrow: 'none' as const, labelOffset: 36 };
/** The band of "within 5% of target". */
export const TOLERANCE_PCT = 5;
/** The band's fill: pale, so the marks on it keep their contrast; the key shows the same colour. */
export const BAND_FILL = '#E3E7EA';
/** An axis tick in percent, with the minus sign (−) every chart uses. */
const pctTick = (v: number) => withMinus(`${v}%`);
const pctText = (v: number | null) => (v === null ? '–' : `${v > 0 ? '+' : v < 0 ? '−' : ''}${Math.abs(v).toFixed(1)}%`);
/** 22 px a row, closing up to 16 px where the picture must fit a height (a printed page). */
const rowHeight = (n: number, maxHeight = Infinity) => Math.max(160, Math.min(22 * n + 70, Math.max(16 * n + 70, maxHeight)));

export interface DumbbellRow {
  name: string;
  /** Fractions (−0.25 = 25% under). */
  from: number | null;
  to: number | null;
}

export interface DumbbellLabels {
  from: string;
  to: string;
  /** The x axis title. */
  axis: string;
}

/** Rows are drawn in the order given (the spec orders them), top to bottom. */
export function dumbbellOptions(rows: readonly DumbbellRow[], labels: DumbbellLabels, width = 640, maxHeight?: number): Plot.PlotOptions {
  const m = labelMargin(rows.map((r) => r.name), width);
  const pts = rows.map((r) => ({ name: r.name, from: r.from === null ? null : r.from * 100, to: r.to === null ? null : r.to * 100 }));
  const both = pts.filter((r) => r.from !== null && r.to !== null);
  const title = (r: (typeof pts)[number]) => `${r.name}\n${labels.from}: ${pctText(r.from)}\n${labels.to}: ${pctText(r.to)}`;
  return {
    ...base,
    width,
    marginLeft: m.margin,
    height: rowHeight(rows.length, maxHeight),
    // At least three ticks: on a phone the names take most of the width, and Plot's default left one ("0%"), no scale.
    x: { ...xAxis, label: labels.axis, tickFormat: pctTick, ticks: Math.max(3, Math.floor((width - m.margin) / 80)) },
    y: { domain: pts.map((r) => r.name), label: null, tickFormat: m.format },
    marks: [
      Plot.rectX([0], { ...hidden, x1: -TOLERANCE_PCT, x2: TOLERANCE_PCT, fill: BAND_FILL }),
      Plot.ruleX([0], { ...hidden, stroke: ROLE.reference }),
      Plot.link(both, { ...hidden, x1: 'from', x2: 'to', y1: 'name', y2: 'name', stroke: ROLE.neutral, strokeWidth: 2, markerEnd: 'arrow' }),
      Plot.dot(pts.filter((r) => r.from !== null), { ...hidden, x: 'from', y: 'name', r: 4.5, stroke: ROLE.neutral, strokeWidth: 2, fill: 'white', className: 'dumbbell-from' }),
      Plot.dot(pts.filter((r) => r.to !== null), { ...hidden, x: 'to', y: 'name', r: 4.5, fill: ROLE.measure, className: 'dumbbell-to' }),
      Plot.tip(pts, Plot.pointerY({ ...hidden, x: (r: (typeof pts)[number]) => r.to ?? r.from, y: 'name', title }))
    ]
  };
}

export interface GlidePoint {
  name: string;
  /** The column's label ('2024/25', 'Year 1'). */
  year: string;
  dft: number | null;
  /** The area drawn in the colour for attention (the furthest under target at the start). */
  highlight: boolean;
}

export function glideOptions(points: readonly GlidePoint[], years: readonly string[], width = 640, maxHeight?: number): Plot.PlotOptions {
  const pts = points.filter((p) => p.dft !== null).map((p) => ({ ...p, v: p.dft! * 100 }));
  const title = (p: (typeof pts)[number]) => `${p.name}\n${p.year}: ${pctText(p.v)}`;
  const line = (rows: typeof pts, stroke: string, strokeWidth: number, strokeOpacity: number, className: string) =>
    Plot.line(rows, { ...hidden, x: 'year', y: 'v', z: 'name', stroke, strokeWidth, strokeOpacity, className });
  return {
    ...base,
    width,
    marginLeft: 56,
    height: Math.max(220, Math.min(360, maxHeight ?? 360)),
    x: { type: 'point', domain: [...years], label: null, padding: 0.3 },
    y: { label: 'Distance from target', grid: true, tickFormat: pctTick, labelArrow: 'none' },
    marks: [
      Plot.rectY([0], { ...hidden, y1: -TOLERANCE_PCT, y2: TOLERANCE_PCT, fill: BAND_FILL }),
      Plot.ruleY([0], { ...hidden, stroke: ROLE.reference }),
      line(pts.filter((p) => !p.highlight), ROLE.measure, 1.5, 0.55, 'glide-line'),
      line(pts.filter((p) => p.highlight), ROLE.worse, 3, 1, 'glide-highlight'),
      Plot.dot(pts, { ...hidden, x: 'year', y: 'v', r: 2.5, fill: (p: (typeof pts)[number]) => (p.highlight ? ROLE.worse : ROLE.measure) }),
      Plot.tip(pts, Plot.pointer({ ...hidden, x: 'year', y: 'v', title }))
    ]
  };
}

export interface WaterfallStep {
  label: string;
  /** Fractions of the whole (0.082 = 8.2% of the need-weighted total). */
  start: number;
  end: number;
  /** A total (drawn from zero in the measure's colour) or an adjustment (floating). */
  total: boolean;
}

export function waterfallOptions(steps: readonly WaterfallStep[], width = 640, maxHeight?: number): Plot.PlotOptions {
  const bars = steps.map((s) => ({ ...s, y1: s.start * 100, y2: s.end * 100, change: (s.end - s.start) * 100 }));
  const text = (b: (typeof bars)[number]) => (b.total ? `${b.y2.toFixed(2)}%` : `${b.change >= 0 ? '+' : '−'}${Math.abs(b.change).toFixed(2)} pts`);
  const fill = (b: (typeof bars)[number]) => (b.total ? ROLE.measure : b.change >= 0 ? ROLE.comparison : ROLE.worse);
  const axis = { label: 'Share of the need-weighted total', grid: true, zero: true, tickFormat: pctTick, labelArrow: 'none' as const };
  // A narrow drawing (a phone) has about 65 px a column, too little for "Deprivation adjustment" or "−0.33 pts":
  // the steps are drawn across instead, one a row, their names at the left and each change after its bar.
  if (width < 560) {
    const m = labelMargin(bars.map((b) => b.label), width, 12, 0.36);
    return {
      ...base,
      width,
      marginLeft: m.margin,
      marginRight: 72,
      height: Math.max(200, 44 * bars.length + 70),
      y: { domain: bars.map((b) => b.label), label: null, padding: 0.3, tickFormat: m.format },
      x: { ...xAxis, ...axis, ticks: 3 },
      marks: [
        Plot.barX(bars, { ...hidden, y: 'label', x1: 'y1', x2: 'y2', className: 'waterfall-bar', fill }),
        Plot.text(bars, { ...hidden, y: 'label', x: (b: (typeof bars)[number]) => Math.max(b.y1, b.y2), text, dx: 6, textAnchor: 'start', fill: '#212b32' }),
        Plot.ruleX([0], { ...hidden, stroke: ROLE.reference })
      ]
    };
  }
  return {
    ...base,
    width,
    marginLeft: 56,
    marginTop: 40,
    height: Math.max(220, Math.min(320, maxHeight ?? 320)),
    x: { domain: bars.map((b) => b.label), label: null, padding: 0.35 },
    y: axis,
    marks: [
      Plot.barY(bars, { ...hidden, x: 'label', y1: 'y1', y2: 'y2', className: 'waterfall-bar', fill }),
      Plot.text(bars, { ...hidden, x: 'label', y: (b: (typeof bars)[number]) => Math.max(b.y1, b.y2), text, dy: -8, fill: '#212b32' }),
      Plot.ruleY([0], { ...hidden, stroke: ROLE.reference })
    ]
  };
}
