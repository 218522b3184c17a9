/**
 * The Map's measure catalogue (SPEC sections 3 and 4.2) and the one function that turns per-area
 * aggregates from SQL (db/sql/area-measures.ts) into every measure's value, confidence interval and
 * rank. A measure is computed here and nowhere else; views only format and colour the results.
 */
import { fairShares } from './fair-share';
import { fmt1, fmtGbp, fmtGbpShortSigned, fmtInt, fmtPct, fmtPctSigned } from './format';
import { needIndex, type NeedWeights } from './need';
import { RULE_NOTES } from './rule-notes';
import { worstFirstRanks } from './rank';
import { capacityPer1000 } from './capacity';
import { annualRateCi } from './rates';
import { proportionCi } from './stats/wilson';
import { DEFAULT_SUPPRESSION, SUPPRESSED_MARK, suppressTable, type SuppressionOptions } from './stats/suppression';

export type MeasureId =
  | 'dft'
  | 'funding_per_head'
  | 'gap_gbp'
  | 'referral_rate'
  | 'waiting_per_1000'
  | 'median_wait_days'
  | 'capacity_per_1000'
  | 'short_term_share'
  | 'referring_sources'
  | 'receiving_sectors'
  | 'outside_primary_care'
  | 'cyp_distance_km';

export interface MeasureDef {
  id: MeasureId;
  label: string;
  /** Shown with the legend and table heading. */
  unit: string;
  format: (v: number | null) => string;
  /** Which way is better; null when neither is (rank 1 is then the highest value). */
  higherIsBetter: boolean | null;
  /** Diverging scales are centred on 0 (signed measures); sequential run from the lowest to the highest. */
  scale: 'diverging' | 'sequential';
  /** The extract the measure counts from (besides population): used to pick a year that has it. */
  source: 'funding' | 'referrals' | 'providers';
  hasCi: boolean;
  /** "How this is calculated", in plain English. */
  how: string;
}

const days = (v: number | null) => (v === null ? '–' : `${fmtInt(v)} days`);
const km = (v: number | null) => (v === null ? '–' : `${fmt1(v)} km`);

export const MEASURES: readonly MeasureDef[] = [
  {
    id: 'dft', label: 'Distance from target', unit: '% above (+) or below (−) fair share', format: fmtPctSigned,
    higherIsBetter: true, scale: 'diverging', source: 'funding', hasCi: false,
    how: 'Distance from target = (actual funding − fair share) ÷ fair share, as NHS allocations report it; −20% means 20% below a fair share. ' +
      "Fair share divides the year's total funding of the areas with a population (from the population extract, else the built-in ONS mid-2020 estimates and IMD 2019 scores) in proportion to need-weighted population: " +
      'population × need index. Need index = 1 + deprivation weight × (IMD average score ÷ the population-weighted average − 1) + ' +
      'age weight × (share aged 65+ ÷ the average share − 1), so it averages 1. Where only IMD deciles are given, 11 − decile stands in for the score. ' +
      'An area missing a deprivation or age figure counts as average on it. Funding for area codes with no population (in neither the extract nor the built-in reference) is left out.'
  },
  {
    id: 'funding_per_head', label: 'Funding per head', unit: '£ per resident in the year', format: fmtGbp,
    higherIsBetter: true, scale: 'sequential', source: 'funding', hasCi: false,
    how: "Funding per head = the sum of the area's funding lines in the financial year ÷ its resident population. " +
      'Per head, not per need: compare with distance from target, which adjusts for deprivation and age. Rank 1 is the least funded per head.'
  },
  {
    id: 'gap_gbp', label: 'Funding gap', unit: '£ above (+) or below (−) fair share', format: fmtGbpShortSigned,
    higherIsBetter: true, scale: 'diverging', source: 'funding', hasCi: false,
    how: 'Funding gap = actual funding − fair share, in pounds, for the financial year. Fair share is calculated as for distance from target ' +
      '(need-weighted population share of the total). A negative gap is the money an area would need to reach its fair share.'
  },
  {
    id: 'referral_rate', label: 'Referral rate', unit: 'referrals per 1,000 residents a year', format: fmt1,
    higherIsBetter: null, scale: 'sequential', source: 'referrals', hasCi: true,
    how: 'Referral rate = referrals received in the financial year ÷ population × 1,000, annualised by the months of the year that have any referral ' +
      '(× 12 ÷ months), so a part year compares with a whole one. The 95% confidence interval uses Byar\'s method, or exact Poisson limits for fewer ' +
      'than 10 referrals. A higher rate can mean better access or more need, so no direction is judged: rank 1 is the highest rate.'
  },
  {
    id: 'waiting_per_1000', label: 'Waiting list per 1,000', unit: 'people waiting per 1,000 residents', format: fmt1,
    higherIsBetter: false, scale: 'sequential', source: 'referrals', hasCi: false,
    how: `Waiting list on the financial year's last day with a referral, per 1,000 residents. ${RULE_NOTES.stillWaiting} ${RULE_NOTES.closedUndated} ` +
      'A snapshot, not annualised.'
  },
  {
    id: 'median_wait_days', label: 'Median wait', unit: 'days from referral to first contact', format: days,
    higherIsBetter: false, scale: 'sequential', source: 'referrals', hasCi: false,
    how: `Median wait = the middle of the waits in the financial year (whenever the people were referred). ${RULE_NOTES.wait} ` +
      'People still waiting are not included, so a long waiting list can hide behind a short median.'
  },
  {
    id: 'capacity_per_1000', label: 'Provider capacity per 1,000', unit: 'referral places a year per 1,000 residents', format: fmt1,
    higherIsBetter: true, scale: 'sequential', source: 'providers', hasCi: false,
    how: "Capacity per 1,000 = the sum of providers' monthly capacity (new referrals each can take a month) × 12 ÷ population × 1,000. " +
      'Counts providers in the area whose contract overlaps the financial year, or that have no contract dates.'
  },
  {
    id: 'short_term_share', label: 'Short-term funding', unit: '% of the year\u2019s funding on contracts under 12 months', format: fmtPct,
    higherIsBetter: false, scale: 'sequential', source: 'funding', hasCi: false,
    how: "Short-term funding share = funding in the financial year on contracts shorter than 12 months ÷ all the area's funding in the year. " +
      'A contract is shorter than 12 months when its end date comes before the day before the same date a year after its start ' +
      '(1 April to 31 March is a full year). Funding lines with no contract start or end date count as not short-term.'
  },
  {
    id: 'referring_sources', label: 'Kinds of referrer', unit: 'referral sources that referred in the year', format: fmtInt,
    higherIsBetter: true, scale: 'sequential', source: 'referrals', hasCi: false,
    how: 'Kinds of referrer = the number of different referral sources (GP, hospital, social care, VCSE, self-referral…) with any referral ' +
      'received in the financial year. Few kinds mean a thin pathway: the partners who could refer do not. Blank sources do not count.'
  },
  {
    id: 'receiving_sectors', label: 'Provider sectors receiving', unit: 'sectors whose providers took referrals in the year', format: fmtInt,
    higherIsBetter: true, scale: 'sequential', source: 'referrals', hasCi: false,
    how: "Provider sectors receiving = the number of different sectors (VCSE, NHS, council, other) of the providers the area's referrals in the " +
      "financial year went to, each provider's sector taken from the providers extract. Referrals naming no provider, or one not in the extract, do not count."
  },
  {
    id: 'outside_primary_care', label: 'Referrals from outside primary care', unit: '% of referrals with a recorded source', format: fmtPct,
    higherIsBetter: true, scale: 'sequential', source: 'referrals', hasCi: true,
    how: `Share from outside primary care = referrals received in the financial year from any source but primary care ÷ referrals with a recorded source, ` +
      `with its Wilson 95% interval. ${RULE_NOTES.primaryCare} A low share means a one-way pathway: only primary care refers.`
  },
  {
    id: 'cyp_distance_km', label: "Distance to a children and young people's service", unit: 'km from the area\u2019s centre to the nearest (straight line)', format: km,
    higherIsBetter: false, scale: 'sequential', source: 'providers', hasCi: false,
    how: "Distance = from the area's centre to the nearest provider of a children and young people's service whose contract overlaps the financial year, " +
      `in km. ${RULE_NOTES.cypService} ${RULE_NOTES.distance} A district's centre is its geographic centre (the built-in reference has no ` +
      "population-weighted centres); a lookup extract with coordinates gives finer centres (LSOA population-weighted centroids, say), and the area's " +
      "distance is then the mean over them weighted by their population. A group's distance is its areas' weighted by their population. " +
      "Needs providers' latitude and longitude (or easting and northing)."
  }
];

export const MEASURE_IDS = MEASURES.map((m) => m.id);
export const measureById = (id: MeasureId): MeasureDef => MEASURES.find((m) => m.id === id)!;
export const isMeasureId = (v: unknown): v is MeasureId => typeof v === 'string' && (MEASURE_IDS as string[]).includes(v);

/** One area's aggregates for one financial year, as db/sql/area-measures.ts returns them. */
export interface AreaAggregateRow {
  area_code: string;
  area_name: string | null;
  parent_code: string | null;
  parent_name: string | null;
  /** Null when the code is in another extract but not in the population extract. */
  population: number | null;
  imd_score: number | null;
  imd_decile: number | null;
  pop_65_plus: number | null;
  /**
   * Where the population and deprivation came from: the user's population extract, the built-in
   * reference (ONS mid-2020, IMD 2019), or a mix of the two within a group. Absent in publications.
   */
  pop_source?: 'extract' | 'reference' | 'mixed' | null;
  /** £ in the year; 0 for an area with no lines; null when the year has no funding at all. */
  funding: number | null;
  /** £ of that on contracts shorter than 12 months. */
  funding_short_term: number | null;
  /** Received in the year; 0 for an area with none; null when the year has no referrals at all. */
  referrals: number | null;
  /** Months of the year with any referral, across all areas (the extract's coverage). */
  months: number;
  waiting: number | null;
  waiting_as_of: string | null;
  first_contacts: number | null;
  median_wait_days: number | null;
  /** Σ monthly_capacity of providers active in the year; null when no provider is. */
  monthly_capacity: number | null;
  /** Partnership reach in the year (null without referrals; absent in publications made before it). */
  referring_sources?: number | null;
  /** Null without a providers extract. */
  receiving_sectors?: number | null;
  /** Referrals with a recorded source, from primary care (PRIMARY_CARE) and from any other source. */
  primary_care?: number | null;
  outside_primary_care?: number | null;
  /** Km to the nearest children and young people's service (access.ts); null without locations or centres. */
  cyp_distance_km?: number | null;
  /**
   * Set in a published dashboard (publish/): the count was suppressed before publishing and is
   * null in the file. It stays suppressed here, and takes part in secondary suppression as it did.
   */
  referrals_suppressed?: boolean;
  waiting_suppressed?: boolean;
  first_contacts_suppressed?: boolean;
  primary_care_suppressed?: boolean;
  outside_primary_care_suppressed?: boolean;
}

/** Counts of people behind the Map's measures, which small-number suppression applies to. */
export const AREA_COUNTS = ['referrals', 'waiting', 'first_contacts', 'primary_care', 'outside_primary_care'] as const;
export type AreaCount = (typeof AREA_COUNTS)[number];

/**
 * Small-number suppression of the counts of people behind the measures: referrals (rate), people
 * waiting (waiting per 1,000) and people first contacted (median wait). A rate with the population
 * gives the count back, so a suppressed count hides its measure. Areas of one parent add up to the
 * parent's figures (and all areas to the whole), so one suppressed area alone in its parent takes
 * another with it (secondary suppression), as suppressTable does for any table. A count already
 * suppressed upstream (a published file) counts as small.
 */
export function areaCountSuppression(rows: readonly AreaAggregateRow[], suppression: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION) {
  const counts = rows.map((r) => {
    const c = (k: AreaCount) => (r[`${k}_suppressed`] ? 1 : (r[k] ?? null));
    return { ...Object.fromEntries(AREA_COUNTS.map((k) => [k, c(k)])) as Record<AreaCount, number | null>, parent: r.parent_code ?? '' };
  });
  // Upstream suppression holds whatever the threshold here (1 is small for any threshold above 0).
  const options = rows.some((r) => AREA_COUNTS.some((k) => r[`${k}_suppressed`]))
    ? { maxSuppressed: Math.max(1, suppression.maxSuppressed ?? DEFAULT_SUPPRESSION.maxSuppressed) }
    : suppression;
  return suppressTable(counts, { countColumns: [...AREA_COUNTS], groupTotals: { groupOf: (r) => r.parent } }, options);
}

export interface MeasureValue {
  /** Null when missing or suppressed. */
  value: number | null;
  /** Hidden by small-number suppression (stats/suppression.ts): shown as `*`, never coloured or ranked. */
  suppressed: boolean;
  lower: number | null;
  upper: number | null;
  /** 1 = worst by the measure's direction (see rank.ts); null without a value. */
  rank: number | null;
}

export interface AreaMeasureRow {
  area_code: string;
  area_name: string | null;
  parent_code: string | null;
  population: number | null;
  funding: number | null;
  need_index: number | null;
  fair_share: number | null;
  /** Referrals received in the year; null when suppressed (see referrals_suppressed). */
  referrals: number | null;
  referrals_suppressed: boolean;
  measures: Record<MeasureId, MeasureValue>;
}

export interface AreaMeasures {
  rows: AreaMeasureRow[];
  /** How many areas have a value, per measure ("rank 3 of N"). */
  counts: Record<MeasureId, number>;
  months: number;
  waitingAsOf: string | null;
  /** Areas with population but no deprivation / age figure (treated as average). */
  needMissing: { deprivation: number; age: number };
}

const ratio = (num: number | null, den: number | null, k = 1): number | null =>
  num === null || den === null || !(den > 0) || !Number.isFinite(num) ? null : (num / den) * k;

/**
 * Every Map measure for every area, from the SQL aggregates and the need weights.
 *
 *   dft               (funding − fair share) ÷ fair share; a fraction (−0.2 = 20% under).
 *                     fair share = Σ funding × weighted_pop ÷ Σ weighted_pop over areas with population
 *                     (fair-share.ts, need.ts). Null without population, or when the year has no funding.
 *   funding_per_head  funding ÷ population, £. Null without population or funding data for the year.
 *   gap_gbp           funding − fair share, £. Null as dft.
 *   referral_rate     referrals ÷ population × 1,000 × 12 ÷ months, per 1,000 a year, with the 95% CI of the
 *                     count (exact below 10, Byar's from 10) scaled the same way. Null without population or
 *                     when the year has no referrals (months = 0).
 *   waiting_per_1000  waiting ÷ population × 1,000 (a snapshot). Null as referral_rate.
 *   median_wait_days  the SQL median, days. Null when no referral of the area was first contacted in the year.
 *   capacity_per_1000 monthly_capacity × 12 ÷ population × 1,000, places a year. Null without population or
 *                     when no provider anywhere is active in the year.
 *   short_term_share  funding_short_term ÷ funding, 0–1. Null when the area has no funding in the year.
 *   referring_sources the SQL count of kinds of referrer in the year. Null without referrals in the year.
 *   receiving_sectors the SQL count of provider sectors receiving. Null without referrals or a providers extract.
 *   outside_primary_care  outside ÷ (primary care + outside), 0–1, with its Wilson 95% interval. Null when no
 *                     referral of the area has a recorded source.
 *   cyp_distance_km   the SQL distance, km. Null without located providers of the kind or an area centre.
 */
export function computeAreaMeasures(rows: AreaAggregateRow[], weights: NeedWeights, suppression: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): AreaMeasures {
  const withPop = rows.filter((r) => r.population !== null && r.population > 0);
  const need = needIndex(
    withPop.map((r) => ({ area_code: r.area_code, population: r.population!, imd_score: r.imd_score, imd_decile: r.imd_decile, pop_65_plus: r.pop_65_plus })),
    weights
  );
  const needOf = new Map(need.areas.map((a) => [a.area_code, a]));
  const yearHasFunding = rows.some((r) => r.funding !== null);
  const fair = yearHasFunding
    ? new Map(fairShares(withPop.map((r) => ({ area_code: r.area_code, funding: r.funding ?? 0, weighted_population: needOf.get(r.area_code)!.weighted_population }))).map((f) => [f.area_code, f]))
    : new Map<string, ReturnType<typeof fairShares>[number]>();

  const raw = rows.map((r) => {
    const pop = r.population !== null && r.population > 0 ? r.population : null;
    const months = r.months > 0 ? r.months : null;
    const f = fair.get(r.area_code);
    const rate = pop !== null && r.referrals !== null ? annualRateCi(r.referrals, pop, months) : null;
    const values: Record<MeasureId, Omit<MeasureValue, 'rank'>> = {
      dft: point(f?.dft ?? null),
      funding_per_head: point(ratio(r.funding, pop)),
      gap_gbp: point(f?.gap_gbp ?? null),
      referral_rate: rate ? { value: rate.value, lower: rate.lower, upper: rate.upper, suppressed: false } : point(null),
      waiting_per_1000: point(months !== null ? ratio(r.waiting, pop, 1000) : null),
      median_wait_days: point(r.median_wait_days),
      capacity_per_1000: point(capacityPer1000(r.monthly_capacity, pop)),
      short_term_share: point(r.funding !== null && r.funding > 0 ? ratio(r.funding_short_term ?? 0, r.funding) : null),
      referring_sources: point(r.referring_sources ?? null),
      receiving_sectors: point(r.receiving_sectors ?? null),
      cyp_distance_km: point(r.cyp_distance_km ?? null),
      outside_primary_care: proportion(r.outside_primary_care ?? null, r.outside_primary_care == null || r.primary_care == null ? null : r.outside_primary_care + r.primary_care)
    };
    return { r, pop, f, values };
  });

  const hidden = areaCountSuppression(rows, suppression);
  // The counts each measure rests on: a share from outside primary care gives back both of its parts.
  const COUNTS_OF: Partial<Record<MeasureId, AreaCount[]>> = {
    referral_rate: ['referrals'], waiting_per_1000: ['waiting'], median_wait_days: ['first_contacts'],
    outside_primary_care: ['primary_care', 'outside_primary_care']
  };
  raw.forEach((x, i) => {
    for (const [id, counts] of Object.entries(COUNTS_OF) as [MeasureId, AreaCount[]][]) {
      if (counts.some((c) => hidden.isSuppressed(i, c))) x.values[id] = { value: null, lower: null, upper: null, suppressed: true };
    }
  });

  const ranks = Object.fromEntries(
    MEASURES.map((m) => [m.id, worstFirstRanks(raw.map((x) => x.values[m.id].value), m.higherIsBetter)])
  ) as Record<MeasureId, (number | null)[]>;

  return {
    rows: raw.map(({ r, pop, f, values }, i) => ({
      area_code: r.area_code,
      area_name: r.area_name,
      parent_code: r.parent_code,
      population: pop,
      funding: r.funding,
      need_index: needOf.get(r.area_code)?.need_index ?? null,
      fair_share: f?.fair_share ?? null,
      referrals: hidden.isSuppressed(i, 'referrals') ? null : r.referrals,
      referrals_suppressed: hidden.isSuppressed(i, 'referrals'),
      measures: Object.fromEntries(MEASURES.map((m) => [m.id, { ...values[m.id], rank: ranks[m.id][i] ?? null }])) as Record<MeasureId, MeasureValue>
    })),
    counts: Object.fromEntries(MEASURES.map((m) => [m.id, raw.filter((x) => x.values[m.id].value !== null).length])) as Record<MeasureId, number>,
    months: rows[0]?.months ?? 0,
    waitingAsOf: rows.find((r) => r.waiting_as_of)?.waiting_as_of ?? null,
    needMissing: need.missing
  };
}

/** A proportion with its Wilson 95% interval (stats/wilson.ts); null without a denominator. */
function proportion(x: number | null, n: number | null): Omit<MeasureValue, 'rank'> {
  const ci = proportionCi(x, n);
  return ci ? { value: ci.value, lower: ci.lower, upper: ci.upper, suppressed: false } : point(null);
}

function point(value: number | null): Omit<MeasureValue, 'rank'> {
  return { value: value !== null && Number.isFinite(value) ? value : null, lower: null, upper: null, suppressed: false };
}

/** A measure's value as text: `*` when suppressed, the measure's format otherwise. */
export function showValue(m: Pick<MeasureDef, 'format'>, v: Pick<MeasureValue, 'value' | 'suppressed'> | null | undefined): string {
  return v?.suppressed ? SUPPRESSED_MARK : m.format(v?.value ?? null);
}
