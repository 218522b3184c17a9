/**
 * Funnel plot data for the Equity view: each area's value, its 95% interval and significance label, and the
 * 95% / 99.8% control limits as lines, for two measures:
 *
 * - referral_rate: referrals received in the year per 1,000 residents a year. A crude Poisson rate funnel
 *   (stats/funnel.ts rateFunnel). The year may be part covered (months < 12): the denominator is then person-
 *   years = population × months ÷ 12, so the rate is annualised exactly as the Map's (referrals ÷ population ×
 *   1,000 × 12 ÷ months), and the limits are plotted against the resident population (yearsOfData = months ÷ 12).
 *   Interval: exact Poisson below 10 referrals, Byar's from 10 (rateCi).
 * - wait_over_18w: of referrals first contacted in the year, the % first contacted more than 18 weeks after
 *   referral. A binomial proportion funnel (proportionFunnel) against the number first contacted, Wilson
 *   intervals (proportionCi).
 *
 * The centre line is Σ numerators ÷ Σ denominators over the areas with a denominator. Areas without one (no
 * population, nobody first contacted) get null values and no label. Empty case: null when no area has a
 * denominator or (for rates) there are no events at all. Suppression is applied afterwards (disclosure.ts).
 */
import { proportionFunnel, rateFunnel, type FunnelSignificance } from '../stats/funnel';
import { rateCi } from '../stats/poisson';
import { proportionCi } from '../stats/wilson';

export type FunnelMeasureId = 'referral_rate' | 'wait_over_18w';

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
