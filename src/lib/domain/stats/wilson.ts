/**
 * A proportion with its Wilson score confidence interval, as English public health practice computes it
 * (PHEindicatormethods `phe_proportion`, behind Fingertips; Wilson 1927, Newcombe & Altman 2000):
 *
 *   value = x / n
 *   lower = (2x + z² − z √(z² + 4x(1 − x/n))) / (2(n + z²))
 *   upper = (2x + z² + z √(z² + 4x(1 − x/n))) / (2(n + z²))
 *
 * Why Wilson and not p ± z√(p(1−p)/n): the Wald interval collapses to a point at 0 and n and overshoots [0, 1]
 * for small counts, which is exactly where small areas sit. Wilson stays inside [0, 1] and is not degenerate.
 *
 * Edge cases: x = 0 gives lower 0 and x = n gives upper 1 exactly (the formula does too in exact arithmetic;
 * here they are set, so rounding cannot leave 1e-17 or 0.9999999999999999). x may be fractional (the reference
 * tests 0.445 of 1). The value and limits are multiplied by `multiplier` (100 for a percentage).
 * Empty case: a missing or non-finite numerator or denominator, a denominator ≤ 0, a negative numerator or a
 * numerator above the denominator give null, never NaN.
 */
import { zFor, type Confidence } from './poisson';

export interface ProportionInterval {
  value: number;
  lower: number;
  upper: number;
}

export interface ProportionOptions {
  confidence?: Confidence;
  /** 1 for a proportion of 1 (default), 100 for a percentage. */
  multiplier?: number;
}

/** Wilson lower limit of x out of n on the 0–1 scale; callers have checked 0 ≤ x ≤ n and n > 0. */
export function wilsonLower(x: number, n: number, confidence: Confidence): number {
  if (x <= 0) return 0;
  const z = zFor(confidence);
  return (2 * x + z * z - z * Math.sqrt(z * z + 4 * x * (1 - x / n))) / 2 / (n + z * z);
}

/** Wilson upper limit of x out of n on the 0–1 scale; callers have checked 0 ≤ x ≤ n and n > 0. */
export function wilsonUpper(x: number, n: number, confidence: Confidence): number {
  if (x >= n) return 1;
  const z = zFor(confidence);
  return (2 * x + z * z + z * Math.sqrt(z * z + 4 * x * (1 - x / n))) / 2 / (n + z * z);
}

/** Proportion x / n × multiplier with its Wilson score interval, or null when it cannot be a proportion. */
export function proportionCi(
  numerator: number | null | undefined,
  denominator: number | null | undefined,
  { confidence = 0.95, multiplier = 1 }: ProportionOptions = {}
): ProportionInterval | null {
  if (numerator == null || denominator == null) return null;
  if (!Number.isFinite(numerator) || !Number.isFinite(denominator) || !Number.isFinite(multiplier)) return null;
  if (!(denominator > 0) || numerator < 0 || numerator > denominator) return null;
  return {
    value: (numerator / denominator) * multiplier,
    lower: wilsonLower(numerator, denominator, confidence) * multiplier,
    upper: wilsonUpper(numerator, denominator, confidence) * multiplier
  };
}
