/**
 * Crude rates. A rate per 1,000 over part of a year is annualised by months covered, so a
 * 9-month extract is comparable with a full year: rate = count / population × 1000 × 12 / months.
 * Empty case: no population (0 or missing) gives null, never Infinity.
 */
export function annualRatePer1000(count: number, population: number, months = 12): number | null {
  if (!(population > 0) || !(months > 0) || !Number.isFinite(count)) return null;
  return ((count / population) * 1000 * 12) / months;
}
