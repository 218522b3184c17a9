// The waterfall of a target share and the glide path (domain/plan/glide-waterfall.ts) on hand-worked examples.
import { describe, expect, test } from 'vitest';
import { glidePath, shareWaterfall } from '../../src/lib/domain/plan/glide-waterfall';
import type { AllocationPolicy } from '../../src/lib/domain/plan/allocation';

describe('waterfall of a target share', () => {
  test('two areas: population share, then deprivation and age adjustments, averaged over both orders', () => {
    // A: IMD 30, 30% aged 65+; B: IMD 10, 10%; 100 people each. Relative deprivation 1.5 / 0.5, age 1.5 / 0.5.
    // Shares: no weights 0.5; deprivation only (need 1.25 / 0.75) 0.625; age only (1.125 / 0.875) 0.5625;
    // both (1.375 / 0.625) 0.6875. A's deprivation part ((0.625 − 0.5) + (0.6875 − 0.5625)) / 2 = 0.125,
    // age part ((0.5625 − 0.5) + (0.6875 − 0.625)) / 2 = 0.0625.
    const areas = [
      { area_code: 'A', population: 100, imd_score: 30, pop_65_plus: 30 },
      { area_code: 'B', population: 100, imd_score: 10, pop_65_plus: 10 }
    ];
    const w = shareWaterfall(areas, { deprivation: 0.5, age: 0.25 });
    const a = w.get('A')!;
    expect(a.population).toBeCloseTo(0.5, 12);
    expect(a.deprivation).toBeCloseTo(0.125, 12);
    expect(a.age).toBeCloseTo(0.0625, 12);
    expect(a.share).toBeCloseTo(0.6875, 12);
    expect(w.get('B')!.deprivation).toBeCloseTo(-0.125, 12);
  });

  test('the parts add up to the target share when the need floor makes the adjustments interact', () => {
    // Heavy weights push the least deprived, youngest area onto the 0.1 floor: the effects are not additive,
    // and only the average of both orders keeps the sum exact.
    const areas = [
      { area_code: 'A', population: 1000, imd_score: 60, pop_65_plus: 400 },
      { area_code: 'B', population: 3000, imd_score: 5, pop_65_plus: 150 },
      { area_code: 'C', population: 2000, imd_score: 20, pop_65_plus: 300 }
    ];
    const w = shareWaterfall(areas, { deprivation: 1.5, age: 1 });
    let total = 0;
    for (const p of w.values()) {
      expect(p.population + p.deprivation + p.age).toBeCloseTo(p.share, 12);
      total += p.share;
    }
    expect(total).toBeCloseTo(1, 12);
  });
});

describe('glide path', () => {
  const areas = [
    { code: 'A', baseline: 100, share: 0.5 },
    { code: 'B', baseline: 100, share: 0.32 },
    { code: 'C', baseline: 100, share: 0.18 }
  ];
  const policy: AllocationPolicy = { budget: 330, minUplift: 0, overThreshold: 0.1, overUplift: 0, maxUplift: null };

  test('each year starts from the last one, the budget grows, and the years to within 5% are counted', () => {
    const g = glidePath(areas, policy, 5, 0.1);
    expect(g.years.map((y) => y.budget)).toEqual([330, 363, 399, 439, 483]);
    // Year 1 as worked in allocation.test.ts: 130, 100, 100.
    const y1 = g.years[0]!.result;
    expect(y1.ok && y1.areas.map((a) => a.allocation)).toEqual([130, 100, 100]);
    // Year 2 starts from year 1's allocation (A's floor is now 130).
    const y2 = g.years[1]!.result;
    expect(y2.ok && y2.areas[0]!.floor).toBe(130);
    // C stays at its cash floor of 100 while its target is 0.18 × B: within 5% only once 0.18 B ≥ 100 / 1.05.
    for (const y of g.years) {
      const dC = y.distance.get('C')!;
      expect(dC).toBeCloseTo((100 - 0.18 * y.budget) / (0.18 * y.budget), 9);
    }
    const first = g.years.find((y) => [...y.distance.values()].every((d) => Math.abs(d!) <= 0.05));
    expect(g.yearsToWithin).toBe(first?.year ?? null);
  });
});
