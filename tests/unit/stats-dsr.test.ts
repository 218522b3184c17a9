// Directly standardised rates (Dobson method) against PHEindicatormethods' own test figures (PHEindicatormethods
// 2.1.0, UKHSA/DHSC, GPL-3: testdata_DSR_ISR sheets multiarea, 1976 and testresults_DSR, transcribed here as
// numbers, not copied as files). Full double precision in the reference; compared to 1e-9 relative.
import { describe, expect, test } from 'vitest';
import { dsrCi, ESP2013, ESP2013_BANDS, MIN_DSR_COUNT, withEsp2013, type DsrBand } from '../../src/lib/domain/stats/dsr';

const REL = 1e-9;
function close(actual: number | null | undefined, expected: number, label: string) {
  expect(actual, label).toBeTypeOf('number');
  const rel = Math.abs(actual! - expected) / Math.abs(expected);
  expect(rel, `${label}: ${actual} vs ${expected}`).toBeLessThan(REL);
}

// testdata_multiarea: counts per ESP2013 band (0-4 … 90+) for three areas sharing one set of populations.
const POPULATION = [636, 558, 609, 543, 384, 594, 669, 843, 660, 576, 606, 522, 426, 273, 300, 288, 153, 123, 207];
const COUNTS: Record<string, (number | null)[]> = {
  big: [127, 25, 18, 21, 12, 27, 48, 27, 29, 32, 32, 34, 45, 65, 38, 68, 74, 82, 91],
  small: [12, 4, 3, 2, 3, 4, 8, 2, 2, 3, 4, 5, 6, 8, 5, 6, 5, 5, 4],
  tiny: [0, 0, null, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 1, 1, 2, 3] // one band missing: counts as 0
};
const bandsOf = (area: string) => withEsp2013(COUNTS[area]!.map((count, i) => ({ count, population: POPULATION[i]! })))!;

// testdata_1976: the same big-area data with the 1976 European Standard Population (18 bands, 85+ merged).
const BANDS_1976: DsrBand[] = [
  [127, 636, 8000], [25, 558, 7000], [18, 609, 7000], [21, 543, 7000], [12, 384, 7000], [27, 594, 7000], [48, 669, 7000],
  [27, 843, 7000], [29, 660, 7000], [32, 576, 7000], [32, 606, 7000], [34, 522, 6000], [45, 426, 5000], [65, 273, 4000],
  [38, 300, 3000], [68, 288, 2000], [74, 153, 1000], [82, 123, 1000]
].map(([count, population, standardPopulation]) => ({ count: count!, population: population!, standardPopulation: standardPopulation! }));

describe('European Standard Population 2013', () => {
  test('19 bands summing to 100,000, labelled in order', () => {
    expect(ESP2013).toHaveLength(19);
    expect(ESP2013.reduce((s, w) => s + w, 0)).toBe(100000);
    expect(ESP2013_BANDS).toHaveLength(19);
    expect(ESP2013_BANDS[0]).toBe('0-4');
    expect(ESP2013_BANDS[18]).toBe('90+');
  });
  test('pairing needs exactly 19 bands', () => {
    expect(withEsp2013([{ count: 1, population: 10 }])).toBeNull();
  });
});

describe('calculate_dsr, Dobson method (testresults_DSR rows 1-8)', () => {
  // area, multiplier, total count, total population, value, lower95, upper95, lower99.8, upper99.8
  type Row = [string, number, number, number, number, number, number, number, number];
  const rows: Row[] = [
    ['big', 10000, 895, 8970, 1043.0247991469423, 971.770906798568, 1117.894091547925, 932.3287880219904, 1162.0595999522059],
    ['small', 10000, 91, 8970, 110.3212025300104, 87.7455767536709, 136.70882227251795, 76.36420357939879, 153.00328948244763],
    ['big', 100000, 895, 8970, 10430.247991469423, 9717.709067985681, 11178.94091547925, 9323.287880219903, 11620.595999522058],
    ['small', 100000, 91, 8970, 1103.212025300104, 877.455767536709, 1367.0882227251795, 763.6420357939879, 1530.0328948244762]
  ];
  test.each(rows)('%s per %d', (area, multiplier, totalCount, totalPopulation, value, l95, u95, l998, u998) => {
    const r95 = dsrCi(bandsOf(area), { multiplier })!;
    const r998 = dsrCi(bandsOf(area), { multiplier, confidence: 0.998 })!;
    expect(r95.totalCount).toBe(totalCount);
    expect(r95.totalPopulation).toBe(totalPopulation);
    close(r95.value, value, 'value');
    close(r95.lower, l95, 'lower 95%');
    close(r95.upper, u95, 'upper 95%');
    close(r998.lower, l998, 'lower 99.8%');
    close(r998.upper, u998, 'upper 99.8%');
  });
  test('per 100,000 is the default', () => {
    close(dsrCi(bandsOf('big'))!.value, 10430.247991469423, 'value');
  });
  test('fewer than 10 events in total: no DSR (tiny, total 9)', () => {
    const r = dsrCi(bandsOf('tiny'))!;
    expect(r.totalCount).toBe(9);
    expect(r.totalCount).toBeLessThan(MIN_DSR_COUNT);
    expect(r.value).toBeNull();
    expect(r.lower).toBeNull();
    expect(r.upper).toBeNull();
  });
  test('user-supplied standard population: ESP1976, 95% (rows 4 and 8; their 99.8% columns are off ×10 in the sheet)', () => {
    const per10k = dsrCi(BANDS_1976, { multiplier: 10000 })!;
    expect(per10k.totalCount).toBe(804);
    expect(per10k.totalPopulation).toBe(8763);
    close(per10k.value, 859.2097585022366, 'value');
    close(per10k.lower, 799.1160931442103, 'lower 95%');
    close(per10k.upper, 922.5253880318318, 'upper 95%');
    const per100k = dsrCi(BANDS_1976)!;
    close(per100k.value, 8592.097585022366, 'value');
    close(per100k.lower, 7991.160931442103, 'lower 95%');
    close(per100k.upper, 9225.253880318318, 'upper 95%');
  });
});

describe('DSR edge cases', () => {
  const good = bandsOf('big');
  test('invalid bands give null, never NaN', () => {
    expect(dsrCi([])).toBeNull();
    expect(dsrCi(good.map((b, i) => (i === 3 ? { ...b, population: 0 } : b)))).toBeNull();
    expect(dsrCi(good.map((b, i) => (i === 3 ? { ...b, population: Number.NaN } : b)))).toBeNull();
    expect(dsrCi(good.map((b, i) => (i === 3 ? { ...b, count: -1 } : b)))).toBeNull();
    expect(dsrCi(good.map((b) => ({ ...b, standardPopulation: 0 })))).toBeNull();
  });
  test('with the same age-specific rate in every band the DSR is that rate', () => {
    const bands = ESP2013.map((standardPopulation) => ({ count: 20, population: 1000, standardPopulation }));
    close(dsrCi(bands)!.value, 2000, 'value');
  });
  test('the interval brackets the value and widens at 99.8%', () => {
    const r95 = dsrCi(good)!;
    const r998 = dsrCi(good, { confidence: 0.998 })!;
    expect(r95.lower!).toBeLessThan(r95.value!);
    expect(r95.upper!).toBeGreaterThan(r95.value!);
    expect(r998.lower!).toBeLessThan(r95.lower!);
    expect(r998.upper!).toBeGreaterThan(r95.upper!);
  });
});
