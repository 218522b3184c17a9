/**
 * population.csv: one row per area with population by broad age, deprivation and
 * a rural/urban label. Sizes and age shares come from the rough embedded profiles
 * (area-profiles.mjs, roughly Census 2021) with a little noise, so the seed shows
 * but the areas stay recognisable (Lancashire ~1.24M, Blackpool ~141k). IMD scores
 * are the embedded approximate IMD 2019 averages, and the decile is national-ish
 * (where the score falls among England's upper-tier areas), not a rank within the
 * demo region. The parent code is the area's ICB (icbs.mjs).
 */
import { nationalImdDecile, profileFor } from './area-profiles.mjs';
import { icbOf } from './icbs.mjs';
import { clamp } from './random.mjs';

/**
 * @typedef {{ code: string, name: string, parent_code: string, parent_name: string }} Area
 * @typedef {{
 *   area_code: string, area_name: string, parent_code: string, parent_name: string,
 *   population: number, pop_0_17: number, pop_18_64: number, pop_65_plus: number,
 *   imd_score: number, imd_decile: number, rural_urban: 'urban' | 'mixed' | 'rural'
 * }} PopulationRow
 */

/**
 * @param {Area[]} areas
 * @param {import('./random.mjs').Rng} rng
 * @returns {PopulationRow[]}
 */
export function buildPopulation(areas, rng) {
  return [...areas]
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((area) => {
      const profile = profileFor(area.code);
      const population = Math.round(profile.pop * 1000 * rng.lognormal(0.01));
      const over65 = clamp(profile.o65 + rng.normal(0, 0.002), 0.05, 0.35);
      const under18 = clamp(profile.u18 + rng.normal(0, 0.002), 0.1, 0.3);
      const pop_65_plus = Math.round(population * over65);
      const pop_0_17 = Math.round(population * under18);
      const imd_score = Math.round(profile.imd * 10) / 10;
      return {
        area_code: area.code,
        area_name: area.name,
        // The parent in the extract is the ICB (the level commissioners roll up to), not the region.
        ...icbOf(area.code),
        population,
        pop_0_17,
        pop_18_64: population - pop_0_17 - pop_65_plus,
        pop_65_plus,
        imd_score,
        imd_decile: nationalImdDecile(imd_score),
        rural_urban: profile.type
      };
    });
}
