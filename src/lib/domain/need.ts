/**
 * Need index (SPEC section 3): how much more (or less) social prescribing an area's population
 * needs than the average person, from deprivation and age.
 *
 *   d_i    = deprivation relative to the population-weighted mean of the areas loaded
 *            (IMD average score; if only the IMD decile is given, 11 − decile stands in for the score)
 *   a_i    = share aged 65+ relative to the population-weighted mean share
 *   need_i = 1 + w_dep × (d_i − 1) + w_age × (a_i − 1), floored at 0.1
 *
 * Both components average 1 over the population, so the need index does too, and weighted
 * population = population × need keeps the same total as the population. An area missing a
 * component is treated as average on it (and counted in `missing`), never dropped.
 * Default weights: half of need follows deprivation, a quarter follows age, the rest is per head.
 */

export interface NeedWeights {
  deprivation: number;
  age: number;
}

export const DEFAULT_NEED_WEIGHTS: NeedWeights = { deprivation: 0.5, age: 0.25 };

export interface AreaNeedInput {
  area_code: string;
  population: number;
  imd_score?: number | null;
  imd_decile?: number | null;
  pop_65_plus?: number | null;
}

export interface AreaNeed {
  area_code: string;
  need_index: number;
  weighted_population: number;
}

const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function relative(values: (number | null)[], pops: number[]): (number | null)[] {
  let sum = 0;
  let pop = 0;
  values.forEach((v, i) => {
    if (v !== null) {
      sum += v * pops[i]!;
      pop += pops[i]!;
    }
  });
  const mean = pop > 0 ? sum / pop : 0;
  return values.map((v) => (v === null || !(mean > 0) ? null : v / mean));
}

export function needIndex(areas: AreaNeedInput[], weights: NeedWeights = DEFAULT_NEED_WEIGHTS): { areas: AreaNeed[]; missing: { deprivation: number; age: number } } {
  const pops = areas.map((a) => (finite(a.population) && a.population > 0 ? a.population : 0));
  // Use scores when every area that has deprivation data has a score; otherwise fall back to deciles for all.
  const useScore = areas.some((a) => finite(a.imd_score)) && areas.every((a) => finite(a.imd_score) || !finite(a.imd_decile));
  const dep = areas.map((a) => (useScore ? (finite(a.imd_score) ? a.imd_score : null) : finite(a.imd_decile) ? 11 - a.imd_decile : null));
  const old = areas.map((a, i) => (finite(a.pop_65_plus) && pops[i]! > 0 ? a.pop_65_plus / pops[i]! : null));
  const d = relative(dep, pops);
  const g = relative(old, pops);
  const out = areas.map((a, i) => {
    const need = Math.max(0.1, 1 + weights.deprivation * ((d[i] ?? 1) - 1) + weights.age * ((g[i] ?? 1) - 1));
    return { area_code: a.area_code, need_index: need, weighted_population: pops[i]! * need };
  });
  return {
    areas: out,
    missing: { deprivation: d.filter((x, i) => x === null && pops[i]! > 0).length, age: g.filter((x, i) => x === null && pops[i]! > 0).length }
  };
}
