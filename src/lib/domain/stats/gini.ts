/**
 * Gini coefficient and Lorenz curve of funding per need-weighted head across areas.
 *
 * Areas are sorted by funding per need-weighted head, lowest first. The Lorenz curve runs from (0, 0) to (1, 1):
 *     xₖ = cumulative share of the need-weighted population of the first k areas,
 *     yₖ = cumulative share of the funding of the first k areas.
 * Gini = 1 − 2 × (area under the Lorenz curve) = 1 − Σₖ (xₖ − xₖ₋₁)(yₖ + yₖ₋₁), the trapezium rule being exact
 * because the curve is straight within each area. 0 = every area gets the same per weighted head; with n areas of
 * equal weight and one getting everything it is (n − 1)/n; it approaches 1 as funding concentrates.
 *
 * Why weighted by need-weighted population: the question is whether money follows need, so the "people" counted
 * are need-weighted heads, and a large area counts for more than a small one.
 *
 * Empty case: null when there are no usable areas, the total funding or the total need-weighted population is not
 * positive, or any area has negative funding (a Lorenz curve of net refunds has no meaning). Areas with a missing
 * or non-finite funding or weight are left out. An area with funding but no need-weighted population sorts last
 * (infinite per head): its funding appears as a vertical step at x = 1.
 */

export interface GiniArea {
  funding: number | null;
  needWeightedPopulation: number | null;
}

export interface LorenzPoint {
  /** Cumulative share of need-weighted population, 0–1. */
  populationShare: number;
  /** Cumulative share of funding, 0–1. */
  fundingShare: number;
}

export interface GiniResult {
  gini: number;
  /** Starts at (0, 0); one point per area after that, in per-head order. */
  lorenz: LorenzPoint[];
  areaCount: number;
}

export function giniOfFundingPerHead(areas: readonly GiniArea[]): GiniResult | null {
  const usable: { funding: number; weight: number }[] = [];
  for (const a of areas) {
    if (a.funding == null || a.needWeightedPopulation == null) continue;
    if (!Number.isFinite(a.funding) || !Number.isFinite(a.needWeightedPopulation) || a.needWeightedPopulation < 0) continue;
    if (a.funding < 0) return null;
    usable.push({ funding: a.funding, weight: a.needWeightedPopulation });
  }
  const totalFunding = usable.reduce((s, a) => s + a.funding, 0);
  const totalWeight = usable.reduce((s, a) => s + a.weight, 0);
  if (!(totalFunding > 0) || !(totalWeight > 0)) return null;

  const perHead = (a: { funding: number; weight: number }) => (a.weight > 0 ? a.funding / a.weight : a.funding > 0 ? Infinity : 0);
  usable.sort((a, b) => {
    const difference = perHead(a) - perHead(b);
    return Number.isNaN(difference) ? 0 : difference; // two infinite areas tie
  });

  const lorenz: LorenzPoint[] = [{ populationShare: 0, fundingShare: 0 }];
  let cumulativeWeight = 0;
  let cumulativeFunding = 0;
  let twiceArea = 0;
  for (const a of usable) {
    const previous = lorenz[lorenz.length - 1]!;
    cumulativeWeight += a.weight;
    cumulativeFunding += a.funding;
    const next = { populationShare: cumulativeWeight / totalWeight, fundingShare: cumulativeFunding / totalFunding };
    twiceArea += (next.populationShare - previous.populationShare) * (next.fundingShare + previous.fundingShare);
    lorenz.push(next);
  }
  // Rounding can leave the last point at 0.9999999999999999; the curve ends at (1, 1) by definition.
  lorenz[lorenz.length - 1] = { populationShare: 1, fundingShare: 1 };
  // Equal shares can round to −1e-16; a Gini outside [0, 1] would only be rounding.
  return { gini: Math.min(1, Math.max(0, 1 - twiceArea)), lorenz, areaCount: usable.length };
}
