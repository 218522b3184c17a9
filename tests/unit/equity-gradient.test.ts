// The deprivation gradient (domain/equity/gradient.ts), its SII in words (sii-words.ts) and its Plot options
// (charts/gradient-chart.ts), on hand-made groups with the expected figures worked out in the comments.
import { describe, expect, test } from 'vitest';
import { gradientOptions, placeGroups } from '../../src/lib/charts/gradient-chart';
import {
  defaultGrouping, fundingStandardErrors, gradientRows, gradientSii, quantileOf, SII_OPTIONS, type GradientRow, type GradientSums
} from '../../src/lib/domain/equity/gradient';
import { siiWords } from '../../src/lib/domain/equity/sii-words';
import { rateCi } from '../../src/lib/domain/stats/poisson';
import type { SiiResult } from '../../src/lib/domain/stats/sii';

const sums = (quantile: number | null, population: number, referrals: number | null, funding: number | null, months = 12): GradientSums => ({
  quantile, areas: 1, population, referrals, months, funding, first_contacts: 10, median_wait_days: 30
});

describe('groups', () => {
  test('deciles stay, quintiles pair them; anything else has no group', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8, 9, 10].map((d) => quantileOf(d, 'quintile'))).toEqual([1, 1, 2, 2, 3, 3, 4, 4, 5, 5]);
    expect(quantileOf(7, 'decile')).toBe(7);
    for (const bad of [0, 11, 2.5, null, undefined]) expect(quantileOf(bad, 'decile')).toBeNull();
  });

  test('deciles by default when at least five have people (the SII minimum), else quintiles', () => {
    expect(defaultGrouping(8)).toBe('decile');
    expect(defaultGrouping(5)).toBe('decile');
    expect(defaultGrouping(4)).toBe('quintile');
  });
});

describe('gradient rows', () => {
  test('rates from sums, annualised by months; funding per head; areas with no decile set aside', () => {
    const g = gradientRows([sums(1, 1000, 30, 5000, 6), sums(2, 3000, 60, 9000, 6), { ...sums(null, 500, 9, 100, 6), areas: 2 }], [], 'decile');
    expect(g.months).toBe(6);
    expect(g.excluded).toEqual({ areas: 2, population: 500 });
    expect(g.rows).toHaveLength(2);
    // 30 referrals ÷ 1,000 people × 1,000 × 12 ÷ 6 months = 60 a year.
    expect(g.rows[0]!.rate).toBeCloseTo(60, 12);
    const ci = rateCi(30, 1000, 1000)!;
    expect(g.rows[0]!.rateLower).toBeCloseTo(ci.lower * 2, 12);
    expect(g.rows[0]!.rateUpper).toBeCloseTo(ci.upper * 2, 12);
    expect(g.rows[1]!.fundingPerHead).toBe(3);
    expect(g.rows[0]!.fundingSe).toBeNull(); // no areas given: no spread to pool
  });

  test('a year without referrals or funding: no rates, no funding per head', () => {
    const g = gradientRows([sums(1, 1000, null, null, 0)], [], 'decile');
    expect(g.rows[0]).toMatchObject({ rate: null, rateLower: null, fundingPerHead: null });
  });

  test('funding standard errors pool the spread of areas about their group (hand-computed)', () => {
    // Decile 1: £1 and £3 a head (populations 100 and 300): group figure £1,000 ÷ 400 = £2.50, squares 1.5² + 0.5² = 2.5.
    // Decile 2: one area, no spread. s² = 2.5 ÷ (3 areas − 2 groups) = 2.5.
    // SE₁ = √2.5 × √(100² + 300²) ÷ 400 = 500 ÷ 400 = 1.25; SE₂ = √2.5 × 200 ÷ 200.
    const se = fundingStandardErrors([
      { imd_decile: 1, population: 100, funding: 100 },
      { imd_decile: 1, population: 300, funding: 900 },
      { imd_decile: 2, population: 200, funding: 400 },
      { imd_decile: null, population: 50, funding: 5000 } // no decile: left out
    ], 'decile')!;
    expect(se.get(1)).toBeCloseTo(1.25, 12);
    expect(se.get(2)).toBeCloseTo(Math.sqrt(2.5), 12);
    // One area per group: nothing to pool.
    expect(fundingStandardErrors([{ imd_decile: 1, population: 100, funding: 100 }, { imd_decile: 2, population: 100, funding: 300 }], 'decile')).toBeNull();
    // Quintiles put deciles 1 and 2 together: four areas … here three, in one group: df = 2.
    expect(fundingStandardErrors([
      { imd_decile: 1, population: 100, funding: 100 }, { imd_decile: 2, population: 100, funding: 300 }, { imd_decile: 2, population: 200, funding: 400 }
    ], 'quintile')?.size).toBe(1);
  });
});

/** Five equal groups whose values fall in a straight line from `atMost` (rank 0) to `atLeast` (rank 1). */
function linearRows(atMost: number, atLeast: number): GradientRow[] {
  return [1, 2, 3, 4, 5].map((q) => {
    const value = atMost + (atLeast - atMost) * ((q - 0.5) / 5);
    return {
      quantile: q, areas: 2, population: 1000, referrals: 100, rate: value, rateLower: value * 0.9, rateUpper: value * 1.1,
      funding: value * 1000, fundingPerHead: value, fundingSe: 0.01, firstContacts: 10, medianWait: 30
    };
  });
}

describe('SII', () => {
  test('a straight-line gradient: SII = least − most deprived, RII = least ÷ most; repeatable', () => {
    const rows = linearRows(10, 5);
    const a = gradientSii(rows, 'funding_per_head');
    if (a.status !== 'ok') throw new Error(a.status);
    expect(a.result.sii).toBeCloseTo(-5, 10);
    expect(a.result.rii).toBeCloseTo(0.5, 10);
    expect(a.result.intercept).toBeCloseTo(10, 10);
    expect(a.hasInterval).toBe(true);
    const again = gradientSii(rows, 'funding_per_head');
    expect(again).toEqual(a);
    expect(SII_OPTIONS.seed).toBeTypeOf('number');
    const rate = gradientSii(rows, 'referral_rate');
    expect(rate.status === 'ok' && rate.result.sii).toBeCloseTo(-5, 10);
  });

  test('fewer than five groups, a zero rate, or funding without a spread', () => {
    expect(gradientSii(linearRows(10, 5).slice(0, 4), 'referral_rate')).toEqual({ status: 'too-few', groups: 4 });
    const zero = linearRows(10, 5).map((r, i) => (i === 0 ? { ...r, rate: 0, rateLower: 0 } : r));
    expect(gradientSii(zero, 'referral_rate')).toEqual({ status: 'no-data' });
    const noSpread = gradientSii(linearRows(10, 5).map((r) => ({ ...r, fundingSe: null })), 'funding_per_head');
    expect(noSpread.status === 'ok' && noSpread.hasInterval).toBe(false);
    const partly = linearRows(10, 5).map((r, i) => (i === 2 ? { ...r, rate: null } : r));
    expect(gradientSii(partly, 'referral_rate')).toEqual({ status: 'too-few', groups: 4 });
  });
});

const result = (sii: number, lower: number, upper: number, rii: number | null = 1.2): SiiResult => ({
  sii, rii, intercept: 5, quantileCount: 10, limits: [{ confidence: 0.95, siiLower: lower, siiUpper: upper, riiLower: 1.1, riiUpper: 1.3 }]
});

describe('SII in words', () => {
  test('positive SII: the most deprived receive less (fewer), with the interval the same way', () => {
    expect(siiWords('funding_per_head', result(0.8, 0.4, 1.2), 'decile').sii).toBe(
      'The most deprived areas receive £0.80 less funding per head a year than the least deprived (95% confidence interval £0.40 to £1.20 less).'
    );
    expect(siiWords('referral_rate', result(3.24, 2.1, 4.3), 'quintile').sii).toBe(
      'The most deprived areas have 3.2 fewer referrals per 1,000 people a year than the least deprived (95% confidence interval 2.1 to 4.3 fewer).'
    );
  });

  test('negative SII: more, the interval from the smaller difference to the larger', () => {
    const w = siiWords('referral_rate', result(-4.38, -4.71, -4.06), 'decile');
    expect(w.sii).toBe('The most deprived areas have 4.4 more referrals per 1,000 people a year than the least deprived (95% confidence interval 4.1 to 4.7 more).');
    expect(w.couldBeChance).toBe(false);
  });

  test('an interval across zero names both ends and says it could be chance', () => {
    const w = siiWords('funding_per_head', result(-0.92, -2.52, 0.68), 'decile');
    expect(w.sii).toContain('receive £0.92 more funding per head a year');
    expect(w.sii).toContain('(95% confidence interval from £2.52 more to £0.68 less; the difference could be chance)');
    expect(w.couldBeChance).toBe(true);
  });

  test('RII sentence, no interval when there is none, and a difference that rounds to nothing', () => {
    const w = siiWords('funding_per_head', result(0.8, 0.4, 1.2, 1.25), 'decile', false);
    expect(w.sii).not.toContain('confidence');
    expect(w.rii).toContain('funding per head at the least deprived end is 1.25 times that at the most deprived end;');
    expect(w.rii).toContain('through the deciles');
    expect(siiWords('funding_per_head', result(0.8, 0.4, 1.2, null), 'decile').rii).toBeNull();
    expect(siiWords('funding_per_head', result(0.001, -0.1, 0.1), 'decile').sii).toMatch(/^The most deprived areas and the least deprived receive the same funding per head/);
  });
});

describe('gradient plot options', () => {
  test('groups sit at the midpoints of their slices of the ranked population', () => {
    const placed = placeGroups([{ quantile: 2, population: 300, value: 4 }, { quantile: 1, population: 100, value: 6 }], 'D');
    expect(placed.map((p) => [p.label, p.rank])).toEqual([['D1', 0.125], ['D2', 0.625]]);
  });

  test('suppressed groups have no dot; the fitted line runs from rank 0 to rank 1', () => {
    const options = gradientOptions(
      [{ quantile: 1, population: 100, value: null }, { quantile: 2, population: 100, value: 5, lower: 4, upper: 6 }],
      { yLabel: '£', format: String, prefix: 'Q', fitted: { atMostDeprived: 7, atLeastDeprived: 3 } }
    );
    const marks = options.marks as unknown as { className?: string; data?: { rank: number; value: number }[] }[];
    const dots = marks.find((m) => m.className === 'gradient-dots')!;
    expect(dots.data!.map((d) => d.rank)).toEqual([0.75]);
    const fit = marks.find((m) => m.className === 'gradient-fit')!;
    expect(fit.data).toEqual([{ rank: 0, value: 7 }, { rank: 1, value: 3 }]);
    expect(options.x).toMatchObject({ domain: [0, 1] });
  });
});
