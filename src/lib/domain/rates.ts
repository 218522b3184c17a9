import { rateCi, type RateInterval } from './stats/poisson';

/**
 * Crude rates. A rate per 1,000 over part of a year is annualised by months covered, so a
 * 9-month extract is comparable with a full year: rate = count / population × 1000 × 12 / months.
 * Empty case: no population (0 or missing) gives null, never Infinity.
 */
export function annualRatePer1000(count: number, population: number, months = 12): number | null {
  if (!(population > 0) || !(months > 0) || !Number.isFinite(count)) return null;
  return ((count / population) * 1000 * 12) / months;
}

/**
 * The referral rate per 1,000 a year with its 95% interval (exact Poisson below 10 events, Byar's
 * from 10: stats/poisson.ts), annualised by the months covered. Every view's referral rate comes
 * from here: the Map and profile (measures.ts), the deprivation gradient (equity/gradient.ts).
 * Empty case: null without a count, a population or a month.
 */
export function annualRateCi(count: number | null, population: number | null, months: number | null): RateInterval | null {
  if (months === null || !(months > 0)) return null;
  const ci = rateCi(count, population, 1000, 0.95);
  if (!ci) return null;
  const annual = 12 / months;
  return { ...ci, value: ci.value * annual, lower: ci.lower * annual, upper: ci.upper * annual };
}
