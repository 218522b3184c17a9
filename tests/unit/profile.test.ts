// The area profile: headline year, parent and all-area figures, trend points, and the sparkline's options.
import { describe, expect, test } from 'vitest';
import { sparklineOptions, sparklineSummary } from '../../src/lib/charts/sparkline';
import { fmt1 } from '../../src/lib/domain/format';
import { computeAreaMeasures, type AreaAggregateRow } from '../../src/lib/domain/measures';
import { areaProfile, type ProfileYear } from '../../src/lib/domain/profile';

const agg = (code: string, parent: string | null, population: number, referrals: number | null, funding: number | null): AreaAggregateRow => ({
  area_code: code, area_name: `Name ${code}`, parent_code: parent, parent_name: parent ? `Name ${parent}` : null, population,
  imd_score: null, imd_decile: null, pop_65_plus: null, funding, funding_short_term: 0, referrals, months: referrals === null ? 0 : 12,
  waiting: null, waiting_as_of: null, first_contacts: null, median_wait_days: null, monthly_capacity: null
});
const w = { deprivation: 0, age: 0 };
const year = (fy: string, a: number | null, b: number): ProfileYear => ({
  fy,
  level: computeAreaMeasures([agg('A', 'P', 1000, a, 100), agg('B', 'P', 3000, b, 500)], w),
  parents: computeAreaMeasures([agg('P', null, 4000, a === null ? null : a + b, 600)], w),
  all: computeAreaMeasures([agg('ALL', null, 4000, a === null ? null : a + b, 600)], w)
});

describe('area profile', () => {
  const years = [year('2022/23', null, 30), year('2023/24', 20, 30), year('2024/25', 40, 30)];

  test('the chosen year against its parent and all areas, with rank', () => {
    const p = areaProfile('A', years, '2023/24')!;
    expect(p).toMatchObject({ code: 'A', name: 'Name A', parentCode: 'P', parentName: 'Name P', population: 1000, fy: '2023/24' });
    const rate = p.measures.find((m) => m.measure.id === 'referral_rate')!;
    // A: 20 per 1,000; B: 10 per 1,000 → A ranks 1 of 2 (highest first); parent 50 / 4,000 = 12.5.
    expect(rate.area.value).toBeCloseTo(20, 9);
    expect(rate.area.rank).toBe(1);
    expect(rate.count).toBe(2);
    expect(rate.parent!.value).toBeCloseTo(12.5, 9);
    expect(rate.all!.value).toBeCloseTo(12.5, 9);
    // Funding per head: A £0.10, parent 600 / 4,000 = £0.15.
    expect(p.measures.find((m) => m.measure.id === 'funding_per_head')!.parent!.value).toBeCloseTo(0.15, 12);
  });

  test('trend: one point per year, null where the year has no data; the latest year by default', () => {
    const p = areaProfile('A', years, null)!;
    expect(p.fy).toBe('2024/25');
    const rate = p.measures.find((m) => m.measure.id === 'referral_rate')!;
    expect(rate.trend.map((t) => t.fy)).toEqual(['2022/23', '2023/24', '2024/25']);
    expect(rate.trend.map((t) => (t.value === null ? null : Math.round(t.value)))).toEqual([null, 20, 40]);
    expect(rate.trend[2]!.lower).toBeLessThan(40);
  });

  test('an unknown code has no profile; a parent has no parent column', () => {
    expect(areaProfile('ZZ', years, null)).toBeNull();
    const parentYears = years.map((y) => ({ ...y, level: y.parents!, parents: null }));
    const p = areaProfile('P', parentYears, null)!;
    expect(p.parentCode).toBeNull();
    expect(p.measures[0]!.parent).toBeNull();
  });
});

describe('sparkline', () => {
  const pts = [
    { fy: '2022/23', value: null, lower: null, upper: null },
    { fy: '2023/24', value: 10, lower: 8, upper: 12 },
    { fy: '2024/25', value: 14, lower: 12, upper: 16 }
  ];
  test('line, CI band and latest point; all years on the x domain, gaps left out', () => {
    const o = sparklineOptions(pts, { zeroLine: true });
    expect((o.x as { domain: string[] }).domain).toEqual(['2022/23', '2023/24', '2024/25']);
    // rule (zero line), area (CI), line, dot
    expect(o.marks).toHaveLength(4);
    expect(sparklineOptions(pts.map((p) => ({ ...p, lower: null, upper: null }))).marks).toHaveLength(2);
  });
  test('the scale spans at least a fifth of the values: three years at 83.45% (off in the tenth decimal) draw flat, not a V', () => {
    const flat = ['2022/23', '2023/24', '2024/25'].map((fy, i) => ({ fy, value: 0.8345 + (i === 1 ? -1e-10 : 0), lower: null, upper: null }));
    const [lo, hi] = (sparklineOptions(flat).y as { domain: [number, number] }).domain;
    expect(hi - lo).toBeCloseTo(0.8345 * 0.2, 6);
    expect((lo + hi) / 2).toBeCloseTo(0.8345, 6);
    // A real change keeps its own extent; the CI band and the zero line are inside it.
    expect((sparklineOptions(pts, { zeroLine: true }).y as { domain: [number, number] }).domain).toEqual([0, 16]);
  });
  test('summary text names the first and last values', () => {
    expect(sparklineSummary(pts, fmt1)).toBe('2023/24 10.0 to 2024/25 14.0');
    expect(sparklineSummary(pts.slice(0, 2), fmt1)).toBe('2023/24 only: 10.0');
    expect(sparklineSummary([], fmt1)).toBe('No values in any year');
  });
});
