// The allocation planner's method (domain/plan/allocation.ts) on hand-worked examples, and its promises
// checked on random areas: ΣN = B to the pound, N ≥ F, no area filled ends further than L below its
// target, and more budget never lowers any area's allocation.
import { describe, expect, test } from 'vitest';
import { allocate, largestRemainder, type AllocationArea, type AllocationPolicy } from '../../src/lib/domain/plan/allocation';
import { mulberry32 } from '../../src/lib/domain/stats/random';

const AREAS: AllocationArea[] = [
  { code: 'A', baseline: 100, share: 0.5 },
  { code: 'B', baseline: 100, share: 0.32 },
  { code: 'C', baseline: 100, share: 0.18 }
];
const POLICY: AllocationPolicy = { budget: 330, minUplift: 0, overThreshold: 0.1, overUplift: 0, maxUplift: null };

const ok = (r: ReturnType<typeof allocate>) => {
  if (!r.ok) throw new Error(r.message);
  return r;
};

describe('hand-worked examples', () => {
  test('B = 330: only A is far enough below to gain; it ends exactly L below its target', () => {
    // Baseline targets 150, 96, 54: C (100 > 1.1 × 54) is over target. Floors 100 each; 30 to fill.
    // Next year's targets 165, 105.6, 59.4. A alone: 165(1 − L) − 100 = 30, L = 35/165 = 0.2121…, which is
    // above the level B would start at (1 − 100/105.6 = 0.0530), so B stays at its floor.
    const r = ok(allocate(AREAS, POLICY));
    expect(r.areas.map((a) => a.allocation)).toEqual([130, 100, 100]);
    expect(r.level).toBeCloseTo(35 / 165, 9);
    expect(r.areas.map((a) => a.overTarget)).toEqual([false, false, true]);
    expect((130 - 165) / 165).toBeCloseTo(-r.level, 9);
  });

  test('B = 360: A and B share the level; whole pounds by largest remainder', () => {
    // Targets 180, 115.2, 64.8. Both A and B: 295.2(1 − L) − 200 = 60, 1 − L = 260/295.2, L = 0.119241.
    // N = 158.5366, 101.4634, 100 → 158 + 101 + 100 = 359, the pound left to A (remainder .5366).
    const r = ok(allocate(AREAS, { ...POLICY, budget: 360 }));
    expect(r.level).toBeCloseTo(1 - 260 / 295.2, 9);
    expect(r.areas.map((a) => a.allocation)).toEqual([159, 101, 100]);
  });

  test('a maximum uplift holds A at its cap and shares the rest in proportion to target', () => {
    // Cap 130 each. A held at 130; at every target B would have 115.2 and C its floor 100: 345.2 < 360, so
    // the 14.8 over is shared in proportion to target: 115.2 r + 64.8 r = 14.8 → r = 0.08222…
    // N = 130, 124.667, 105.333 → 130 + 124 + 105 = 359, the pound to B (.667).
    const r = ok(allocate(AREAS, { ...POLICY, budget: 360, maxUplift: 0.3 }));
    expect(r.areas.map((a) => a.allocation)).toEqual([130, 125, 105]);
    expect(r.areas.map((a) => a.capped)).toEqual([true, false, false]);
  });

  test('an unaffordable floor says so, with the largest minimum uplift the budget affords', () => {
    // Floors 300 > 290. C is held at its over-target floor (100): (290 − 100) / 200 − 1 = −5%.
    const r = allocate(AREAS, { ...POLICY, budget: 290 });
    expect(!r.ok && r.reason).toBe('unaffordable');
    if (r.ok || r.reason !== 'unaffordable') return;
    expect(r.largestMinUplift).toBeCloseTo(-0.05, 9);
    expect(r.message).toBe('The floors alone cost £300, more than the budget of £290. The largest minimum uplift this budget affords is -5%.');
    // And that uplift is affordable: the budget is spent exactly.
    const again = ok(allocate(AREAS, { ...POLICY, budget: 290, minUplift: r.largestMinUplift! }));
    expect(again.areas.reduce((s, a) => s + a.allocation, 0)).toBe(290);
  });

  test('a maximum uplift too tight to spend the budget says so, with the smallest that does', () => {
    // Caps 105 each = 315 < 330: the smallest g_max is 10% (A takes 110, B and C 110: 330).
    const r = allocate(AREAS, { ...POLICY, maxUplift: 0.05 });
    expect(!r.ok && r.reason).toBe('capped');
    if (r.ok || r.reason !== 'capped') return;
    expect(r.smallestMaxUplift).toBeCloseTo(0.1, 9);
    expect(r.message).toBe('With a maximum uplift of 5% the areas can take only £315 of the £330 budget. Raise the maximum uplift to at least 10%, or remove it.');
    expect(ok(allocate(AREAS, { ...POLICY, maxUplift: r.smallestMaxUplift })).areas.map((a) => a.allocation)).toEqual([110, 110, 110]);
  });

  test('largest remainder: whole pounds that sum to the budget, never below a floor', () => {
    expect(largestRemainder([1.5, 1.5, 1], 4)).toEqual([2, 1, 1]);
    expect(largestRemainder([0.2, 0.2, 0.6], 1)).toEqual([0, 0, 1]);
    expect(largestRemainder([10.9, 5.1], 16, [11, 5])).toEqual([11, 5]);
  });
});

describe('promises, on random areas', () => {
  const rand = mulberry32(20261203);
  const cases = Array.from({ length: 200 }, () => {
    const n = 2 + Math.floor(rand() * 12);
    const raw = Array.from({ length: n }, () => 0.05 + rand());
    const sum = raw.reduce((s, x) => s + x, 0);
    const areas = raw.map((x, i) => ({ code: `E${i}`, baseline: Math.round(20_000 + rand() * 500_000), share: x / sum }));
    const base = areas.reduce((s, a) => s + a.baseline, 0);
    const policy: AllocationPolicy = {
      budget: Math.round(base * (1 + rand() * 0.15)), minUplift: rand() < 0.5 ? 0 : 0.01, overThreshold: 0.1,
      overUplift: 0, maxUplift: rand() < 0.3 ? 0.1 + rand() * 0.3 : null
    };
    return { areas, policy };
  });

  test.each(cases.map((c, i) => [i, c] as const))('case %i: ΣN = B, N ≥ F, filled areas end at most L below target, more budget lowers no one', (_i, { areas, policy }) => {
    const r = allocate(areas, policy);
    if (!r.ok && r.reason === 'unaffordable') return expect(r.floorTotal).toBeGreaterThan(policy.budget);
    if (!r.ok) {
      // Caps too tight to spend the budget: the smallest maximum uplift it names does spend it.
      expect(r.capTotal).toBeLessThan(policy.budget);
      return expect(allocate(areas, { ...policy, maxUplift: r.smallestMaxUplift }).ok).toBe(true);
    }
    expect(r.areas.reduce((s, a) => s + a.allocation, 0)).toBe(policy.budget);
    for (const a of r.areas) {
      expect(a.allocation).toBeGreaterThanOrEqual(a.floor);
      if (a.cap !== null) expect(a.allocation).toBeLessThanOrEqual(Math.ceil(a.cap));
      // Whole pounds move an area by under £1 from the exact level.
      if (a.filled && !a.capped && r.level > 0) expect(Math.abs(a.allocation - a.target * (1 - r.level))).toBeLessThan(1);
      if (!a.capped && r.level > 0) expect(a.allocation).toBeGreaterThan(a.target * (1 - r.level) - 1);
    }
    const more = allocate(areas, { ...policy, budget: policy.budget + 5_000 });
    if (!more.ok) return expect(more.reason).toBe('capped'); // more money than the caps let the areas take
    // Exact amounts never fall; whole pounds may move a pound between areas.
    more.areas.forEach((a, i) => expect(a.allocation).toBeGreaterThanOrEqual(r.areas[i]!.allocation - 1));
  });
});
