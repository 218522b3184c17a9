/**
 * Round numbers for the map's legend ("nice" numbers, as d3's ticks: 1, 2, 2.5 or 5 × 10^k), so a legend
 * reads "−20% to under −10%", not "−25.4% to under −50.7%". Each keeps its classing's meaning:
 * - equal intervals stay equal, and cover every value (a diverging measure's stay symmetric about 0 with 0 in
 *   the middle class);
 * - quantile breaks put every area in the same class as the exact quantiles do: each break moves to the
 *   roundest number between the value below it and the value at or above it;
 * - a continuous ramp keeps its colours; its ticks are the round numbers along it.
 * Pure; tested in tests/unit/nice-breaks.test.ts.
 */
const NICE = [1, 2, 2.5, 5] as const;

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
 * nice step whose classes, starting at a multiple of it, reach hi. A diverging measure's classes sit
 * symmetric about 0 with 0 in the middle class (an odd count): boundaries ±h, ±3h, ±5h with h nice.
 */
export function niceEqualBreaks(lo: number, hi: number, classes: number, diverging: boolean): number[] {
  if (diverging) {
    const m = Math.max(Math.abs(lo), Math.abs(hi));
    if (!(m > 0)) return Array.from({ length: classes + 1 }, () => 0);
    const h = niceCeil(m / classes);
    return Array.from({ length: classes + 1 }, (_, i) => clean((2 * i - classes) * h));
  }
  if (!(hi > lo)) return Array.from({ length: classes + 1 }, () => lo);
  for (const step of niceRange((hi - lo) / classes, hi - lo)) {
    if (step < ((hi - lo) / classes) * (1 - 1e-12)) continue;
    const start = Math.floor(lo / step + 1e-9) * step;
    if (start + classes * step >= hi - 1e-9 * step) return Array.from({ length: classes + 1 }, (_, i) => clean(start + i * step));
  }
  return Array.from({ length: classes + 1 }, (_, i) => lo + ((hi - lo) * i) / classes);
}

/** The roundest number in (below, upTo]: the multiple of the largest nice unit that has one there. */
export function roundestBetween(below: number, upTo: number): number {
  if (!(upTo > below)) return upTo;
  const span = Math.max(Math.abs(below), Math.abs(upTo), upTo - below);
  for (const u of niceRange(upTo - below, span * 10).reverse()) {
    const r = clean((Math.floor(below / u) + 1) * u);
    if (r > below && r <= upTo) return r;
  }
  return upTo;
}

/**
 * Quantile boundaries made round without moving any value to another class: an interior break b lies between
 * the largest value below it and the smallest at or above it (a value v is in the class above when v ≥ b), and
 * any number in that gap classes the values alike, so the roundest one is taken. The ends go out to a round
 * number at a tenth of the range.
 */
export function niceQuantileBreaks(breaks: readonly number[], sorted: readonly number[]): number[] {
  const n = breaks.length - 1;
  const lo = breaks[0]!;
  const hi = breaks[n]!;
  const unit = hi > lo ? niceCeil((hi - lo) / 10) / 2 : 0;
  return breaks.map((b, i) => {
    if (i === 0) return unit ? clean(Math.floor(lo / unit + 1e-9) * unit) : lo;
    if (i === n) return unit ? clean(Math.ceil(hi / unit - 1e-9) * unit) : hi;
    const below = findLast(sorted, (v) => v < b);
    const atOrAbove = sorted.find((v) => v >= b);
    if (below === undefined || atOrAbove === undefined) return b;
    return roundestBetween(below, atOrAbove);
  });
}

function findLast<T>(xs: readonly T[], ok: (x: T) => boolean): T | undefined {
  for (let i = xs.length - 1; i >= 0; i--) if (ok(xs[i]!)) return xs[i];
  return undefined;
}

/**
 * Round tick values along a ramp over [a, b], about `count` of them (3 to count + 2): ticks at both ends when
 * a nice step allows, else the step whose ticks come closest to the count and then span most of the ramp.
 */
export function niceTicks(a: number, b: number, count = 5): number[] {
  if (!(b > a)) return [a];
  const span = b - a;
  let best: { ticks: number[]; score: number[] } | null = null;
  for (const s of niceRange(span / (count * 3), span)) {
    const first = Math.ceil(a / s - 1e-9);
    const last = Math.floor(b / s + 1e-9);
    const n = last - first + 1;
    if (n < 3 || n > count + 2) continue;
    const ticks = Array.from({ length: n }, (_, i) => clean((first + i) * s));
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
