/**
 * The Capacity view's measures (SPEC sections 3 and 4.4), computed from the aggregates that
 * db/sql/capacity.ts and db/sql/provision.ts return. SQL counts and sums; every ratio and interval is
 * computed here and nowhere else. Two flags have to be counted or ordered in SQL and say so there:
 * months over capacity (isOverCapacity) and gaps between a provider's contracts. Pure TypeScript.
 */
import { proportionCi } from './stats/wilson';

const ratio = (num: number | null, den: number | null, k = 1): number | null =>
  num === null || den === null || !(den > 0) || !Number.isFinite(num) ? null : (num / den) * k;

// ---- providers: capacity against accepted referrals ----

/** One provider's figures for one month, as providerMonthsSql returns them. */
export interface ProviderMonthAggregate {
  provider_id: string;
  /** Name, area, category and sector from the provider's row with the latest contract start. */
  provider_name: string | null;
  area_code: string | null;
  service_category: string | null;
  sector: string | null;
  /** 'yyyy-mm'. */
  month: string;
  /** Σ monthly_capacity of the provider's rows whose contract overlaps the month; null when none does (or none gives a capacity). */
  capacity: number | null;
  /** Accepted referrals to the provider received in the month (see ACCEPTED_SQL in db/sql/capacity.ts). */
  accepted: number;
}

export interface ProviderMonth extends ProviderMonthAggregate {
  utilisation: number | null;
  over_capacity: boolean;
}

/**
 * Utilisation = accepted referrals in the month ÷ monthly capacity (1 = full, 1.25 = 25% over).
 * Empty case: null when the capacity is unknown (no contract covers the month) or 0.
 */
export function utilisation(accepted: number, capacity: number | null): number | null {
  return ratio(accepted, capacity);
}

/**
 * Over capacity: more accepted referrals than places, i.e. utilisation > 1; with a capacity of 0 any
 * accepted referral is over. A month with no known capacity is never flagged (nothing to be over).
 */
export function isOverCapacity(accepted: number, capacity: number | null): boolean {
  return capacity !== null && accepted > capacity;
}

export function withUtilisation(rows: readonly ProviderMonthAggregate[]): ProviderMonth[] {
  return rows.map((r) => ({ ...r, utilisation: utilisation(r.accepted, r.capacity), over_capacity: isOverCapacity(r.accepted, r.capacity) }));
}

/** One provider's totals over the period, as providerCapacitySql returns them (sums of its monthly rows). */
export interface ProviderSummaryAggregate {
  provider_id: string;
  provider_name: string | null;
  area_code: string | null;
  service_category: string | null;
  sector: string | null;
  /** Months in the period. */
  months: number;
  /** Months a contract covers (capacity known). */
  months_with_capacity: number;
  /** Σ capacity over those months, places; null when no month has one. */
  capacity: number | null;
  /** Accepted referrals in the period, every month. */
  accepted: number;
  /** Accepted referrals in the months with a known capacity: the utilisation numerator. */
  accepted_in_capacity_months: number;
  /** Months with accepted > capacity (isOverCapacity). */
  months_over_capacity: number;
}

export interface ProviderSummary extends ProviderSummaryAggregate {
  utilisation: number | null;
}

/**
 * Utilisation over the period = accepted in months with a known capacity ÷ Σ those months' capacity,
 * so referrals taken while no contract was recorded neither inflate nor dilute it (they are still in
 * `accepted`). Empty case: null when no month has a capacity, or the capacities sum to 0.
 */
export function withSummaryUtilisation(rows: readonly ProviderSummaryAggregate[]): ProviderSummary[] {
  return rows.map((r) => ({ ...r, utilisation: utilisation(r.accepted_in_capacity_months, r.capacity) }));
}

// ---- areas: capacity per 1,000, caseload, variety ----

/** One area's provision, as areaCapacitySql returns it. */
export interface AreaCapacityAggregate {
  area_code: string;
  area_name: string | null;
  /** Null when the code is not in the population extract. */
  population: number | null;
  /** Σ monthly_capacity of the area's providers active in the period; null when no active provider anywhere gives one. */
  monthly_capacity: number | null;
  /** Distinct providers active in the period with monthly_capacity > 0. */
  providers_with_capacity: number | null;
  /** Distinct service categories among them: service variety. */
  service_variety: number | null;
  service_categories: string[] | null;
  /** Referrals of the area's residents open (first contacted, not ended) on as_of. */
  open_caseload: number | null;
  /** Σ link_worker_fte of the area's providers whose contract covers as_of; null when no such provider gives one. */
  link_worker_fte: number | null;
  /** 'yyyy-mm-dd': the last day of the period, when the caseload is counted. */
  as_of: string;
  /** as_of is after the data's last referral date (the caseload is as it stood then). */
  partial: boolean;
}

export interface AreaCapacity extends AreaCapacityAggregate {
  capacity_per_1000: number | null;
  caseload_per_fte: number | null;
}

/**
 * Capacity per 1,000 = monthly capacity × 12 ÷ population × 1,000: referral places a year per 1,000
 * residents, as the Map's capacity_per_1000 (domain/measures.ts). Empty case: null without a
 * population (missing or ≤ 0) or a capacity.
 */
export function capacityPer1000(monthlyCapacity: number | null, population: number | null): number | null {
  return monthlyCapacity === null ? null : ratio(monthlyCapacity * 12, population, 1000);
}

/**
 * Link worker caseload = open referrals ÷ link worker FTE (referrals per whole-time link worker).
 * Empty case: null when the FTE is unknown or 0 (an open caseload with no recorded link workers).
 */
export function caseloadPerFte(open: number | null, fte: number | null): number | null {
  return ratio(open, fte);
}

export function withAreaMeasures(rows: readonly AreaCapacityAggregate[]): AreaCapacity[] {
  return rows.map((r) => ({
    ...r,
    capacity_per_1000: capacityPer1000(r.monthly_capacity, r.population),
    caseload_per_fte: caseloadPerFte(r.open_caseload, r.link_worker_fte)
  }));
}

// ---- children and young people gap ----

/** One area's referral and population counts by age, as cypGapSql returns them. */
export interface CypAggregate {
  area_code: string;
  area_name: string | null;
  /** Referrals received in the period. */
  referrals: number;
  /** Of which with an age band that is either wholly 0–17 or wholly 18+. */
  age_known: number;
  /** Of which aged 0–17. */
  cyp_referrals: number;
  population: number | null;
  pop_0_17: number | null;
}

export interface CypGap extends CypAggregate {
  /** cyp_referrals ÷ age_known with its 95% Wilson interval; null when no referral has a known age. */
  referral_share: number | null;
  referral_share_lower: number | null;
  referral_share_upper: number | null;
  /** pop_0_17 ÷ population; null without both. */
  population_share: number | null;
  /** referral_share − population_share (negative: children and young people under-referred). */
  gap: number | null;
  gap_lower: number | null;
  gap_upper: number | null;
}

/**
 * CYP gap = share of referrals aged 0–17 − share of the population aged 0–17, both 0–1. The referral
 * share's 95% Wilson interval is shifted by the population share to give the gap's; the population
 * share is a count of residents, treated as exact. Referrals with no or a straddling age band are left
 * out of the referral share's denominator. Empty case: null share without a known age, null
 * population share without pop_0_17 or population, null gap without either.
 */
export function cypGap(r: CypAggregate): CypGap {
  const ci = proportionCi(r.cyp_referrals, r.age_known);
  const popShare = r.pop_0_17 === null ? null : ratio(r.pop_0_17, r.population);
  const shift = (v: number | undefined) => (v === undefined || popShare === null ? null : v - popShare);
  return {
    ...r,
    referral_share: ci?.value ?? null,
    referral_share_lower: ci?.lower ?? null,
    referral_share_upper: ci?.upper ?? null,
    population_share: popShare,
    gap: shift(ci?.value),
    gap_lower: shift(ci?.lower),
    gap_upper: shift(ci?.upper)
  };
}

// ---- funding ----

/**
 * Short-term share = funding on contracts shorter than 12 months ÷ all funding, 0–1 (as the Map's
 * short_term_share). Empty case: null when there is no funding or it sums to 0 or less.
 */
export function shortTermShare(shortTerm: number | null, total: number | null): number | null {
  return total !== null && total > 0 ? ratio(shortTerm ?? 0, total) : null;
}

// ---- wellbeing change ----

/** One group's wellbeing scores, as wellbeingChangeSql returns them. */
export interface WellbeingAggregate {
  group: string | null;
  /** Referrals received in the period. */
  referrals: number;
  /** Of which with both a pre and a post score. */
  with_both: number;
  mean_pre: number | null;
  mean_post: number | null;
  /** Mean of (post − pre) over those with both, in scale points. */
  mean_change: number | null;
  /** Sample standard deviation of the change (n − 1); null below 2. */
  sd_change: number | null;
}

export interface WellbeingChange extends WellbeingAggregate {
  /** with_both ÷ referrals: how representative the change is. */
  share_with_both: number | null;
  lower: number | null;
  upper: number | null;
}

/**
 * Student's t quantile: the t with P(T ≤ t) = p for df degrees of freedom (p in (0.5, 1), df ≥ 1
 * whole). Below 1,000 df, by bisection on the exact finite series for the t distribution with whole
 * df (Abramowitz and Stegun 26.7.3–4); from 1,000, the Cornish–Fisher expansion about the normal
 * quantile (error below 1e-8 there). t(0.975, 1) = 12.706, t(0.975, 9) = 2.262, t(0.975, ∞) = 1.960.
 */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0.5 && p < 1) || !(df >= 1) || !Number.isInteger(df)) return NaN;
  if (df >= 1000) {
    const z = normalQuantile(p);
    const z3 = z ** 3;
    const z5 = z ** 5;
    return z + (z3 + z) / (4 * df) + (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) + (3 * z ** 7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3);
  }
  const target = 2 * p - 1; // two-sided: P(|T| ≤ t)
  let lo = 0;
  let hi = 1;
  while (tCentral(hi, df) < target) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-13 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tCentral(mid, df) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** P(|T| ≤ t) for whole df (A&S 26.7.3 odd df, 26.7.4 even df). */
function tCentral(t: number, df: number): number {
  const theta = Math.atan(t / Math.sqrt(df));
  const c2 = Math.cos(theta) ** 2;
  const s = Math.sin(theta);
  if (df % 2 === 0) {
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= df - 2; k += 2) {
      term *= (c2 * (k - 1)) / k;
      sum += term;
    }
    return s * sum;
  }
  if (df === 1) return (2 / Math.PI) * theta;
  let term = Math.cos(theta);
  let sum = term;
  for (let k = 3; k <= df - 2; k += 2) {
    term *= (c2 * (k - 1)) / k;
    sum += term;
  }
  return (2 / Math.PI) * (theta + s * sum);
}

/** The standard normal quantile by Acklam's rational approximation (relative error below 1.2e-9). */
function normalQuantile(p: number): number {
  const a = [-3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1, 2.506628277459239];
  const b = [-5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1, -1.328068155288572e1];
  const c = [-7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const q0 = Math.min(p, 1 - p);
  let x: number;
  if (q0 > 0.02425) {
    const q = p - 0.5;
    const r = q * q;
    x = ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
      (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(q0));
    x = (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1);
    if (p < 0.5) x = -x;
  }
  return x;
}

/**
 * Mean wellbeing change with its confidence interval: mean ± t(1 − α/2, n − 1) × sd ÷ √n, Student's t
 * for every n ≥ 2 (it tends to the normal 1.96 as n grows, so large groups get the normal interval
 * and small ones are not over-confident). Units: scale points (ONS4 or WEMWBS, whichever the extract
 * uses; mixing scales in one extract makes the mean meaningless). Empty case: no referral with both
 * scores gives a null mean; one gives the mean with no interval.
 */
export function wellbeingChange(r: WellbeingAggregate, confidence = 0.95): WellbeingChange {
  const n = r.with_both;
  let lower: number | null = null;
  let upper: number | null = null;
  if (n >= 2 && r.mean_change !== null && r.sd_change !== null) {
    const half = tQuantile(1 - (1 - confidence) / 2, n - 1) * (r.sd_change / Math.sqrt(n));
    lower = r.mean_change - half;
    upper = r.mean_change + half;
  }
  return { ...r, share_with_both: ratio(r.with_both, r.referrals), lower, upper };
}
