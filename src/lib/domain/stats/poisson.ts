/**
 * Confidence intervals for a Poisson count and for a crude rate built on one, as English public
 * health practice computes them (PHEindicatormethods `phe_rate`, behind Fingertips):
 *
 * - Byar's approximation for counts of 10 or more:
 *     lower = x (1 − 1/(9x) − z/(3√x))³
 *     upper = (x+1) (1 − 1/(9(x+1)) + z/(3√(x+1)))³
 * - exact limits from the chi-square distribution below 10, where Byar's is poor:
 *     lower = qchisq(α/2, 2x) / 2   (0 when x = 0)
 *     upper = qchisq(1 − α/2, 2x + 2) / 2
 *   qchisq(p, 2k)/2 is the gamma quantile with shape k and scale 1, computed here by bisection on
 *   the regularised lower incomplete gamma function (no statistics library needed in the bundle).
 *
 * Limits are on the count scale; a rate divides them by the population and multiplies by `per`.
 */

export type Confidence = 0.95 | 0.998;

/** Two-sided normal quantiles, qnorm(1 − α/2), to full double precision (1.959964 and 3.090232 rounded). */
const Z: Record<Confidence, number> = { 0.95: 1.959963984540054, 0.998: 3.090232306167813 };

/** The two-sided normal quantile for a supported confidence level (shared by the Wilson, funnel and SII code). */
export function zFor(confidence: Confidence): number {
  return Z[confidence];
}

export interface CountInterval {
  lower: number;
  upper: number;
  method: 'exact' | 'byars';
}

export function byarsLower(x: number, confidence: Confidence): number {
  if (x <= 0) return 0;
  const z = Z[confidence];
  // Floored at 0: for very small counts the cube goes negative (Byar's is not used there).
  return Math.max(0, x * (1 - 1 / (9 * x) - z / (3 * Math.sqrt(x))) ** 3);
}

export function byarsUpper(x: number, confidence: Confidence): number {
  const z = Z[confidence];
  const y = x + 1;
  return y * (1 - 1 / (9 * y) + z / (3 * Math.sqrt(y))) ** 3;
}

export function exactLower(x: number, confidence: Confidence): number {
  if (x <= 0) return 0;
  return gammaQuantile((1 - confidence) / 2, x);
}

export function exactUpper(x: number, confidence: Confidence): number {
  return gammaQuantile(1 - (1 - confidence) / 2, x + 1);
}

/** Exact below 10, Byar's from 10, as `phe_rate` chooses. Null for a negative or non-finite count. */
export function countCi(count: number, confidence: Confidence = 0.95): CountInterval | null {
  if (!Number.isFinite(count) || count < 0) return null;
  return count < 10
    ? { lower: exactLower(count, confidence), upper: exactUpper(count, confidence), method: 'exact' }
    : { lower: byarsLower(count, confidence), upper: byarsUpper(count, confidence), method: 'byars' };
}

export interface RateInterval extends CountInterval {
  value: number;
}

/**
 * Crude rate count / population × per with its confidence interval.
 * Empty case: a missing or non-positive population, or a missing count, gives null.
 */
export function rateCi(count: number | null, population: number | null, per: number, confidence: Confidence = 0.95): RateInterval | null {
  if (count === null || population === null || !(population > 0) || !Number.isFinite(population)) return null;
  const ci = countCi(count, confidence);
  if (!ci) return null;
  const k = per / population;
  return { value: count * k, lower: ci.lower * k, upper: ci.upper * k, method: ci.method };
}

// ---- gamma distribution, enough for the quantiles above ----

/** ln Γ(a) by the Lanczos approximation (g = 7, 9 terms; ~15 significant digits for a > 0). */
function lnGamma(a: number): number {
  const c = [0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
    12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7];
  if (a < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * a)) - lnGamma(1 - a);
  const x = a - 1;
  let s = c[0]!;
  for (let i = 1; i < 9; i++) s += c[i]! / (x + i);
  const t = x + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(s);
}

/** Regularised lower incomplete gamma P(a, x): a series below a + 1, a continued fraction above. */
export function gammaP(a: number, x: number): number {
  if (x <= 0) return 0;
  const lead = a * Math.log(x) - x - lnGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 1000; n++) {
      term *= x / (a + n);
      sum += term;
      if (Math.abs(term) < Math.abs(sum) * 1e-17) break;
    }
    return sum * Math.exp(lead);
  }
  // Q(a, x) by Lentz's method on the Legendre continued fraction; P = 1 − Q.
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 1000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-17) break;
  }
  return 1 - Math.exp(lead) * h;
}

/** The x with P(a, x) = p (gamma quantile, shape a, scale 1), by bisection to machine precision. */
export function gammaQuantile(p: number, a: number): number {
  if (!(p > 0)) return 0;
  if (!(p < 1)) return Infinity;
  let lo = 0;
  let hi = Math.max(1, a);
  while (gammaP(a, hi) < p) hi *= 2;
  for (let i = 0; i < 300 && hi - lo > 1e-15 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (gammaP(a, mid) < p) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}
