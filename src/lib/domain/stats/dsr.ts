/**
 * Directly standardised rate (DSR) with Dobson-method confidence limits, as English public health practice
 * computes it (PHEindicatormethods `phe_dsr` / `calculate_dsr`; Dobson et al., Stat Med 1991;10:457-62).
 *
 * For age bands i with count cᵢ, population pᵢ and standard population weight wᵢ:
 *
 *   DSR       = Σ(wᵢ cᵢ / pᵢ) / Σwᵢ × multiplier
 *   var(DSR)  = Σ(cᵢ (wᵢ / pᵢ)²) / (Σwᵢ)²                (on the per-person scale)
 *   O         = Σcᵢ, the total count
 *   limit     = DSR + √(var / O) × (Byar's limit of O − O) × multiplier
 *
 * Why Dobson: the DSR is a weighted sum of Poisson counts; Dobson scales the interval of the total count O (here
 * by Byar's method) to the DSR's variance, which keeps the interval asymmetric like a count's.
 *
 * Why no DSR below 10 events: the package (and Fingertips) do not publish a DSR when the total count is under 10,
 * because the interval is unreliable; the value and limits are then null and `totalCount` says why.
 *
 * Inputs: one entry per age band, paired by position with the standard population (the caller's job, as in the
 * package). A missing count (null) counts as 0, as the package's na.zero does. Empty case: no bands, a population
 * ≤ 0 or non-finite, a negative count or standard population, or Σw = 0 give null.
 */
import { byarsLower, byarsUpper, type Confidence } from './poisson';

/** European Standard Population 2013, 19 five-year bands 0–4 … 85–89, 90+ (sums to 100,000). */
export const ESP2013: readonly number[] = Object.freeze([
  5000, 5500, 5500, 5500, 6000, 6000, 6500, 7000, 7000, 7000, 7000, 6500, 6000, 5500, 5000, 4000, 2500, 1500, 1000
]);

/** Band labels of ESP2013 in the same order, for tables and mapping extracts' age bands. */
export const ESP2013_BANDS: readonly string[] = Object.freeze([
  '0-4', '5-9', '10-14', '15-19', '20-24', '25-29', '30-34', '35-39', '40-44', '45-49', '50-54', '55-59', '60-64',
  '65-69', '70-74', '75-79', '80-84', '85-89', '90+'
]);

/** A DSR is not calculated for fewer events than this in total. */
export const MIN_DSR_COUNT = 10;

export interface DsrBand {
  count: number | null;
  population: number;
  standardPopulation: number;
}

export interface DsrOptions {
  confidence?: Confidence;
  /** Rate per this many people; 100,000 by default, as in the package. */
  multiplier?: number;
}

export interface DsrInterval {
  totalCount: number;
  totalPopulation: number;
  /** Null (with the limits) when totalCount < MIN_DSR_COUNT. */
  value: number | null;
  lower: number | null;
  upper: number | null;
}

/** Pair per-band counts and populations with ESP2013 by position; null when there are not exactly 19 bands. */
export function withEsp2013(bands: readonly { count: number | null; population: number }[]): DsrBand[] | null {
  if (bands.length !== ESP2013.length) return null;
  return bands.map((b, i) => ({ count: b.count, population: b.population, standardPopulation: ESP2013[i]! }));
}

export function dsrCi(bands: readonly DsrBand[], { confidence = 0.95, multiplier = 100000 }: DsrOptions = {}): DsrInterval | null {
  if (bands.length === 0 || !(multiplier > 0)) return null;
  let totalCount = 0;
  let totalPopulation = 0;
  let totalWeight = 0;
  let weightedRate = 0;
  let variance = 0;
  for (const band of bands) {
    const count = band.count ?? 0;
    const { population, standardPopulation: weight } = band;
    if (!Number.isFinite(count) || count < 0) return null;
    if (!Number.isFinite(population) || !(population > 0)) return null;
    if (!Number.isFinite(weight) || weight < 0) return null;
    totalCount += count;
    totalPopulation += population;
    totalWeight += weight;
    weightedRate += (count * weight) / population;
    variance += count * (weight / population) ** 2;
  }
  if (!(totalWeight > 0)) return null;
  if (totalCount < MIN_DSR_COUNT) return { totalCount, totalPopulation, value: null, lower: null, upper: null };

  const value = (weightedRate / totalWeight) * multiplier;
  // √(var/O) on the per-person scale; the Byar's distance of the count's limit from O scales it.
  const scale = Math.sqrt(variance / totalWeight ** 2 / totalCount) * multiplier;
  return {
    totalCount,
    totalPopulation,
    value,
    lower: value + scale * (byarsLower(totalCount, confidence) - totalCount),
    upper: value + scale * (byarsUpper(totalCount, confidence) - totalCount)
  };
}
