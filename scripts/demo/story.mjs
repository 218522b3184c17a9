/**
 * THE DEMO'S INEQUALITY STORY
 * ===========================
 * The demo covers one region, the North West of England (DEMO_REGION: its 35
 * districts on 2024 codes, whose ONS region is E12000002), at
 * realistic volumes. The product's founding study comes from Lancashire and South
 * Cumbria. The synthetic data is random noise around a few deliberate patterns, so
 * that the app's equity views have something to find. Everything here is made up;
 * the patterns are modelled on well-known concerns about social prescribing.
 *
 * 0. Need and volume.
 *    Need index = 0.7 × IMD score / regional mean + 0.3 × 65+ share / regional mean
 *    (both means population-weighted, so the region's average need is 1). Referral
 *    rates rise with need (need^0.8) but are damped where capacity is thin (load^-0.35,
 *    see 2), and are then scaled so the region averages MEAN_REFERRAL_RATE = 13.5
 *    referrals per 1,000 people a year over the three years: about 12 in 2022/23,
 *    13.4 in 2023/24 and 15 in 2024/25 (demand grows 12% a year). Areas range
 *    from about 10 to 18 per 1,000, so deprived areas with thin capacity get less
 *    access than their need suggests.
 *
 * 1. Deprived coastal areas are underfunded for their need.
 *    Funding per head ≈ £6.20 × need × a funding ratio (2023/24; 8% less in 2022/23,
 *    6% more in 2024/25), which makes most areas £4.50–£7.50 a head. The ratio has
 *    ±10% noise and a mild "inverse care" tilt (the more deprived, the lower), and
 *    a few affluent areas (WELL_FUNDED_AFFLUENT: Cheshire East, Trafford,
 *    Warrington) get a 10% bonus. For the deprived coastal areas
 *    (UNDERFUNDED_COASTAL: Blackpool, Sefton, Wirral, and Cumberland, whose need is
 *    in the old mining and shipbuilding towns of its west coast) the ratio is only
 *    0.55–0.65: well under two-thirds of the money per head their need suggests
 *    (about £3–£5.50 a head).
 *
 * 2. Thin capacity means long waits.
 *    Each area's load = demand ÷ provider capacity (monthly, mid-period). Typically
 *    about 1.1 (capacity slightly below demand, lower where the funding ratio is
 *    higher: 1.05 × ratio^-0.5 with noise, 0.85–1.5). The thin-capacity areas
 *    (THIN_CAPACITY: Blackpool, Knowsley, Burnley, Oldham) have a load of 1.9–2.3,
 *    and Sefton and Wirral come out near 1.4 from their low funding. Expected wait
 *    to first contact = 1 + 3 × load^2.2 weeks: typical areas 3–6 weeks, thin
 *    ones 10–20+. Demand grows 12% a year while capacity stays flat, so waits
 *    lengthen over the three years, and long waits lose people (more DNAs and
 *    withdrawals).
 *
 * 3. Children and young people are missing.
 *    Only 3–5 of the 35 areas (never a coastal or thin-capacity one) have a
 *    `children and young people` service, chosen by the seed. Where there is none,
 *    under-18s are referred at about a tenth of their population share; where
 *    there is one, at about half. So 0–17s are ~21% of the population but only
 *    ~3–6% of referrals.
 *
 * 4. Some areas live on short-term grants.
 *    Usually 10–35% of an area's funding is in contracts shorter than 12 months.
 *    In the grant-dependent areas (GRANT_DEPENDENT: Rochdale, Halton, Blackpool)
 *    it is 60–85%.
 *
 * 5. Referral pathways.
 *    Hospital referrals are declined about twice as often as GP referrals (the
 *    source is drawn after the outcome, hospital's weight doubled among the
 *    declined: referrals.mjs), the sign of referrers who do not know what the
 *    services offer. In the one-way pathway area (ONE_WAY_PATHWAY: St Helens) only
 *    GP practices refer: no self-referrals and none from social care, hospitals or
 *    the voluntary sector, so the pathway runs from primary care outwards only.
 *
 * Realistic levels: link workers hold LINK_WORKER_CASELOAD (200–250) referrals
 * a year, so each area's link worker FTE = monthly capacity × 12 ÷ its caseload
 * (about 1 FTE per 19,000 people). At scale 1 there are ~300,000 referrals over
 * the three years; `scale` multiplies the referral rows only (population, funding,
 * capacity, FTE and waits do not change), so tests can run small. See
 * docs/demo-data.md.
 */
import { profileFor } from './area-profiles.mjs';
import { clamp } from './random.mjs';

/** The one region the demo covers. */
export const DEMO_REGION = { code: 'E12000002', name: 'North West' };

/** Deprived coastal areas that get far less money than their need suggests (code → name). */
export const UNDERFUNDED_COASTAL = /** @type {Record<string, string>} */ ({
  E06000009: 'Blackpool',
  E08000014: 'Sefton',
  E08000015: 'Wirral',
  E06000063: 'Cumberland'
});

/** Areas whose provider capacity is far below demand, so waits are long (code → name). */
export const THIN_CAPACITY = /** @type {Record<string, string>} */ ({
  E06000009: 'Blackpool',
  E08000004: 'Oldham',
  E08000011: 'Knowsley',
  E07000117: 'Burnley'
});

/** Areas funded mostly by short-term grants (code → name). */
export const GRANT_DEPENDENT = /** @type {Record<string, string>} */ ({
  E06000006: 'Halton',
  E06000009: 'Blackpool',
  E08000005: 'Rochdale'
});

/** The area where only GP practices refer (code → name). */
export const ONE_WAY_PATHWAY = /** @type {Record<string, string>} */ ({
  E08000013: 'St Helens'
});

/** Affluent areas that do comparatively well (code → name). */
export const WELL_FUNDED_AFFLUENT = /** @type {Record<string, string>} */ ({
  E06000007: 'Warrington',
  E06000049: 'Cheshire East',
  E08000009: 'Trafford'
});

/** £ per head per year for an area of average need and funding ratio 1, in 2023/24. */
export const BASE_FUNDING_PER_HEAD = 6.2;

/** Referrals per 1,000 people a year, region average over the three years. */
export const MEAN_REFERRAL_RATE = 13.5;

/** Referrals a link worker holds in a year: each area's caseload is drawn from this range. */
export const LINK_WORKER_CASELOAD = /** @type {const} */ ([200, 250]);

/** Weights of deprivation and age in the need index. */
export const NEED_WEIGHTS = { deprivation: 0.7, age: 0.3 };

/** Demand growth per year, and the seasonal shape by calendar month (Jan = 0). */
export const ANNUAL_GROWTH = 1.12;
export const SEASONALITY = [1.12, 1.1, 1.08, 0.98, 1.0, 0.95, 0.9, 0.72, 1.02, 1.1, 1.08, 0.8];

/**
 * @typedef {import('./population.mjs').PopulationRow} PopulationRow
 * @typedef {{
 *   need: number, fundingRatio: number, load: number, referralRate: number,
 *   hasCypService: boolean, shortTermShare: number, grantDependent: boolean,
 *   coastalStory: boolean, thinCapacity: boolean, expectedReferrals: number,
 *   monthlyCapacity: number, caseload: number, whiteShare: number
 * }} AreaModel
 */

/**
 * Need index per area (population-weighted regional average = 1): deprivation
 * (IMD score) and age (65+ share), each relative to the regional mean.
 * @param {PopulationRow[]} population
 * @returns {Map<string, number>}
 */
export function needIndices(population) {
  const people = population.reduce((s, a) => s + a.population, 0);
  const meanImd = population.reduce((s, a) => s + a.imd_score * a.population, 0) / people;
  const mean65 = population.reduce((s, a) => s + a.pop_65_plus, 0) / people;
  return new Map(
    population.map((a) => [
      a.area_code,
      NEED_WEIGHTS.deprivation * (a.imd_score / meanImd) + NEED_WEIGHTS.age * (a.pop_65_plus / a.population / mean65)
    ])
  );
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
  const needs = needIndices(population);
  const people = population.reduce((s, a) => s + a.population, 0);
  const meanImd = population.reduce((s, a) => s + a.imd_score * a.population, 0) / people;

  const draft = population.map((area) => {
    const code = area.area_code;
    const coastalStory = code in UNDERFUNDED_COASTAL;
    const thinCapacity = code in THIN_CAPACITY;
    const need = /** @type {number} */ (needs.get(code));
    const inverseCare = clamp(1 - 0.012 * (area.imd_score - meanImd), 0.8, 1.1);
    let fundingRatio = rng.lognormal(0.1) * inverseCare;
    if (coastalStory) fundingRatio = rng.uniform(0.55, 0.65);
    if (code in WELL_FUNDED_AFFLUENT) fundingRatio *= 1.1;

    let load = clamp(1.05 * fundingRatio ** -0.5 * rng.lognormal(0.06), 0.85, 1.5);
    if (thinCapacity) load = rng.uniform(1.9, 2.3);
    const relativeRate = need ** 0.8 * load ** -0.35 * rng.lognormal(0.08);

    const grantDependent = code in GRANT_DEPENDENT;
    const shortTermShare = grantDependent ? rng.uniform(0.6, 0.85) : rng.uniform(0.1, 0.35);
    const caseload = rng.uniform(LINK_WORKER_CASELOAD[0], LINK_WORKER_CASELOAD[1]);
    return { area, coastalStory, thinCapacity, need, fundingRatio, load, relativeRate, grantDependent, shortTermShare, caseload, cypKey: rng.next() };
  });

  // Scale relative rates so the region averages MEAN_REFERRAL_RATE per 1,000 a year.
  const weighted = draft.reduce((s, d) => s + d.area.population * d.relativeRate, 0);
  const rateFactor = (MEAN_REFERRAL_RATE * people) / weighted;

  // 3–5 areas (never a coastal or thin-capacity one) get a children and young people service.
  const eligible = draft.filter((d) => !d.coastalStory && !d.thinCapacity).sort((a, b) => a.cypKey - b.cypKey);
  const withCyp = new Set(eligible.slice(0, rng.int(3, 5)).map((d) => d.area.area_code));

  return new Map(
    draft.map((d) => {
      const referralRate = d.relativeRate * rateFactor;
      // Mid-period demand and capacity per month; load = demand ÷ capacity.
      const demandPerMonth = ((d.area.population / 1000) * referralRate) / 12;
      /** @type {AreaModel} */
      const model = {
        need: d.need,
        fundingRatio: d.fundingRatio,
        load: d.load,
        referralRate,
        hasCypService: withCyp.has(d.area.area_code),
        shortTermShare: d.shortTermShare,
        grantDependent: d.grantDependent,
        coastalStory: d.coastalStory,
        thinCapacity: d.thinCapacity,
        expectedReferrals: demandPerMonth * 36 * scale,
        monthlyCapacity: demandPerMonth / d.load,
        caseload: d.caseload,
        whiteShare: profileFor(d.area.area_code).white
      };
      return [d.area.area_code, model];
    })
  );
}
