/**
 * population.csv: one row per district with the real reference figures (data/reference/areas.csv:
 * ONS mid-2020 population by broad age, MHCLG IMD 2019 average score and its national decile
 * among England's 296 districts), a rural/urban label from the demo's rough profiles, and the
 * district's ICB (best fit) as its parent, as an analyst's population extract would carry.
 */
import { profileFor } from './area-profiles.mjs';

/**
 * An area of the reference, as the generator is given it.
 * @typedef {{
 *   code: string, name: string, parent_code: string, parent_name: string,
 *   icb_code: string, icb_name: string,
 *   population: number, pop_0_17: number, pop_18_64: number, pop_65_plus: number,
 *   imd_score: number, imd_decile: number
 * }} Area
 * @typedef {{
 *   area_code: string, area_name: string, parent_code: string, parent_name: string,
 *   population: number, pop_0_17: number, pop_18_64: number, pop_65_plus: number,
 *   imd_score: number, imd_decile: number, rural_urban: 'urban' | 'mixed' | 'rural'
 * }} PopulationRow
 */

/**
 * @param {Area[]} areas
 * @returns {PopulationRow[]}
 */
export function buildPopulation(areas) {
  return [...areas]
    .sort((a, b) => (a.code < b.code ? -1 : 1))
    .map((area) => ({
      area_code: area.code,
      area_name: area.name,
      // The parent in the extract is the ICB (the level commissioners roll up to), not the region.
      parent_code: area.icb_code,
      parent_name: area.icb_name,
      population: area.population,
      pop_0_17: area.pop_0_17,
      pop_18_64: area.pop_18_64,
      pop_65_plus: area.pop_65_plus,
      imd_score: area.imd_score,
      imd_decile: area.imd_decile,
      rural_urban: profileFor(area.code).type
    }));
}
