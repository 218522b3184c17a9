// The map legend's round numbers (charts/nice-breaks.ts, used by choropleth.ts). Every expectation is worked
// out by hand in the comment beside it from the nice numbers 1, 2, 2.5 and 5 × 10^k.
import { describe, expect, test } from 'vitest';
import { niceCeil, niceEqualBreaks, niceQuantileBreaks, niceTicks, printsExactly, roundestBetween } from '../../src/lib/charts/nice-breaks';
import { fmt1, fmtGbpShortSigned, fmtPctSigned } from '../../src/lib/domain/format';
import { choroplethColours, classBreaks } from '../../src/lib/charts/choropleth';

/** A number is round when it is a whole multiple of 1, 2, 2.5 or 5 × 10^k with a single significant step. */
const isRound = (v: number) => v === 0 || [1, 2, 2.5, 5].some((n) => {
  const k = Math.floor(Math.log10(Math.abs(v)));
  for (const p of [k - 1, k]) {
    const q = Math.abs(v) / (n * 10 ** p);
    if (Math.abs(q - Math.round(q)) < 1e-9) return true;
  }
  return false;
});

describe('nice numbers', () => {
  test('the smallest nice number at or above', () => {
    expect(niceCeil(0.1268)).toBe(0.2); // between 0.1 and 0.2
    expect(niceCeil(0.1)).toBe(0.1);
    expect(niceCeil(2.1)).toBe(2.5);
    expect(niceCeil(2.6)).toBe(5);
    expect(niceCeil(21)).toBe(25);
    expect(niceCeil(0.0031)).toBe(0.005);
  });

  test('the roundest number in a gap (below, upTo]', () => {
    expect(roundestBetween(-1, 1)).toBe(0); // 0 is a multiple of every unit
    expect(roundestBetween(2, 3)).toBe(2.5); // 2.5 is a multiple of 2.5; 3 only of 1
    expect(roundestBetween(6, 7)).toBe(7); // no multiple of 5, 2.5 or 2 in (6, 7]
    expect(roundestBetween(3, 50)).toBe(50); // 50 is the only multiple of 50 in (3, 50]
    expect(roundestBetween(0.231, 0.2543)).toBe(0.25);
    // No multiple of 0.5 or coarser in (13.27, 13.31]: none.
    expect(roundestBetween(13.27, 13.31, 0.5)).toBeNull();
    expect(roundestBetween(13.27, 13.31)).toBe(13.3);
  });
});

describe('equal intervals at round numbers', () => {
  test('sequential: the smallest nice step whose five classes from a multiple of it reach the top', () => {
    expect(niceEqualBreaks(0, 10, 5, false)).toEqual([0, 2, 4, 6, 8, 10]); // 10 / 5 = 2
    expect(niceEqualBreaks(3.7, 118.2, 5, false)).toEqual([0, 25, 50, 75, 100, 125]); // 114.5 / 5 = 22.9 → 25
    // 8.02 / 5 = 1.604 → 2, but 0 + 5 × 2 = 10 < 10.01, so 2.5.
    expect(niceEqualBreaks(1.99, 10.01, 5, false)).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
  });

  test('diverging: ±h, ±3h, ±5h with h the nice number at or above the largest distance from 0 ÷ 5', () => {
    expect(niceEqualBreaks(-0.1, 0.5, 5, true)).toEqual([-0.5, -0.3, -0.1, 0.1, 0.3, 0.5]); // 0.5 / 5 = 0.1
    expect(niceEqualBreaks(-0.634, 0.2, 5, true)).toEqual([-1, -0.6, -0.2, 0.2, 0.6, 1]); // 0.634 / 5 = 0.1268 → 0.2
    expect(niceEqualBreaks(-254, 30, 5, true)).toEqual([-500, -300, -100, 100, 300, 500]); // 254 / 5 = 50.8 → 100
  });
});

describe('quantile breaks made round without moving an area to another class', () => {
  test('1 to 10: exact quintiles 2.8, 4.6, 6.4, 8.2 become 2.5, 5, 7, 9', () => {
    const sorted = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    // Unit: 9 / 50 = 0.18 → 0.2. 2.8 lies in (2, 3] → 2.5; 4.6 in (4, 5] → 5; 6.4 in (6, 7] → 7; 8.2 in (8, 9] → 9.
    expect(niceQuantileBreaks([1, 2.8, 4.6, 6.4, 8.2, 10], sorted)).toEqual([1, 2.5, 5, 7, 9, 10]);
    expect(classBreaks(sorted, 'quantile', false)).toEqual([1, 2.5, 5, 7, 9, 10]);
  });

  test('a skewed signed measure: the same classes as the exact quintiles', () => {
    const sorted = [-10, -9, -8, -7, -1, 1, 2, 3, 50, 60];
    // Unit 70 / 50 = 1.4 → 2. Exact −10, −8.2, −3.4, 1.4, 12.4, 60: gaps (−9, −8] → −8, (−7, −1] → −5, (1, 2] → 2, (3, 50] → 50.
    expect(classBreaks(sorted, 'quantile', true)).toEqual([-10, -8, -5, 2, 50, 60]);
    const exact = [-10, -8.2, -3.4, 1.4, 12.4, 60];
    const classOf = (v: number, b: number[]) => b.slice(1, -1).filter((x) => v >= x).length;
    const nice = classBreaks(sorted, 'quantile', true);
    expect(sorted.map((v) => classOf(v, nice))).toEqual(sorted.map((v) => classOf(v, exact)));
  });
});

test('values packed closer than the unit: the break goes to the nearest multiple, only the areas in between move', () => {
  // Range 10 to 25: unit 15 / 50 = 0.3 → 0.5. The exact break 13.29 lies in (13.27, 13.31], which holds no multiple of
  // 0.5, so it goes to 13.5: 13.31 and 13.4 move down a class, nothing else does.
  const sorted = [10, 12, 13.27, 13.31, 13.4, 20, 25];
  expect(niceQuantileBreaks([10, 13.29, 25], sorted)).toEqual([10, 13.5, 25]);
  // Breaks never collide: a second break rounding onto the first goes one unit up.
  expect(niceQuantileBreaks([10, 13.29, 13.3, 25], sorted)).toEqual([10, 13.5, 14, 25]);
});

describe('only numbers the legend prints exactly', () => {
  const oneDecimal = printsExactly(fmt1);
  test('reading a format back', () => {
    expect(oneDecimal(2.5)).toBe(true);
    expect(oneDecimal(2.25)).toBe(false); // printed 2.3
    expect(printsExactly(fmtPctSigned)(-0.125)).toBe(true); // −12.5%
    expect(printsExactly(fmtPctSigned)(-0.0125)).toBe(false); // −1.3%
    expect(printsExactly(fmtGbpShortSigned)(-1_200_000)).toBe(true); // −£1.2m
    expect(printsExactly(fmtGbpShortSigned)(1_250_000)).toBe(false); // +£1.3m
    expect(printsExactly(fmtGbpShortSigned)(750_000)).toBe(true); // +£750.0k
  });

  test('a unit the format cannot print is passed over for the next', () => {
    // Range 10 to 21: a fiftieth is 0.22 → 0.25, printed 0.3 at one decimal, so the unit is 0.5.
    // The exact break 13.29 in (13.2, 13.4] holds no multiple of 0.5: it goes to the nearest, 13.5.
    expect(niceQuantileBreaks([10, 13.29, 21], [10, 13.2, 13.4, 21], oneDecimal)).toEqual([10, 13.5, 21]);
    // ±1.1m over five equal classes: h = 0.22m → 0.25m, but ±1.25m prints as £1.3m, so h = 0.5m.
    expect(niceEqualBreaks(-1_100_000, 400_000, 5, true, printsExactly(fmtGbpShortSigned))).toEqual([-2_500_000, -1_500_000, -500_000, 500_000, 1_500_000, 2_500_000]);
    // Ticks from 0 to 0.9 at one decimal: step 0.25 (0.25, 0.75) is not printed exactly; 0.2 is.
    expect(niceTicks(0, 0.9, 5, oneDecimal)).toEqual([0, 0.2, 0.4, 0.6, 0.8]);
  });
});

describe('ramp ticks', () => {
  test('both ends when a nice step allows, else the step nearest five ticks spanning most of the ramp', () => {
    expect(niceTicks(-0.5, 0.5)).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    // ±0.507: steps 0.2 (±0.4) and 0.25 (±0.5) both give five ticks; 0.25 spans more.
    expect(niceTicks(-0.507, 0.507)).toEqual([-0.5, -0.25, 0, 0.25, 0.5]);
    expect(niceTicks(10, 30)).toEqual([10, 15, 20, 25, 30]);
    expect(niceTicks(3.7, 118.2)).toEqual([20, 40, 60, 80, 100]); // step 20: five ticks
  });
});

describe('the map legend prints round numbers', () => {
  const pct = { scale: 'diverging' as const, unit: '%', format: (v: number | null) => `${((v ?? 0) * 100).toFixed(1)}%` };
  // Distances from target like the demo's: −63.4% to +50.7%.
  const values = [-0.634, -0.418, -0.254, -0.12, -0.05, 0.02, 0.09, 0.2, 0.33, 0.507];
  test.each(['continuous', 'quantile', 'equal'] as const)('%s', (classing) => {
    const legend = choroplethColours(pct, values, classing).legend;
    const numbers = legend.kind === 'ramp' ? legend.ticks.map((t) => t.value) : legend.kind === 'classes' ? legend.classes.flatMap((c) => [c.from, c.to]) : [];
    expect(numbers.length).toBeGreaterThan(2);
    for (const v of numbers) expect(isRound(v), `${v}`).toBe(true);
  });
});
