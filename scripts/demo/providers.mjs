/**
 * providers.csv: 1–4 provider services per area. The first is the area's "hub"
 * (link workers, mental wellbeing or befriending); the rest are activity services.
 * Capacity is split from the area's story capacity (story.mjs), so capacity per
 * head is thin exactly where the story says. Contracts all cover the demo period
 * (started by April 2022, end on or after March 2025) so every referral can go to
 * any provider of its area. We have no locations, so latitude/longitude are blank.
 */
import { DATA_END, addMonths, day, iso } from './dates.mjs';
import { round } from './random.mjs';

export const SERVICE_CATEGORIES = /** @type {const} */ ([
  'arts and culture',
  'physical activity',
  'green and nature',
  'advice (debt, housing, benefits)',
  'mental wellbeing',
  'social groups and befriending',
  'children and young people',
  'employment and skills'
]);
export const CYP = 'children and young people';
const HUB_CATEGORIES = ['mental wellbeing', 'social groups and befriending'];
const ACTIVITY_CATEGORIES = SERVICE_CATEGORIES.filter((c) => c !== CYP);

/** Likely sectors per category, as [sector, weight] pairs. */
const SECTORS = /** @type {Record<string, [string, number][]>} */ ({
  'arts and culture': [['VCSE', 8], ['other', 2]],
  'physical activity': [['council', 4], ['VCSE', 3], ['other', 3]],
  'green and nature': [['VCSE', 7], ['council', 2], ['other', 1]],
  'advice (debt, housing, benefits)': [['VCSE', 7], ['council', 3]],
  'mental wellbeing': [['NHS', 5], ['VCSE', 4], ['other', 1]],
  'social groups and befriending': [['VCSE', 8], ['council', 1], ['other', 1]],
  'children and young people': [['VCSE', 6], ['council', 3], ['NHS', 1]],
  'employment and skills': [['council', 5], ['VCSE', 4], ['other', 1]]
});

/** Invented service names; `{A}` is the area name. */
const NAMES = /** @type {Record<string, string[]>} */ ({
  'arts and culture': ['{A} Arts on Prescription', 'Creative {A}', '{A} Museum Wellbeing Club'],
  'physical activity': ['Active {A}', '{A} Move More', '{A} Walking for Health'],
  'green and nature': ['Green {A}', '{A} Community Gardens', '{A} Nature Prescriptions'],
  'advice (debt, housing, benefits)': ['{A} Money and Housing Advice', '{A} Advice Network'],
  'mental wellbeing': ['{A} Wellbeing Hub', 'Talking Wellbeing {A}', '{A} Social Prescribing Service'],
  'social groups and befriending': ['{A} Connect', 'Friends of {A}', '{A} Community Befriending'],
  'children and young people': ["{A} Young People's Wellbeing", '{A} Youth Connect'],
  'employment and skills': ['{A} Skills and Work', 'Working Well {A}']
});

/**
 * @typedef {{
 *   provider_id: string, provider_name: string, sector: string, service_category: string,
 *   area_code: string, monthly_capacity: number, link_worker_fte: number,
 *   contract_start: string, contract_end: string, latitude: string, longitude: string
 * }} ProviderRow
 */

/**
 * Categories for an area: a hub first, then distinct activities, with a children
 * and young people service only where the story gives the area one.
 * @param {number} count
 * @param {boolean} hasCyp
 * @param {import('./random.mjs').Rng} rng
 */
function categoriesFor(count, hasCyp, rng) {
  const chosen = [rng.pick(HUB_CATEGORIES)];
  while (chosen.length < count - (hasCyp ? 1 : 0)) {
    const c = rng.pick(ACTIVITY_CATEGORIES);
    if (!chosen.includes(c)) chosen.push(c);
  }
  if (hasCyp) chosen.push(CYP);
  return chosen;
}

/**
 * @param {import('./population.mjs').PopulationRow[]} population
 * @param {Map<string, import('./story.mjs').AreaModel>} model
 * @param {import('./random.mjs').Rng} rng
 * @returns {ProviderRow[]}
 */
export function buildProviders(population, model, rng) {
  /** @type {ProviderRow[]} */
  const rows = [];
  for (const area of population) {
    const m = /** @type {import('./story.mjs').AreaModel} */ (model.get(area.area_code));
    const count = Math.min(4, Math.max(m.hasCypService ? 2 : 1, Math.round(0.9 + area.population / 350_000 + 1.2 * rng.next())));
    const categories = categoriesFor(count, m.hasCypService, rng);
    const shares = categories.map((_, i) => (i === 0 ? 1.5 : rng.uniform(0.5, 1)));
    const shareTotal = shares.reduce((a, b) => a + b, 0);

    categories.forEach((category, i) => {
      const start = addMonths(day('2018-04-01'), rng.int(0, 48));
      let end = addMonths(start, rng.pick([36, 48, 60])) - 1;
      while (end < DATA_END) end = addMonths(end + 1, 12) - 1;
      // ~1 link worker FTE per 16,000 people (England has ~3,500), more where capacity is ample.
      const hubFte = Math.max(0.4, (area.population / 16_000) * m.capacityIndex);
      const fte = i === 0 ? hubFte : rng.chance(0.35) ? rng.uniform(0.2, 1.5) : 0;
      rows.push({
        provider_id: `P${String(rows.length + 1).padStart(4, '0')}`,
        provider_name: rng.pick(/** @type {string[]} */ (NAMES[category])).replace('{A}', area.area_name),
        sector: weightedPick(/** @type {[string, number][]} */ (SECTORS[category]), rng),
        service_category: category,
        area_code: area.area_code,
        monthly_capacity: Math.max(1, Math.round((m.monthlyCapacity * /** @type {number} */ (shares[i])) / shareTotal)),
        link_worker_fte: round(fte, 1),
        contract_start: iso(start),
        contract_end: iso(end),
        latitude: '',
        longitude: ''
      });
    });
  }
  return rows;
}

/**
 * @param {[string, number][]} pairs
 * @param {import('./random.mjs').Rng} rng
 */
function weightedPick(pairs, rng) {
  return rng.weighted(
    pairs.map((p) => p[0]),
    pairs.map((p) => p[1])
  );
}
