// Gini coefficient and Lorenz curve of funding per need-weighted head: the textbook cases and one by hand.
import { describe, expect, test } from 'vitest';
import { giniOfFundingPerHead, type GiniArea } from '../../src/lib/domain/stats/gini';

const area = (funding: number | null, needWeightedPopulation: number | null): GiniArea => ({ funding, needWeightedPopulation });

describe('Gini of funding per need-weighted head', () => {
  test('equal funding per weighted head gives 0 and the diagonal', () => {
    const r = giniOfFundingPerHead([area(100, 10), area(300, 30), area(50, 5)])!;
    expect(r.gini).toBeCloseTo(0, 12);
    for (const p of r.lorenz) expect(p.fundingShare).toBeCloseTo(p.populationShare, 12);
  });

  test.each([2, 3, 5, 10])('one of %d equal-weight areas has everything: (n − 1) / n', (n) => {
    const areas = Array.from({ length: n }, (_, i) => area(i === 0 ? 1000 : 0, 1));
    expect(giniOfFundingPerHead(areas)!.gini).toBeCloseTo((n - 1) / n, 12);
  });

  test('by hand: £10 / 1, £30 / 1, £60 / 2 weighted heads', () => {
    // Per head 10, 30, 30. Lorenz points (0,0) (0.25,0.1) (0.5,0.4) (1,1); area under it
    // 0.25×0.1/2 + 0.25×(0.1+0.4)/2 + 0.5×(0.4+1)/2 = 0.0125 + 0.0625 + 0.35 = 0.425; Gini = 1 − 2 × 0.425 = 0.15.
    const r = giniOfFundingPerHead([area(30, 1), area(60, 2), area(10, 1)])!;
    expect(r.gini).toBeCloseTo(0.15, 12);
    expect(r.areaCount).toBe(3);
    expect(r.lorenz.map((p) => [p.populationShare, p.fundingShare])).toEqual([
      [0, 0],
      [0.25, 0.1],
      [0.5, 0.4],
      [1, 1]
    ]);
  });

  test('a second hand case with unequal weights: £10 / 4, £90 / 1', () => {
    // Per head 2.5 and 90: points (0,0) (0.8,0.1) (1,1); twice the area = 0.8×0.1 + 0.2×1.1 = 0.3; Gini = 0.7.
    expect(giniOfFundingPerHead([area(90, 1), area(10, 4)])!.gini).toBeCloseTo(0.7, 12);
  });

  test('the curve is sorted by funding per head, lowest first, and ends at (1, 1)', () => {
    const r = giniOfFundingPerHead([area(500, 10), area(20, 10), area(120, 10), area(80, 10)])!;
    const slopes = r.lorenz.slice(1).map((p, i) => (p.fundingShare - r.lorenz[i]!.fundingShare) / (p.populationShare - r.lorenz[i]!.populationShare));
    for (let i = 1; i < slopes.length; i++) expect(slopes[i]!).toBeGreaterThanOrEqual(slopes[i - 1]!);
    expect(r.lorenz.at(-1)).toEqual({ populationShare: 1, fundingShare: 1 });
  });

  test('missing values are left out; funding with no weighted population is a last vertical step', () => {
    const r = giniOfFundingPerHead([area(10, 1), area(null, 5), area(7, null), area(10, 1), area(20, 0)])!;
    expect(r.areaCount).toBe(3);
    // Points (0,0) (0.5,0.25) (1,0.5) (1,1): twice the area = 0.5×0.25 + 0.5×0.75 + 0 = 0.5, Gini 0.5.
    expect(r.gini).toBeCloseTo(0.5, 12);
  });

  test('nothing to measure gives null, never NaN', () => {
    expect(giniOfFundingPerHead([])).toBeNull();
    expect(giniOfFundingPerHead([area(0, 10), area(0, 5)])).toBeNull(); // no funding
    expect(giniOfFundingPerHead([area(10, 0), area(5, 0)])).toBeNull(); // no weighted population
    expect(giniOfFundingPerHead([area(10, 1), area(-5, 1)])).toBeNull(); // net refund
    expect(giniOfFundingPerHead([area(Number.NaN, 1), area(Number.POSITIVE_INFINITY, 1)])).toBeNull();
  });
});
