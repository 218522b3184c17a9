// Small-number suppression: primary (1–7 by default), derived figures, secondary suppression against totals,
// a changed threshold, the footnote and the '*' formatter.
import { describe, expect, test } from 'vitest';
import {
  DEFAULT_SUPPRESSION,
  formatSuppressed,
  isSmallCount,
  maxSuppressedOf,
  suppressCount,
  suppressDerived,
  suppressionFootnote,
  suppressTable,
  SUPPRESSED_MARK
} from '../../src/lib/domain/stats/suppression';

describe('single values', () => {
  test('counts of 1 to 7 are small by default; 0 and 8 are not', () => {
    expect(DEFAULT_SUPPRESSION.maxSuppressed).toBe(7);
    expect([0, 1, 4, 7, 8, 100].map((c) => isSmallCount(c))).toEqual([false, true, true, true, false, false]);
    expect(isSmallCount(null)).toBe(false);
    expect(isSmallCount(Number.NaN)).toBe(false);
    expect(suppressCount(0)).toBe(0);
    expect(suppressCount(5)).toBeNull();
    expect(suppressCount(12)).toBe(12);
    expect(suppressCount(null)).toBeNull();
  });

  test('the threshold is configurable', () => {
    expect(suppressCount(5, { maxSuppressed: 4 })).toBe(5);
    expect(suppressCount(4, { maxSuppressed: 4 })).toBeNull();
    expect(suppressCount(9, { maxSuppressed: 10 })).toBeNull();
    expect(suppressCount(1, { maxSuppressed: 0 })).toBe(1); // suppression off
  });

  test('a broken setting falls back to the default rather than showing small counts', () => {
    expect(maxSuppressedOf({ maxSuppressed: Number.NaN })).toBe(7);
    expect(maxSuppressedOf({ maxSuppressed: -3 })).toBe(7);
    expect(maxSuppressedOf({})).toBe(7);
    expect(maxSuppressedOf({ maxSuppressed: 5.9 })).toBe(5);
  });

  test('a rate from a small count is suppressed too', () => {
    expect(suppressDerived(3.2, [4])).toBeNull();
    expect(suppressDerived(3.2, [40, 5])).toBeNull();
    expect(suppressDerived(3.2, [40])).toBe(3.2);
    expect(suppressDerived(0, [0])).toBe(0);
    expect(suppressDerived(3.2, [5], { maxSuppressed: 4 })).toBe(3.2);
  });
});

describe('footnote', () => {
  test('default', () => {
    expect(suppressionFootnote()).toBe(
      'Counts of 1 to 7 are shown as * to protect privacy; rates based on them are also suppressed; ' +
        'some other cells are suppressed so suppressed values cannot be worked out from totals.'
    );
  });
  test('follows the setting', () => {
    expect(suppressionFootnote({ maxSuppressed: 10 })).toMatch(/^Counts of 1 to 10 are shown as \*/);
    expect(suppressionFootnote({ maxSuppressed: 1 })).toMatch(/^Counts of 1 are shown as \*/);
    expect(suppressionFootnote({ maxSuppressed: 0 })).toBe('No counts are suppressed in this output.');
  });
});

interface AreaRow extends Record<string, unknown> {
  icb: string;
  area: string;
  referrals: number | null;
  population: number;
  ratePer1000: number | null;
}
const row = (icb: string, area: string, referrals: number | null, population: number): AreaRow => ({
  icb,
  area,
  referrals,
  population,
  ratePer1000: referrals === null ? null : (referrals / population) * 1000
});

describe('suppressTable', () => {
  const spec = {
    countColumns: ['referrals'] as const,
    derived: { ratePer1000: 'referrals' } as const,
    groupTotals: { groupOf: (r: AreaRow) => r.icb, isTotalRow: (r: AreaRow) => r.area === 'Total' }
  };

  test('primary, derived and secondary suppression within a group with a total row', () => {
    const rows = [
      row('ICB1', 'A', 3, 1000),
      row('ICB1', 'B', 20, 2000),
      row('ICB1', 'C', 15, 1500),
      row('ICB1', 'Total', 38, 4500),
      row('ICB2', 'D', 40, 3000),
      row('ICB2', 'E', 50, 3000),
      row('ICB2', 'Total', 90, 6000)
    ];
    const t = suppressTable(rows, spec);
    // A is small; with only A hidden, A = 38 − 20 − 15, so the next smallest (C, 15) goes too, with its rate.
    expect(t.suppressed.get('0:referrals')).toBe('primary');
    expect(t.suppressed.get('0:ratePer1000')).toBe('derived');
    expect(t.suppressed.get('2:referrals')).toBe('secondary');
    expect(t.suppressed.get('2:ratePer1000')).toBe('derived');
    expect(t.suppressed.size).toBe(4);
    expect(t.rows.map((r) => r.referrals)).toEqual([null, 20, null, 38, 40, 50, 90]);
    expect(t.rows[2]!.ratePer1000).toBeNull();
    expect(t.rows[1]!.ratePer1000).toBeCloseTo(10, 12);
    // The input is untouched; other columns are kept.
    expect(rows[0]!.referrals).toBe(3);
    expect(t.rows[0]!.area).toBe('A');
  });

  test('a total shown elsewhere (no total row) protects the same way', () => {
    const rows = [row('ICB1', 'A', 2, 1000), row('ICB1', 'B', 40, 2000), row('ICB1', 'C', 12, 1500)];
    const t = suppressTable(rows, { ...spec, groupTotals: { groupOf: (r: AreaRow) => r.icb } });
    expect([...t.suppressed.keys()].sort()).toEqual(['0:ratePer1000', '0:referrals', '2:ratePer1000', '2:referrals']);
  });

  test('two small cells already protect each other: no secondary suppression', () => {
    const rows = [row('ICB1', 'A', 2, 1000), row('ICB1', 'B', 6, 2000), row('ICB1', 'C', 12, 1500), row('ICB1', 'Total', 20, 4500)];
    const t = suppressTable(rows, spec);
    expect([...t.suppressed.values()].filter((r) => r === 'secondary')).toHaveLength(0);
    expect(t.rows.map((r) => r.referrals)).toEqual([null, null, 12, 20]);
  });

  test('a small total hides nothing further; a lone part takes its total with it', () => {
    const small = suppressTable([row('X', 'A', 3, 100), row('X', 'B', 2, 100), row('X', 'Total', 5, 200)], spec);
    expect(small.rows.map((r) => r.referrals)).toEqual([null, null, null]);
    const lone = suppressTable([row('Y', 'A', 6, 100), row('Y', 'Total', 6, 100)], spec);
    expect(lone.suppressed.get('1:referrals')).toBe('primary');
    const loneBig = suppressTable([row('Y', 'A', 6, 100), row('Y', 'Other', null, 100), row('Y', 'Total', 30, 200)], spec);
    expect(loneBig.suppressed.get('2:referrals')).toBe('secondary'); // no other shown part: the total goes
  });

  test('the complement is the smallest non-zero cell, not a zero', () => {
    const rows = [row('Z', 'A', 4, 100), row('Z', 'B', 0, 100), row('Z', 'C', 25, 100), row('Z', 'D', 60, 100), row('Z', 'Total', 89, 400)];
    const t = suppressTable(rows, spec);
    expect(t.suppressed.get('2:referrals')).toBe('secondary');
    expect(t.isSuppressed(1, 'referrals')).toBe(false);
  });

  test('row totals: age bands adding up to all ages', () => {
    interface AgeRow extends Record<string, unknown> {
      area: string;
      age0to17: number;
      age18to64: number;
      age65plus: number;
      allAges: number;
    }
    const rows: AgeRow[] = [
      { area: 'A', age0to17: 5, age18to64: 30, age65plus: 12, allAges: 47 },
      { area: 'B', age0to17: 15, age18to64: 30, age65plus: 12, allAges: 57 }
    ];
    const t = suppressTable(rows, {
      countColumns: ['age0to17', 'age18to64', 'age65plus', 'allAges'],
      rowTotals: [{ parts: ['age0to17', 'age18to64', 'age65plus'], total: 'allAges' }]
    });
    expect(t.rows[0]).toEqual({ area: 'A', age0to17: null, age18to64: 30, age65plus: null, allAges: 47 });
    expect(t.rows[1]).toEqual(rows[1]);
  });

  test('secondary suppressions cascade across row and column totals until every total is safe', () => {
    interface Row2 extends Record<string, unknown> {
      area: string;
      young: number;
      old: number;
      total: number;
    }
    const rows: Row2[] = [
      { area: 'A', young: 3, old: 20, total: 23 },
      { area: 'B', young: 15, old: 30, total: 45 }
    ];
    const t = suppressTable(rows, {
      countColumns: ['young', 'old', 'total'],
      rowTotals: [{ parts: ['young', 'old'], total: 'total' }],
      groupTotals: { groupOf: () => 'all' } // column totals are published in a headline
    });
    // A.young is small → A.old (its row's other part) → B.young and B.old (each column's other part).
    expect(Object.fromEntries(t.suppressed)).toEqual({
      '0:young': 'primary',
      '0:old': 'secondary',
      '1:young': 'secondary',
      '1:old': 'secondary'
    });
    expect(t.rows.map((r) => r.total)).toEqual([23, 45]);
  });

  test('changing the threshold changes what is suppressed', () => {
    const rows = [row('ICB1', 'A', 3, 1000), row('ICB1', 'B', 9, 2000), row('ICB1', 'C', 15, 1500), row('ICB1', 'Total', 27, 4500)];
    expect(suppressTable(rows, spec, { maxSuppressed: 2 }).suppressed.size).toBe(0);
    const ten = suppressTable(rows, spec, { maxSuppressed: 10 });
    expect(ten.rows.map((r) => r.referrals)).toEqual([null, null, 15, 27]); // A and B both small: no secondary needed
    const seven = suppressTable(rows, spec);
    expect(seven.rows.map((r) => r.referrals)).toEqual([null, null, 15, 27]); // A small, B (9) its complement
    expect(seven.suppressed.get('1:referrals')).toBe('secondary');
    expect(suppressTable(rows, spec, { maxSuppressed: 0 }).suppressed.size).toBe(0);
  });

  test('formatter: * for a suppressed cell, the formatter for shown and missing ones', () => {
    const rows = [row('ICB1', 'A', 3, 1000), row('ICB1', 'B', null, 2000), row('ICB1', 'C', 15, 1500), row('ICB1', 'D', 25, 1500)];
    const t = suppressTable(rows, { ...spec, groupTotals: undefined });
    const fmt = (v: unknown) => (typeof v === 'number' ? v.toFixed(1) : '–');
    expect(formatSuppressed(t, 0, 'referrals', fmt)).toBe(SUPPRESSED_MARK);
    expect(formatSuppressed(t, 0, 'ratePer1000', fmt)).toBe('*');
    expect(formatSuppressed(t, 1, 'referrals', fmt)).toBe('–');
    expect(formatSuppressed(t, 2, 'referrals', fmt)).toBe('15.0');
    expect(formatSuppressed(t, 9, 'referrals', fmt)).toBe('–');
  });

  test('an empty table is fine', () => {
    const t = suppressTable([] as AreaRow[], spec);
    expect(t.rows).toEqual([]);
    expect(t.suppressed.size).toBe(0);
  });
});
