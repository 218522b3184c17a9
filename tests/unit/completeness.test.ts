// Incomplete months (domain/completeness.ts) on hand-made delays and dates, and the SPC limits with the
// incomplete months left out, each expected value worked out by hand in the comments.
import { describe, expect, test } from 'vitest';
import {
  COMPLETE_SHARE, delayShare, expectedShareReached, incompleteMonths, monthCompleteness, type DelayCount
} from '../../src/lib/domain/completeness';
import { spc } from '../../src/lib/domain/spc';

const MONTHS = ['2023-12', '2024-01', '2024-02', '2024-03'];

describe('delay share F(t)', () => {
  test('a step function of the delays; negative and fractional delays are data errors, left out', () => {
    // 4 delays: one of 0 days, two of 10, one of 20 (the -3 and 2.5 are dropped).
    const F = delayShare([{ days: 10, n: 2 }, { days: 0, n: 1 }, { days: 20, n: 1 }, { days: -3, n: 5 }, { days: 2.5, n: 5 }])!;
    expect([F(-1), F(0), F(9), F(10), F(19.5), F(20), F(400)]).toEqual([0, 0.25, 0.25, 0.75, 0.75, 1, 1]);
  });

  test('no delays: no function', () => {
    expect(delayShare([])).toBeNull();
    expect(delayShare([{ days: 3, n: 0 }])).toBeNull();
  });
});

describe('expected share of a month reached by the extract date', () => {
  test('every referral takes exactly 10 days: only those received by 21 March have been taken on by 31 March', () => {
    const F = delayShare([{ days: 10, n: 7 }])!;
    // March: days 1..21 have had 10 days (31 − 21 = 10), days 22..31 have not → 21 / 31.
    expect(expectedShareReached('2024-03', '2024-03-31', F)).toBeCloseTo(21 / 31, 12);
    // February: every day is 31 or more days before 31 March → 1.
    expect(expectedShareReached('2024-02', '2024-03-31', F)).toBe(1);
  });

  test('delays spread evenly over 0..29 days', () => {
    // F(t) = (t + 1) / 30 for t = 0..29, 1 from 30 on. March day k is 31 − k days before 31 March:
    // day 1 → F(30) = 1; days 2..31 → F(29..0) = 30/30 .. 1/30, summing to 15.5. Mean (1 + 15.5) / 31.
    const F = delayShare(Array.from({ length: 30 }, (_, days) => ({ days, n: 1 })))!;
    expect(expectedShareReached('2024-03', '2024-03-31', F)).toBeCloseTo(16.5 / 31, 12);
    expect(expectedShareReached('2024-02', '2024-03-31', F)).toBe(1);
  });
});

describe('monthCompleteness', () => {
  test('the 90% rule marks the recent months, the older ones stay complete', () => {
    // 80% taken on the same day, 20% after 45 days. By 31 March 2024:
    //   March: every day < 45 days old → 0.8 each → 0.8 < 0.9: incomplete.
    //   February: day k is 60 − k days old (31 Mar − k Feb); ≥ 45 for k ≤ 15 → (15·1 + 14·0.8) / 29 = 26.2/29 ≈ 0.903: complete.
    //   January and December: all ≥ 60 days old → 1.
    const delays: DelayCount[] = [{ days: 0, n: 80 }, { days: 45, n: 20 }];
    const s = monthCompleteness(MONTHS, { asOf: '2024-03-31', delays });
    expect(s.map((m) => m.expectedShare)).toEqual([1, 1, expect.closeTo(26.2 / 29, 12), expect.closeTo(0.8, 12)]);
    expect(s.map((m) => m.reason)).toEqual([null, null, null, 'recent']);
    expect(incompleteMonths(s)).toEqual(['2024-03']);
  });

  test('a share just under 90% is incomplete, at 90% or over complete', () => {
    // 89 of 100 taken on at once, 11 after 400 days (beyond a year): every month within the year reaches 0.89.
    const under = monthCompleteness(['2024-01'], { asOf: '2024-03-31', delays: [{ days: 0, n: 89 }, { days: 400, n: 11 }] });
    expect(under[0]).toMatchObject({ incomplete: true, reason: 'recent', expectedShare: expect.closeTo(0.89, 12) });
    const over = monthCompleteness(['2024-01'], { asOf: '2024-03-31', delays: [{ days: 0, n: 91 }, { days: 400, n: 9 }] });
    expect(over[0]).toMatchObject({ incomplete: false, reason: null });
    expect(COMPLETE_SHARE).toBe(0.9);
  });

  test('a month not ended by the extract date is incomplete (partial), with or without delays', () => {
    // Extract ends 15 March: March is partial; February ended before it.
    expect(monthCompleteness(MONTHS, { asOf: '2024-03-15' }).map((m) => m.reason)).toEqual([null, null, null, 'partial']);
    const withDelays = monthCompleteness(MONTHS, { asOf: '2024-03-15', delays: [{ days: 0, n: 1 }] });
    expect(withDelays.map((m) => m.reason)).toEqual([null, null, null, 'partial']);
    // Only days up to 15 March count for the partial month: F = 1 from day 0, so its share is 1.
    expect(withDelays[3]!.expectedShare).toBe(1);
  });

  test('empty cases: no extract date marks nothing; no delays leaves only the partial-month rule', () => {
    expect(monthCompleteness(MONTHS, { asOf: null, delays: [{ days: 50, n: 1 }] }).some((m) => m.incomplete)).toBe(false);
    expect(monthCompleteness(MONTHS, { asOf: '2024-03-31', delays: [] }).some((m) => m.incomplete)).toBe(false);
    expect(monthCompleteness([], { asOf: '2024-03-31' })).toEqual([]);
  });
});

describe('SPC with the incomplete months left out', () => {
  // Six complete months then two incomplete ones that collapse (the last referrals not yet accepted).
  const values = [10, 12, 11, 13, 12, 14, 5, 1];
  const r = spc(values, { exclude: [6, 7], higherIsBetter: true });

  test('the limits are those of the complete months, computed by hand', () => {
    // Complete months 10, 12, 11, 13, 12, 14: mean 72/6 = 12; moving ranges 2, 1, 2, 1, 2 → mR̄ 8/5 = 1.6;
    // limits 12 ∓ 2.66 × 1.6 = 7.744 and 16.256.
    const l = r.limits!;
    expect(l.mean).toBeCloseTo(12, 12);
    expect(l.mrBar).toBeCloseTo(1.6, 12);
    expect(l.lower).toBeCloseTo(7.744, 12);
    expect(l.upper).toBeCloseTo(16.256, 12);
    expect(l).toMatchObject({ points: 6, movingRanges: 5 });
  });

  test('incomplete months are drawn but break no rule and set no icon', () => {
    // 5 and 1 are below the lower limit 7.744, but left out: not flagged.
    expect(r.points.map((p) => p.excluded)).toEqual([false, false, false, false, false, false, true, true]);
    expect(r.points.slice(6)).toEqual([
      { index: 6, value: 5, movingRange: null, rules: [], variation: null, side: null, excluded: true },
      { index: 7, value: 1, movingRange: null, rules: [], variation: null, side: null, excluded: true }
    ]);
    expect(r.points.filter((p) => p.rules.length)).toEqual([]);
    // The icon is the latest complete month's (14: common cause), not the collapse's.
    expect(r.variation).toBe('common_cause');
  });

  test('kept in, the collapse would move the limits and be flagged', () => {
    const all = spc(values, { higherIsBetter: true });
    // mean 78/8 = 9.75 ≠ 12; the last point (1) is below 9.75 − 2.66 × mR̄ (mR̄ = (2+1+2+1+2+9+4)/7 = 3).
    expect(all.limits!.mean).toBeCloseTo(9.75, 12);
    expect(all.limits!.mrBar).toBeCloseTo(3, 12);
    expect(all.points[7]!.rules).toContain('beyond_limit');
  });
});
