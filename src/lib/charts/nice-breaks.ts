/**
 * Round numbers for the map's legend ("nice" numbers, as d3's ticks: 1, 2, 2.5 or 5 × 10^k), so a legend
 * reads "−20.0% to under −10.0%", not "−50.7% to under −25.4%". Each keeps its classing's meaning:
 * - equal intervals stay equal and cover every value (a diverging measure's stay symmetric about 0, with 0
 *   in the middle class);
 * - quantile breaks put every area in the class the exact quantiles give wherever the values leave room: each
 *   break moves to the roundest number between the value below it and the value at or above it;
 * - a continuous ramp keeps its colours; its ticks are round numbers along it.
 *
 * `shown(v)` says whether the measure's format prints v exactly (one decimal prints 2.5 but not 2.25, "£1.3m"
 * is not 1,250,000): a number it would print rounded is never chosen, so the legend says what the map does.
 * Pure; tested in tests/unit/nice-breaks.test.ts.
 */
const NICE = [1, 2, 2.5, 5] as const;
export type Shown = (v: number) => boolean;
const always: Shown = () => true;

/** Clean binary noise from a multiple (0.1 × 3 = 0.30000000000000004 → 0.3). */
const clean = (v: number) => (v === 0 ? 0 : Number(v.toPrecision(12)));

/** Nice numbers from about `from` up to about `to` (both > 0), ascending. */
function niceRange(from: number, to: number): number[] {
  const out: number[] = [];
  for (let k = Math.floor(Math.log10(from)) - 1; k <= Math.ceil(Math.log10(to)) + 1; k++) {
    for (const n of NICE) out.push(clean(n * 10 ** k));
  }
  return out;
}

/** The smallest nice number at or above x (x > 0). */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return x;
  return niceRange(x, x).find((n) => n >= x * (1 - 1e-12))!;
}

/**
 * Equal-interval class boundaries (classes + 1, ascending) at nice numbers covering [lo, hi]: the smallest
 * nice step whose classes, from a multiple of it, reach hi. A diverging measure's classes sit symmetric about 0
 * with 0 in the middle class (an odd count): boundaries ±h, ±3h, ±5h, the smallest nice h with 5h ≥ the
 * largest distance from 0.
 */
export function niceEqualBreaks(lo: number, hi: number, classes: number, diverging: boolean, shown: Shown = always): number[] {
  const fits = (b: number[]) => b.every(shown);
  if (diverging) {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    if (!(m > 0)) return Array.from({ length: classes + 1 }, () => 0);
    for (const h of niceRange(m / classes, m * 10)) {
      if (h < (m / classes) * (1 - 1e-12)) continue;
      const b = Array.from({ length: classes + 1 }, (_, i) => clean((2 * i - classes) * h));
      if (fits(b)) return b;
    }
    return Array.from({ length: classes + 1 }, (_, i) => ((2 * i - classes) * m) / classes);
  }
  if (!(hi > lo)) return Array.from({ length: classes + 1 }, () => lo);
  for (const step of niceRange((hi - lo) / classes, (hi - lo) * 10)) {
    if (step < ((hi - lo) / classes) * (1 - 1e-12)) continue;
    const start = Math.floor(lo / step + 1e-9) * step;
    const b = Array.from({ length: classes + 1 }, (_, i) => clean(start + i * step));
    if (b[classes]! >= hi - 1e-9 * step && fits(b)) return b;
  }
  return Array.from({ length: classes + 1 }, (_, i) => lo + ((hi - lo) * i) / classes);
}

/**
 * The roundest number in (below, upTo]: the multiple of the largest nice unit, no finer than `finest`, that has
 * one there and is shown exactly; null when none has.
 */
export function roundestBetween(below: number, upTo: number, finest = 0, shown: Shown = always): number | null {
  if (!(upTo > below)) return null;
  const span = Math.max(Math.abs(below), Math.abs(upTo), upTo - below);
  for (const u of niceRange(Math.max(upTo - below, finest), span * 10).reverse()) {
    if (u < finest * (1 - 1e-12)) break;
    const r = clean((Math.floor(below / u + 1e-12) + 1) * u);
    if (r > below && r <= upTo && shown(r)) return r;
  }
  return null;
}

/**
 * Quantile boundaries at round numbers: multiples of nice units no finer than a fiftieth of the range (a legend
 * never prints 13.27 on a range of 10 to 25). An interior break b lies between the largest value below it and
 * the smallest at or above it (a value v is in the class above when v ≥ b); any number in that gap classes the
 * values alike, so the roundest one there is taken. When the gap holds none (values packed closer than the
 * unit), the break goes to the nearest multiple of the unit, and only the areas between the exact and the
 * round break change class. The ends go out to a multiple of the unit.
 */
export function niceQuantileBreaks(breaks: readonly number[], sorted: readonly number[], shown: Shown = always): number[] {
  const n = breaks.length - 1;
  const lo = breaks[0]!;
  const hi = breaks[n]!;
  if (!(hi > lo)) return [...breaks];
  // The unit: a fiftieth of the range or more, printed exactly (a format with one decimal prints 0.5, not 0.25).
  const unit = niceRange((hi - lo) / 50, (hi - lo) * 10).find((u) => u >= ((hi - lo) / 50) * (1 - 1e-12) && shown(u) && shown(clean(Math.floor(lo / u) * u + u))) ?? niceCeil((hi - lo) / 50);
  const out = [clean(Math.floor(lo / unit + 1e-9) * unit)];
  for (let i = 1; i < n; i++) {
    const b = breaks[i]!;
    const below = findLast(sorted, (v) => v < b);
    const atOrAbove = sorted.find((v) => v >= b);
    let r = below !== undefined && atOrAbove !== undefined ? roundestBetween(below, atOrAbove, unit, shown) : null;
    r ??= clean(Math.round(b / unit) * unit);
    if (r <= out[i - 1]!) r = clean(out[i - 1]! + unit);
    out.push(r);
  }
  const top = clean(Math.ceil(hi / unit - 1e-9) * unit);
  out.push(top > out[n - 1]! ? top : clean(out[n - 1]! + unit));
  return out;
}

function findLast<T>(xs: readonly T[], ok: (x: T) => boolean): T | undefined {
  for (let i = xs.length - 1; i >= 0; i--) if (ok(xs[i]!)) return xs[i];
  return undefined;
}

/**
 * Round tick values along a ramp over [a, b], about `count` of them (3 to count + 2): ticks at both ends when
 * a nice step allows, else the step whose ticks come closest to the count and then span most of the ramp.
 */
export function niceTicks(a: number, b: number, count = 5, shown: Shown = always): number[] {
  if (!(b > a)) return [a];
  const span = b - a;
  let best: { ticks: number[]; score: number[] } | null = null;
  for (const s of niceRange(span / (count * 3), span)) {
    const first = Math.ceil(a / s - 1e-9);
    const last = Math.floor(b / s + 1e-9);
    const n = last - first + 1;
    if (n < 3 || n > count + 2) continue;
    const ticks = Array.from({ length: n }, (_, i) => clean((first + i) * s));
    if (!ticks.every(shown)) continue;
    const ends = Math.abs(ticks[0]! - a) <= 1e-9 * span && Math.abs(ticks[n - 1]! - b) <= 1e-9 * span ? 0 : 1;
    const score = [ends, Math.abs(n - count), -(ticks[n - 1]! - ticks[0]!) / span];
    if (!best || lexLess(score, best.score)) best = { ticks, score };
  }
  return best?.ticks ?? [a, b];
}

/** a before b, comparing item by item. */
function lexLess(a: readonly number[], b: readonly number[]): boolean {
  const i = a.findIndex((x, j) => x !== b[j]);
  return i >= 0 && a[i]! < b[i]!;
}

/**
 * Whether a format prints a number exactly: its text read back ("−12.5%", "£1.3m", "1,234.5") is the number.
 * Reads signs (− or -, +), £, thousands commas, a k / m / bn size and a % (a percentage of a fraction).
 */
export function printsExactly(format: (v: number | null) => string): Shown {
  return (v) => {
    const m = /([+\-\u2212]?)£?(\d[\d,]*(?:\.\d+)?)\s*(bn|k|m)?\s*(%)?/.exec(format(v));
    if (!m) return false;
    const size = m[3] === 'bn' ? 1e9 : m[3] === 'm' ? 1e6 : m[3] === 'k' ? 1e3 : 1;
    const read = (m[1] === '-' || m[1] === '\u2212' ? -1 : 1) * Number(m[2]!.replace(/,/g, '')) * size / (m[4] ? 100 : 1);
    return Math.abs(read - v) <= 1e-9 * Math.max(1, Math.abs(v));
  };
}
