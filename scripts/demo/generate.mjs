/**
 * Entry point of the synthetic demo: generateDemo({ seed, scale, areas }) returns
 * the four tables as arrays of row objects, without touching the file system, so
 * tests can run it small and the CLI (scripts/generate-demo.mjs) just writes CSV.
 * It keeps only the areas of the demo region (the North West, story.mjs DEMO_REGION)
 * from whatever area list it is given.
 *
 * Order matters only for reproducibility: each table draws from its own named
 * random stream, and areas are processed sorted by code whatever order they come in.
 */
import { buildFunding } from './funding.mjs';
import { buildPopulation } from './population.mjs';
import { buildProviders } from './providers.mjs';
import { placeProviders } from './places.mjs';
import { createRng } from './random.mjs';
import { buildReferrals } from './referrals.mjs';
import { DEMO_REGION, buildAreaModel } from './story.mjs';

export const DEFAULT_SEED = 20250331;

/** Canonical headers, in order. The app's loaders expect exactly these. */
export const COLUMNS = /** @type {const} */ ({
  population: ['area_code', 'area_name', 'parent_code', 'parent_name', 'population', 'pop_0_17', 'pop_18_64', 'pop_65_plus', 'imd_score', 'imd_decile', 'rural_urban'],
  providers: ['provider_id', 'provider_name', 'sector', 'service_category', 'area_code', 'monthly_capacity', 'link_worker_fte', 'contract_start', 'contract_end', 'latitude', 'longitude'],
  funding: ['funding_id', 'area_code', 'period', 'amount_gbp', 'funder', 'provider_id', 'contract_start', 'contract_end', 'funding_stream'],
  referrals: ['referral_id', 'referral_date', 'area_code', 'referral_source', 'age_band', 'sex', 'ethnic_group', 'imd_decile', 'service_category', 'provider_id', 'status', 'first_contact_date', 'end_date', 'wellbeing_pre', 'wellbeing_post']
});

/** Columns written with fixed decimals (money keeps its pence: 120.50, not 120.5). */
export const DECIMALS = /** @type {Record<keyof typeof COLUMNS, Record<string, number>>} */ ({
  population: {},
  providers: {},
  funding: { amount_gbp: 2 },
  referrals: {}
});

/**
 * @typedef {import('./population.mjs').Area} Area
 * @typedef {{
 *   population: import('./population.mjs').PopulationRow[],
 *   providers: import('./providers.mjs').ProviderRow[],
 *   funding: import('./funding.mjs').FundingRow[],
 *   referrals: import('./referrals.mjs').ReferralRow[]
 * }} DemoTables
 */

/**
 * The areas the demo covers: those whose parent is the demo region.
 * @param {Area[]} areas
 * @returns {Area[]}
 */
export function demoAreas(areas) {
  return areas.filter((a) => a.parent_code === DEMO_REGION.code);
}

/**
 * @param {{ seed?: number | string, scale?: number, areas: Area[], shapes?: Map<string, import('geojson').Feature> }} options
 *   areas: the reference districts (scripts/lib/reference.mjs); only the demo region's are used.
 *   shapes: the districts' boundaries by code (places.mjs districtShapes), to place the providers; without them
 *   the providers have no coordinates.
 *   scale multiplies the referral volume (1 ≈ 300,000 referrals, realistic rates)
 * @returns {DemoTables}
 */
export function generateDemo({ seed = DEFAULT_SEED, scale = 1, areas, shapes }) {
  if (!(scale > 0)) throw new Error(`scale must be > 0, got ${scale}`);
  const regional = demoAreas(areas ?? []);
  if (!regional.length) throw new Error(`generateDemo needs areas in ${DEMO_REGION.name} (parent_code ${DEMO_REGION.code})`);
  const population = buildPopulation(regional);
  const model = buildAreaModel(population, createRng(seed, 'story'), { scale });
  const providers = buildProviders(population, model, createRng(seed, 'providers'));
  if (shapes) placeProviders(providers, shapes, createRng(seed, 'places'));
  const funding = buildFunding(population, model, providers, createRng(seed, 'funding'));
  const referrals = buildReferrals(population, model, providers, createRng(seed, 'referrals'));
  return { population, providers, funding, referrals };
}
