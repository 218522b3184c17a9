import { describe, expect, test } from 'vitest';
import { fairShares } from '../../src/lib/domain/fair-share';
import { annualRatePer1000 } from '../../src/lib/domain/rates';
import { needIndex } from '../../src/lib/domain/need';
import { safeCell, toCsv } from '../../src/lib/export/csv';
import { templateCsv } from '../../src/lib/export/templates';
import { EXTRACTS } from '../../src/lib/domain/extracts';
import { readFileSync } from 'node:fs';

describe('fair share and distance from target', () => {
  test('hand-computed example', () => {
    // Total £300 over weighted populations 100, 200, 300: fair shares 50, 100, 150.
    const rows = fairShares([
      { area_code: 'A', funding: 100, weighted_population: 100 },
      { area_code: 'B', funding: 100, weighted_population: 200 },
      { area_code: 'C', funding: 100, weighted_population: 300 }
    ]);
    expect(rows.map((r) => r.fair_share)).toEqual([50, 100, 150]);
    expect(rows.map((r) => r.dft)).toEqual([1, 0, -1 / 3]);
    expect(rows.map((r) => r.gap_gbp)).toEqual([50, 0, -50]);
  });
  test('areas without population get no fair share and do not distort others', () => {
    const rows = fairShares([
      { area_code: 'A', funding: 10, weighted_population: 0 },
      { area_code: 'B', funding: 90, weighted_population: 10 }
    ]);
    expect(rows[0]!.dft).toBeNull();
    expect(rows[1]!.fair_share).toBe(90);
  });
});

describe('rates', () => {
  test('annualised per 1,000', () => {
    expect(annualRatePer1000(50, 10000)).toBe(5);
    expect(annualRatePer1000(25, 10000, 6)).toBe(5);
    expect(annualRatePer1000(5, 0)).toBeNull();
  });
});

describe('Excel-safe CSV', () => {
  test('neutralises formulas but keeps negative numbers', () => {
    expect(safeCell('=HYPERLINK("http://x","y")')).toBe(`"'=HYPERLINK(""http://x"",""y"")"`);
    expect(safeCell('+44 123')).toBe("'+44 123");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('-12.5')).toBe('-12.5');
    expect(safeCell(-3)).toBe('-3');
    expect(safeCell('\tcmd')).toBe("'\tcmd");
  });
  test('BOM, CRLF and quoting', () => {
    const csv = toCsv(['a', 'b'], [{ a: 'x,y', b: '£5' }]);
    expect(csv).toBe('\ufeffa,b\r\n"x,y",£5\r\n');
  });
  test('templates carry every canonical field', () => {
    const t = templateCsv('referrals');
    expect(t.split('\r\n')[0]).toBe('\ufeff' + EXTRACTS.referrals.fields.map((f) => f.name).join(','));
    // One way to give each field: the funding template has the amount, not a ledger's debit and credit.
    const funding = templateCsv('funding').split('\r\n')[0]!.replace('\ufeff', '').split(',');
    expect(funding).toContain('amount_gbp');
    expect(funding).not.toContain('debit_gbp');
    expect(funding).toHaveLength(EXTRACTS.funding.fields.length - 2);
  });
});

describe('data dictionary', () => {
  test('docs/data-dictionary.md describes every canonical field', () => {
    const doc = readFileSync(new URL('../../docs/data-dictionary.md', import.meta.url), 'utf8');
    for (const spec of Object.values(EXTRACTS)) {
      for (const f of spec.fields) expect(doc, `${spec.kind}.${f.name}`).toContain(`| \`${f.name}\` |`);
    }
  });
});

describe('need index', () => {
  const areas = [
    { area_code: 'A', population: 1000, imd_score: 40, pop_65_plus: 300 },
    { area_code: 'B', population: 3000, imd_score: 20, pop_65_plus: 300 }
  ];
  test('hand-computed: deprivation and age relative to population-weighted means', () => {
    // Mean score 25 -> d = 1.6, 0.8. Mean 65+ share 600/4000 = 0.15 -> a = 2, 0.667.
    const { areas: out } = needIndex(areas, { deprivation: 0.5, age: 0.25 });
    expect(out[0]!.need_index).toBeCloseTo(1 + 0.5 * 0.6 + 0.25 * 1, 10);
    expect(out[1]!.need_index).toBeCloseTo(1 + 0.5 * -0.2 + 0.25 * (0.1 / 0.15 - 1), 10);
    // The weighted population keeps the total population.
    expect(out[0]!.weighted_population + out[1]!.weighted_population).toBeCloseTo(4000, 8);
  });
  test('weights change the result; zero weights give population alone', () => {
    const flat = needIndex(areas, { deprivation: 0, age: 0 }).areas;
    expect(flat.map((a) => a.weighted_population)).toEqual([1000, 3000]);
    const dep = needIndex(areas, { deprivation: 1, age: 0 }).areas;
    expect(dep[0]!.need_index).toBeCloseTo(1.6, 10);
  });
  test('deciles stand in for scores; missing data counts as average', () => {
    const r = needIndex([
      { area_code: 'A', population: 100, imd_decile: 1 },
      { area_code: 'B', population: 100, imd_decile: 10 },
      { area_code: 'C', population: 100 }
    ], { deprivation: 1, age: 0 });
    // 11 − decile: 10 and 1, mean 5.5 -> 1.818 and 0.182; C average.
    expect(r.areas.map((a) => +a.need_index.toFixed(3))).toEqual([1.818, 0.182, 1]);
    expect(r.missing).toEqual({ deprivation: 1, age: 3 });
  });
});
