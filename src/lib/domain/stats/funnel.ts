/**
 * Funnel plots: control limits around the overall value, and each area's significance against them, as English
 * public health practice draws them (PHEindicatormethods `calculate_funnel_limits` and
 * `assign_funnel_significance`, following the Fingertips technical guidance). 95% limits ("2s", 0.025 in each
 * tail) and 99.8% limits ("3s", 0.001 in each tail).
 *
 * Proportions (Wilson-based). The package finds, for each denominator n, the observed proportion whose Wilson
 * score interval just touches the overall proportion p̄ = Σx / Σn. Solving that quadratic gives exactly the
 * score-test boundary
 *     limit = p̄ ± z √(p̄ (1 − p̄) / n)
 * (clamped to [0, 1] × multiplier), so an area is outside a limit exactly when its own Wilson interval excludes
 * p̄. z = 1.959964 (0.975) or 3.090232 (0.999).
 *
 * Rates (Poisson). Plotted against the number of events E rather than the population: for each E the package
 * finds, by bisection, the Poisson mean μ with P(X ≤ E | μ) = α/2 (for the lower limit) or P(X ≥ E | μ) = α/2
 * (for the upper). With r̄ = ΣE / Σpopulation the overall rate, the limit point is
 *     population = μ / r̄ (÷ years of data, to plot a yearly population),   rate = E / (μ / r̄) × multiplier.
 * The bisection is the package's own (on v with μ = (E + 1) v / (1 − v), 23 halvings), so the points repeat its
 * figures to the digits it prints. Significance of an area compares r̄ with the area's own exact (E < 10) or
 * Byar's (E ≥ 10) interval (`countCi`), as the package does; a DSR with fewer than 10 events is not assessed.
 *
 * Axis: 100 points from max(1, axis minimum) to the axis maximum, spaced geometrically so they crowd where the
 * funnel bends. The axis minimum is 0 when the largest denominator is more than twice the smallest, otherwise
 * 95% of the smallest rounded down to one significant figure; the maximum is 105% of the largest rounded up to
 * two significant figures (for rates: of the yearly population, then turned into events with r̄).
 */
import { countCi, gammaP, zFor, type Confidence } from './poisson';

/** The package's significance labels, in its factor order. */
export const FUNNEL_SIGNIFICANCE_LEVELS = [
  'High (0.001)',
  'High (0.025)',
  'Low (0.001)',
  'Low (0.025)',
  'Not significant',
  'Not applicable for events less than 10 for dsrs'
] as const;
export type FunnelSignificance = (typeof FUNNEL_SIGNIFICANCE_LEVELS)[number];

/** Plain-English reading of a label, for tooltips and table twins. */
export const FUNNEL_SIGNIFICANCE_TEXT: Record<FunnelSignificance, string> = {
  'High (0.001)': 'Higher than average, outside the 99.8% limits',
  'High (0.025)': 'Higher than average, outside the 95% limits',
  'Low (0.001)': 'Lower than average, outside the 99.8% limits',
  'Low (0.025)': 'Lower than average, outside the 95% limits',
  'Not significant': 'Within the 95% limits',
  'Not applicable for events less than 10 for dsrs': 'Not assessed: fewer than 10 events for a standardised rate'
};

/** Number of points drawn along each limit line. */
export const FUNNEL_POINT_COUNT = 100;

export interface LimitPair {
  lower: number;
  upper: number;
}

export interface FunnelSummary {
  /** The overall value on the 0–1 (proportion) or per-person (rate) scale: Σ numerators / Σ denominators. */
  baseline: number;
  minDenominator: number;
  maxDenominator: number;
}

// ---------------------------------------------------------------------------------------------------------------
// Proportions

export interface ProportionFunnelArea {
  numerator: number;
  denominator: number;
}

export interface ProportionFunnelPoint {
  denominator: number;
  lower95: number;
  upper95: number;
  lower998: number;
  upper998: number;
}

const validProportion = (a: ProportionFunnelArea) =>
  Number.isFinite(a.numerator) && Number.isFinite(a.denominator) && a.denominator > 0 && a.numerator >= 0 && a.numerator <= a.denominator;

/** Overall proportion and denominator range of the valid areas; null when no area is a valid proportion. */
export function proportionFunnelSummary(areas: readonly ProportionFunnelArea[]): FunnelSummary | null {
  const valid = areas.filter(validProportion);
  if (valid.length === 0) return null;
  return summarise(valid.reduce((s, a) => s + a.numerator, 0), valid.map((a) => a.denominator));
}

/**
 * Control limits at denominator n around the overall proportion, × multiplier and kept within [0, multiplier].
 * (The package clamps to [0, 100] whatever the multiplier; the same for percentages, right for other scales.)
 */
export function proportionControlLimits(baseline: number, denominator: number, confidence: Confidence, multiplier = 1): LimitPair | null {
  if (!(denominator > 0) || !(baseline >= 0 && baseline <= 1)) return null;
  const halfWidth = zFor(confidence) * Math.sqrt((baseline * (1 - baseline)) / denominator);
  return {
    lower: Math.max(0, (baseline - halfWidth) * multiplier),
    upper: Math.min(multiplier, (baseline + halfWidth) * multiplier)
  };
}

/** Limit points across the axis range, for drawing. */
export function proportionFunnelPoints(summary: FunnelSummary, multiplier = 100): ProportionFunnelPoint[] {
  return axisPoints(proportionAxisMinimum(summary), roundUpTwoFigures(summary.maxDenominator)).map((denominator) => {
    const l95 = proportionControlLimits(summary.baseline, denominator, 0.95, multiplier)!;
    const l998 = proportionControlLimits(summary.baseline, denominator, 0.998, multiplier)!;
    return { denominator, lower95: l95.lower, upper95: l95.upper, lower998: l998.lower, upper998: l998.upper };
  });
}

/** Where x / n sits against the limits around the overall proportion; null for an area that is not a proportion. */
export function proportionSignificance(area: ProportionFunnelArea, baseline: number): FunnelSignificance | null {
  if (!validProportion(area)) return null;
  const p = area.numerator / area.denominator;
  const l95 = proportionControlLimits(baseline, area.denominator, 0.95);
  const l998 = proportionControlLimits(baseline, area.denominator, 0.998);
  if (!l95 || !l998) return null;
  return classify(p < l998.lower, p < l95.lower, p > l998.upper, p > l95.upper);
}

export interface ProportionFunnel {
  summary: FunnelSummary;
  /** Overall value × multiplier, for the centre line. */
  baseline: number;
  points: ProportionFunnelPoint[];
  /** One label per input area, in input order (null where the area is not a valid proportion). */
  significance: (FunnelSignificance | null)[];
}

/** Everything a proportion funnel plot needs; null when no area is valid. */
export function proportionFunnel(areas: readonly ProportionFunnelArea[], multiplier = 100): ProportionFunnel | null {
  const summary = proportionFunnelSummary(areas);
  if (!summary) return null;
  return {
    summary,
    baseline: summary.baseline * multiplier,
    points: proportionFunnelPoints(summary, multiplier),
    significance: areas.map((a) => proportionSignificance(a, summary.baseline))
  };
}

function proportionAxisMinimum(summary: FunnelSummary): number {
  return summary.maxDenominator > 2 * summary.minDenominator ? 0 : roundDownOneFigure(summary.minDenominator);
}

// ---------------------------------------------------------------------------------------------------------------
// Rates

export type FunnelRateType = 'crude' | 'dsr';

export interface RateFunnelArea {
  events: number;
  /** The population (all years together). Needed for a crude rate with 0 events; otherwise derived from rate. */
  population?: number | null;
  /** The area's rate per `multiplier` (the DSR for rateType 'dsr'). */
  rate?: number | null;
}

export interface RateFunnelOptions {
  /** Rates are per this many people (100,000 for the package's tests; 1,000 for referral rates). */
  multiplier: number;
  rateType: FunnelRateType;
  /** Years the counts cover; the plotted population is per year. Default 1. */
  yearsOfData?: number;
}

export interface RateLimitPoint {
  /** Population per year at which this limit passes through `events`. */
  population: number;
  rate: number;
}

export interface RateFunnelPoint {
  events: number;
  lower95: RateLimitPoint;
  upper95: RateLimitPoint;
  lower998: RateLimitPoint;
  upper998: RateLimitPoint;
}

/**
 * The denominator an area's rate stands on. For a DSR it is the "effective population" multiplier × E / DSR, and
 * there is none with 0 events. For a crude rate it is the population when given, else multiplier × E / rate.
 * (The package prefers multiplier × E / rate whenever E > 0; with a rate computed from the same population the two
 * agree, and the population is not subject to the rate's rounding.)
 */
export function rateFunnelDenominator(area: RateFunnelArea, multiplier: number, rateType: FunnelRateType): number | null {
  const { events, population, rate } = area;
  if (!Number.isFinite(events) || events < 0) return null;
  if (rateType === 'crude' && population != null && Number.isFinite(population) && population > 0) return population;
  if (events === 0 || rate == null || !(rate > 0) || !Number.isFinite(rate)) return null;
  return (multiplier * events) / rate;
}

/** Overall rate (per person) and denominator range over the areas that have a denominator; null if none has. */
export function rateFunnelSummary(areas: readonly RateFunnelArea[], options: RateFunnelOptions): FunnelSummary | null {
  let events = 0;
  const denominators: number[] = [];
  for (const area of areas) {
    if (!Number.isFinite(area.events) || area.events < 0) continue;
    events += area.events; // a DSR's 0-event areas add nothing here but have no denominator either
    const d = rateFunnelDenominator(area, options.multiplier, options.rateType);
    if (d !== null) denominators.push(d);
  }
  // With no events at all there is no rate to draw a funnel around.
  if (denominators.length === 0 || !(events > 0)) return null;
  return summarise(events, denominators);
}

/** Limit points across the axis range (x = events), for drawing. */
export function rateFunnelPoints(summary: FunnelSummary, { multiplier, yearsOfData = 1 }: Omit<RateFunnelOptions, 'rateType'>): RateFunnelPoint[] {
  const { baseline, minDenominator, maxDenominator } = summary;
  const axisMinimum = maxDenominator > 2 * minDenominator ? 0 : roundDownOneFigure(minDenominator / yearsOfData) * yearsOfData;
  const axisMaximum = roundUpTwoFigures(maxDenominator / yearsOfData) * yearsOfData;
  const point = (events: number, tail: number, side: 'lower' | 'upper'): RateLimitPoint => {
    // The lower limit line is where the events are improbably few for the population: P(X ≤ E) = tail.
    const mean = side === 'lower' ? poissonMeanWithTail(events, tail, 'at-most') : poissonMeanWithTail(events, tail, 'at-least');
    const population = mean / baseline;
    return { population: population / yearsOfData, rate: (events / population) * multiplier };
  };
  return axisPoints(Math.floor(axisMinimum * baseline), Math.ceil(axisMaximum * baseline)).map((events) => ({
    events,
    lower95: point(events, 0.025, 'lower'),
    upper95: point(events, 0.025, 'upper'),
    lower998: point(events, 0.001, 'lower'),
    upper998: point(events, 0.001, 'upper')
  }));
}

/**
 * Where an area's rate sits against the overall rate (per person): the overall rate above the upper limit of the
 * area's own interval means the area is low, below its lower limit means high. Null when the area has no
 * denominator (a crude rate with 0 events needs its population).
 */
export function rateSignificance(area: RateFunnelArea, baseline: number, options: RateFunnelOptions): FunnelSignificance | null {
  if (!Number.isFinite(area.events) || area.events < 0) return null;
  if (options.rateType === 'dsr' && area.events < 10) return 'Not applicable for events less than 10 for dsrs';
  const denominator = rateFunnelDenominator(area, options.multiplier, options.rateType);
  if (denominator === null) return null;
  const ci95 = countCi(area.events, 0.95)!;
  const ci998 = countCi(area.events, 0.998)!;
  return classify(
    baseline > ci998.upper / denominator,
    baseline > ci95.upper / denominator,
    baseline < ci998.lower / denominator,
    baseline < ci95.lower / denominator
  );
}

export interface RateFunnel {
  summary: FunnelSummary;
  /** Overall rate × multiplier, for the centre line. */
  baseline: number;
  points: RateFunnelPoint[];
  significance: (FunnelSignificance | null)[];
}

/** Everything a rate funnel plot needs; null when no area has a denominator. */
export function rateFunnel(areas: readonly RateFunnelArea[], options: RateFunnelOptions): RateFunnel | null {
  const summary = rateFunnelSummary(areas, options);
  if (!summary) return null;
  return {
    summary,
    baseline: summary.baseline * options.multiplier,
    points: rateFunnelPoints(summary, options),
    significance: areas.map((a) => rateSignificance(a, summary.baseline, options))
  };
}

/**
 * The Poisson mean μ at which P(X ≤ E | μ) ('at-most') or P(X ≥ E | μ) ('at-least') equals `tail`, by the
 * package's bisection on v ∈ (0, 1) with μ = (E + 1) v / (1 − v), stopping once the step is below 1e-7.
 * The tail probabilities come from the regularised incomplete gamma function rather than a summed series.
 */
export function poissonMeanWithTail(events: number, tail: number, which: 'at-most' | 'at-least'): number {
  const meanAt = (v: number) => ((1 + events) * v) / (1 - v);
  let v = 0.5;
  let step = 0.5;
  while (step > 1e-7) {
    step /= 2;
    const mean = meanAt(v);
    if (which === 'at-least') {
      const pAtLeast = events <= 0 ? 1 : gammaP(events, mean);
      v += pAtLeast > tail ? -step : step;
    } else {
      const pAtMost = 1 - gammaP(events + 1, mean);
      v += pAtMost < tail ? -step : step;
    }
  }
  return meanAt(v);
}

// ---------------------------------------------------------------------------------------------------------------
// Shared helpers

function classify(low998: boolean, low95: boolean, high998: boolean, high95: boolean): FunnelSignificance {
  if (low998) return 'Low (0.001)';
  if (low95) return 'Low (0.025)';
  if (high998) return 'High (0.001)';
  if (high95) return 'High (0.025)';
  return 'Not significant';
}

function summarise(numeratorTotal: number, denominators: readonly number[]): FunnelSummary | null {
  let total = 0;
  let minDenominator = Infinity;
  let maxDenominator = -Infinity;
  for (const d of denominators) {
    total += d;
    minDenominator = Math.min(minDenominator, d);
    maxDenominator = Math.max(maxDenominator, d);
  }
  return total > 0 ? { baseline: numeratorTotal / total, minDenominator, maxDenominator } : null;
}

/**
 * 100 x positions from max(1, minimum) to maximum: each the previous times the constant ratio that would reach
 * the maximum in the remaining steps, rounded, and at least one more than the previous.
 */
export function axisPoints(minimum: number, maximum: number): number[] {
  const points = [Math.max(1, minimum)];
  for (let j = 2; j <= FUNNEL_POINT_COUNT; j++) {
    const previous = points[j - 2]!;
    const next = roundHalfEven((maximum / previous) ** (1 / (FUNNEL_POINT_COUNT + 1 - j)) * previous);
    points.push(Math.max(next, previous + 1));
  }
  return points;
}

/**
 * 95% of x rounded down to one significant figure (the package's signif.floor); 0 stays 0.
 * Significant figures count the digits of the whole part, as the package means to. (R's nchar counts the
 * characters of the number as printed, "1e+05" for 100000, which shifts a few round numbers; that is not copied.)
 */
export function roundDownOneFigure(x: number): number {
  if (x === 0) return 0;
  const scale = 10 ** (String(Math.floor(x * 0.95)).length - 1);
  return Math.floor((x * 0.95) / scale) * scale;
}

/** 105% of x rounded up to two significant figures (the package's signif.ceiling); 0 stays 0. */
export function roundUpTwoFigures(x: number): number {
  if (x === 0) return 0;
  const scale = 10 ** (String(Math.ceil(x * 1.05)).length - 2);
  return Math.ceil((x * 1.05) / scale) * scale;
}

/** R's round(): halves go to the even neighbour. */
function roundHalfEven(x: number): number {
  const floor = Math.floor(x);
  const diff = x - floor;
  if (diff < 0.5) return floor;
  if (diff > 0.5) return floor + 1;
  return floor % 2 === 0 ? floor : floor + 1;
}
