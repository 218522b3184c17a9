/**
 * Plot options for a deprivation gradient, drawn the way the Slope Index of Inequality is defined: the
 * population ranked from the most deprived person (0) to the least deprived (1); each decile or quintile a
 * dot at the midpoint of its slice of that ranking, with its 95% interval as a vertical line where it has one,
 * labelled with its number; and the fitted SII line from one end to the other (dashed), whose height
 * difference is the SII.
 *
 * Input is the table as shown (after suppression): a group whose value is suppressed has no dot (its slice
 * of the ranking still counts, because populations are not suppressed).
 */
import * as Plot from '@observablehq/plot';
import { fitText, textWidth } from './label-fit';
import { ROLE } from './palette';

/**
 * Every mark is hidden from assistive technology: the SVG is one labelled image (PlotFigure gives it role="img"
 * and a label), whose children are presentational, so ARIA on them is prohibited; the table twin carries the numbers.
 */
const hidden = { ariaHidden: 'true' };

export interface GradientPoint {
  quantile: number;
  population: number;
  value: number | null;
  lower?: number | null;
  upper?: number | null;
}

export interface GradientChartConfig {
  yLabel: string;
  format: (v: number | null) => string;
  /** 'D' for deciles, 'Q' for quintiles: the dot labels read D1 … D10. */
  prefix: string;
  /** The fitted line's ends (value at rank 0 and at rank 1), when an SII is shown. */
  fitted?: { atMostDeprived: number; atLeastDeprived: number } | null;
  width?: number;
  height?: number;
}

export interface PlacedPoint extends GradientPoint {
  /** Midpoint of the group's slice of the cumulative population, 0–1. */
  rank: number;
  label: string;
}

/** Each group's rank midpoint (groups in order 1 = most deprived), as stats/sii.ts ranks them. */
export function placeGroups(points: readonly GradientPoint[], prefix: string): PlacedPoint[] {
  const sorted = [...points].sort((a, b) => a.quantile - b.quantile);
  const total = sorted.reduce((s, p) => s + (p.population > 0 ? p.population : 0), 0);
  let cumulative = 0;
  return sorted.map((p) => {
    const share = total > 0 && p.population > 0 ? p.population / total : 0;
    const rank = cumulative + share / 2;
    cumulative += share;
    return { ...p, rank, label: `${prefix}${p.quantile}` };
  });
}

const FRAME = { marginLeft: 56, marginRight: 20, marginBottom: 44, marginTop: 36 };

/**
 * The group labels drawn above their dots: greedy from the most deprived, a label is left out when it
 * would sit on one already drawn (on a narrow chart neighbouring deciles are close). The y scale is
 * Plot's: from 0 (or the lowest value) to the highest value, interval or fitted end, with no rounding.
 */
export function labelledGroups(drawn: readonly PlacedPoint[], fittedValues: readonly number[], width: number, height: number): PlacedPoint[] {
  const ys = [0, ...fittedValues, ...drawn.flatMap((p) => [p.value!, p.lower ?? p.value!, p.upper ?? p.value!])];
  const [lo, hi] = [Math.min(...ys), Math.max(...ys)];
  const innerW = width - FRAME.marginLeft - FRAME.marginRight;
  const innerH = height - FRAME.marginTop - FRAME.marginBottom;
  const box = (p: PlacedPoint) => {
    const x = FRAME.marginLeft + p.rank * innerW;
    const y = FRAME.marginTop + (hi > lo ? ((hi - p.value!) / (hi - lo)) * innerH : innerH / 2) - 12;
    const w = textWidth(p.label, 12) + 4;
    return { left: x - w / 2, right: x + w / 2, top: y - 8, bottom: y + 8 };
  };
  const kept: { left: number; right: number; top: number; bottom: number }[] = [];
  return drawn.filter((p) => {
    const b = box(p);
    if (kept.some((k) => b.left < k.right && k.left < b.right && b.top < k.bottom && k.top < b.bottom)) return false;
    kept.push(b);
    return true;
  });
}

/** The x axis title in full where it fits, shorter on a narrow chart. */
function axisTitle(room: number): string {
  const full = 'Population ranked from most deprived (0) to least deprived (1)';
  return textWidth(full, 12) <= room ? full : fitText('Most deprived (0) to least deprived (1)', room, 12);
}

export function gradientOptions(points: readonly GradientPoint[], config: GradientChartConfig): Plot.PlotOptions {
  const placed = placeGroups(points, config.prefix);
  const drawn = placed.filter((p) => p.value !== null);
  const withCi = drawn.filter((p) => p.lower != null && p.upper != null);
  const fitted = config.fitted ? [{ rank: 0, value: config.fitted.atMostDeprived }, { rank: 1, value: config.fitted.atLeastDeprived }] : [];
  const width = config.width ?? 560;
  const height = config.height ?? 320;
  const labelled = labelledGroups(drawn, fitted.map((f) => f.value), width, height);
  const title = (p: PlacedPoint) =>
    `${p.label}: ${config.format(p.value)}${p.lower != null && p.upper != null ? ` (95% CI ${config.format(p.lower)} to ${config.format(p.upper)})` : ''}`;
  return {
    width,
    height,
    // The y label sits above the top tick, not on it.
    ...FRAME,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' },
    x: { domain: [0, 1], label: axisTitle(width - FRAME.marginLeft - FRAME.marginRight), labelAnchor: 'center', labelArrow: 'none', tickFormat: '.1f' },
    y: { label: config.yLabel, grid: true, zero: true },
    marks: [
      Plot.ruleY([0], { ...hidden, stroke: ROLE.reference }),
      Plot.ruleX(withCi, { ...hidden, x: 'rank', y1: 'lower', y2: 'upper', stroke: ROLE.measure, strokeWidth: 2, strokeOpacity: 0.6 }),
      Plot.line(fitted, { ...hidden, x: 'rank', y: 'value', stroke: ROLE.reference, strokeWidth: 2, strokeDasharray: '6,4', className: 'gradient-fit' }),
      Plot.dot(drawn, { ...hidden, x: 'rank', y: 'value', r: 5, fill: ROLE.measure, className: 'gradient-dots' }),
      Plot.text(labelled, { ...hidden, x: 'rank', y: 'value', text: 'label', dy: -12, fill: '#212b32', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke' }),
      Plot.tip(drawn, Plot.pointerX({ ...hidden, x: 'rank', y: 'value', title }))
    ]
  };
}
