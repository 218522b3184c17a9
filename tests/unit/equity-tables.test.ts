// The Equity view's tables: small-number suppression in one place (domain/equity/disclosure.ts), the fair-share
// rows, Lorenz curve and sorting (fair-share-rows.ts), the CYP gap and service variety ranks (cyp-variety.ts),
// their Plot options (lorenz-chart.ts, ranked-charts.ts) and the view's URL (state/equity-url.ts).
import { describe, expect, test } from 'vitest';
import { lorenzOptions } from '../../src/lib/charts/lorenz-chart';
import { cypOptions, varietyOptions } from '../../src/lib/charts/ranked-charts';
import { barRowsDrawn } from '../../src/lib/charts/bar-chart';
import { ROLE } from '../../src/lib/charts/palette';
import type { AreaCapacity, CypGap } from '../../src/lib/domain/capacity';
import { cypRows, rankCyp, varietyRows } from '../../src/lib/domain/equity/cyp-variety';
import { anySuppressed, showCyp, showFunnel, showGradient, suppressNested } from '../../src/lib/domain/equity/disclosure';
import { referralRateFunnel } from '../../src/lib/domain/equity/funnel-data';
import { fairShareRows, lorenzOfFunding } from '../../src/lib/domain/equity/fair-share-rows';
import { sortTwinRows, type TwinColumn } from '../../src/lib/charts/twin-table';
import type { GradientRow } from '../../src/lib/domain/equity/gradient';
import { computeAreaMeasures, type AreaAggregateRow } from '../../src/lib/domain/measures';
import { giniOfFundingPerHead } from '../../src/lib/domain/stats/gini';
import { formatSuppressed } from '../../src/lib/domain/stats/suppression';
import { fyMonths, parseEquityView, writeEquityView } from '../../src/lib/state/equity-url';

const gradientRow = (quantile: number, referrals: number, firstContacts = 100): GradientRow => ({
  quantile, areas: 1, population: 1000, referrals, rate: referrals, rateLower: referrals * 0.9, rateUpper: referrals * 1.1,
  funding: 1000, fundingPerHead: 1, fundingSe: 0.1, firstContacts, medianWait: 20
});

describe('suppression of the gradient table', () => {
  test('a count of 1–7 is *, with its rate and interval; a second group goes with it; money is never suppressed', () => {
    const shown = showGradient([gradientRow(1, 5), gradientRow(2, 40), gradientRow(3, 30), gradientRow(4, 0)]);
    expect(formatSuppressed(shown, 0, 'referrals', String)).toBe('*');
    expect(shown.rows[0]).toMatchObject({ referrals: null, rate: null, rateLower: null, rateUpper: null, fundingPerHead: 1, population: 1000 });
    // Secondary: the smallest other non-zero count (30, not the 0).
    expect(shown.suppressed.get('2:referrals')).toBe('secondary');
    expect(shown.rows[3]!.referrals).toBe(0);
    expect(anySuppressed(shown, 'referrals')).toBe(true);
    expect(anySuppressed(showGradient([gradientRow(1, 50), gradientRow(2, 40)]), 'referrals')).toBe(false);
  });

  test('a median wait of a handful of people is suppressed with its count', () => {
    const shown = showGradient([gradientRow(1, 50, 3), gradientRow(2, 40, 100), gradientRow(3, 40, 200)]);
    expect(shown.rows[0]).toMatchObject({ firstContacts: null, medianWait: null, rate: 50 });
  });
});

describe('suppression under two ways of adding up (parents and the whole)', () => {
  const rows = [
    { code: 'A', parent: 'P', n: 3 }, { code: 'B', parent: 'P', n: 50 }, { code: 'C', parent: 'P', n: 20 },
    { code: 'D', parent: 'Q', n: 40 }, { code: 'E', parent: 'Q', n: 30 },
    { code: 'F', parent: '', n: 5 } // no parent: alone in its group
  ];
  const spec = { countColumns: ['n'] as const, derived: {}, groupings: [(r: (typeof rows)[number]) => r.parent, () => 'all'] };

  test('a lone small count takes the smallest in its parent; one alone in its group takes another via the whole', () => {
    const t = suppressNested(rows, spec);
    expect(t.suppressed.get('0:n')).toBe('primary'); // A
    expect(t.suppressed.get('2:n')).toBe('secondary'); // C, the smallest other in P
    expect(t.suppressed.get('5:n')).toBe('primary'); // F
    // With parents only, F could be worked out from the whole: A, C, F are three unknowns there, so the whole
    // is safe already; nothing else is suppressed.
    expect([...t.suppressed.keys()].sort()).toEqual(['0:n', '2:n', '5:n']);
    // F alone small, nothing small elsewhere: the whole takes the smallest other (C's 20); then C is alone in
    // P, so P takes its smallest other (B's 50, A now being 60). Passes repeat until nothing changes.
    const alone = suppressNested(rows.map((r) => (r.code === 'A' ? { ...r, n: 60 } : r)), spec);
    expect([...alone.suppressed.keys()].sort()).toEqual(['1:n', '2:n', '5:n']);
    expect(alone.suppressed.get('2:n')).toBe('secondary');
  });

  test('threshold 0 suppresses nothing', () => {
    expect(suppressNested(rows, spec, { maxSuppressed: 0 }).suppressed.size).toBe(0);
  });

  test('the funnel hides at least the areas the Map hides (the same rule within parents)', () => {
    const areas = [
      aggregateWithReferrals('A', 'P', 3), aggregateWithReferrals('B', 'P', 50), aggregateWithReferrals('C', 'P', 20),
      aggregateWithReferrals('D', 'Q', 4), aggregateWithReferrals('E', 'Q', 30), aggregateWithReferrals('F', 'Q', 90)
    ];
    const map = computeAreaMeasures(areas, { deprivation: 0.5, age: 0.25 });
    const mapHidden = map.rows.filter((r) => r.measures.referral_rate.suppressed).map((r) => r.area_code);
    const funnel = referralRateFunnel(areas.map((a) => ({ code: a.area_code, name: a.area_code, population: a.population, referrals: a.referrals })), 12)!;
    const parents = new Map(areas.map((a) => [a.area_code, a.parent_code ?? '']));
    const shown = showFunnel(funnel.rows, 'referral_rate', (c) => parents.get(c) ?? '');
    const funnelHidden = shown.rows.filter((_, i) => shown.isSuppressed(i, 'value')).map((r) => r.code);
    expect(mapHidden).toEqual(['A', 'C', 'D', 'E']);
    expect(funnelHidden).toEqual(mapHidden);
  });
});

const gap = (code: string, cyp: number, known: number, pop017: number | null, population: number | null = 1000): CypGap => {
  const share = known > 0 ? cyp / known : null;
  const popShare = pop017 === null || population === null ? null : pop017 / population;
  return {
    area_code: code, area_name: `Area ${code}`, referrals: known, age_known: known, cyp_referrals: cyp, population, pop_0_17: pop017,
    referral_share: share, referral_share_lower: share === null ? null : share * 0.8, referral_share_upper: share === null ? null : share * 1.2,
    population_share: popShare, gap: share !== null && popShare !== null ? share - popShare : null, gap_lower: null, gap_upper: null
  };
};

describe('children and young people gap', () => {
  test('percentages and percentage points; ranked from the largest shortfall after suppression', () => {
    const rows = cypRows([gap('A', 50, 1000, 200), gap('B', 100, 1000, 200), gap('C', 3, 10, 300), gap('D', 10, 100, 250), gap('X', 1, 5, null, null)]);
    expect(rows.map((r) => r.code)).toEqual(['A', 'B', 'C', 'D']); // X is not in the population extract
    expect(rows[0]).toMatchObject({ referralShare: 5, populationShare: 20 });
    expect(rows[0]!.gap).toBeCloseTo(-15, 12);
    const shown = showCyp(rows);
    // C's 3 is suppressed (primary) and D's 10 (the smallest other) with it; A (−15) and B (−10) are ranked.
    expect(shown.rows.map((r) => [r.code, r.rank])).toEqual([['A', 1], ['B', 2], ['C', null], ['D', null]]);
    expect(shown.isSuppressed(2, 'cypReferrals')).toBe(true);
    expect(shown.isSuppressed(2, 'gap')).toBe(true);
    expect(shown.suppressed.get('3:cypReferrals')).toBe('secondary');
    expect(shown.isSuppressed(0, 'gap')).toBe(false);
    expect(formatSuppressed(shown, 2, 'referralShare', String)).toBe('*');
    expect(rankCyp([{ name: 'x', gap: 1, rank: null }, { name: 'y', gap: -2, rank: null }]).map((r) => r.name)).toEqual(['y', 'x']);
  });

  test('plot options: rows in rank order; suppressed shares have no dot; population ticks stay', () => {
    const shown = showCyp(cypRows([gap('A', 50, 1000, 200), gap('B', 100, 1000, 200), gap('C', 3, 10, 300), gap('D', 10, 100, 250)]));
    const options = cypOptions(shown.rows.map((r) => ({ name: r.name!, referralShare: r.referralShare, referralLower: r.referralLower, referralUpper: r.referralUpper, populationShare: r.populationShare })));
    expect((options.y as { domain: string[] }).domain).toEqual(['Area A', 'Area B', 'Area C', 'Area D']);
    const marks = options.marks as unknown as { className?: string; data?: unknown[] }[];
    expect(marks.find((m) => m.className === 'cyp-referrals')!.data).toHaveLength(2);
    expect(marks.find((m) => m.className === 'cyp-population')!.data).toHaveLength(4);
  });
});

describe('service variety', () => {
  const area = (code: string, variety: number | null, population: number | null = 1000): AreaCapacity => ({
    area_code: code, area_name: code, population, monthly_capacity: null, providers_with_capacity: null, service_variety: variety,
    service_categories: variety ? ['arts', 'debt'].slice(0, variety) : [], open_caseload: null, link_worker_fte: null, as_of: '2025-03-31',
    partial: false, capacity_per_1000: null, caseload_per_fte: null
  });

  test('rank 1 = fewest categories, ties share, unknown last; bars for those with a figure', () => {
    const rows = varietyRows([area('A', 2), area('B', 0), area('C', 2), area('D', null), area('Z', 9, null)]);
    expect(rows.map((r) => [r.code, r.rank])).toEqual([['B', 1], ['A', 2], ['C', 2], ['D', null]]);
    const marks = varietyOptions(rows).marks as unknown as { className?: string; data?: unknown[] }[];
    expect(marks.find((m) => m.className === 'variety-bars')!.data).toHaveLength(3);
  });

  test('drawn as every bar chart (and as Capacity draws it): the most categories at the top, ties by name, in the measure colour', () => {
    const rows = varietyRows([area('A', 2), area('B', 0), area('C', 2), area('D', null)]);
    const o = varietyOptions(rows);
    expect((o.y as { domain: string[] }).domain).toEqual(['A', 'C', 'B', 'D']);
    // Capacity's bar chart of the same areas draws them in the same order.
    const bars = barRowsDrawn([{ key: 'B', label: 'B', value: 0 }, { key: 'C', label: 'C', value: 2 }, { key: 'A', label: 'A', value: 2 }]);
    expect(bars.map((b) => b.label)).toEqual(['A', 'C', 'B']);
    const bar = (o.marks as unknown as { className?: string; fill?: unknown }[]).find((m) => m.className === 'variety-bars') as unknown as { channels?: unknown };
    expect(JSON.stringify(bar)).toContain(ROLE.measure);
  });
});

const aggregate = (code: string, population: number, funding: number, imd: number): AreaAggregateRow => ({
  area_code: code, area_name: `Area ${code}`, parent_code: null, parent_name: null, population, imd_score: imd, imd_decile: null,
  pop_65_plus: population * 0.2, funding, funding_short_term: 0, referrals: null, months: 0, waiting: null, waiting_as_of: null,
  first_contacts: null, median_wait_days: null, monthly_capacity: null
});

function aggregateWithReferrals(code: string, parent: string, referrals: number): AreaAggregateRow {
  return { ...aggregate(code, 10_000, 100, 20), parent_code: parent, referrals, months: 12 };
}

describe('funding against need', () => {
  const measures = computeAreaMeasures([aggregate('A', 1000, 100, 40), aggregate('B', 3000, 900, 20), aggregate('C', 2000, 200, 30)], { deprivation: 0.5, age: 0.25 });

  test('fair-share rows carry the Map measures unchanged', () => {
    const rows = fairShareRows(measures.rows);
    expect(rows.map((r) => r.code)).toEqual(['A', 'B', 'C']);
    for (const [i, r] of rows.entries()) {
      const m = measures.rows[i]!;
      expect(r).toMatchObject({ funding: m.funding, fairShare: m.fair_share, dft: m.measures.dft.value, gap: m.measures.gap_gbp.value, needIndex: m.need_index });
    }
  });

  test('the Lorenz curve is the Gini function\'s own, with its areas in per-head order', () => {
    const lorenz = lorenzOfFunding(measures.rows)!;
    const direct = giniOfFundingPerHead(measures.rows.map((r) => ({ funding: r.funding, needWeightedPopulation: r.population! * r.need_index! })))!;
    expect(lorenz.gini).toBe(direct.gini);
    expect(lorenz.points).toEqual(direct.lorenz);
    expect(lorenz.areas.map((a) => a.populationShare)).toEqual(direct.lorenz.slice(1).map((p) => p.populationShare));
    const perHead = lorenz.areas.map((a) => a.perHead);
    expect(perHead).toEqual([...perHead].sort((a, b) => a - b));
    expect(lorenzOfFunding(computeAreaMeasures([aggregate('A', 1000, 0, 40)], { deprivation: 0.5, age: 0.25 }).rows)).toBeNull();
  });

  test('Lorenz options: both axes 0–1 (shares, shown as percentages) with the line of equality', () => {
    const options = lorenzOptions(lorenzOfFunding(measures.rows)!, { formatPerHead: String });
    expect(options.x).toMatchObject({ domain: [0, 1], tickFormat: '.0%' });
    expect(options.y).toMatchObject({ domain: [0, 1], tickFormat: '.0%' });
    const marks = options.marks as unknown as { className?: string; data?: unknown[] }[];
    expect(marks.find((m) => m.className === 'lorenz-equality')!.data).toEqual([{ x: 0, y: 0 }, { x: 1, y: 1 }]);
    expect(marks.find((m) => m.className === 'lorenz-curve')!.data).toHaveLength(4);
  });

  test('sorting a table: numbers and text, missing values last both ways, ties in the given order', () => {
    type R = { name: string; v: number | null };
    const rows: R[] = [{ name: 'b', v: 2 }, { name: 'a', v: null }, { name: 'c', v: -1 }, { name: 'd', v: 2 }];
    const v: TwinColumn<R> = { key: 'v', label: 'V', value: String, sort: (r) => r.v };
    const name: TwinColumn<R> = { key: 'name', label: 'Name', value: (r) => r.name, sort: (r) => r.name };
    expect(sortTwinRows(rows, v, true).map((r) => r.name)).toEqual(['c', 'b', 'd', 'a']);
    expect(sortTwinRows(rows, v, false).map((r) => r.name)).toEqual(['b', 'd', 'c', 'a']);
    expect(sortTwinRows(rows, name, false).map((r) => r.name)).toEqual(['d', 'c', 'b', 'a']);
  });
});

describe('the view in the URL', () => {
  test('parse with defaults; unreadable values fall back', () => {
    expect(parseEquityView(new URLSearchParams(''))).toEqual({ fy: null, funnel: 'referral_rate', groups: null, weights: { deprivation: 0.5, age: 0.25 } });
    expect(parseEquityView(new URLSearchParams('fy=2023/24&funnel=wait_over_18w&groups=quintile&wd=0.8&wa=0'))).toEqual({
      fy: '2023/24', funnel: 'wait_over_18w', groups: 'quintile', weights: { deprivation: 0.8, age: 0 }
    });
    expect(parseEquityView(new URLSearchParams('fy=2023&funnel=x&groups=tercile&wd=2&wa=abc'))).toEqual({
      fy: null, funnel: 'referral_rate', groups: null, weights: { deprivation: 0.5, age: 0.25 }
    });
  });

  test('write keeps other parameters, drops defaults, and round-trips', () => {
    const view = { fy: '2024/25', funnel: 'wait_over_18w' as const, groups: 'decile' as const, weights: { deprivation: 0.7, age: 0.1 } };
    const out = writeEquityView(new URLSearchParams('measure=dft&wd=0.5'), view);
    expect(out.get('measure')).toBe('dft');
    expect(parseEquityView(out)).toEqual(view);
    const plain = writeEquityView(new URLSearchParams('wd=0.9&wa=0.9'), { fy: null, funnel: 'referral_rate', groups: null, weights: { deprivation: 0.5, age: 0.25 } });
    expect(plain.toString()).toBe('');
  });

  test('a financial year as months', () => {
    expect(fyMonths('2024/25')).toEqual({ from: '2024-04', to: '2025-03' });
    expect(fyMonths('2024')).toBeNull();
  });
});
