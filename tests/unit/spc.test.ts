// XmR charts as Making Data Count draws them: limits, the four special-cause rules and the icons, on
// series built by hand so each expected value can be checked in the comments.
import { describe, expect, test } from 'vitest';
import { spc, type SpcResult, type SpcRule } from '../../src/lib/domain/spc';
import { classifyPoint } from '../../src/lib/domain/spc/icons';
import type { SpcLimits } from '../../src/lib/domain/spc/types';

const flagged = (r: SpcResult, rule?: SpcRule) =>
  r.points.filter((p) => (rule ? p.rules.includes(rule) : p.rules.length > 0)).map((p) => p.index);
const range = (a: number, b: number) => Array.from({ length: b - a + 1 }, (_, i) => a + i);

describe('limits', () => {
  test('hand-computed series', () => {
    // mean 58/5 = 11.6; moving ranges 2, 1, 2, 1 → mR̄ 1.5; limits 11.6 ∓ 2.66×1.5 = 7.61, 15.59;
    // σ = 2.66×1.5/3 = 1.33, so 2σ lines 8.94, 14.26 and 1σ lines 10.27, 12.93.
    const r = spc([10, 12, 11, 13, 12]);
    const l = r.limits!;
    expect(l.mean).toBeCloseTo(11.6, 12);
    expect(l.mrBar).toBeCloseTo(1.5, 12);
    expect(l.lower).toBeCloseTo(7.61, 12);
    expect(l.upper).toBeCloseTo(15.59, 12);
    expect(l.sigma).toBeCloseTo(1.33, 12);
    expect(l.sigma).toBeCloseTo(1.5 / 1.128, 3);
    expect([l.lower2Sigma, l.upper2Sigma]).toEqual([expect.closeTo(8.94, 12), expect.closeTo(14.26, 12)]);
    expect([l.lower1Sigma, l.upper1Sigma]).toEqual([expect.closeTo(10.27, 12), expect.closeTo(12.93, 12)]);
    expect(l).toMatchObject({ points: 5, movingRanges: 4, screenedOut: 0, baseline: { start: 0, end: 5 } });
    expect(r.points.map((p) => p.movingRange)).toEqual([null, 2, 1, 2, 1]);
    expect(flagged(r)).toEqual([]);
    expect(r.points.every((p) => p.variation === 'common_cause' && p.side === null)).toBe(true);
    expect(r.variation).toBe('common_cause');
    expect(r.warnings).toEqual(['short_baseline']);
  });

  test('gaps (null, NaN) are skipped: the same limits, no point drawn or flagged there', () => {
    const r = spc([10, null, 12, 11, Number.NaN, 13, undefined, 12]);
    expect(r.limits!.mean).toBeCloseTo(11.6, 12);
    expect(r.limits!.mrBar).toBeCloseTo(1.5, 12);
    expect(r.points.map((p) => p.value)).toEqual([10, null, 12, 11, null, 13, null, 12]);
    expect(r.points.map((p) => p.movingRange)).toEqual([null, null, 2, 1, null, 2, null, 1]);
    expect(r.points[1]).toMatchObject({ rules: [], variation: null, side: null });
  });

  test('fewer than two values: no limits, no icons, a warning, no throw', () => {
    for (const values of [[], [7], [null, 7, null], [Number.POSITIVE_INFINITY, 3]]) {
      const r = spc(values, { higherIsBetter: true, target: 5 });
      expect(r.limits).toBeNull();
      expect(r.variation).toBeNull();
      expect(r.assurance).toBeNull();
      expect(r.warnings).toEqual(['too_few_points']);
      expect(r.points).toHaveLength(values.length);
      expect(r.points.every((p) => p.rules.length === 0 && p.variation === null)).toBe(true);
    }
  });

  test('a constant series: limits on the mean and nothing flagged', () => {
    const r = spc([5, 5, 5, 5, 5, 5, 5, 5]);
    expect(r.limits).toMatchObject({ mean: 5, mrBar: 0, lower: 5, upper: 5 });
    expect(flagged(r)).toEqual([]);
  });

  test('baseline: limits from part of the series, applied to all of it', () => {
    // Baseline: 12 values alternating 9, 11 → mean 10, mR̄ 2, limits 4.68 to 15.32. Then a step up to 16.
    const values = [...Array.from({ length: 12 }, (_, i) => (i % 2 ? 11 : 9)), 16, 17, 16];
    const r = spc(values, { baseline: { start: 0, end: 12 }, higherIsBetter: false });
    expect(r.limits).toMatchObject({ points: 12, movingRanges: 11, baseline: { start: 0, end: 12 } });
    expect(r.limits!.mean).toBe(10);
    expect(r.limits!.mrBar).toBe(2);
    expect(r.limits!.upper).toBeCloseTo(15.32, 12);
    expect(r.warnings).toEqual([]);
    expect(flagged(r, 'beyond_limit')).toEqual([12, 13, 14]);
    expect(r.variation).toBe('concern_high');
    // The whole series' own limits (mean 169/15, mR̄ 29/14 → upper 16.78) would call only the 17 beyond.
    const whole = spc(values);
    expect(whole.limits!.mean).toBeCloseTo(169 / 15, 12);
    expect(whole.limits!.mrBar).toBeCloseTo(29 / 14, 12);
    expect(whole.limits!.upper).toBeCloseTo(169 / 15 + (2.66 * 29) / 14, 12);
    expect(flagged(whole, 'beyond_limit')).toEqual([13]);
    // A baseline reaching past the end is clamped and says so; one with a single value gives no limits.
    expect(spc(values, { baseline: { start: -3, end: 99 } }).warnings).toEqual(['baseline_clamped']);
    expect(spc(values, { baseline: { start: 14, end: 15 } }).limits).toBeNull();
  });

  test('screening moving ranges (NHSRplotthedots default) is optional and off by default', () => {
    // 10, 11 alternating then 30: mean 145/12; moving ranges 1 ×10 and 20 → mR̄ 30/11.
    const values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 30];
    const plain = spc(values);
    expect(plain.limits!.mrBar).toBeCloseTo(30 / 11, 12);
    expect(flagged(plain, 'beyond_limit')).toEqual([11]);
    // 20 ≥ 3.267 × 30/11 = 8.91, so it is left out: mR̄ = 1.
    const screened = spc(values, { screenOutliers: true });
    expect(screened.limits).toMatchObject({ mrBar: 1, movingRanges: 10, screenedOut: 1 });
    expect(screened.limits!.mean).toBeCloseTo(145 / 12, 12);
  });
});

describe('special-cause rules', () => {
  test('a run of exactly 7 on one side of the mean is flagged, every point of it', () => {
    // mean 34/14 ≈ 2.43: seven points below, seven above; mR̄ 14/13, 2σ lines ≈ 0.52 and 4.34, so only 'run' applies.
    const r = spc([1, 2, 1, 2, 1, 2, 1, 3, 4, 3, 4, 3, 4, 3]);
    expect(flagged(r, 'run')).toEqual(range(0, 13));
    expect(r.points.every((p) => p.rules.join() === 'run')).toBe(true);
  });

  test('a run of 6 is not', () => {
    const r = spc([1, 2, 1, 2, 1, 2, 3, 4, 3, 4, 3, 4]);
    expect(flagged(r)).toEqual([]);
  });

  test('a point on the mean breaks a run', () => {
    // mean 42/14 = 3 exactly; the 3 at index 3 splits seven points above into 3 + 3.
    const r = spc([4, 5, 4, 3, 4, 5, 4, 2, 1, 2, 2, 2, 2, 2]);
    expect(r.limits!.mean).toBe(3);
    expect(flagged(r)).toEqual(range(7, 13));
  });

  test('a trend of 7 (6 steps up) is flagged, every point of it', () => {
    // mean 68/17 = 4, mR̄ 26/16 = 1.625: limits −0.32 to 8.32, 2σ 1.12 to 6.88. 1…7 rises for 6 steps.
    const r = spc([5, 3, 5, 3, 5, 3, 1, 2, 3, 4, 5, 6, 7, 5, 3, 5, 3]);
    expect(flagged(r, 'trend')).toEqual(range(6, 12));
    expect(flagged(r)).toEqual(range(6, 12));
    // A rising trend is 'high' whichever side of the mean its points are.
    expect(r.points[6]).toMatchObject({ variation: 'neither', side: 'high' });
    const up = spc([5, 3, 5, 3, 5, 3, 1, 2, 3, 4, 5, 6, 7, 5, 3, 5, 3], { higherIsBetter: true });
    expect(up.points[6]).toMatchObject({ variation: 'improvement', side: 'high' });
    const down = spc([5, 3, 5, 3, 5, 3, 1, 2, 3, 4, 5, 6, 7, 5, 3, 5, 3], { higherIsBetter: false });
    expect(down.points[6]).toMatchObject({ variation: 'concern', side: 'high' });
    // Falling trends are found too.
    const fall = spc([3, 5, 3, 5, 3, 5, 7, 6, 5, 4, 3, 2, 1, 3, 5, 3, 5]);
    expect(flagged(fall, 'trend')).toEqual(range(6, 12));
    expect(fall.points[12]!.side).toBe('low');
  });

  test('a trend of 6 is not, and an equal pair breaks a trend', () => {
    expect(flagged(spc([5, 3, 5, 3, 5, 3, 2, 3, 4, 5, 6, 7, 5, 3, 5, 3]))).toEqual([]);
    // 1, 2, 3, 3, 4, 5, 6, 7: eight points rising but for one equal pair → 2 steps, 0, 4 steps.
    expect(flagged(spc([5, 3, 5, 3, 5, 3, 1, 2, 3, 3, 4, 5, 6, 7, 5, 3, 5, 3]), 'trend')).toEqual([]);
  });

  test('two of three beyond 2σ on the same side: the points beyond 2σ are flagged', () => {
    // Baseline of 12 alternating 9, 11: mean 10, mR̄ 2, σ = 1.7733, 2σ lines 6.45 and 13.55, limits 4.68, 15.32.
    const base = Array.from({ length: 12 }, (_, i) => (i % 2 ? 11 : 9));
    const b = { baseline: { start: 0, end: 12 } };
    // 14, 12, 14: all above the mean, two beyond 2σ → the two 14s, not the 12.
    expect(flagged(spc([...base, 14, 12, 14, 9, 11], b), 'two_of_three')).toEqual([12, 14]);
    expect(flagged(spc([...base, 14, 12, 14, 9, 11], b))).toEqual([12, 14]);
    // 6, 8, 6 below: the same on the low side.
    expect(flagged(spc([...base, 6, 8, 6, 11, 9], b), 'two_of_three')).toEqual([12, 14]);
    // 14, 9, 14: two beyond 2σ, but not all three on one side of the mean → nothing.
    expect(flagged(spc([...base, 14, 9, 14, 9, 11], b))).toEqual([]);
    // Only one beyond 2σ in any three → nothing.
    expect(flagged(spc([...base, 14, 12, 12, 14, 9], b))).toEqual([]);
    // A point beyond the limit counts as beyond 2σ (MDC since late 2023): 14 and 16 both flagged, 16 also beyond the limit.
    const r = spc([...base, 14, 16, 11, 9, 11], b);
    expect(flagged(r, 'two_of_three')).toEqual([12, 13]);
    expect(flagged(r, 'beyond_limit')).toEqual([13]);
    expect(r.points[13]!.rules).toEqual(['beyond_limit', 'two_of_three']);
  });

  test('beyond a limit', () => {
    const values = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 2];
    const r = spc(values, { higherIsBetter: true });
    // mean 123/13 ≈ 9.46, mR̄ 20/12 ≈ 1.67: lower limit 5.03, so the 2 is beyond it.
    expect(flagged(r, 'beyond_limit')).toEqual([12]);
    expect(r.points[12]).toMatchObject({ variation: 'concern', side: 'low' });
  });
});

describe('icons', () => {
  // Last point far above: beyond the upper limit.
  const high = [10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 10, 11, 20];
  test('variation from the latest point', () => {
    expect(spc(high, { higherIsBetter: true }).variation).toBe('improvement_high');
    expect(spc(high, { higherIsBetter: false }).variation).toBe('concern_high');
    expect(spc(high, { higherIsBetter: null }).variation).toBe('neither_high');
    expect(spc(high).variation).toBe('neither_high');
    const low = [...high.slice(0, -1), 1];
    expect(spc(low, { higherIsBetter: true }).variation).toBe('concern_low');
    expect(spc(low, { higherIsBetter: false }).variation).toBe('improvement_low');
    expect(spc(low).variation).toBe('neither_low');
    // A special cause earlier but a common-cause latest point → common cause.
    expect(spc([...high, 11], { higherIsBetter: true }).variation).toBe('common_cause');
    // A trailing gap: the latest value present decides.
    expect(spc([...high, null], { higherIsBetter: true }).variation).toBe('improvement_high');
  });

  test('assurance against a target, from where it sits against the limits', () => {
    // Limits 7.61 to 15.59 (the hand-computed series).
    const v = [10, 12, 11, 13, 12];
    expect(spc(v, { higherIsBetter: true, target: 20 }).assurance).toBe('fail');
    expect(spc(v, { higherIsBetter: false, target: 20 }).assurance).toBe('pass');
    expect(spc(v, { higherIsBetter: true, target: 5 }).assurance).toBe('pass');
    expect(spc(v, { higherIsBetter: false, target: 5 }).assurance).toBe('fail');
    expect(spc(v, { higherIsBetter: true, target: 12 }).assurance).toBe('hit_and_miss');
    expect(spc(v, { higherIsBetter: true, target: 15.59 }).assurance).toBe('hit_and_miss');
    expect(spc(v, { higherIsBetter: true }).assurance).toBeNull();
    expect(spc(v, { higherIsBetter: null, target: 12 }).assurance).toBeNull();
    expect(spc(v, { higherIsBetter: true, target: Number.NaN }).assurance).toBeNull();
  });

  test('rules pointing both ways: the first of beyond a limit, trend, two of three, run decides (as NHSRplotthedots)', () => {
    const l = spc([10, 12, 11, 13, 12]).limits as SpcLimits;
    // Above the mean in a run, but in a falling trend: the trend comes before the run.
    const f = { rules: new Set<SpcRule>(['run', 'trend']), trend: new Set<'high' | 'low'>(['low']), trendSide: 'low' as const };
    expect(classifyPoint(13, f, l, true)).toEqual({ variation: 'concern', side: 'low' });
    expect(classifyPoint(13, f, l, false)).toEqual({ variation: 'improvement', side: 'low' });
    expect(classifyPoint(13, f, l, null)).toEqual({ variation: 'neither', side: 'low' });
    // A peak in a rising and a falling trend takes the one going on from it (the falling one).
    const peak = { rules: new Set<SpcRule>(['trend']), trend: new Set<'high' | 'low'>(['high', 'low']), trendSide: 'low' as const };
    expect(classifyPoint(13, peak, l, true)).toEqual({ variation: 'concern', side: 'low' });
    expect(classifyPoint(13, { rules: new Set(), trend: new Set(), trendSide: null }, l, true)).toBeNull();
  });

  test('series: a falling 7-point trend inside a run above the mean is a concern when higher is better', () => {
    // Mean 104.4 / 15 = 6.96; mR̄ = (7 × 10 + 0.4 + 6 × 0.1) / 14 = 71 / 14, so the limits are
    // 6.96 ± 13.49 and 2σ is 15.95: nothing beyond either. The last 8 points (10, then 9.6 down to
    // 9.0) are above the mean (a run) and fall 7 steps in a row (a trend).
    const v = [0, 10, 0, 10, 0, 10, 0, 10, 9.6, 9.5, 9.4, 9.3, 9.2, 9.1, 9.0];
    const r = spc(v, { higherIsBetter: true });
    const last = r.points.at(-1)!;
    expect(last.rules).toEqual(['run', 'trend']);
    expect(last.variation).toBe('concern');
    expect(r.variation).toBe('concern_low');
    // Lower is better: the same points are an improvement.
    expect(spc(v, { higherIsBetter: false }).variation).toBe('improvement_low');
  });

  test('series: a point below the lower limit that starts a rising trend is a concern when higher is better', () => {
    // Mean 53 / 15 = 3.53; mR̄ = (7 × 2 + 32 + 6 × 5) / 14 = 76 / 14 = 5.43, limits 3.53 ± 14.44:
    // −20 and −15 are below the lower limit (−10.9); −20 … 10 rise 6 steps in a row (a trend of 7);
    // −20, −15 and −10 are all beyond the lower 2σ line (−6.1): two of three, too.
    const v = [10, 12, 10, 12, 10, 12, 10, 12, -20, -15, -10, -5, 0, 5, 10];
    const r = spc(v, { higherIsBetter: true });
    expect(r.points[8]!.rules).toEqual(['beyond_limit', 'trend', 'two_of_three']);
    expect(r.points[8]!.variation).toBe('concern');
    expect(r.points[9]!.variation).toBe('concern');
    // Back inside the limits the rising trend comes before two of three: an improvement.
    expect(r.points[10]!.rules).toEqual(['trend', 'two_of_three']);
    expect(r.points[10]!.variation).toBe('improvement');
    expect(r.points[14]!.variation).toBe('improvement');
  });
});
