// The map legend's round numbers (charts/nice-breaks.ts, used by choropleth.ts). Every expectation is worked
// out by hand in the comment beside it from the nice numbers 1, 2, 2.5 and 5 × 10^k.
import { describe, expect, test } from 'vitest';
import { niceCeil, niceEqualBreaks, niceQuantileBreaks, niceTicks, roundestBetween } from '../../src/lib/charts/nice-breaks';
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
    // 2.8 lies in (2, 3] → 2.5; 4.6 in (4, 5] → 5; 6.4 in (6, 7] → 7; 8.2 in (8, 9] → 9. Ends at a multiple of 0.5.
    expect(niceQuantileBreaks([1, 2.8, 4.6, 6.4, 8.2, 10], sorted)).toEqual([1, 2.5, 5, 7, 9, 10]);
    expect(classBreaks(sorted, 'quantile', false)).toEqual([1, 2.5, 5, 7, 9, 10]);
  });

  test('a skewed signed measure: the same classes as the exact quintiles', () => {
    const sorted = [-10, -9, -8, -7, -1, 1, 2, 3, 50, 60];
    // Exact −10, −8.2, −3.4, 1.4, 12.4, 60: gaps (−9, −8] → −8, (−7, −1] → −5, (1, 2] → 2, (3, 50] → 50.
    expect(classBreaks(sorted, 'quantile', true)).toEqual([-10, -8, -5, 2, 50, 60]);
    const exact = [-10, -8.2, -3.4, 1.4, 12.4, 60];
    const classOf = (v: number, b: number[]) => b.slice(1, -1).filter((x) => v >= x).length;
    const nice = classBreaks(sorted, 'quantile', true);
    expect(sorted.map((v) => classOf(v, nice))).toEqual(sorted.map((v) => classOf(v, exact)));
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
