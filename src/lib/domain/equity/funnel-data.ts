/**
 * Funnel plot data for the Equity view: each area's value, its 95% interval and significance label, and the
 * 95% / 99.8% control limits as lines, for two measures:
 *
 * - referral_rate: referrals received in the year per 1,000 residents a year. A crude Poisson rate funnel
 *   (stats/funnel.ts rateFunnel). The year may be part covered (months < 12): the denominator is then person-
 *   years = population × months ÷ 12, so the rate is annualised exactly as the Map's (referrals ÷ population ×
 *   1,000 × 12 ÷ months), and the limits are plotted against the resident population (yearsOfData = months ÷ 12).
 *   Interval: exact Poisson below 10 referrals, Byar's from 10 (rateCi).
 * - referral_rate_dsr: the same rate, directly standardised for age (stats/dsr.ts dsrCi, Dobson intervals) over
 *   the population extract's three broad bands 0–17, 18–64 and 65+, with the European Standard Population 2013
 *   summed into them (ESP2013_BROAD; 0–17 takes 0–14 plus 3/5 of 15–19, an approximation, as ESP's 15–19 band
 *   straddles 18). Same units and annualisation as the crude rate: per 1,000 a year, each band's population
 *   × months ÷ 12 as person-years. Referrals whose age band is not wholly inside one of the three (blank, '16-24',
 *   '60-69') are left out and counted; areas without all three band populations (> 0) are left out and counted
 *   (dsrNote). A DSR needs 10 referrals with a known band (else no value, "Not applicable"). The funnel is
 *   rateFunnel's 'dsr' kind: each area stands on its effective population 1,000 × E ÷ DSR ÷ years (the x axis),
 *   and the centre line is Σ E ÷ Σ effective person-years over the areas with a DSR.
 * - wait_over_18w: of referrals first contacted in the year, the % first contacted more than 18 weeks after
 *   referral. A binomial proportion funnel (proportionFunnel) against the number first contacted, Wilson
 *   intervals (proportionCi).
 *
 * The centre line is Σ numerators ÷ Σ denominators over the areas with a denominator. Areas without one (no
 * population, nobody first contacted) get null values and no label. Empty case: null when no area has a
 * denominator or (for rates) there are no events at all. Suppression is applied afterwards (disclosure.ts).
 */
import { dsrCi, ESP2013 } from '../stats/dsr';
import { proportionFunnel, rateFunnel, type FunnelSignificance } from '../stats/funnel';
import { rateCi } from '../stats/poisson';
import { DEFAULT_SUPPRESSION, isSmallCount, SUPPRESSED_MARK, type SuppressionOptions } from '../stats/suppression';
import { proportionCi } from '../stats/wilson';

export type FunnelMeasureId = 'referral_rate' | 'referral_rate_dsr' | 'wait_over_18w';

export interface FunnelMeasureDef {
  id: FunnelMeasureId;
  label: string;
  /** The y axis. */
  unit: string;
  /** What the x axis counts. */
  denominatorLabel: string;
  /** The numerator, for the table twin. */
  eventsLabel: string;
  how: string;
}

export const FUNNEL_MEASURES: readonly FunnelMeasureDef[] = [
  {
    id: 'referral_rate', label: 'Referral rate', unit: 'referrals per 1,000 residents a year', denominatorLabel: 'Population',
    eventsLabel: 'Referrals in year',
    how: 'Each dot is an area: referrals received in the financial year ÷ resident population × 1,000, annualised by the months of the year ' +
      'with any referral. The centre line is the rate of all the areas together. The funnel lines are the 95% and 99.8% control limits for ' +
      'an area of that population if its true rate were the overall rate (Poisson, as English public health practice draws them). An area ' +
      "outside the 99.8% limits is very unlikely to differ by chance alone and is labelled. Significance compares the overall rate with the area's " +
      "own 95% / 99.8% interval (exact Poisson below 10 referrals, Byar's from 10)."
  },
  {
    id: 'referral_rate_dsr', label: 'Age-standardised referral rate', unit: 'age-standardised referrals per 1,000 residents a year',
    denominatorLabel: 'Effective population', eventsLabel: 'Referrals with a known age band',
    how: 'Each dot is an area: its referral rate in the financial year (per 1,000 residents a year, annualised as the crude rate) directly ' +
      'standardised for age, so areas with older or younger populations can be compared. Referrals and residents are counted in three age ' +
      'bands (0–17, 18–64, 65+); each band\'s rate is weighted by the European Standard Population 2013 in the same bands (0–17 takes ' +
      'ages 0–14 and three fifths of 15–19, an approximation). Referrals with an unknown or straddling age band, and areas whose population ' +
      'extract has no age bands, are left out. 95% intervals by the Dobson method; no rate is given for fewer than 10 referrals. The x axis ' +
      'is the effective population (the population an unstandardised rate with the same events and precision would stand on); the funnel ' +
      'lines are the 95% and 99.8% limits around the overall standardised rate (Poisson, as English public health practice draws them).'
  },
  {
    id: 'wait_over_18w', label: 'Waited over 18 weeks', unit: '% of first contacts more than 18 weeks after referral', denominatorLabel: 'First contacts',
    eventsLabel: 'Waited over 18 weeks',
    how: 'Each dot is an area: of the referrals first contacted in the financial year (whenever received), the share first contacted more than ' +
      '18 weeks (126 days) after referral. First contact dates before the referral date are data errors and are left out. People still waiting ' +
      'are not counted. The funnel lines are the 95% and 99.8% limits around the overall share (binomial, Wilson score), plotted against the ' +
      'number first contacted.'
  }
];

export const isFunnelMeasureId = (v: unknown): v is FunnelMeasureId => FUNNEL_MEASURES.some((m) => m.id === v);
export const funnelMeasureById = (id: FunnelMeasureId): FunnelMeasureDef => FUNNEL_MEASURES.find((m) => m.id === id)!;

/** One area as the funnel and its table twin show it (before suppression). */
export interface FunnelAreaRow extends Record<string, unknown> {
  code: string;
  name: string;
  /** x: population (rates) or number first contacted (proportions). */
  denominator: number | null;
  /** Referrals, or first contacts after 18 weeks. */
  events: number | null;
  /** Rate per 1,000 a year, or a percentage. */
  value: number | null;
  lower: number | null;
  upper: number | null;
  significance: FunnelSignificance | null;
}

export type LimitLevel = '95%' | '99.8%';

/** One control-limit line, as (x, y) points in increasing x. */
export interface FunnelLine {
  level: LimitLevel;
  side: 'lower' | 'upper';
  points: { x: number; y: number }[];
}

export interface FunnelData {
  measure: FunnelMeasureId;
  /** Centre line, on the value's scale. */
  baseline: number;
  lines: FunnelLine[];
  rows: FunnelAreaRow[];
  /** What a standardised rate left out (referral_rate_dsr only). */
  leftOut?: DsrLeftOut;
}

export interface DsrLeftOut {
  /** Areas without all three band populations (so no standardised rate), with their referrals counted nowhere. */
  areas: number;
  /** Referrals in the year, in the areas standardised, whose age band is unknown or not within one broad band. */
  unknownAgeReferrals: number;
}

/** Outside the 99.8% limits: the areas the plot labels. */
export const isOutlier = (s: FunnelSignificance | null | undefined): boolean => s === 'High (0.001)' || s === 'Low (0.001)';

export interface RateFunnelInput {
  code: string;
  name: string;
  population: number | null;
  referrals: number | null;
}

const PER = 1000;

const sum = (xs: readonly number[]) => xs.reduce((s, x) => s + x, 0);

/** The three broad age bands of the population extract, in the order of every per-band array here. */
export const DSR_BANDS = ['0-17', '18-64', '65+'] as const;

/**
 * ESP2013 summed into the broad bands: 0–17 = 0–4, 5–9, 10–14 and 3/5 of 15–19 (ages 15, 16, 17 of five);
 * 18–64 = 2/5 of 15–19 and 20–24 … 60–64; 65+ = 65–69 … 90+. That is 19,300 / 61,200 / 19,500 (sum 100,000).
 */
export const ESP2013_BROAD: readonly number[] = Object.freeze([
  sum(ESP2013.slice(0, 3)) + (ESP2013[3]! * 3) / 5,
  (ESP2013[3]! * 2) / 5 + sum(ESP2013.slice(4, 13)),
  sum(ESP2013.slice(13))
]);

export interface DsrFunnelInput {
  code: string;
  name: string;
  /** Residents 0–17, 18–64, 65+ (DSR_BANDS order); null, or any band null or ≤ 0: the area is left out. */
  populations: readonly (number | null)[] | null;
  /** Referrals in the year in the same bands; null when the year has no referrals at all. */
  referrals: readonly number[] | null;
  /** Referrals in the year whose age band fits none of the three. */
  unknownAge: number | null;
}

const bandsOf = (a: DsrFunnelInput, years: number) => {
  const p = a.populations;
  const r = a.referrals;
  if (!p || !r || p.length !== 3 || r.length !== 3) return null;
  if (!p.every((x) => x !== null && Number.isFinite(x) && x > 0) || !r.every((x) => Number.isFinite(x) && x >= 0)) return null;
  return p.map((x, i) => ({ count: r[i]!, population: x! * years, standardPopulation: ESP2013_BROAD[i]! }));
};

/**
 * Age-standardised referral rate funnel (see the header). Rows are the areas with all three band populations,
 * in input order; the others are only counted in leftOut. Null without months, without such areas or events.
 */
export function referralRateDsrFunnel(areas: readonly DsrFunnelInput[], months: number): FunnelData | null {
  if (!(months > 0)) return null;
  const years = Math.min(months, 12) / 12;
  const kept = areas.filter((a) => a.populations !== null && a.populations.length === 3 && a.populations.every((x) => x !== null && Number.isFinite(x) && x > 0));
  const dsrs = kept.map((a) => {
    const bands = bandsOf(a, years);
    return bands ? dsrCi(bands, { multiplier: PER, confidence: 0.95 }) : null;
  });
  // Only areas with a DSR stand on an effective population; the others add no events to the centre line.
  const inputs = dsrs.map((d) => (d && d.value !== null ? { events: d.totalCount, rate: d.value } : { events: NaN }));
  const options = { multiplier: PER, rateType: 'dsr' as const, yearsOfData: years };
  const funnel = rateFunnel(inputs, options);
  if (!funnel) return null;
  const line = (level: LimitLevel, side: 'lower' | 'upper', key: 'lower95' | 'upper95' | 'lower998' | 'upper998'): FunnelLine => ({
    level, side, points: funnel.points.map((p) => ({ x: p[key].population, y: p[key].rate })).sort((a, b) => a.x - b.x)
  });
  return {
    measure: 'referral_rate_dsr',
    baseline: funnel.baseline,
    lines: [line('95%', 'lower', 'lower95'), line('95%', 'upper', 'upper95'), line('99.8%', 'lower', 'lower998'), line('99.8%', 'upper', 'upper998')],
    rows: kept.map((a, i) => {
      const d = dsrs[i] ?? null;
      const value = d?.value ?? null;
      const significance: FunnelSignificance | null =
        d === null ? null : value === null ? 'Not applicable for events less than 10 for dsrs' : (funnel.significance[i] ?? null);
      return {
        code: a.code, name: a.name,
        denominator: d && value !== null && value > 0 ? (PER * d.totalCount) / value / years : null,
        events: d?.totalCount ?? null,
        value, lower: d?.lower ?? null, upper: d?.upper ?? null, significance
      };
    }),
    leftOut: {
      areas: areas.length - kept.length,
      unknownAgeReferrals: sum(kept.map((a) => (a.unknownAge !== null && Number.isFinite(a.unknownAge) ? a.unknownAge : 0)))
    }
  };
}

/**
 * The note of what a standardised funnel left out, for its subtitle ('' when nothing). A count of unknown-age
 * referrals that is small (1–7 by default) is shown as *, as any count of people.
 */
export function dsrNote(data: FunnelData | null, options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): string {
  const l = data?.leftOut;
  if (!l) return '';
  const parts: string[] = [];
  if (l.areas > 0) parts.push(`${l.areas.toLocaleString('en-GB')} ${l.areas === 1 ? 'area' : 'areas'} without age-band populations left out`);
  if (l.unknownAgeReferrals > 0) {
    const n = isSmallCount(l.unknownAgeReferrals, options) ? SUPPRESSED_MARK : l.unknownAgeReferrals.toLocaleString('en-GB');
    parts.push(`${n} referrals with an unknown age band left out`);
  }
  return parts.join(' · ');
}

export function referralRateFunnel(areas: readonly RateFunnelInput[], months: number): FunnelData | null {
  if (!(months > 0)) return null;
  const years = Math.min(months, 12) / 12;
  // Person-years stand in for the population so a part year's rate is annualised (see the header).
  const usable = (a: RateFunnelInput) => a.population !== null && a.population > 0 && a.referrals !== null && a.referrals >= 0;
  const inputs = areas.map((a) => (usable(a) ? { events: a.referrals!, population: a.population! * years } : { events: NaN }));
  const options = { multiplier: PER, rateType: 'crude' as const, yearsOfData: years };
  const funnel = rateFunnel(inputs, options);
  if (!funnel) return null;
  const line = (level: LimitLevel, side: 'lower' | 'upper', key: 'lower95' | 'upper95' | 'lower998' | 'upper998'): FunnelLine => ({
    level, side, points: funnel.points.map((p) => ({ x: p[key].population, y: p[key].rate })).sort((a, b) => a.x - b.x)
  });
  return {
    measure: 'referral_rate',
    baseline: funnel.baseline,
    lines: [line('95%', 'lower', 'lower95'), line('95%', 'upper', 'upper95'), line('99.8%', 'lower', 'lower998'), line('99.8%', 'upper', 'upper998')],
    rows: areas.map((a, i) => {
      const ci = usable(a) ? rateCi(a.referrals, a.population! * years, PER, 0.95) : null;
      return {
        code: a.code, name: a.name, denominator: a.population, events: a.referrals,
        value: ci?.value ?? null, lower: ci?.lower ?? null, upper: ci?.upper ?? null, significance: funnel.significance[i] ?? null
      };
    })
  };
}

export interface ProportionFunnelInput {
  code: string;
  name: string;
  /** First contacts in the year. */
  denominator: number | null;
  /** Of those, after more than 18 weeks. */
  events: number | null;
}

export function waitOver18wFunnel(areas: readonly ProportionFunnelInput[]): FunnelData | null {
  const usable = (a: ProportionFunnelInput) => a.denominator !== null && a.denominator > 0 && a.events !== null && a.events >= 0 && a.events <= a.denominator;
  const inputs = areas.map((a) => (usable(a) ? { numerator: a.events!, denominator: a.denominator! } : { numerator: NaN, denominator: NaN }));
  const funnel = proportionFunnel(inputs, 100);
  if (!funnel) return null;
  const line = (level: LimitLevel, side: 'lower' | 'upper', key: 'lower95' | 'upper95' | 'lower998' | 'upper998'): FunnelLine => ({
    level, side, points: funnel.points.map((p) => ({ x: p.denominator, y: p[key] }))
  });
  return {
    measure: 'wait_over_18w',
    baseline: funnel.baseline,
    lines: [line('95%', 'lower', 'lower95'), line('95%', 'upper', 'upper95'), line('99.8%', 'lower', 'lower998'), line('99.8%', 'upper', 'upper998')],
    rows: areas.map((a, i) => {
      const ci = usable(a) ? proportionCi(a.events, a.denominator, { multiplier: 100 }) : null;
      return {
        code: a.code, name: a.name, denominator: a.denominator, events: a.events,
        value: ci?.value ?? null, lower: ci?.lower ?? null, upper: ci?.upper ?? null, significance: funnel.significance[i] ?? null
      };
    })
  };
}
