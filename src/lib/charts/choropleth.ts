/**
 * Colours for a choropleth: a value → fill function, a fill per area and a legend spec, from a
 * measure's scale kind and the user's classing. Pure, so the map, the table twin's swatches and the
 * legend all use the very same colours, and tests pin them down without a DOM.
 *
 * Palettes are colour-blind safe: diverging measures (signed, e.g. distance from target) use
 * ColorBrewer PuOr, symmetric about 0, orange below and purple above; sequential measures use
 * viridis, reversed so that darker means more.
 */
import * as Plot from '@observablehq/plot';
import { niceEqualBreaks, niceQuantileBreaks, niceTicks, printsExactly, type Shown } from './nice-breaks';

export type Classing = 'continuous' | 'quantile' | 'equal';
export const CLASSINGS: readonly { id: Classing; label: string }[] = [
  { id: 'continuous', label: 'Continuous' },
  { id: 'quantile', label: 'Quantiles (5 groups of equal size)' },
  { id: 'equal', label: 'Equal intervals (5)' }
];
export const isClassing = (v: unknown): v is Classing => CLASSINGS.some((c) => c.id === v);
export const CLASS_COUNT = 5;

export interface ScaleMeasure {
  scale: 'diverging' | 'sequential';
  unit: string;
  format: (v: number | null) => string;
}

export interface LegendTick {
  value: number;
  label: string;
  /** 0–1 along the ramp. */
  offset: number;
}
export interface LegendClass {
  colour: string;
  from: number;
  to: number;
  label: string;
}
export type LegendSpec =
  | { kind: 'ramp'; unit: string; stops: { offset: number; colour: string }[]; ticks: LegendTick[] }
  | { kind: 'classes'; unit: string; classes: LegendClass[] }
  | { kind: 'empty'; unit: string };

/** One area as a choropleth draws it (the map and its table twin share these). */
export interface ChoroplethArea {
  code: string;
  name: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
  /** 1 = worst (see domain/rank.ts). */
  rank: number | null;
  /** Null when the value is missing or suppressed: drawn hatched. */
  fill: string | null;
  /** Hidden by small-number suppression: shown as `*` and listed apart from missing values. */
  suppressed: boolean;
  /** False when the boundaries have no shape for this code. */
  hasBoundary: boolean;
}

export interface ChoroplethColours {
  /** Null for a missing value (drawn hatched). */
  fill: (value: number | null) => string | null;
  legend: LegendSpec;
}

// Plot's scheme interpolators over t in [0, 1]: PuOr runs purple (0) to orange (1), viridis dark to yellow.
const puOr = Plot.scale({ color: { type: 'linear', scheme: 'PuOr', domain: [0, 1] } });
const viridis = Plot.scale({ color: { type: 'linear', scheme: 'viridis', domain: [0, 1] } });
const clamp01 = (t: number) => (t < 0 ? 0 : t > 1 ? 1 : t);
const sequentialRamp = (t: number) => toHex(viridis.apply(1 - clamp01(t)));
/** Diverging ramp on [−m, m]: negative values orange, 0 the light centre, positive purple. */
const divergingRamp = (v: number, m: number) => toHex(puOr.apply(clamp01(m > 0 ? 0.5 - v / (2 * m) : 0.5)));

/** One colour format everywhere ('#rrggbb'): the interpolators return either hex or rgb(). */
export function toHex(colour: unknown): string {
  const s = String(colour);
  const m = s.match(/^rgb\((\d+),\s*(\d+),\s*(\d+)\)$/);
  if (!m) return s.toLowerCase();
  return '#' + [m[1], m[2], m[3]].map((x) => Number(x).toString(16).padStart(2, '0')).join('');
}

/** Quantile with linear interpolation between order statistics (R type 7, as d3.quantile). */
export function quantile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  const a = sorted[lo]!;
  const b = sorted[Math.min(lo + 1, sorted.length - 1)]!;
  return a + (b - a) * (h - lo);
}

/**
 * Class boundaries: CLASS_COUNT + 1 ascending round numbers (nice-breaks.ts; `shown`: printed exactly by the measure's format) from at or below the lowest
 * value to at or above the highest. Quantiles put the same areas in each class as the exact quantiles;
 * equal intervals are equal steps of a round size (for a diverging measure symmetric about 0, so 0 sits in the
 * middle class).
 */
export function classBreaks(values: number[], classing: Exclude<Classing, 'continuous'>, diverging: boolean, shown?: Shown): number[] {
  const sorted = [...values].sort((a, b) => a - b);
  const lo = sorted[0]!;
  const hi = sorted[sorted.length - 1]!;
  if (classing === 'quantile') {
    const exact = Array.from({ length: CLASS_COUNT + 1 }, (_, i) => (i === 0 ? lo : i === CLASS_COUNT ? hi : quantile(sorted, i / CLASS_COUNT)));
    return niceQuantileBreaks(exact, sorted, shown);
  }
  return niceEqualBreaks(lo, hi, CLASS_COUNT, diverging, shown);
}

/** Which class a value falls in: the last break at or below it (upper bounds inclusive for the top class). */
function classOf(v: number, breaks: number[]): number {
  let i = 0;
  while (i < CLASS_COUNT - 1 && v >= breaks[i + 1]!) i++;
  return i;
}

export function choroplethColours(measure: ScaleMeasure, values: (number | null)[], classing: Classing): ChoroplethColours {
  const present = values.filter((v): v is number => v !== null && Number.isFinite(v));
  const unit = measure.unit;
  if (!present.length) return { fill: () => null, legend: { kind: 'empty', unit } };
  const diverging = measure.scale === 'diverging';
  const lo = Math.min(...present);
  const hi = Math.max(...present);
  const m = Math.max(Math.abs(lo), Math.abs(hi));

  if (classing === 'continuous') {
    const [a, b] = diverging ? [-m, m] : [lo, hi];
    const t = (v: number) => (b > a ? (v - a) / (b - a) : 0.5);
    const colourAt = (v: number) => (diverging ? divergingRamp(v, m) : sequentialRamp(t(v)));
    const stops = Array.from({ length: 11 }, (_, i) => {
      const v = a + ((b - a) * i) / 10;
      return { offset: i / 10, colour: b > a ? colourAt(v) : colourAt(a) };
    });
    // Round numbers along the ramp (the colours stay those of the values' own range).
    const tickValues = niceTicks(a, b, 5, printsExactly(measure.format));
    return {
      fill: (v) => (v === null || !Number.isFinite(v) ? null : colourAt(v)),
      legend: { kind: 'ramp', unit, stops, ticks: tickValues.map((v) => ({ value: v, label: measure.format(v), offset: b > a ? t(v) : 0.5 })) }
    };
  }

  const breaks = classBreaks(present, classing, diverging, printsExactly(measure.format));
  const colours = !diverging
    ? Array.from({ length: CLASS_COUNT }, (_, i) => sequentialRamp((i + 0.5) / CLASS_COUNT))
    : classing === 'equal'
      ? // Equal classes over [−m, m]: each takes the colour of its midpoint (symmetric steps about 0).
        Array.from({ length: CLASS_COUNT }, (_, i) => divergingRamp((breaks[i]! + breaks[i + 1]!) / 2, breaks[CLASS_COUNT]!))
      : divergingClassColours(breaks);
  const classes = colours.map((colour, i) => ({
    colour,
    from: breaks[i]!,
    to: breaks[i + 1]!,
    label: `${measure.format(breaks[i]!)} to ${i === CLASS_COUNT - 1 ? '' : 'under '}${measure.format(breaks[i + 1]!)}`
  }));
  return {
    fill: (v) => (v === null || !Number.isFinite(v) ? null : colours[classOf(v, breaks)]!),
    legend: { kind: 'classes', unit, classes }
  };
}

/**
 * Quantile classes of a signed measure: a class wholly below 0 is orange, wholly above purple, one
 * straddling 0 the neutral centre; the k-th class out from 0 on either side gets the same strength,
 * so the colours stay symmetric about 0 however unevenly the quantiles fall (midpoint colours would
 * leave the middle classes nearly white whenever one extreme area stretches the scale).
 */
function divergingClassColours(breaks: number[]): string[] {
  const side = Array.from({ length: CLASS_COUNT }, (_, i) => (breaks[i + 1]! <= 0 && breaks[i]! < 0 ? -1 : breaks[i]! >= 0 && breaks[i + 1]! > 0 ? 1 : 0));
  const below = side.filter((x) => x < 0).length;
  const above = side.filter((x) => x > 0).length;
  const steps = Math.max(below, above, 1);
  return side.map((sgn, i) => {
    if (sgn === 0) return divergingRamp(0, 1);
    // Steps out from 0: for classes below, the last one below is step 1; for those above, the first.
    const step = sgn < 0 ? below - i : i - (CLASS_COUNT - above) + 1;
    return divergingRamp(sgn * (0.25 + (0.75 * step) / steps), 1);
  });
}

/** A fill per area code from the same colours (null = no value). */
export function fillsByCode(rows: { code: string; value: number | null }[], colours: ChoroplethColours): Map<string, string | null> {
  return new Map(rows.map((r) => [r.code, colours.fill(r.value)]));
}
