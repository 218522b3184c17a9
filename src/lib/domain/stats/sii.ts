/**
 * Slope Index of Inequality (SII) and Relative Index of Inequality (RII) across deprivation quantiles (deciles or
 * quintiles), as English public health practice computes them (PHEindicatormethods `phe_sii`; Low & Low,
 * J Public Health 2004;26:388-95).
 *
 * Rank: quantiles are ordered 1 = most deprived upwards; quantile i holds the share aᵢ = popᵢ / Σpop of the
 * population, and its relative rank is the midpoint of its slice of the cumulative population,
 *     bᵢ = a₁ + … + aᵢ₋₁ + aᵢ / 2,
 * so ranks run from 0 (most deprived person) to 1 (least deprived). Fit yᵢ = α + β bᵢ by least squares weighted by
 * aᵢ (the package fits √a·y = α√a + β b√a, the same thing). Then, with Y₀ = fitted value at 0 and Y₁ at 1:
 *     SII = (Y₁ − Y₀) × multiplier,  RII = Y₁ / Y₀ (inverted when the multiplier is negative),  intercept = Y₀.
 * Without `transform`, y is the value and Y₀ = α, Y₁ = α + β. With `transform`, y is log(value) for rates and
 * logit(value) for proportions, and Y₀, Y₁ are back-transformed (exp, expit), which suits values whose
 * intervals are skewed.
 *
 * Confidence limits by simulation, as the package does: each quantile's value is drawn from a normal
 * distribution (on the log / logit scale for rates / proportions, the natural scale otherwise) with its standard
 * error, the SII and RII are refitted for each of `repetitions` draws, and the limits are the sorted draws at
 * positions round(reps × α/2) and round(reps × (1 − α/2)). The standard error is the one given, or
 * (g(upper95) − g(lower95)) / (2 × 1.959964) from the value's 95% limits, g the log / logit / identity.
 * The draws come from a seeded generator (`random.ts`), so the limits repeat exactly for the same seed; they
 * match the package's within simulation error, not to the digit (its tests allow 5%).
 *
 * Empty case: null when there are fewer than 5 or more than 100 quantiles (the package's range), a quantile
 * appears twice, or any quantile lacks a positive population, a finite value (positive for a rate, strictly
 * between 0 and 1 for a proportion) or a usable standard error. An SII needs every quantile: it is not
 * calculated from a subset.
 */
import { zFor } from './poisson';
import { seededNormals } from './random';

export type SiiValueType = 'normal' | 'rate' | 'proportion';

export interface SiiQuantile {
  /** 1 = most deprived. */
  quantile: number;
  population: number;
  value: number;
  /** Standard error of the value, on the log scale for a rate and the logit scale for a proportion. */
  standardError?: number | null;
  /** 95% limits of the value, used when no standard error is given. */
  lower95?: number | null;
  upper95?: number | null;
}

export interface SiiOptions {
  valueType?: SiiValueType;
  /** Regress on the log (rate) or logit (proportion) scale and back-transform. Ignored for 'normal'. */
  transform?: boolean;
  /** Scales the SII (100 for percentages; negative to flip polarity, which also inverts the RII). */
  multiplier?: number;
  /** Confidence levels in (0, 1) for the simulated limits; default [0.95]. */
  confidence?: readonly number[];
  /** Simulation draws; default 100,000, at least 1,000. */
  repetitions?: number;
  seed?: number;
}

export interface SiiLimits {
  confidence: number;
  siiLower: number;
  siiUpper: number;
  riiLower: number | null;
  riiUpper: number | null;
}

export interface SiiResult {
  sii: number;
  /** Null when the fitted value at the most deprived end is 0. */
  rii: number | null;
  /** Fitted value at rank 0 (most deprived), before the multiplier. */
  intercept: number;
  quantileCount: number;
  limits: SiiLimits[];
}

export const SII_MIN_QUANTILES = 5;
export const SII_MAX_QUANTILES = 100;

const Z95 = zFor(0.95);

interface Scale {
  forward: (v: number) => number;
  back: (v: number) => number;
}
const SCALES: Record<SiiValueType, Scale> = {
  normal: { forward: (v) => v, back: (v) => v },
  rate: { forward: Math.log, back: Math.exp },
  proportion: { forward: (v) => Math.log(v / (1 - v)), back: (v) => 1 / (1 + Math.exp(-v)) }
};

/**
 * Weights turning values into the fitted intercept and slope: α = Σ interceptWeightᵢ yᵢ, β = Σ slopeWeightᵢ yᵢ.
 * Precomputed once because the simulation refits the same design 100,000 times.
 */
export function siiRegressionWeights(populations: readonly number[]): { rank: number[]; interceptWeight: number[]; slopeWeight: number[] } | null {
  const total = populations.reduce((s, p) => s + p, 0);
  if (!(total > 0)) return null;
  const share = populations.map((p) => p / total);
  let cumulative = 0;
  const rank = share.map((a) => {
    const midpoint = cumulative + a / 2;
    cumulative += a;
    return midpoint;
  });
  const meanRank = share.reduce((s, a, i) => s + a * rank[i]!, 0);
  const meanSquare = share.reduce((s, a, i) => s + a * rank[i]! ** 2, 0);
  const det = meanSquare - meanRank ** 2; // Σa = 1, so this is the weighted variance of the ranks
  if (!(det > 0)) return null;
  return {
    rank,
    interceptWeight: share.map((a, i) => (a * (meanSquare - meanRank * rank[i]!)) / det),
    slopeWeight: share.map((a, i) => (a * (rank[i]! - meanRank)) / det)
  };
}

export function sii(quantiles: readonly SiiQuantile[], options: SiiOptions = {}): SiiResult | null {
  const { valueType = 'normal', multiplier = 1, confidence = [0.95], repetitions = 100000, seed = 1 } = options;
  const transform = options.transform === true && valueType !== 'normal';
  if (quantiles.length < SII_MIN_QUANTILES || quantiles.length > SII_MAX_QUANTILES) return null;
  if (!Number.isFinite(multiplier) || multiplier === 0) return null;
  if (!Number.isInteger(repetitions) || repetitions < 1000) return null;
  if (confidence.some((c) => !(c > 0 && c < 1))) return null;

  const sorted = [...quantiles].sort((a, b) => a.quantile - b.quantile);
  if (new Set(sorted.map((q) => q.quantile)).size !== sorted.length) return null;
  const scale = SCALES[valueType];

  // Mean and standard error of each quantile on the simulation scale (log / logit for rates / proportions).
  const simMean: number[] = [];
  const simSe: number[] = [];
  for (const q of sorted) {
    if (!Number.isFinite(q.population) || !(q.population > 0)) return null;
    const mean = scale.forward(q.value);
    const se = q.standardError ?? seFromLimits(q, scale);
    if (!Number.isFinite(mean) || se === null || !Number.isFinite(se) || se < 0) return null;
    simMean.push(mean);
    simSe.push(se);
  }
  const weights = siiRegressionWeights(sorted.map((q) => q.population));
  if (!weights) return null;
  const { interceptWeight, slopeWeight } = weights;

  const riiOf = (y0: number, y1: number) => (y0 === 0 ? Number.NaN : multiplier < 0 ? y0 / y1 : y1 / y0);

  // The point estimate: the regression sees transformed values when `transform`, else the values themselves.
  const k = sorted.length;
  let alpha = 0;
  let beta = 0;
  sorted.forEach((q, i) => {
    const y = transform ? scale.forward(q.value) : q.value;
    alpha += interceptWeight[i]! * y;
    beta += slopeWeight[i]! * y;
  });
  // Fitted values at rank 0 (the intercept) and rank 1.
  const intercept = transform ? scale.back(alpha) : alpha;
  const atRankOne = transform ? scale.back(alpha + beta) : alpha + beta;
  const pointRii = riiOf(intercept, atRankOne);

  // The simulation: draw on the simulation scale, refit, keep every SII and RII (plain loops over typed arrays:
  // this runs 10⁶ times; the normals are drawn first, in the order a draw per call would give them).
  const z = seededNormals(seed, repetitions * k);
  const mean = Float64Array.from(simMean);
  const se = Float64Array.from(simSe);
  const wa = Float64Array.from(interceptWeight);
  const wb = Float64Array.from(slopeWeight);
  const back = scale.back;
  // The regression sees the draws as drawn (transformed, or a normal value), or back on the value scale.
  const asDrawn = transform || valueType === 'normal';
  const siiDraws = new Float64Array(repetitions);
  const riiDraws = new Float64Array(repetitions);
  for (let r = 0, at = 0; r < repetitions; r++) {
    let a = 0;
    let b = 0;
    for (let i = 0; i < k; i++, at++) {
      const draw = mean[i]! + se[i]! * z[at]!;
      const y = asDrawn ? draw : back(draw);
      a += wa[i]! * y;
      b += wb[i]! * y;
    }
    const y0 = transform ? back(a) : a;
    const y1 = transform ? back(a + b) : a + b;
    siiDraws[r] = (y1 - y0) * multiplier;
    riiDraws[r] = riiOf(y0, y1);
  }
  const riiDefined = !Number.isNaN(pointRii) && !riiDraws.some(Number.isNaN);
  // The limits are the draws at two positions in sorted order: selected, not sorted (a sort of 10⁵ draws took
  // twice the time of the rest of the simulation). A NaN draw (an overflow) leaves the SII draws to a sort, where it goes last.
  const siiAt = siiDraws.some(Number.isNaN) ? sortedAt(siiDraws) : (i: number) => nthSmallest(siiDraws, i);
  const riiAt = (i: number) => nthSmallest(riiDraws, i);

  const limits = confidence.map((c): SiiLimits => {
    const upperTail = c + (1 - c) / 2;
    const lowerIndex = clampIndex(Math.round(repetitions * (1 - upperTail)), repetitions);
    const upperIndex = clampIndex(Math.round(repetitions * upperTail), repetitions);
    return {
      confidence: c,
      siiLower: siiAt(lowerIndex),
      siiUpper: siiAt(upperIndex),
      riiLower: riiDefined ? riiAt(lowerIndex) : null,
      riiUpper: riiDefined ? riiAt(upperIndex) : null
    };
  });

  return { sii: (atRankOne - intercept) * multiplier, rii: Number.isNaN(pointRii) ? null : pointRii, intercept, quantileCount: k, limits };
}

/** Standard error from 95% limits on the simulation scale; null when the limits are missing or unusable. */
function seFromLimits(q: SiiQuantile, scale: Scale): number | null {
  if (q.lower95 == null || q.upper95 == null) return null;
  const se = (scale.forward(q.upper95) - scale.forward(q.lower95)) / (2 * Z95);
  return Number.isFinite(se) ? se : null;
}

const sortedAt = (xs: Float64Array) => {
  xs.sort();
  return (i: number) => xs[i]!;
};

/**
 * The value at index `k` of `xs` sorted ascending (no NaN in `xs`), by quickselect: `xs` is reordered in place,
 * and a later call on the same array still selects correctly.
 */
export function nthSmallest(xs: Float64Array, k: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (hi > lo) {
    // Median of three as the pivot, so sorted or constant input does not go quadratic.
    const mid = (lo + hi) >>> 1;
    const a = xs[lo]!, b = xs[mid]!, c = xs[hi]!;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : (a < c ? a : b < c ? c : b);
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (xs[i]! < pivot) i++;
      while (xs[j]! > pivot) j--;
      if (i <= j) {
        const t = xs[i]!;
        xs[i] = xs[j]!;
        xs[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return xs[k]!;
  }
  return xs[k]!;
}

/** A 1-based position (as the package counts) to a 0-based index within the draws. */
function clampIndex(position: number, length: number): number {
  return Math.min(length, Math.max(1, position)) - 1;
}
