/**
 * The Plan view's figures from one year's area rows (the Map's aggregates) and a scenario: who gets what
 * next year (allocation.ts), each area's distance from target before and after, and the headline a board
 * reads first. Pure: rows in, figures out.
 *
 *   Baseline Aᵢ   the area's funding in the baseline year (0 when it had none)
 *   Share sᵢ      its need-weighted share (need.ts, with the Map's weights)
 *   Before        distance from target in the baseline year: (Aᵢ − sᵢ ΣA) ÷ sᵢ ΣA, as the Map shows it
 *   After         (Nᵢ − Tᵢ) ÷ Tᵢ with Tᵢ = sᵢ B
 *   Gini          of funding per need-weighted head (stats/gini.ts), before on Aᵢ and after on Nᵢ
 * Areas without a population have no share and no target: they are left out, and said to be (with their funding).
 * An area the plan is for has funding in the baseline year or is in the user's own population extract; an area
 * seen only in the referrals or providers (its population from the built-in reference, no funding) is someone
 * else's: planning money for it would hand part of the budget outside the footprint, so it is named and left out.
 * Money is not a count of people: nothing here is suppressed.
 */
import { giniOfFundingPerHead } from '../stats/gini';
import type { AreaAggregateRow } from '../measures';
import type { NeedWeights } from '../need';
import { allocate, distanceFromTarget, type AllocationPolicy, type AllocationResult } from './allocation';
import { needShares, shareWaterfall, type ShareParts } from './glide-waterfall';

/** Next year's budget as pounds, or as a percentage over the baseline year's total. */
export type BudgetSpec = { kind: 'gbp'; value: number } | { kind: 'pct'; value: number };

/** A scenario's policy in the units people type: percentages (1.5 = 1.5%). */
export interface Scenario {
  budget: BudgetSpec;
  /** g_min, %. */
  minUplift: number;
  /** X, %: areas more than this over target get `overUplift`. */
  overThreshold: number;
  /** g_over, %. */
  overUplift: number;
  /** g_max, %, or null for none. */
  maxUplift: number | null;
}

/** The areas furthest under target count as "more than 5% under" in the headline, as on the Map. */
export const UNDER_TARGET = -0.05;

export interface PlanArea {
  code: string;
  name: string;
  baseline: number;
  /** sᵢ, 0..1. */
  share: number;
  /** Fair share of the baseline year's total: sᵢ ΣA. */
  baselineTarget: number;
  dftBefore: number | null;
  target: number;
  floor: number;
  cap: number | null;
  allocation: number;
  change: number;
  /** Change ÷ baseline; null for an area with no baseline funding. */
  changePct: number | null;
  dftAfter: number | null;
  overTarget: boolean;
  filled: boolean;
  capped: boolean;
}

export interface PlanAreaGap {
  code: string;
  name: string;
  dft: number;
}

export interface PlanHeadline {
  areas: number;
  baselineTotal: number;
  budget: number;
  underBefore: number;
  underAfter: number;
  /** The area furthest under target, before and after. */
  largestGapBefore: PlanAreaGap | null;
  largestGapAfter: PlanAreaGap | null;
  /** L: how far below target the areas that received water-filled money end (0 once all reach it). */
  level: number;
  giniBefore: number | null;
  giniAfter: number | null;
}

export type PlanOutcome =
  | { ok: true; policy: AllocationPolicy; areas: PlanArea[]; headline: PlanHeadline; left: LeftOut }
  | { ok: false; policy: AllocationPolicy; message: string; suggestion: { minUplift?: number; maxUplift?: number }; left: LeftOut; baselineTotal: number };

/** Areas that cannot take part. */
export interface LeftOut {
  /** Funding with no population (no share, no target). */
  areas: string[];
  funding: number;
  /** No funding in the year and not in the population extract: seen only in the referrals or providers. */
  outside: string[];
}

/** The areas the plan is made for, with their baselines and shares, and those left out. */
export function planAreas(rows: readonly AreaAggregateRow[], weights: NeedWeights): { areas: { code: string; name: string; baseline: number; share: number }[]; left: LeftOut } {
  const usable = needInputs(rows);
  const left = rows.filter((r) => !hasPopulation(r) && (r.funding ?? 0) !== 0);
  const outside = rows.filter((r) => hasPopulation(r) && !inFootprint(r));
  const shares = needShares(usable, weights);
  const name = (r: AreaAggregateRow) => r.area_name ?? r.area_code;
  return {
    areas: usable.map((r) => ({ code: r.area_code, name: name(r), baseline: r.funding ?? 0, share: shares.get(r.area_code) ?? 0 })),
    left: { areas: left.map(name), funding: left.reduce((s, r) => s + (r.funding ?? 0), 0), outside: outside.map(name) }
  };
}

const hasPopulation = (r: AreaAggregateRow) => r.population !== null && r.population > 0;
/**
 * Funded in the baseline year, or in the user's population extract (a publication's rows carry no source: they
 * are the publisher's own areas).
 */
const inFootprint = (r: AreaAggregateRow) => (r.funding ?? 0) !== 0 || (r.pop_source ?? 'extract') !== 'reference';
/** The areas the plan is for, with a population, as the need index takes them: only they have a share. */
const needInputs = (rows: readonly AreaAggregateRow[]) =>
  rows.filter((r) => hasPopulation(r) && inFootprint(r)).map((r) => ({ ...r, population: r.population! }));

/** The waterfall of every planned area's target share (glide-waterfall.ts shareWaterfall). */
export function planShareParts(rows: readonly AreaAggregateRow[], weights: NeedWeights): Map<string, ShareParts> {
  return shareWaterfall(needInputs(rows), weights);
}

/** B in whole pounds: as given, or the baseline total raised by the percentage. */
export function resolveBudget(budget: BudgetSpec, baselineTotal: number): number {
  return Math.round(budget.kind === 'gbp' ? budget.value : baselineTotal * (1 + budget.value / 100));
}

/** The scenario in allocation.ts's units (fractions, pounds). */
export function allocationPolicy(s: Scenario, baselineTotal: number): AllocationPolicy {
  return {
    budget: resolveBudget(s.budget, baselineTotal),
    minUplift: s.minUplift / 100,
    overThreshold: s.overThreshold / 100,
    overUplift: s.overUplift / 100,
    maxUplift: s.maxUplift === null ? null : s.maxUplift / 100
  };
}

export function planOutcome(rows: readonly AreaAggregateRow[], weights: NeedWeights, scenario: Scenario): PlanOutcome {
  const { areas, left } = planAreas(rows, weights);
  const baselineTotal = areas.reduce((s, a) => s + a.baseline, 0);
  const policy = allocationPolicy(scenario, baselineTotal);
  const result: AllocationResult = allocate(areas, policy);
  if (!result.ok) {
    const suggestion = result.reason === 'unaffordable'
      ? (result.largestMinUplift === null ? {} : { minUplift: result.largestMinUplift * 100 })
      : { maxUplift: result.smallestMaxUplift * 100 };
    return { ok: false, policy, message: result.message, suggestion, left, baselineTotal };
  }
  const names = new Map(areas.map((a) => [a.code, a.name]));
  const out: PlanArea[] = result.areas.map((a) => {
    const baselineTarget = a.share * baselineTotal;
    return {
      code: a.code, name: names.get(a.code)!, baseline: a.baseline, share: a.share, baselineTarget,
      dftBefore: distanceFromTarget(a.baseline, baselineTarget), target: a.target, floor: a.floor, cap: a.cap,
      allocation: a.allocation, change: a.allocation - a.baseline, changePct: a.baseline > 0 ? (a.allocation - a.baseline) / a.baseline : null,
      dftAfter: distanceFromTarget(a.allocation, a.target), overTarget: a.overTarget, filled: a.filled, capped: a.capped
    };
  });
  const gini = (amount: (a: PlanArea) => number) => giniOfFundingPerHead(out.map((a) => ({ funding: amount(a), needWeightedPopulation: a.share })))?.gini ?? null;
  return {
    ok: true, policy, areas: out, left,
    headline: {
      areas: out.length, baselineTotal, budget: policy.budget,
      underBefore: out.filter((a) => a.dftBefore !== null && a.dftBefore < UNDER_TARGET).length,
      underAfter: out.filter((a) => a.dftAfter !== null && a.dftAfter < UNDER_TARGET).length,
      largestGapBefore: furthestUnder(out, (a) => a.dftBefore),
      largestGapAfter: furthestUnder(out, (a) => a.dftAfter),
      level: result.level,
      giniBefore: gini((a) => a.baseline),
      giniAfter: gini((a) => a.allocation)
    }
  };
}

/** The area furthest below its target (ties to the first by name), or null when none is below. */
function furthestUnder(areas: readonly PlanArea[], dft: (a: PlanArea) => number | null): PlanAreaGap | null {
  let worst: PlanAreaGap | null = null;
  for (const a of [...areas].sort((x, y) => x.name.localeCompare(y.name))) {
    const d = dft(a);
    if (d !== null && d < 0 && (!worst || d < worst.dft)) worst = { code: a.code, name: a.name, dft: d };
  }
  return worst;
}

/** Two scenarios side by side: each area's allocation and distance after, and B − A. */
export interface ScenarioDiff {
  code: string;
  name: string;
  baseline: number;
  allocationA: number;
  allocationB: number;
  difference: number;
  dftAfterA: number | null;
  dftAfterB: number | null;
}

export function compareScenarios(a: PlanOutcome, b: PlanOutcome): ScenarioDiff[] {
  if (!a.ok || !b.ok) return [];
  const byCode = new Map(b.areas.map((x) => [x.code, x]));
  return a.areas.flatMap((x) => {
    const y = byCode.get(x.code);
    return y
      ? [{ code: x.code, name: x.name, baseline: x.baseline, allocationA: x.allocation, allocationB: y.allocation, difference: y.allocation - x.allocation, dftAfterA: x.dftAfter, dftAfterB: y.dftAfter }]
      : [];
  });
}
