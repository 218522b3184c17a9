/**
 * The committed reference areas (data/reference/areas.csv, built by scripts/build-reference.mjs)
 * as the demo generator takes them: districts with their ONS region as parent, their best-fit
 * ICB, and their real population and deprivation.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';

/**
 * @param {string} root the project folder
 * @returns {import('../demo/population.mjs').Area[]}
 */
export function readReferenceDistricts(root) {
  const text = readFileSync(path.join(root, 'data/reference/areas.csv'), 'utf8');
  /** @type {Record<string, string>[]} */
  const rows = Papa.parse(text, { header: true, skipEmptyLines: true }).data;
  const name = new Map(rows.map((r) => [r.code, r.name]));
  return rows
    .filter((r) => r.level === 'lad')
    .map((r) => ({
      code: r.code, name: r.name, parent_code: r.rgn_code, parent_name: name.get(r.rgn_code) ?? r.rgn_code,
      icb_code: r.icb_code, icb_name: name.get(r.icb_code) ?? r.icb_code,
      population: Number(r.population), pop_0_17: Number(r.pop_0_17), pop_18_64: Number(r.pop_18_64), pop_65_plus: Number(r.pop_65_plus),
      imd_score: Number(r.imd_score), imd_decile: Number(r.imd_decile)
    }));
}
