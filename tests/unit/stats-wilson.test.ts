// Wilson score intervals for proportions against PHEindicatormethods' own test figures (PHEindicatormethods 2.1.0,
// UKHSA/DHSC, GPL-3: testdata_Byars_Wilson and testdata_Proportion, transcribed here as numbers, not copied as
// files). The reference sheets hold full double precision, so values are compared to 1e-9 relative (the
// package's own tests allow about 1.5e-8).
import { describe, expect, test } from 'vitest';
import { proportionCi, wilsonLower, wilsonUpper } from '../../src/lib/domain/stats/wilson';
import type { Confidence } from '../../src/lib/domain/stats/poisson';

const REL = 1e-9;
function close(actual: number | undefined, expected: number, label: string) {
  expect(actual, label).toBeDefined();
  const rel = Math.abs(actual! - expected) / Math.max(Math.abs(expected), 1e-300);
  expect(rel, `${label}: ${actual} vs ${expected}`).toBeLessThan(REL);
}

describe('Wilson limits (testdata_B_W, Wilson rows 7-12)', () => {
  const rows: [x: number, n: number, lower: number, upper: number, confidence: Confidence][] = [
    [65, 100, 0.5525444329688797, 0.7363575175690247, 0.95],
    [1045, 5000, 0.19795549880013297, 0.22049130373189027, 0.95],
    [0.445, 1, 0.04381744772058822, 0.9334621276979156, 0.95],
    [65, 100, 0.4954946574070431, 0.7783540614089697, 0.998],
    [1045, 5000, 0.19179381799015244, 0.22731562902525818, 0.998],
    [0.445, 1, 0.019347006132900975, 0.9702259947019541, 0.998]
  ];
  test.each(rows)('%d of %d', (x, n, lower, upper, confidence) => {
    close(wilsonLower(x, n, confidence), lower, 'lower');
    close(wilsonUpper(x, n, confidence), upper, 'upper');
  });
});

describe('phe_proportion (testdata_Prop)', () => {
  // Area, numerator, denominator, multiplier, value, lower95, upper95, lower99.8, upper99.8.
  type Row = [string, number, number, number, number, number, number, number, number];
  const rows: Row[] = [
    ['Area1', 1, 100, 1, 0.01, 0.0017674320641406511, 0.054486196178705294, 0.000873065697299977, 0.1045544528370582],
    ['Area2', 5, 100, 1, 0.05, 0.02154367915436798, 0.11175046923191911, 0.013865320725997183, 0.16458852282596442],
    ['Area3', 20, 100, 1, 0.2, 0.1333669333310325, 0.28882916559315885, 0.10519162066711432, 0.3471109417008601],
    ['Area4', 65, 100, 1, 0.65, 0.5525444329688797, 0.7363575175690247, 0.4954946574070431, 0.7783540614089697],
    ['Area5', 9856, 12345, 1, 0.7983799108950992, 0.7912101752909069, 0.8053640073614909, 0.7869924108419063, 0.8093061412589626],
    ['Area6', 7776456, 7564336677, 1, 0.0010280420256339154, 0.0010273201001641094, 0.0010287644578977231, 0.0010269040118442213, 0.0010291812992698397],
    ['Area7', 222, 3215, 1, 0.06905132192846034, 0.060791690363636595, 0.07833956681383633, 0.05647101964624248, 0.08418414185270134],
    ['Area8', 999, 3456, 1, 0.2890625, 0.27418951080009873, 0.30440389662818057, 0.26583995768074953, 0.3134475449279985],
    ['Area1', 1, 100, 100, 1, 0.1767432064140651, 5.44861961787053, 0.0873065697299977, 10.45544528370582],
    ['Area2', 5, 100, 100, 5, 2.154367915436798, 11.17504692319191, 1.3865320725997183, 16.458852282596443],
    ['Area3', 20, 100, 100, 20, 13.33669333310325, 28.882916559315884, 10.519162066711433, 34.71109417008601],
    ['Area4', 65, 100, 100, 65, 55.25444329688797, 73.63575175690247, 49.54946574070431, 77.83540614089696],
    ['Area5', 9856, 12345, 100, 79.83799108950991, 79.1210175290907, 80.53640073614909, 78.69924108419063, 80.93061412589626],
    ['Area6', 7776456, 7564336677, 100, 0.10280420256339154, 0.10273201001641094, 0.10287644578977231, 0.10269040118442213, 0.10291812992698397],
    ['Area7', 222, 3215, 100, 6.905132192846033, 6.07916903636366, 7.833956681383633, 5.647101964624248, 8.418414185270134],
    ['Area8', 999, 3456, 100, 28.90625, 27.418951080009872, 30.440389662818056, 26.583995768074953, 31.344754492799847]
  ];
  test.each(rows)('%s: %d / %d × %d', (_area, x, n, multiplier, value, l95, u95, l998, u998) => {
    const r95 = proportionCi(x, n, { confidence: 0.95, multiplier })!;
    const r998 = proportionCi(x, n, { confidence: 0.998, multiplier })!;
    close(r95.value, value, 'value');
    close(r95.lower, l95, 'lower 95%');
    close(r95.upper, u95, 'upper 95%');
    close(r998.lower, l998, 'lower 99.8%');
    close(r998.upper, u998, 'upper 99.8%');
  });
  test('missing numerator or denominator gives no proportion (Area09, Area10, Area11)', () => {
    expect(proportionCi(null, 100)).toBeNull();
    expect(proportionCi(10, null)).toBeNull();
    expect(proportionCi(undefined, undefined)).toBeNull();
  });
});

describe('phe_proportion on grouped data (testdata_Prop_g: each area summed first, 95%)', () => {
  const rows: [string, number, number, number, number, number][] = [
    ['Area1', 2, 200, 0.01, 0.002746658133544438, 0.035721761716176796],
    ['Area2', 10, 200, 0.05, 0.027382645600763925, 0.08957814813877597],
    ['Area3', 40, 200, 0.2, 0.15045200926098115, 0.2608551865653788],
    ['Area4', 130, 200, 0.65, 0.5816346433604008, 0.7127117587264192],
    ['Area5', 19712, 24690, 0.7983799108950992, 0.7933291845541375, 0.8033378032278297],
    ['Area6', 15552912, 15128673354, 0.0010280420256339154, 0.0010275314947741198, 0.0010285528098907119],
    ['Area7', 444, 6430, 0.06905132192846034, 0.06310799576298091, 0.0755092618317013],
    ['Area8', 1998, 6912, 0.2890625, 0.2784949436323704, 0.2998643901720741]
  ];
  test.each(rows)('%s: %d / %d', (_area, x, n, value, lower, upper) => {
    const r = proportionCi(x, n)!;
    close(r.value, value, 'value');
    close(r.lower, lower, 'lower');
    close(r.upper, upper, 'upper');
  });
});

describe('edge cases', () => {
  test('0 of n has lower limit exactly 0 and n of n upper limit exactly 1', () => {
    for (const confidence of [0.95, 0.998] as const) {
      const none = proportionCi(0, 40, { confidence })!;
      expect(none.value).toBe(0);
      expect(none.lower).toBe(0);
      expect(none.upper).toBeGreaterThan(0);
      const all = proportionCi(40, 40, { confidence, multiplier: 100 })!;
      expect(all.value).toBe(100);
      expect(all.upper).toBe(100);
      expect(all.lower).toBeLessThan(100);
    }
  });
  test('0 of n upper limit is z² / (n + z²)', () => {
    const z = 1.959963984540054;
    close(proportionCi(0, 40)!.upper, (z * z) / (40 + z * z), 'upper');
  });
  test('a 99.8% interval contains the 95% one', () => {
    const r95 = proportionCi(3, 17)!;
    const r998 = proportionCi(3, 17, { confidence: 0.998 })!;
    expect(r998.lower).toBeLessThan(r95.lower);
    expect(r998.upper).toBeGreaterThan(r95.upper);
  });
  test('impossible proportions give null, never NaN', () => {
    expect(proportionCi(5, 0)).toBeNull();
    expect(proportionCi(5, -10)).toBeNull();
    expect(proportionCi(-1, 10)).toBeNull();
    expect(proportionCi(11, 10)).toBeNull();
    expect(proportionCi(Number.NaN, 10)).toBeNull();
    expect(proportionCi(1, Number.POSITIVE_INFINITY)).toBeNull();
  });
});
