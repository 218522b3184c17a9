/**
 * Two views of an allocation (issue 17), pure like the method itself (allocation.ts):
 *
 * Waterfall: an area's target share sᵢ split into the population share (everyone's need the same), the
 * deprivation adjustment and the age adjustment. The adjustments are interactions of the need index, so
 * the order they are added in would change their sizes; each is the average of its effect added first and
 * added second (the Shapley value of two factors), so the three parts add up to sᵢ exactly, whatever order.
 *
 * Glide path: the same policy repeated year after year, each year's allocation the next year's baseline and
 * the budget growing at a fixed rate, with each area's distance from target by year and the years until every
 * area is within 5% of its target.
 */
import { allocate, distanceFromTarget, type AllocationArea, type AllocationPolicy, type AllocationResult } from './allocation';
import { needIndex, type AreaNeedInput, type NeedWeights } from '../need';

export interface ShareParts {
  /** pᵢ: population share. */
  population: number;
  deprivation: number;
  age: number;
  /** sᵢ = population + deprivation + age. */
  share: number;
}

/** Need-weighted shares of every area with the given weights (Σ = 1). */
export function needShares(areas: AreaNeedInput[], weights: NeedWeights): Map<string, number> {
  const need = needIndex(areas, weights).areas;
  const total = need.reduce((s, a) => s + a.weighted_population, 0);
  return new Map(need.map((a) => [a.area_code, total > 0 ? a.weighted_population / total : 0]));
}

/** The waterfall of every area's target share under `weights`. */
export function shareWaterfall(areas: AreaNeedInput[], weights: NeedWeights): Map<string, ShareParts> {
  const s00 = needShares(areas, { deprivation: 0, age: 0 });
  const sD0 = needShares(areas, { deprivation: weights.deprivation, age: 0 });
  const s0A = needShares(areas, { deprivation: 0, age: weights.age });
  const sDA = needShares(areas, weights);
  return new Map(
    areas.map((a) => {
      const k = a.area_code;
      const [p, d0, a0, full] = [s00.get(k)!, sD0.get(k)!, s0A.get(k)!, sDA.get(k)!];
      return [k, { population: p, deprivation: ((d0 - p) + (full - a0)) / 2, age: ((a0 - p) + (full - d0)) / 2, share: full }];
    })
  );
}

export interface GlideYear {
  year: number;
  budget: number;
  result: AllocationResult;
  /** Distance from target of each area this year, by code (null without a target). */
  distance: Map<string, number | null>;
  /** Every area within `tolerance` of its target (over or under). */
  allWithin: boolean;
}

export interface GlidePath {
  years: GlideYear[];
  /** The first year every area is within the tolerance, or null if none of the years shown. */
  yearsToWithin: number | null;
}

/**
 * `years` (1–5) of the policy, the budget rising by `growth` a year from `policy.budget`; stops early at a year
 * that cannot be allocated (its result says why).
 */
export function glidePath(areas: AllocationArea[], policy: AllocationPolicy, years: number, growth: number, tolerance = 0.05): GlidePath {
  const out: GlideYear[] = [];
  let baseline = areas;
  for (let y = 1; y <= Math.max(1, Math.min(5, Math.floor(years))); y++) {
    const budget = Math.round(policy.budget * (1 + growth) ** (y - 1));
    const result = allocate(baseline, { ...policy, budget });
    const distance = new Map(result.ok ? result.areas.map((a) => [a.code, distanceFromTarget(a.allocation, a.target)]) : []);
    const allWithin = result.ok && [...distance.values()].every((d) => d !== null && Math.abs(d) <= tolerance + 1e-12);
    out.push({ year: y, budget, result, distance, allWithin });
    if (!result.ok) break;
    baseline = result.areas.map((a) => ({ code: a.code, baseline: a.allocation, share: a.share }));
  }
  const first = out.find((y) => y.allWithin);
  return { years: out, yearsToWithin: first ? first.year : null };
}
