/**
 * Children and young people gap and service variety by area for the Equity view, ranked. Both measures are
 * the Capacity view's (computed once, in domain/capacity.ts from db/sql/provision.ts and capacity.ts); this
 * file only shapes them for the ranked charts and tables:
 *
 * - CYP gap = share of referrals aged 0–17 (of those with a known age, 95% Wilson interval) − share of
 *   residents aged 0–17, shown in percentages and percentage points. Rank 1 = the largest shortfall (the
 *   most negative gap). Only areas in the population extract (no population, no share to compare with).
 * - Service variety = distinct service categories of the area's providers active in the period with capacity.
 *   Rank 1 = the fewest (ties share a rank).
 */
import type { AreaCapacity, CypGap } from '../capacity';
import { worstFirstRanks } from '../rank';

export interface CypRow extends Record<string, unknown> {
  code: string;
  name: string;
  cypReferrals: number | null;
  /** Referrals with a known age band: the share's denominator. */
  agedReferrals: number | null;
  /** Percentages. */
  referralShare: number | null;
  referralLower: number | null;
  referralUpper: number | null;
  populationShare: number | null;
  /** Percentage points. */
  gap: number | null;
  rank: number | null;
}

const pct = (v: number | null) => (v === null ? null : v * 100);

/** Every area in the population extract, unranked and in input order (rank after suppression: rankCyp). */
export function cypRows(gaps: readonly CypGap[]): CypRow[] {
  return gaps
    .filter((g) => g.population !== null && g.population > 0)
    .map((g) => ({
      code: g.area_code, name: g.area_name ?? g.area_code, cypReferrals: g.cyp_referrals, agedReferrals: g.age_known,
      referralShare: pct(g.referral_share), referralLower: pct(g.referral_share_lower), referralUpper: pct(g.referral_share_upper),
      populationShare: pct(g.population_share), gap: pct(g.gap), rank: null
    }));
}

/**
 * Ranks (1 = the most negative gap) and rank order. Run on rows as shown, after suppression, so a suppressed
 * gap gets no rank and sits at the end rather than betraying its size by its place.
 */
export function rankCyp<T extends { gap: number | null; name: string; rank: number | null }>(rows: readonly T[]): T[] {
  // A more negative gap is worse: "higher is better" makes the lowest rank 1.
  const ranks = worstFirstRanks(rows.map((r) => r.gap), true);
  return byRank(rows.map((r, i) => ({ ...r, rank: ranks[i] ?? null })));
}

export interface VarietyRow {
  code: string;
  name: string;
  providerCategories: number | null;
  categories: string[];
  rank: number | null;
}

export function varietyRows(areas: readonly AreaCapacity[]): VarietyRow[] {
  const inPopulation = areas.filter((a) => a.population !== null && a.population > 0);
  const ranks = worstFirstRanks(inPopulation.map((a) => a.service_variety), true);
  return byRank(
    inPopulation.map((a, i) => ({
      code: a.area_code, name: a.area_name ?? a.area_code, providerCategories: a.service_variety,
      categories: a.service_categories ?? [], rank: ranks[i] ?? null
    }))
  );
}

/** Rank order, unranked last, ties by name. */
function byRank<T extends { rank: number | null; name: string }>(rows: T[]): T[] {
  return [...rows].sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.name.localeCompare(b.name));
}
