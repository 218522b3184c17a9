/**
 * population.csv: one row per area with population by broad age, deprivation and
 * a rural/urban label. Sizes and IMD scores come from the rough embedded profiles
 * (area-profiles.mjs) with ~1% noise, so the seed shows but the areas stay
 * recognisable (Lancashire ~1.2M, Rutland ~40k).
 */
import { profileFor } from './area-profiles.mjs';
import { clamp, round } from './random.mjs';

/**
 * @typedef {{ code: string, name: string, parent_code: string, parent_name: string }} Area
 * @typedef {{
 *   area_code: string, area_name: string, parent_code: string, parent_name: string,
 *   population: number, pop_0_17: number, pop_18_64: number, pop_65_plus: number,
 *   imd_score: number, imd_decile: number, rural_urban: 'urban' | 'mixed' | 'rural'
 * }} PopulationRow
 */

/**
 * Age shares: older in rural and seaside areas, younger in London and in deprived
 * urban areas; children's share moves opposite to the 65+ share.
 * @param {import('./area-profiles.mjs').AreaProfile} profile
 * @param {boolean} london
 * @param {import('./random.mjs').Rng} rng
 */
function ageShares(profile, london, rng) {
  const base = london ? 0.115 : { urban: 0.155, mixed: 0.2, rural: 0.245 }[profile.type];
  const over65 = clamp(base + (profile.coast ? 0.035 : 0) - 0.001 * (profile.imd - 20) + rng.normal(0, 0.008), 0.06, 0.33);
  const under18 = clamp(0.215 - 0.35 * (over65 - 0.18) + 0.0006 * (profile.imd - 20) + rng.normal(0, 0.006), 0.12, 0.28);
  return { over65, under18 };
}

/**
 * @param {Area[]} areas
 * @param {import('./random.mjs').Rng} rng
 * @returns {PopulationRow[]}
 */
export function buildPopulation(areas, rng) {
  const rows = [...areas]
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((area) => {
      const profile = profileFor(area.code);
      const population = Math.round(profile.pop * 1000 * rng.lognormal(0.01));
      const { over65, under18 } = ageShares(profile, area.parent_code === 'E12000007', rng);
      const pop_65_plus = Math.round(population * over65);
      const pop_0_17 = Math.round(population * under18);
      return {
        area_code: area.code,
        area_name: area.name,
        parent_code: area.parent_code,
        parent_name: area.parent_name,
        population,
        pop_0_17,
        pop_18_64: population - pop_0_17 - pop_65_plus,
        pop_65_plus,
        imd_score: round(Math.max(1, profile.imd + rng.normal(0, 0.3)), 3),
        imd_decile: 0,
        rural_urban: profile.type
      };
    });

  // Decile 1 = most deprived tenth of these areas, by score.
  const ranked = [...rows].sort((a, b) => b.imd_score - a.imd_score || (a.area_code < b.area_code ? -1 : 1));
  ranked.forEach((row, rank) => {
    row.imd_decile = Math.floor((rank * 10) / ranked.length) + 1;
  });
  return rows;
}
