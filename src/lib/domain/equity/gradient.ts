/**
 * The deprivation gradient (SPEC 3 and 4.5): referral rate, funding per head and median wait by IMD decile or
 * quintile of the areas, and the Slope and Relative Index of Inequality of the first two (stats/sii.ts).
 *
 * Each group's figures come from sums over its areas (db/sql/equity.ts gradientSql), never from averaging
 * the areas' own rates:
 *   referral rate   = Σ referrals ÷ Σ population × 1,000 × 12 ÷ months (per 1,000 a year, as the Map), with
 *                     the 95% interval of the count (exact Poisson below 10, Byar's from 10) scaled the same way;
 *   funding per head = Σ £ ÷ Σ population;
 *   median wait     = median days from referral to first contact of the group's first contacts in the year.
 *
 * SII inputs. The SII's confidence interval is simulated from each group's standard error. A referral count
 * has a Poisson one (from its interval, on the log scale). Funding has no sampling error: the money is
 * counted, not estimated. What makes a funding gradient uncertain is that areas differ for reasons other
 * than deprivation, so a group's funding per head is treated as the population-weighted mean of its areas'
 * per-head figures, each scattered about the group mean with a common spread s pooled within groups:
 *     s² = Σ_groups Σ_areas (xᵢ − x̄_g)² ÷ (areas − groups),   SE_g = s × √(Σ pᵢ²) ÷ Σ pᵢ
 * (xᵢ an area's £ per head, pᵢ its population, x̄_g = Σ £ ÷ Σ pop of the group). With no group holding two
 * areas there is no spread to pool, and the SII is given without an interval. Medians get no SII here.
 *
 * Polarity: groups are numbered 1 = most deprived, so SII = fitted value at the least deprived end − fitted
 * value at the most deprived end, and RII = least ÷ most. Seeded (SII_OPTIONS), so figures repeat exactly.
 */
import { annualRateCi } from '../rates';
import { sii, SII_MIN_QUANTILES, type SiiOptions, type SiiQuantile, type SiiResult } from '../stats/sii';

export type QuantileGrouping = 'decile' | 'quintile';

/** 1–10 → itself (decile) or 1–5 (quintile: deciles 1–2 → 1 … 9–10 → 5), as the SQL groups them; else null. */
export function quantileOf(decile: number | null | undefined, grouping: QuantileGrouping): number | null {
  if (decile == null || !Number.isInteger(decile) || decile < 1 || decile > 10) return null;
  return grouping === 'decile' ? decile : Math.ceil(decile / 2);
}

/** Deciles when at least SII_MIN_QUANTILES of them have people, else quintiles (which cover more of the range). */
export function defaultGrouping(decilesWithPopulation: number): QuantileGrouping {
  return decilesWithPopulation >= SII_MIN_QUANTILES ? 'decile' : 'quintile';
}

/** The simulation settings of every SII the view shows: fixed, so a board paper's figures do not change on reload. */
export const SII_OPTIONS = { confidence: [0.95], repetitions: 100_000, seed: 20250331 } as const;

/** What gradientSql returns per group (see db/sql/equity.ts). */
export interface GradientSums {
  quantile: number | null;
  areas: number;
  population: number;
  referrals: number | null;
  months: number;
  funding: number | null;
  first_contacts: number;
  median_wait_days: number | null;
}

/** One deprivation group with its measures, before suppression. */
export interface GradientRow extends Record<string, unknown> {
  quantile: number;
  areas: number;
  population: number;
  referrals: number | null;
  rate: number | null;
  rateLower: number | null;
  rateUpper: number | null;
  funding: number | null;
  fundingPerHead: number | null;
  /** See the header: null when there is no within-group spread to pool. */
  fundingSe: number | null;
  firstContacts: number;
  medianWait: number | null;
}

/** An area's population and funding with its IMD decile, for the funding standard errors. */
export interface GradientArea {
  imd_decile: number | null;
  population: number | null;
  funding: number | null;
}

export interface Gradient {
  grouping: QuantileGrouping;
  rows: GradientRow[];
  /** Areas (and their people) with no IMD decile: not in the gradient. */
  excluded: { areas: number; population: number };
  months: number;
}

export function gradientRows(sums: readonly GradientSums[], areas: readonly GradientArea[], grouping: QuantileGrouping): Gradient {
  const months = sums.find((s) => s.months > 0)?.months ?? 0;
  const annual = months > 0 ? 12 / months : null;
  const se = fundingStandardErrors(areas, grouping);
  const grouped = sums.filter((s) => s.quantile !== null && s.population > 0);
  const missing = sums.filter((s) => s.quantile === null);
  return {
    grouping,
    months,
    excluded: { areas: missing.reduce((n, s) => n + s.areas, 0), population: missing.reduce((n, s) => n + s.population, 0) },
    rows: grouped.map((s) => {
      const ci = annual !== null && s.referrals !== null ? annualRateCi(s.referrals, s.population, months) : null;
      return {
        quantile: s.quantile!,
        areas: s.areas,
        population: s.population,
        referrals: s.referrals,
        rate: ci ? ci.value : null,
        rateLower: ci ? ci.lower : null,
        rateUpper: ci ? ci.upper : null,
        funding: s.funding,
        fundingPerHead: s.funding !== null ? s.funding / s.population : null,
        fundingSe: se?.get(s.quantile!) ?? null,
        firstContacts: s.first_contacts,
        medianWait: s.median_wait_days
      };
    })
  };
}

/** Standard error of each group's funding per head from the pooled within-group spread (see the header). */
export function fundingStandardErrors(areas: readonly GradientArea[], grouping: QuantileGrouping): Map<number, number> | null {
  const groups = new Map<number, { x: number; p: number }[]>();
  for (const a of areas) {
    const q = quantileOf(a.imd_decile, grouping);
    if (q === null || a.population === null || !(a.population > 0) || a.funding === null || !Number.isFinite(a.funding)) continue;
    groups.set(q, [...(groups.get(q) ?? []), { x: a.funding / a.population, p: a.population }]);
  }
  let squares = 0;
  let n = 0;
  for (const members of groups.values()) {
    const mean = members.reduce((s, m) => s + m.x * m.p, 0) / members.reduce((s, m) => s + m.p, 0);
    squares += members.reduce((s, m) => s + (m.x - mean) ** 2, 0);
    n += members.length;
  }
  const df = n - groups.size;
  if (df <= 0) return null;
  const spread = Math.sqrt(squares / df);
  return new Map(
    [...groups].map(([q, members]) => {
      const total = members.reduce((s, m) => s + m.p, 0);
      return [q, (spread * Math.sqrt(members.reduce((s, m) => s + m.p * m.p, 0))) / total];
    })
  );
}

export type SiiMeasure = 'referral_rate' | 'funding_per_head';

export type SiiOutcome =
  | { status: 'ok'; result: SiiResult; hasInterval: boolean }
  | { status: 'too-few'; groups: number }
  | { status: 'no-data' };

/** An SII as a view shows it: also withheld when a count behind it is suppressed (see disclosure.ts). */
export type ShownSii = SiiOutcome | { status: 'suppressed' };

/** What an SII is computed from: the quantiles and the options, or the outcome when it cannot be computed. */
export type SiiAsk = { quantiles: SiiQuantile[]; options: SiiOptions; hasInterval: boolean } | { outcome: SiiOutcome };

/**
 * The SII's inputs for a measure across the groups. 'too-few' below SII_MIN_QUANTILES groups with a value; 'no-data'
 * when a group lacks a usable value (a rate of 0 has no log).
 */
export function siiAsk(rows: readonly GradientRow[], measure: SiiMeasure): SiiAsk {
  const withValue = rows.filter((r) => (measure === 'referral_rate' ? r.rate : r.fundingPerHead) !== null);
  if (withValue.length < SII_MIN_QUANTILES) return { outcome: { status: 'too-few', groups: withValue.length } };
  if (withValue.length !== rows.length) return { outcome: { status: 'no-data' } };
  let hasInterval = true;
  const quantiles: SiiQuantile[] = rows.map((r) => {
    if (measure === 'referral_rate') return { quantile: r.quantile, population: r.population, value: r.rate!, lower95: r.rateLower, upper95: r.rateUpper };
    if (r.fundingSe === null) hasInterval = false;
    // Without a spread the fit still gives the point; the zero-width "interval" is not shown.
    return { quantile: r.quantile, population: r.population, value: r.fundingPerHead!, standardError: r.fundingSe ?? 0 };
  });
  return { quantiles, options: { ...SII_OPTIONS, valueType: measure === 'referral_rate' ? 'rate' : 'normal' }, hasInterval };
}

/** The outcome of an SII computed from `ask` (the fit fails: 'no-data'). */
export function siiOutcome(ask: SiiAsk, result: SiiResult | null): SiiOutcome {
  if ('outcome' in ask) return ask.outcome;
  return result ? { status: 'ok', result, hasInterval: ask.hasInterval } : { status: 'no-data' };
}

/** SII and RII of a measure across the groups, computed here (the view computes it off the page: workers/sii-client.ts). */
export function gradientSii(rows: readonly GradientRow[], measure: SiiMeasure): SiiOutcome {
  const ask = siiAsk(rows, measure);
  return siiOutcome(ask, 'outcome' in ask ? null : sii(ask.quantiles, ask.options));
}
