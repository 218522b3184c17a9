/**
 * Plot options for a funnel plot: each area a dot at (denominator, value), the overall value as a centre
 * line, the 95% (dashed) and 99.8% (solid) control limits as lines across the denominator range (the key
 * beside the chart names them), and the area's name beside every dot outside the 99.8% limits, placed so
 * that names do not overlap (label-placement.ts).
 *
 * Input is the table as shown (after suppression, domain/equity/disclosure.ts): an area whose value is
 * suppressed has no dot, no label and no tooltip. No direction is judged, so above and below share the
 * palette's 'unusual' colour (palette.ts): a filled dot outside the 99.8% limits, a ring outside the 95%
 * only, a grey ('neutral') dot within; above or below is where the dot sits against the centre line, and
 * the labels and the table twin say the same in words.
 *
 * Axes: x from 0 to 5% past the largest area; y spans every dot and the limits at the smallest area's
 * denominator (where the funnel is widest among the areas), so the mouth of the funnel does not squash the
 * dots. Lines are clipped to the frame.
 */
import * as Plot from '@observablehq/plot';
import type { FunnelSignificance } from '../domain/stats/funnel';
import type { SuppressedTable } from '../domain/stats/suppression';
import { isOutlier, type FunnelAreaRow, type FunnelData, type FunnelLine } from '../domain/equity/funnel-data';
import { LABEL_GAP, placeLabels, type PlacedLabel } from './label-placement';
import { fitText } from './label-fit';
import { ROLE } from './palette';

/**
 * Every mark is hidden from assistive technology: the SVG is one labelled image (PlotFigure gives it role="img"
 * and a label), whose children are presentational, so ARIA on them is prohibited; the table twin carries the numbers.
 */
const hidden = { ariaHidden: 'true' };

export interface FunnelDot {
  code: string;
  name: string;
  x: number;
  y: number;
  lower: number | null;
  upper: number | null;
  significance: FunnelSignificance | null;
  outlier: boolean;
}

export interface FunnelChartConfig {
  xLabel: string;
  yLabel: string;
  /** Value text for tooltips ("12.3", "8.1%"). */
  format: (v: number | null) => string;
  width?: number;
  height?: number;
}

/** Significance → legend text, colour and mark (a filled dot, or a ring for outside 95% only), in legend order (high to low). */
export const SIGNIFICANCE_KEY: { label: string; colour: string; mark: 'dot' | 'ring'; matches: (s: FunnelSignificance | null) => boolean }[] = [
  { label: 'Higher, outside 99.8%', colour: ROLE.unusual, mark: 'dot', matches: (s) => s === 'High (0.001)' },
  { label: 'Higher, outside 95%', colour: ROLE.unusual, mark: 'ring', matches: (s) => s === 'High (0.025)' },
  { label: 'Within 95%', colour: ROLE.neutral, mark: 'dot', matches: (s) => s === 'Not significant' || s === null || s === 'Not applicable for events less than 10 for dsrs' },
  { label: 'Lower, outside 95%', colour: ROLE.unusual, mark: 'ring', matches: (s) => s === 'Low (0.025)' },
  { label: 'Lower, outside 99.8%', colour: ROLE.unusual, mark: 'dot', matches: (s) => s === 'Low (0.001)' }
];

export const significanceLabel = (s: FunnelSignificance | null): string => SIGNIFICANCE_KEY.find((k) => k.matches(s))!.label;

/**
 * The chart's key: one entry a mark. Higher and lower share a mark (whether a dot is above or below the centre
 * line says which), so the key names them together; five entries with two pairs of identical marks read as ten
 * different things (a new user's review of the exported picture).
 */
export const SIGNIFICANCE_MARKS: { label: string; colour: string; mark: 'dot' | 'ring' }[] = [
  { label: 'Outside 99.8% (higher above the line, lower below)', colour: ROLE.unusual, mark: 'dot' },
  { label: 'Outside 95% only', colour: ROLE.unusual, mark: 'ring' },
  { label: 'Within 95%', colour: ROLE.neutral, mark: 'dot' }
];

/** The dots drawn: areas with a shown value and denominator (suppressed and empty ones are left out). */
export function funnelDots(table: SuppressedTable<FunnelAreaRow>): FunnelDot[] {
  const dots: FunnelDot[] = [];
  table.rows.forEach((r) => {
    if (r.value === null || r.denominator === null || r.code === null || r.name === null) return;
    dots.push({
      code: r.code, name: r.name, x: r.denominator, y: r.value, lower: r.lower, upper: r.upper,
      significance: r.significance, outlier: isOutlier(r.significance)
    });
  });
  return dots;
}

/** x and y domains (see the header); null without dots. */
export function funnelDomains(data: FunnelData, dots: readonly FunnelDot[]): { x: [number, number]; y: [number, number] } | null {
  if (!dots.length) return null;
  const xMax = Math.max(...dots.map((d) => d.x)) * 1.05;
  const xMin = Math.min(...dots.map((d) => d.x));
  const ys = [...dots.map((d) => d.y), data.baseline];
  for (const line of data.lines) {
    const at = limitAt(line, xMin);
    if (at !== null) ys.push(at);
  }
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.1 || 1;
  return { x: [0, xMax], y: [Math.max(0, lo - pad), hi + pad] };
}

/** A limit line's value at x by linear interpolation; null outside its points. */
export function limitAt(line: FunnelLine, x: number): number | null {
  const pts = line.points;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    if (x >= a.x && x <= b.x) return b.x === a.x ? a.y : a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
  }
  return null;
}

const FRAME = { marginTop: 28, marginRight: 24, marginBottom: 40, marginLeft: 56 };
const HEIGHT = 460;

/** The names of the areas outside the 99.8% limits, placed apart; those with no room are left to the table. */
export function funnelLabels(data: FunnelData, dots: readonly FunnelDot[], width: number, height = HEIGHT): PlacedLabel[] {
  const domains = funnelDomains(data, dots) ?? { x: [0, 1] as [number, number], y: [0, 1] as [number, number] };
  return placeLabels(dots.filter((d) => d.outlier).map((d) => ({ x: d.x, y: d.y, text: d.name })), { ...FRAME, width, height, ...domains }, dots)
    .filter((l) => l.fits);
}

export function funnelOptions(data: FunnelData, dots: readonly FunnelDot[], config: FunnelChartConfig): Plot.PlotOptions {
  const width = config.width ?? 980;
  const height = config.height ?? HEIGHT;
  const domains = funnelDomains(data, dots) ?? { x: [0, 1] as [number, number], y: [0, 1] as [number, number] };
  const lineRows = data.lines.flatMap((l) =>
    l.points.filter((p) => p.x <= domains.x[1] * 1.5).map((p) => ({ ...p, key: `${l.level} ${l.side}`, level: l.level }))
  );
  const labels = funnelLabels(data, dots, width, height);
  const labelMark = (anchor: 'start' | 'end') =>
    Plot.text(labels.filter((l) => l.anchor === anchor), {
      ...hidden, x: 'x', y: 'labelY', text: 'text', textAnchor: anchor, dx: anchor === 'start' ? LABEL_GAP : -LABEL_GAP,
      fill: '#212b32', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke', className: 'funnel-outlier-label'
    });
  const key = (d: FunnelDot) => SIGNIFICANCE_KEY.find((k) => k.matches(d.significance))!;
  const tipTitle = (d: FunnelDot) =>
    `${d.name}\n${config.format(d.y)} (95% CI ${config.format(d.lower)} to ${config.format(d.upper)})\n${significanceLabel(d.significance)}`;
  return {
    ...FRAME,
    width,
    height,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' },
    x: { domain: domains.x, label: fitText(config.xLabel, width - FRAME.marginLeft - FRAME.marginRight, 12), grid: true, tickFormat: '~s', labelAnchor: 'center', labelArrow: 'none' },
    y: { domain: domains.y, label: fitText(config.yLabel, width - 24, 12), grid: true },
    marks: [
      // The centre line thicker than the limits, so the key tells them apart.
      Plot.ruleY([data.baseline], { ...hidden, stroke: ROLE.reference, strokeWidth: 3 }),
      // Dashing is a constant per mark, so one mark per confidence level.
      Plot.line(lineRows.filter((d) => d.level === '95%'), { ...hidden, x: 'x', y: 'y', z: 'key', clip: true, stroke: ROLE.reference, strokeWidth: 1.25, strokeDasharray: '5,4' }),
      Plot.line(lineRows.filter((d) => d.level === '99.8%'), { ...hidden, x: 'x', y: 'y', z: 'key', clip: true, stroke: ROLE.reference, strokeWidth: 1.5 }),
      // A thin leader from a dot to its label when the label had to move off the dot's line.
      Plot.link(labels.filter((l) => l.moved), { ...hidden, x1: 'x', y1: 'y', x2: 'x', y2: 'labelY', stroke: '#aeb7bd' }),
      Plot.dot(dots, { ...hidden, x: 'x', y: 'y', r: 4.5, fill: (d: FunnelDot) => (key(d).mark === 'ring' ? 'white' : key(d).colour), stroke: (d: FunnelDot) => (key(d).mark === 'ring' ? key(d).colour : 'white'), strokeWidth: 1.5, className: 'funnel-dots' }),
      labelMark('start'),
      labelMark('end'),
      Plot.tip(dots, Plot.pointer({ ...hidden, x: 'x', y: 'y', title: tipTitle }))
    ]
  };
}

/**
 * A limit line's value at x, as the chart draws it (straight between its points); null outside its range.
 * The CSV export gives each area the four limits at its own denominator with this.
 */
export function lineAt(points: readonly { x: number; y: number }[], x: number): number | null {
  if (!points.length || x < points[0]!.x || x > points.at(-1)!.x) return null;
  let i = 1;
  while (i < points.length - 1 && points[i]!.x < x) i++;
  const a = points[i - 1]!;
  const b = points[i]!;
  return b.x === a.x ? a.y : a.y + ((b.y - a.y) * (x - a.x)) / (b.x - a.x);
}
