/**
 * providers.csv: the provider services of each area, sized from the area's story
 * capacity (story.mjs) so capacity per head is thin exactly where the story says.
 * - Link worker hubs (`mental wellbeing` or `social groups and befriending`), one per
 *   real locality (Preston, Barrow-in-Furness, Birkenhead...), each taking ~80–150
 *   referrals a month; together 55–70% of the area's capacity.
 * - Activity services (arts, physical activity, green, advice...) taking the rest,
 *   ~20–35 referrals a month each; a `children and young people` service only where
 *   the story gives the area one.
 * Link worker FTE: the area's monthly capacity × 12 ÷ its caseload (200–250 a year),
 * shared by capacity among the hubs and the quarter of activity services that host
 * a link worker. Contracts all cover the demo period (started by April 2022, end on
 * or after March 2025) so every referral can go to any provider of its area. Latitude and
 * longitude are set afterwards, inside the district (places.mjs).
 */
import { DATA_END, addMonths, day, iso } from './dates.mjs';
import { localitiesFor } from './area-profiles.mjs';
import { clamp, round } from './random.mjs';

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

/** Invented service names; `{L}` is a locality or the area name. */
const NAMES = /** @type {Record<string, string[]>} */ ({
  'arts and culture': ['{L} Arts on Prescription', 'Creative {L}', '{L} Museum Wellbeing Club'],
  'physical activity': ['Active {L}', '{L} Move More', '{L} Walking for Health'],
  'green and nature': ['Green {L}', '{L} Community Gardens', '{L} Nature Prescriptions'],
  'advice (debt, housing, benefits)': ['{L} Money and Housing Advice', '{L} Advice Network'],
  'mental wellbeing': ['{L} Wellbeing Hub', 'Talking Wellbeing {L}', '{L} Social Prescribing Service'],
  'social groups and befriending': ['{L} Connect', 'Friends of {L}', '{L} Community Befriending'],
  'children and young people': ["{L} Young People's Wellbeing", '{L} Youth Connect'],
  'employment and skills': ['{L} Skills and Work', 'Working Well {L}']
});

/** Link worker hub names, one style per area; `{L}` is the locality. */
const HUB_NAMES = /** @type {Record<string, string[]>} */ ({
  'mental wellbeing': ['{L} Social Prescribing Service', '{L} Wellbeing Hub', '{L} Health and Wellbeing Service'],
  'social groups and befriending': ['{L} Community Connectors', '{L} Connect', '{L} Community Links']
});

/** Share of activity services that host a link worker. */
const ACTIVITY_HOSTS_LINK_WORKER = 0.25;

/**
 * @typedef {{
 *   provider_id: string, provider_name: string, sector: string, service_category: string,
 *   area_code: string, monthly_capacity: number, link_worker_fte: number,
 *   contract_start: string, contract_end: string, latitude: number | '', longitude: number | ''
 * }} ProviderRow
 */

/**
 * @param {import('./population.mjs').PopulationRow[]} population
 * @param {Map<string, import('./story.mjs').AreaModel>} model
 * @param {import('./random.mjs').Rng} rng
 * @returns {ProviderRow[]}
 */
export function buildProviders(population, model, rng) {
  /** @type {ProviderRow[]} */
  const rows = [];
  const usedNames = new Set();
  /** @param {string[]} templates @param {string[]} places */
  const uniqueName = (templates, places) => {
    let name = '';
    for (let tries = 0; tries < 8; tries++) {
      name = rng.pick(templates).replace('{L}', rng.pick(places));
      if (!usedNames.has(name)) break;
    }
    for (let n = 2; usedNames.has(name); n++) name = name.replace(/( \(\d+\))?$/, ` (${n})`);
    usedNames.add(name);
    return name;
  };

  for (const area of population) {
    const m = /** @type {import('./story.mjs').AreaModel} */ (model.get(area.area_code));
    const places = rng.shuffle(localitiesFor(area.area_code, area.area_name));
    const hubCapacity = m.monthlyCapacity * rng.uniform(0.55, 0.7);
    const hubs = clamp(Math.round(hubCapacity / rng.uniform(80, 150)), 1, places.length);
    const activities = clamp(Math.round((m.monthlyCapacity - hubCapacity) / rng.uniform(20, 35)), 2, 24);
    const cypServices = m.hasCypService ? Math.max(1, Math.round(activities / 8)) : 0;
    const hubStyle = rng.pick(HUB_CATEGORIES);
    const hubTemplate = rng.pick(/** @type {string[]} */ (HUB_NAMES[hubStyle]));

    /** @type {{ category: string, name: string, capacity: number, hostsLinkWorker: boolean }[]} */
    const services = [];
    const hubWeights = Array.from({ length: hubs }, () => rng.uniform(0.7, 1.3));
    const hubTotal = hubWeights.reduce((a, b) => a + b, 0);
    hubWeights.forEach((w, i) => {
      const name = uniqueName([hubTemplate], [hubs === 1 ? area.area_name : /** @type {string} */ (places[i])]);
      services.push({ category: hubStyle, name, capacity: (hubCapacity * w) / hubTotal, hostsLinkWorker: true });
    });
    const actWeights = Array.from({ length: activities }, () => rng.uniform(0.5, 1.5));
    const actTotal = actWeights.reduce((a, b) => a + b, 0);
    actWeights.forEach((w, i) => {
      const category = i < cypServices ? CYP : rng.pick(ACTIVITY_CATEGORIES);
      const where = rng.chance(0.4) ? [area.area_name] : places;
      services.push({
        category,
        name: uniqueName(/** @type {string[]} */ (NAMES[category]), where),
        capacity: ((m.monthlyCapacity - hubCapacity) * w) / actTotal,
        hostsLinkWorker: rng.chance(ACTIVITY_HOSTS_LINK_WORKER)
      });
    });

    // Link workers: the area's capacity over a year ÷ caseload, shared by capacity among hosts.
    const fte = (m.monthlyCapacity * 12) / m.caseload;
    const hostCapacity = services.reduce((s, x) => s + (x.hostsLinkWorker ? x.capacity : 0), 0);
    for (const service of services) {
      const start = addMonths(day('2018-04-01'), rng.int(0, 48));
      let end = addMonths(start, rng.pick([36, 48, 60])) - 1;
      while (end < DATA_END) end = addMonths(end + 1, 12) - 1;
      rows.push({
        provider_id: `P${String(rows.length + 1).padStart(4, '0')}`,
        provider_name: service.name,
        sector: weightedPick(/** @type {[string, number][]} */ (SECTORS[service.category]), rng),
        service_category: service.category,
        area_code: area.area_code,
        monthly_capacity: Math.max(1, Math.round(service.capacity)),
        link_worker_fte: service.hostsLinkWorker ? Math.max(0.1, round((fte * service.capacity) / hostCapacity, 1)) : 0,
        contract_start: iso(start),
        contract_end: iso(end),
        latitude: '',
        longitude: ''
      });
    }
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
