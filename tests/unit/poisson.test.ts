// Poisson count and rate confidence intervals against PHEindicatormethods' own test figures
// (PHEindicatormethods 2.1.0, UKHSA/DHSC, GPL-3: testdata_Byars_Wilson and testdata_Rate, transcribed
// here as numbers, not copied as files).
import { describe, expect, test } from 'vitest';
import { byarsLower, byarsUpper, countCi, exactLower, exactUpper, gammaP, gammaQuantile, rateCi, type Confidence } from '../../src/lib/domain/stats/poisson';

const REL = 1e-9;
function close(actual: number | undefined, expected: number, label: string) {
  expect(actual, label).toBeDefined();
  const rel = Math.abs(actual! - expected) / Math.max(Math.abs(expected), 1e-300);
  expect(rel, `${label}: ${actual} vs ${expected}`).toBeLessThan(REL);
}

describe("Byar's limits on a count (testdata_B_W, Byars rows)", () => {
  const rows: [x: number, lower: number, upper: number, confidence: Confidence][] = [
    [65, 50.163187710459454, 82.84913854593984, 0.95],
    [1045, 982.5932018073325, 1110.33121298565, 0.95],
    [1, 0.01307213290150435, 5.5637555824752605, 0.95],
    [65, 42.8802614714802, 94.00029084431802, 0.998],
    [1045, 947.9407035610374, 1148.806160988033, 0.998],
    [10, 2.916318374695686, 24.193724927880535, 0.998]
  ];
  test.each(rows)('x = %d: %d to %d at %d', (x, lower, upper, confidence) => {
    close(byarsLower(x, confidence), lower, 'lower');
    close(byarsUpper(x, confidence), upper, 'upper');
  });
  test('row 13 (x = 1 at 99.8%): the upper limit; the lower is negative before the floor and blank in the sheet', () => {
    close(byarsUpper(1, 0.998), 9.362180217908362, 'upper');
    expect(byarsLower(1, 0.998)).toBe(0);
  });
});

describe('phe_rate: exact limits below 10, Byar\'s from 10 (testdata_Rate)', () => {
  // Area, numerator, denominator, value, lower95, upper95, lower99.8, upper99.8, method, per.
  type Row = [string, number, number, number, number, number, number, number, 'exact' | 'byars', number];
  const rows: Row[] = [
    ['Area1', 1, 100, 1, 0.025317807984289897, 5.571643390938898, 0.0010005003335835344, 9.233413476451585, 'exact', 100],
    ['Area2', 5, 100, 5, 1.62348639011842, 11.668332079322669, 0.739371731917839, 16.454745203680105, 'exact', 100],
    ['Area3', 20, 100, 20, 12.211428834875937, 30.889880369197066, 8.922802365144193, 38.08503562504191, 'byars', 100],
    ['Area4', 65, 100, 65, 50.163187710459454, 82.84913854593984, 42.8802614714802, 94.00029084431802, 'byars', 100],
    ['Area5', 9856, 12345, 79.83799108950991, 78.26949058976757, 81.4300165427214, 77.37590543271052, 82.3544727709543, 'byars', 100],
    ['Area6', 7776456, 7564336677, 0.10280420256339154, 0.10273196005302074, 0.10287648334092832, 0.102690317308454, 0.10291817639509068, 'byars', 100],
    ['Area7', 222, 3215, 6.905132192846033, 6.026574877652675, 7.87572937087185, 5.560737695259854, 8.46104668173341, 'byars', 100],
    ['Area8', 999, 3456, 28.90625, 27.14130493609052, 30.755833237378415, 26.162147596445767, 31.845604819822654, 'byars', 100],
    ['Area1', 1, 100, 1000, 25.317807984289896, 5571.643390938898, 1.0005003335835343, 9233.413476451586, 'exact', 100000],
    ['Area2', 5, 100, 5000, 1623.4863901184199, 11668.332079322669, 739.3717319178389, 16454.745203680104, 'exact', 100000],
    ['Area3', 20, 100, 20000, 12211.428834875936, 30889.880369197064, 8922.802365144193, 38085.03562504191, 'byars', 100000],
    ['Area4', 65, 100, 65000, 50163.18771045945, 82849.13854593984, 42880.261471480204, 94000.290844318, 'byars', 100000],
    ['Area5', 9856, 12345, 79837.99108950992, 78269.49058976758, 81430.01654272141, 77375.90543271053, 82354.47277095431, 'byars', 100000],
    ['Area6', 7776456, 7564336677, 102.80420256339154, 102.73196005302074, 102.87648334092832, 102.690317308454, 102.91817639509068, 'byars', 100000],
    ['Area7', 222, 3215, 6905.132192846034, 6026.574877652674, 7875.729370871851, 5560.737695259853, 8461.04668173341, 'byars', 100000],
    ['Area8', 999, 3456, 28906.25, 27141.30493609052, 30755.833237378414, 26162.147596445768, 31845.604819822653, 'byars', 100000],
    // Numerator above the denominator is allowed for rates.
    ['Area12', 250, 220, 113636.36363636365, 99984.94738532876, 128631.14487455782, 92710.00554438953, 137651.23772147458, 'byars', 100000]
  ];
  test.each(rows)('%s: %d / %d', (_area, n, d, value, l95, u95, l998, u998, method, per) => {
    const r95 = rateCi(n, d, per, 0.95)!;
    const r998 = rateCi(n, d, per, 0.998)!;
    close(r95.value, value, 'value');
    close(r95.lower, l95, 'lower 95%');
    close(r95.upper, u95, 'upper 95%');
    close(r998.lower, l998, 'lower 99.8%');
    close(r998.upper, u998, 'upper 99.8%');
    expect(r95.method).toBe(method);
  });
  test('missing numerator or denominator gives no rate (Area09, Area10, Area11)', () => {
    expect(rateCi(null, 100, 100000)).toBeNull();
    expect(rateCi(10, null, 100000)).toBeNull();
    expect(rateCi(null, null, 100000)).toBeNull();
    expect(rateCi(10, 0, 100000)).toBeNull();
  });
});

describe('phe_rate on grouped data (testdata_Rate_g: each area summed first, per 100,000, 95%)', () => {
  const rows: [string, number, number, number, number, number, 'exact' | 'byars'][] = [
    ['Area1', 2, 200, 1000, 121.10463927198258, 3612.3438338619794, 'exact'],
    ['Area2', 10, 200, 5000, 2393.7249569837822, 9195.729302878237, 'byars'],
    ['Area3', 40, 200, 20000, 14286.649933218456, 27235.04966001213, 'byars'],
    ['Area4', 130, 200, 65000, 54306.52101925725, 77182.74430661963, 'byars'],
    ['Area5', 19712, 24690, 79837.99108950992, 78727.30027133638, 80960.43271813256, 'byars'],
    ['Area6', 15552912, 15128673354, 102.80420256339154, 102.7531168009107, 102.85530745877516, 'byars'],
    ['Area7', 444, 6430, 6905.132192846034, 6277.68811414578, 7578.304458634362, 'byars'],
    ['Area8', 1998, 6912, 28906.25, 27652.52008830221, 30202.169187218453, 'byars'],
    ['Area12', 250, 220, 113636.36363636365, 99984.94738532876, 128631.14487455782, 'byars']
  ];
  test.each(rows)('%s: %d / %d', (_area, n, d, value, lower, upper, method) => {
    const r = rateCi(n, d, 100000)!;
    close(r.value, value, 'value');
    close(r.lower, lower, 'lower');
    close(r.upper, upper, 'upper');
    expect(r.method).toBe(method);
  });
});

describe('exact limits and the gamma functions', () => {
  test('a zero count has lower limit 0 and upper −ln(α/2)', () => {
    const ci = countCi(0, 0.95)!;
    expect(ci.lower).toBe(0);
    close(ci.upper, -Math.log(0.025), 'upper'); // P(1, x) = 1 − e^−x
  });
  test('exact limits for x = 9 and 10 switch method at 10', () => {
    expect(countCi(9)!.method).toBe('exact');
    expect(countCi(10)!.method).toBe('byars');
    expect(exactLower(9, 0.95)).toBeLessThan(9);
    expect(exactUpper(9, 0.95)).toBeGreaterThan(9);
  });
  test('gamma quantile inverts P(a, x) on both sides of a + 1', () => {
    for (const a of [0.5, 1, 3, 10, 60]) {
      for (const p of [0.001, 0.025, 0.5, 0.975, 0.999]) close(gammaP(a, gammaQuantile(p, a)), p, `P(${a}, q(${p}))`);
    }
  });
});
