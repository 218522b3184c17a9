/**
 * THE DEMO'S INEQUALITY STORY
 * ===========================
 * The synthetic data is random noise around a few deliberate patterns, so that the
 * app's equity views have something real to find. Everything here is made up; the
 * patterns are modelled on well-known concerns about social prescribing.
 *
 * 1. Deprived coastal areas are underfunded for their need.
 *    Need index = area IMD score / mean IMD score across areas (1 = average need).
 *    Funding per head ≈ £4.50 × need × a funding ratio with ±20% noise. For the
 *    deprived coastal towns (UNDERFUNDED_COASTAL: Blackpool, Torbay, Isle of Wight,
 *    Hartlepool, Kingston upon Hull, North East Lincolnshire, Southend-on-Sea,
 *    Cornwall) the ratio is only ~0.4–0.6, so they get far less per head than
 *    their deprivation implies. There is also a mild "inverse care" tilt: the more
 *    deprived an area, the lower its ratio; a few affluent areas get a bonus.
 *
 * 2. Thin capacity means long waits.
 *    Provider capacity per head follows funding (capacity index ≈ funding ratio^0.7
 *    with noise, and the coastal areas lower still). Expected wait to first contact
 *    grows steeply with demand ÷ capacity: typical areas see 2–6 weeks, thin ones
 *    8–20+ weeks. Demand grows ~15% a year while capacity stays flat, so waits
 *    lengthen over the three years.
 *
 * 3. Children and young people are missing.
 *    Only ~1 in 5 areas (1 in 3 in London, none of the coastal areas) has a
 *    `children and young people` service. Where there is none, under-18s are
 *    referred at about a tenth of their population share; where there is one, at
 *    about half. Overall the 0–17 share of referrals is far below the 0–17 share
 *    of the population.
 *
 * 4. Some areas live on short-term grants.
 *    Usually 10–35% of an area's funding is in contracts shorter than 12 months.
 *    In grant-dependent areas (the coastal areas plus ~12% of others, chosen by
 *    the seed) it is 60–85%.
 *
 * Scale: population, funding (£), provider capacity and link worker FTE are at
 * realistic levels, and each area's referral rate is set to 15–40 per 1,000 a
 * year (higher where more deprived, damped where capacity is thin). All England
 * at those rates would be ~3.5 million referrals, too many for a browser demo, so
 * the referral rows are scaled down by one common factor to ~90,000 at scale 1:
 * the referral extract behaves like a ~1-in-40 sample. Relative rates between
 * areas are realistic; absolute referrals per 1,000 (and referrals against
 * capacity) are ~40× too low. Waits are simulated from the realistic rates and
 * capacities, so they do not depend on the scale. See docs/demo-data.md.
 */
import { whiteShareFor } from './area-profiles.mjs';
import { clamp } from './random.mjs';

/** The deprived coastal areas the story is about (code → name). */
export const UNDERFUNDED_COASTAL = /** @type {Record<string, string>} */ ({
  E06000001: 'Hartlepool',
  E06000009: 'Blackpool',
  E06000010: 'Kingston upon Hull',
  E06000012: 'North East Lincolnshire',
  E06000027: 'Torbay',
  E06000033: 'Southend-on-Sea',
  E06000046: 'Isle of Wight',
  E06000052: 'Cornwall'
});

/** Affluent areas that do comparatively well (code → name). */
export const WELL_FUNDED_AFFLUENT = /** @type {Record<string, string>} */ ({
  E06000017: 'Rutland',
  E06000040: 'Windsor and Maidenhead',
  E06000041: 'Wokingham',
  E09000027: 'Richmond upon Thames',
  E10000002: 'Buckinghamshire',
  E10000030: 'Surrey'
});

/** £ per head per year for an area of average need in 2023/24. */
export const BASE_FUNDING_PER_HEAD = 4.5;

/** Referral rows at scale 1, summed over the three years. */
export const REFERRALS_AT_SCALE_1 = 90_000;

/** Demand growth per year, and the seasonal shape by calendar month (Jan = 0). */
export const ANNUAL_GROWTH = 1.15;
export const SEASONALITY = [1.12, 1.1, 1.08, 0.98, 1.0, 0.95, 0.9, 0.72, 1.02, 1.1, 1.08, 0.8];

/**
 * @typedef {import('./population.mjs').PopulationRow} PopulationRow
 * @typedef {{
 *   need: number, fundingRatio: number, capacityIndex: number, referralRate: number,
 *   hasCypService: boolean, shortTermShare: number, grantDependent: boolean,
 *   coastalStory: boolean, expectedReferrals: number, monthlyCapacity: number,
 *   load: number, whiteShare: number
 * }} AreaModel
 */

/**
 * Need index: IMD score relative to the mean across areas (1 = average).
 * @param {number} imdScore
 * @param {number} meanImdScore
 */
export function needIndex(imdScore, meanImdScore) {
  return imdScore / meanImdScore;
}

/**
 * Expected wait to first contact (weeks) for a demand/capacity load: gentle
 * below 1, steep above it, capped at 30 weeks.
 * @param {number} load
 */
export function waitWeeksForLoad(load) {
  return clamp(1 + 3 * load ** 2.2, 1, 30);
}

/**
 * Derives every area's story parameters once, so all tables agree on them.
 * @param {PopulationRow[]} population
 * @param {import('./random.mjs').Rng} rng
 * @param {{ scale: number }} options
 * @returns {Map<string, AreaModel>}
 */
export function buildAreaModel(population, rng, { scale }) {
  const meanImd = population.reduce((s, a) => s + a.imd_score, 0) / population.length;

  const draft = population.map((area) => {
    const coastalStory = area.area_code in UNDERFUNDED_COASTAL;
    const need = needIndex(area.imd_score, meanImd);
    const inverseCare = clamp(1 - 0.01 * (area.imd_score - meanImd), 0.75, 1.15);
    let fundingRatio = rng.lognormal(0.18) * inverseCare;
    if (coastalStory) fundingRatio = rng.uniform(0.4, 0.6);
    if (area.area_code in WELL_FUNDED_AFFLUENT) fundingRatio *= 1.2;

    let capacityIndex = fundingRatio ** 0.7 * rng.lognormal(0.25);
    if (coastalStory) capacityIndex *= 0.8;

    const referralRate = clamp(
      16 + 0.45 * (area.imd_score - 12) * (0.6 + 0.4 * Math.min(capacityIndex, 1.5)) + rng.normal(0, 2),
      15,
      40
    );
    const london = area.parent_code === 'E12000007';
    const hasCypService = !coastalStory && rng.chance(london ? 0.33 : 0.2);
    const grantDependent = coastalStory || rng.chance(0.12);
    const shortTermShare = grantDependent ? rng.uniform(0.6, 0.85) : rng.uniform(0.1, 0.35);
    return { area, coastalStory, need, fundingRatio, capacityIndex, referralRate, hasCypService, grantDependent, shortTermShare };
  });

  // One scale factor turns realistic rates into the target number of rows.
  const realisticTotal = draft.reduce((s, d) => s + (d.area.population / 1000) * d.referralRate * 3, 0);
  const sampleFraction = (REFERRALS_AT_SCALE_1 * scale) / realisticTotal;
  const meanRate = draft.reduce((s, d) => s + d.referralRate, 0) / draft.length;

  return new Map(
    draft.map((d) => {
      // Realistic (unsampled) demand and capacity per month; load = demand ÷ capacity.
      const demandPerMonth = ((d.area.population / 1000) * d.referralRate) / 12;
      const monthlyCapacity = ((d.area.population / 1000) * meanRate * 1.1 * d.capacityIndex) / 12;
      const load = demandPerMonth / monthlyCapacity;
      const model = {
        need: d.need,
        fundingRatio: d.fundingRatio,
        capacityIndex: d.capacityIndex,
        referralRate: d.referralRate,
        hasCypService: d.hasCypService,
        shortTermShare: d.shortTermShare,
        grantDependent: d.grantDependent,
        coastalStory: d.coastalStory,
        expectedReferrals: demandPerMonth * 36 * sampleFraction,
        monthlyCapacity,
        load,
        whiteShare: whiteShareFor(d.area.area_code, d.area.parent_code)
      };
      return [d.area.area_code, model];
    })
  );
}
