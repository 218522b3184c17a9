// What each chart shows in a sentence (its "finding"): the default caption and the start of its alternative
// text in a board pack. Checked on hand-made figures: the sentence names the right area or month, with the
// value as the chart formats it, and never a suppressed or incomplete figure.
import { describe, expect, test } from 'vitest';
import { barFinding } from '../../src/lib/charts/bar-chart';
import { cypSpec, varietySpec } from '../../src/lib/charts/ranked-specs';
import { trendFinding } from '../../src/lib/charts/trend-chart';
import { measureFinding } from '../../src/lib/domain/findings';
import { fmt1, fmtGbpShortSigned, fmtInt, fmtPctSigned } from '../../src/lib/domain/format';
import type { CypRow } from '../../src/lib/domain/equity/cyp-variety';
import type { SuppressedTable } from '../../src/lib/domain/stats/suppression';

const base = { id: 'x', title: 'T', subtitle: 'S', source: 'Src', footnote: 'F' };

describe('the map', () => {
  const dft = { id: 'dft' as const, label: 'Distance from target', format: fmtPctSigned, higherIsBetter: true };
  test('distance from target: the furthest below its fair share, in words', () => {
    const rows = [
      { name: 'Wirral', value: 0.12, rank: 3 }, { name: 'Sefton', value: -0.418, rank: 1 }, { name: 'Hidden', value: -0.9, rank: null, suppressed: true },
      { name: 'Knowsley', value: -0.05, rank: 2 }
    ];
    expect(measureFinding(dft, rows)).toBe('Sefton receives 41.8% less than its fair share, the furthest below of 3 areas.');
  });
  test('no area below: said as such; nothing ranked: no sentence', () => {
    expect(measureFinding(dft, [{ name: 'A', value: 0.01, rank: 1 }, { name: 'B', value: 0.2, rank: 2 }])).toBe('Every area receives at least its fair share; A is closest to it (+1.0%).');
    expect(measureFinding(dft, [{ name: 'A', value: null, rank: null }])).toBe('');
  });
  test('funding gap in pounds; other measures by rank 1 against the last', () => {
    const gap = { id: 'gap_gbp' as const, label: 'Funding gap', format: fmtGbpShortSigned, higherIsBetter: true };
    expect(measureFinding(gap, [{ name: 'Sefton', value: -386923, rank: 1 }, { name: 'Wirral', value: 5000, rank: 2 }])).toBe('Sefton receives £386,923 less than its fair share, the largest shortfall of 2 areas.');
    const wait = { id: 'median_wait_days' as const, label: 'Median wait', format: (v: number | null) => `${v} days`, higherIsBetter: false };
    expect(measureFinding(wait, [{ name: 'Bury', value: 12, rank: 2 }, { name: 'Fylde', value: 40, rank: 1 }])).toBe('Fylde has the highest median wait of 2 areas: 40 days, against 12 days in Bury.');
  });
});

test('bars: the largest and the smallest, in the unit of the axis; percentages as percentages', () => {
  const bars = [{ key: 'a', label: 'Hyndburn', value: 21.46 }, { key: 'b', label: 'Sefton', value: 10.2 }, { key: 'c', label: 'Fylde', value: null }, { key: 'd', label: 'Bury', value: 15 }];
  expect(barFinding(bars, { unit: 'places per 1,000' }, fmt1)).toBe('Highest: Hyndburn, 21.5; lowest: Sefton, 10.2 (places per 1,000).');
  expect(barFinding([{ key: 'a', label: 'P1', value: 1.253 }, { key: 'b', label: 'P2', value: 0.4 }], { unit: 'utilisation', percent: true }, fmt1)).toBe('Highest: P1, 125.3%; lowest: P2, 40.0% (utilisation).');
  expect(barFinding([], { unit: 'u' }, fmt1)).toBe('');
});

test('trend: the latest complete month against a year before; incomplete and suppressed months are never named, and a later suppressed one is said', () => {
  const rows = [
    { group: null, month: '2024-01', value: 100 }, { group: null, month: '2024-02', value: 120 },
    { group: null, month: '2025-01', value: 150 }, { group: null, month: '2025-02', value: 9, suppressed: true }, { group: null, month: '2025-03', value: 40, incomplete: true }
  ];
  const config = { format: fmtInt, groupName: (g: string | null) => g ?? 'All', unit: 'referrals a month' };
  // Feb 2025 is complete but suppressed: Jan is not "the latest complete month" (a board pack said so).
  expect(trendFinding(rows, config)).toBe('Jan 2025, the latest complete month not suppressed as a small number: 150 (referrals a month), against 100 a year before (+50.0%).');
  expect(trendFinding(rows.slice(0, 3), config)).toBe('Jan 2025, the latest complete month: 150 (referrals a month), against 100 a year before (+50.0%).');
  expect(trendFinding([...rows.slice(0, 3), rows[4]!], config)).toBe('Jan 2025, the latest complete month: 150 (referrals a month), against 100 a year before (+50.0%).');
  const two = [{ group: 'GP', month: '2025-01', value: 30 }, { group: 'Self', month: '2025-01', value: 45 }, { group: 'GP', month: '2024-12', value: 99 }];
  expect(trendFinding(two, config)).toBe('In Jan 2025, the latest complete month, Self had the most: 45 (referrals a month).');
});

test('children and young people: the largest shortfall the table shows; variety: the fewest and the most', () => {
  const row = (name: string, share: number, pop: number): CypRow => ({
    code: name, name, cypReferrals: 10, agedReferrals: 100, referralShare: share, referralLower: share - 2, referralUpper: share + 2, populationShare: pop, gap: share - pop, rank: null
  });
  const rows = [row('Ay', 18, 20), row('Bee', 9, 21), row('Cee', 25, 19)];
  const hidden = new Set<string>();
  const table = { rows, suppressed: new Map(), isSuppressed: (r: number, c: string) => hidden.has(`${r}:${c}`) } as unknown as SuppressedTable<CypRow>;
  expect(cypSpec(base, table).finding).toBe('The largest shortfall is in Bee: 9.0% of referrals are of children and young people, against 21.0% of residents.');
  // Bee's gap hidden: the next largest is named, never Bee.
  hidden.add('1:gap');
  expect(cypSpec(base, table).finding).toContain('in Ay:');
  const variety = varietySpec(base, [{ code: 'a', name: 'Ay', providerCategories: 5, rank: 2 }, { code: 'b', name: 'Bee', providerCategories: 2, rank: 1 }, { code: 'c', name: 'Cee', providerCategories: 9, rank: 3 }] as never);
  expect(variety.finding).toBe('Bee has the fewest service categories with capacity (2); Cee the most (9).');
});
