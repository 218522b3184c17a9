/**
 * referrals.csv: one row per referral, April 2022 to March 2025. Volume per area
 * comes from the story's referral rate; dates follow seasonality (quiet August and
 * December) and 12% yearly growth. Each referral's path is simulated (longer waits
 * mean more DNAs and withdrawals), then cut
 * off at 31 March 2025, which is what makes the statuses consistent with the
 * dates: anything whose next event would fall after the cut-off is still
 * `waiting` (no contact yet) or `accepted` (in progress, no end date).
 */
import { DATA_END, MONTHS, daysInMonth, iso } from './dates.mjs';
import { ANNUAL_GROWTH, ONE_WAY_PATHWAY, SEASONALITY, waitWeeksForLoad } from './story.mjs';
import { CYP } from './providers.mjs';
import { clamp } from './random.mjs';

const SOURCES = ['GP', 'self', 'social care', 'hospital', 'VCSE', 'other'];
const SOURCE_WEIGHTS = [55, 12, 8, 7, 12, 6];
/**
 * The pathways story (story.mjs, 5): hospital referrals are declined about twice as often as the rest.
 * The source is drawn after the outcome, from weights that depend on it (hospital's doubled among the
 * declined: P(declined | hospital) ≈ 2 × P(declined | GP) by Bayes), so the statuses, dates and every
 * other figure stay as they were; only which source each referral names changes.
 */
const DECLINED_SOURCE_WEIGHTS = SOURCE_WEIGHTS.map((w, i) => (SOURCES[i] === 'hospital' ? 2 * w : w));
/** In the one-way pathway area only GP practices refer (story.mjs, 5). */
const GP_ONLY = SOURCES.map((s) => (s === 'GP' ? 1 : 0));
const AGE_BANDS = ['0-17', '18-29', '30-44', '45-64', '65-74', '75+'];
const ETHNIC_GROUPS = ['Asian or Asian British', 'Black, Black British, Caribbean or African', 'Mixed or Multiple ethnic groups', 'Other ethnic group'];
const ETHNIC_WEIGHTS = [45, 25, 17, 13];
const PATHS = ['declined', 'dna', 'withdrawn', 'engaged'];
const SEXES = ['F', 'M', 'other', ''];
const SEX_WEIGHTS = [58, 39.5, 0.5, 2];

/** Monthly demand weights: season × growth (month 0 = April 2022). */
const MONTH_WEIGHTS = MONTHS.map((_, i) => /** @type {number} */ (SEASONALITY[(i + 3) % 12]) * ANNUAL_GROWTH ** (i / 12));
const MONTH_INDEX = MONTHS.map((_, i) => i);
const MEAN_GROWTH = MONTHS.reduce((s, _, i) => s + ANNUAL_GROWTH ** (i / 12), 0) / MONTHS.length;

/**
 * @typedef {{
 *   referral_id: string, referral_date: string, area_code: string, referral_source: string,
 *   age_band: string, sex: string, ethnic_group: string, imd_decile: number | null,
 *   service_category: string, provider_id: string, status: string,
 *   first_contact_date: string, end_date: string,
 *   wellbeing_pre: number | null, wellbeing_post: number | null
 * }} ReferralRow
 */

/**
 * Who gets referred: population age structure, tilted to older adults, and with
 * under-18s heavily under-referred (much more so without a CYP service).
 * @param {import('./population.mjs').PopulationRow} area
 * @param {boolean} hasCyp
 */
function ageWeights(area, hasCyp) {
  const adults = area.pop_18_64;
  const older = area.pop_65_plus;
  return [
    area.pop_0_17 * (hasCyp ? 0.5 : 0.1),
    adults * 0.26 * 0.8,
    adults * 0.33 * 0.9,
    adults * 0.41 * 1.1,
    older * 0.52 * 1.2,
    older * 0.48 * 1.5
  ];
}

/**
 * Simulates a referral's path and cuts it off at DATA_END.
 * @param {number} referred day number
 * @param {number} waitWeeks typical wait for this area and month
 * @param {import('./random.mjs').Rng} rng
 * @returns {{ status: string, contact: number | null, end: number | null }}
 */
function outcome(referred, waitWeeks, rng) {
  const contact = referred + Math.max(1, Math.round(waitWeeks * 7 * rng.lognormal(0.45)));
  // Long waits lose people: each week of typical wait adds to the DNA and withdrawal odds.
  const path = rng.weighted(PATHS, [6, 9 + 0.4 * waitWeeks, 6 + 0.5 * waitWeeks, 79]);
  /** An event that ends the referral counts only if it happened by DATA_END. */
  const ifBefore = (/** @type {number} */ end, /** @type {string} */ status) =>
    end <= DATA_END ? { status, contact: null, end } : { status: 'waiting', contact: null, end: null };

  if (path === 'declined') return ifBefore(referred + rng.int(1, 21), 'declined');
  if (path === 'dna') return ifBefore(contact + rng.int(0, 28), 'dna');
  if (path === 'withdrawn' && rng.chance(0.4)) return ifBefore(referred + rng.int(1, Math.max(1, contact - referred)), 'withdrawn');
  if (contact > DATA_END) return { status: 'waiting', contact: null, end: null };
  const end = contact + (path === 'withdrawn' ? rng.int(7, 60) : rng.int(28, 120));
  if (end > DATA_END) return { status: 'accepted', contact, end: null };
  return { status: path === 'withdrawn' ? 'withdrawn' : 'completed', contact, end };
}

/**
 * WEMWBS-like scores (14–70) for a share of completed referrals; post tends higher.
 * @param {number} imdScore
 * @param {import('./random.mjs').Rng} rng
 */
function wellbeing(imdScore, rng) {
  const pre = clamp(Math.round(rng.normal(44 - 0.15 * imdScore, 8)), 14, 70);
  const post = clamp(Math.round(pre + rng.normal(4.5, 5.5)), 14, 70);
  return { pre, post };
}

/**
 * Person-level IMD decile (their neighbourhood, 1 = most deprived nationally),
 * centred on what the area's score suggests and tilted towards deprivation.
 * @param {number} imdScore
 * @param {import('./random.mjs').Rng} rng
 */
function personDecile(imdScore, rng) {
  return clamp(Math.round(10.5 - imdScore / 4.6 - 0.5 + rng.normal(0, 2.2)), 1, 10);
}

/**
 * @param {import('./population.mjs').PopulationRow[]} population
 * @param {Map<string, import('./story.mjs').AreaModel>} model
 * @param {import('./providers.mjs').ProviderRow[]} providers
 * @param {import('./random.mjs').Rng} rng
 * @returns {ReferralRow[]}
 */
export function buildReferrals(population, model, providers, rng) {
  /** @type {ReferralRow[]} */
  const rows = [];
  /** @type {number[]} referral day of each row, for the final date order */
  const referredDays = [];
  for (const area of population) {
    const m = /** @type {import('./story.mjs').AreaModel} */ (model.get(area.area_code));
    const own = providers.filter((p) => p.area_code === area.area_code);
    const cyp = own.filter((p) => p.service_category === CYP);
    const adult = own.filter((p) => p.service_category !== CYP);
    const ages = ageWeights(area, cyp.length > 0);
    const cypWeights = cyp.map((p) => p.monthly_capacity);
    const adultWeights = adult.map((p) => p.monthly_capacity);
    const count = Math.floor(m.expectedReferrals + rng.next());
    const oneWay = area.area_code in ONE_WAY_PATHWAY;

    for (let k = 0; k < count; k++) {
      const month = rng.weighted(MONTH_INDEX, MONTH_WEIGHTS);
      const monthStart = /** @type {number} */ (MONTHS[month]);
      const referred = monthStart + rng.int(0, daysInMonth(monthStart) - 1);
      // Demand grows, capacity does not: the same area waits longer later on.
      const waitWeeks = waitWeeksForLoad((m.load * ANNUAL_GROWTH ** (month / 12)) / MEAN_GROWTH);
      const age = rng.weighted(AGE_BANDS, ages);
      const toCyp = age === '0-17' && cyp.length > 0 && rng.chance(0.7);
      const provider = toCyp ? rng.weighted(cyp, cypWeights) : rng.weighted(adult, adultWeights);
      const { status, contact, end } = outcome(referred, waitWeeks, rng);
      const scores = status === 'completed' && rng.chance(0.6) ? wellbeing(area.imd_score, rng) : null;
      rows.push({
        referral_id: '',
        referral_date: iso(referred),
        area_code: area.area_code,
        referral_source: rng.weighted(SOURCES, oneWay ? GP_ONLY : status === 'declined' ? DECLINED_SOURCE_WEIGHTS : SOURCE_WEIGHTS),
        age_band: age,
        sex: rng.weighted(SEXES, SEX_WEIGHTS),
        ethnic_group: rng.chance(0.07) ? '' : rng.chance(m.whiteShare) ? 'White' : rng.weighted(ETHNIC_GROUPS, ETHNIC_WEIGHTS),
        imd_decile: rng.chance(0.08) ? null : personDecile(area.imd_score, rng),
        service_category: provider.service_category,
        provider_id: status === 'declined' ? '' : provider.provider_id,
        status,
        first_contact_date: contact === null ? '' : iso(contact),
        end_date: end === null ? '' : iso(end),
        wellbeing_pre: scores ? scores.pre : null,
        wellbeing_post: scores ? scores.post : null
      });
      referredDays.push(referred);
    }
  }
  // Number in date order, as a real extract would be (ties keep generation order).
  const order = rows.map((_, i) => i).sort((a, b) => /** @type {number} */ (referredDays[a]) - /** @type {number} */ (referredDays[b]) || a - b);
  return order.map((index, i) => {
    const row = /** @type {ReferralRow} */ (rows[index]);
    row.referral_id = `R${String(i + 1).padStart(7, '0')}`;
    return row;
  });
}

