// The Plan view's figures (domain/plan/plan-outcome.ts), its link (state/plan-url.ts) and its table and charts
// (charts/plan-specs.ts) on a hand-worked example of three areas, every figure computed here by hand.
import { describe, expect, test } from 'vitest';
import { allocationTable, dftChangeSpec, glideSpec, howSet, scenarioSpec, waterfallSpec } from '../../src/lib/charts/plan-specs';
import type { AreaAggregateRow } from '../../src/lib/domain/measures';
import { glidePath } from '../../src/lib/domain/plan/glide-waterfall';
import { planMethod } from '../../src/lib/domain/plan/method-text';
import { compareScenarios, planAreas, planOutcome, resolveBudget, type Scenario } from '../../src/lib/domain/plan/plan-outcome';
import { tableCsv, twinMatrix } from '../../src/lib/export/table-csv';
import { DEFAULT_SCENARIO, parseBudget, parsePlanView, writePlanView } from '../../src/lib/state/plan-url';

function row(code: string, population: number | null, funding: number | null): AreaAggregateRow {
  return {
    area_code: code, area_name: `Area ${code}`, parent_code: null, parent_name: null, population, imd_score: null, imd_decile: null, pop_65_plus: null,
    funding, funding_short_term: null, referrals: null, months: 12, waiting: null, waiting_as_of: null, first_contacts: null, median_wait_days: null,
    monthly_capacity: null
  } as AreaAggregateRow;
}

// No deprivation or age: every need index is 1, so the shares are the population shares 1/4, 1/4, 1/2.
// Baseline £100 each (ΣA = 300): fair shares 75, 75, 150, so P and Q are 33.3% over (more than X = 10%) and R 33.3% under.
// Budget +10% = £330; floors 100, 100 (over target, 0%) and 100 (0%); R = 30 goes to R: 130 against a target of 165.
const rows = [row('P', 100, 100), row('Q', 100, 100), row('R', 200, 100), row('Z', null, 50)];
const weights = { deprivation: 0.5, age: 0.25 };
const scenario: Scenario = { budget: { kind: 'pct', value: 10 }, minUplift: 0, overThreshold: 10, overUplift: 0, maxUplift: null };

describe('the areas a plan is for', () => {
  const ref = (code: string, population: number, funding: number | null, source: 'extract' | 'reference') => ({ ...row(code, population, funding), pop_source: source });

  test('an area seen only in the referrals (reference population, no funding) is named and left out; the plan is the same as without it', () => {
    const withStray = [...rows.map((r) => ({ ...r, pop_source: 'extract' as const })), ref('T', 500, 0, 'reference')];
    const out = planOutcome(withStray, weights, scenario);
    const plain = planOutcome(rows, weights, scenario);
    if (!out.ok || !plain.ok) throw new Error('both plans should be made');
    expect(out.left.outside).toEqual(['Area T']);
    expect(out.areas.map((a) => [a.code, a.allocation])).toEqual([['P', 100], ['Q', 100], ['R', 130]]);
    expect(out.areas.map((a) => a.share)).toEqual(plain.areas.map((a) => a.share));
  });

  test('a funded area with a reference population is planned for, and so is an unfunded area of the user\'s population extract', () => {
    const { areas, left } = planAreas([ref('F', 100, 100, 'reference'), ref('E', 100, 0, 'extract'), ref('T', 100, 0, 'reference')], weights);
    expect(areas.map((a) => [a.code, a.baseline, a.share])).toEqual([['F', 100, 0.5], ['E', 0, 0.5]]);
    expect(left.outside).toEqual(['Area T']);
  });
});

describe('the plan of three areas', () => {
  const out = planOutcome(rows, weights, scenario);
  if (!out.ok) throw new Error(out.message);
  const by = new Map(out.areas.map((a) => [a.code, a]));

  test('the budget is the baseline total of the areas with a population, raised by the percentage', () => {
    expect(out.headline.baselineTotal).toBe(300);
    expect(out.headline.budget).toBe(330);
    expect(resolveBudget({ kind: 'gbp', value: 1234.4 }, 300)).toBe(1234);
  });

  test('an area with funding but no population has no target and is left out, and said to be', () => {
    expect(out.left).toEqual({ areas: ['Area Z'], funding: 50, outside: [] });
    expect(by.has('Z')).toBe(false);
  });

  test('allocations, targets and distances from target before and after, by hand', () => {
    expect(out.areas.map((a) => [a.code, a.allocation])).toEqual([['P', 100], ['Q', 100], ['R', 130]]);
    expect(by.get('R')!.target).toBeCloseTo(165, 9);
    expect(by.get('R')!.baselineTarget).toBeCloseTo(150, 9);
    expect(by.get('R')!.dftBefore).toBeCloseTo(-1 / 3, 12);
    expect(by.get('R')!.dftAfter).toBeCloseTo(130 / 165 - 1, 12);
    expect(by.get('P')!.dftAfter).toBeCloseTo(100 / 82.5 - 1, 12);
    expect(by.get('R')!.changePct).toBeCloseTo(0.3, 12);
    expect(by.get('P')!.overTarget).toBe(true);
    expect(howSet(by.get('P')!)).toBe('held (over target)');
    expect(howSet(by.get('R')!)).toBe('raised');
  });

  test('the headline: areas more than 5% under, the largest gap, L and the Gini before and after', () => {
    const h = out.headline;
    expect([h.underBefore, h.underAfter]).toEqual([1, 1]);
    expect(h.largestGapBefore).toEqual({ code: 'R', name: 'Area R', dft: expect.closeTo(-1 / 3, 12) });
    expect(h.largestGapAfter?.dft).toBeCloseTo(-35 / 165, 9);
    expect(h.level).toBeCloseTo(35 / 165, 9);
    // Lorenz by hand (R first, half the weight): before y = 1/3, 2/3, 1 → Gini 1/6; after y = 130/330, 230/330, 1.
    expect(h.giniBefore).toBeCloseTo(1 / 6, 12);
    const after = 1 - 2 * (0.5 * (130 / 330) / 2 + 0.25 * (130 / 330 + 230 / 330) / 2 + 0.25 * (230 / 330 + 1) / 2);
    expect(h.giniAfter).toBeCloseTo(after, 12);
  });

  test('floors the budget cannot pay for: the message, and the largest minimum uplift it can', () => {
    const refused = planOutcome(rows, weights, { ...scenario, minUplift: 40 });
    expect(refused.ok).toBe(false);
    if (refused.ok) return;
    // P and Q (over target) keep 0%: 330 − 200 leaves 130 for R's 100, so 30%.
    expect(refused.suggestion.minUplift).toBeCloseTo(30, 9);
    expect(refused.message).toContain('The largest minimum uplift this budget affords is 30%');
  });

  test('the allocation table: furthest under first, and its CSV carries unrounded values that sum to the budget', () => {
    const t = allocationTable(out.areas, 'Allocation');
    expect(t.rows.map((r) => r.code)).toEqual(['R', 'P', 'Q']);
    const matrix = twinMatrix(t.columns, t.rows);
    const header = matrix[0]!.map((c) => c.text);
    const col = (name: string) => header.indexOf(name);
    expect(col('Code')).toBeGreaterThan(-1);
    const body = matrix.slice(1);
    expect(body.reduce((s, r) => s + Number(r[col('Allocation')]!.raw), 0)).toBe(330);
    // The target to the penny and beyond: 82.5, not "£83".
    expect(Number(body[1]![col('Target')]!.raw)).toBe(82.5);
    const csv = tableCsv(matrix);
    expect(csv.split('\n')[0]).toContain('Distance before (%)');
    expect(csv).toContain(String(Number(((130 / 165 - 1) * 100).toPrecision(15)))); // R's distance after, every digit
  });

  test('the before/after chart names the area furthest under target and L', () => {
    const spec = dftChangeSpec({ id: 'plan-dft', title: 'T', subtitle: 'S', source: 'x', footnote: 'f' }, out.areas, out.headline.level);
    expect(spec.finding).toBe('Area R moves from −33.3% to −21.2% of its target; no area that gains ends more than 21.2% below its target.');
    expect(spec.table.rows.map((r) => r.code)).toEqual(['R', 'P', 'Q']);
  });

  test('the glide path table has the baseline year and each year; its finding says when every area is within 5%', () => {
    const { areas } = planAreas(rows, weights);
    // 100% budget growth: the second year's money takes R to its target, P and Q held at 100 against 82.5 → still over.
    const glide = glidePath(areas, out.policy, 2, 0);
    const spec = glideSpec({ id: 'plan-glide', title: 'T', subtitle: 'S', source: 'x', footnote: 'f' }, glide, out.areas, '2024/25');
    const header = twinMatrix(spec.table.columns, spec.table.rows)[0]!.map((c) => c.text);
    expect(header.slice(0, 3)).toEqual(['Area', 'Code', '2024/25 (%)']);
    expect(header).toContain('Year 2 (%)');
    expect(spec.finding).toBe('After 2 years some areas are still more than 5% from their target.');
  });

  test('the waterfall table: the parts and the running total end at the target share', () => {
    const spec = waterfallSpec({ id: 'w', title: 'T', subtitle: 'S', source: 'x', footnote: 'f' }, { population: 0.5, deprivation: 0.02, age: -0.01, share: 0.51 }, 'Area R');
    expect(spec.table.rows.map((r) => [r.label, r.change, r.end].map((v) => (typeof v === 'number' ? Math.round(v * 1e6) / 1e6 : v))))
      .toEqual([['Population share', 0.5, 0.5], ['Deprivation adjustment', 0.02, 0.52], ['Age adjustment', -0.01, 0.51], ['Target share', 0.51, 0.51]]);
    expect(spec.finding).toBe("Area R's target share is 51.00%: 50.00% of the population, +2.00 points for deprivation and −1.00 points for age.");
  });

  test('scenario B against A: each area and B − A', () => {
    const b = planOutcome(rows, weights, { ...scenario, budget: { kind: 'gbp', value: 360 } });
    const diffs = compareScenarios(out, b);
    // B = 360: R gets the 60 left after the floors, 160 against 180.
    expect(diffs.map((d) => [d.code, d.allocationA, d.allocationB, d.difference])).toEqual([['P', 100, 100, 0], ['Q', 100, 100, 0], ['R', 130, 160, 30]]);
    if (!b.ok) throw new Error(b.message);
    const spec = scenarioSpec({ id: 'ab', title: 'T', subtitle: 'S', source: 'x', footnote: 'f' }, diffs, { a: out.headline, b: b.headline });
    expect(spec.finding).toBe("1 of 3 areas get a different amount under B; the largest difference is Area R's, +£30.00.");
    // Both headlines above the chart: B leaves R 20/180 = 11.1% under (L), one area more than 5% under.
    expect(spec.lead?.map((l) => l.text)).toEqual([
      'A: budget £330; 1 area more than 5% under target after; largest gap Area R, −21.2%; L 21.2%; Gini ' + out.headline.giniAfter!.toFixed(3) + '.',
      'B: budget £360; 1 area more than 5% under target after; largest gap Area R, −11.1%; L 11.1%; Gini ' + b.headline.giniAfter!.toFixed(3) + '.'
    ]);
  });

  test('the method in words carries the scenario\'s numbers', () => {
    const words = planMethod({ ...scenario, maxUplift: 8 }, weights, '2024/25').join(' ');
    expect(words).toContain('10% more than the baseline total');
    expect(words).toContain('funding in 2024/25');
    expect(words).toContain('No area gains more than 8%');
  });
});

describe('the Plan view in the link', () => {
  test('defaults: 3% more, flat cash, X = 10%, no maximum, 3 years at 2%', () => {
    const v = parsePlanView(new URLSearchParams());
    expect(v.a).toEqual(DEFAULT_SCENARIO);
    expect([v.b, v.years, v.growth, v.fy, v.area]).toEqual([null, 3, 2, null, null]);
  });

  test('a scenario written out reads back the same, B included; B takes what it does not say from A', () => {
    const view = {
      fy: '2024/25', weights: { deprivation: 0.3, age: 0.1 }, years: 5, growth: 1.5, area: 'E06000009',
      a: { budget: { kind: 'gbp' as const, value: 2500000 }, minUplift: 1, overThreshold: 15, overUplift: -2, maxUplift: 8 },
      b: { budget: { kind: 'pct' as const, value: 4 }, minUplift: 0.5, overThreshold: 10, overUplift: 0, maxUplift: null }
    };
    const params = writePlanView(new URLSearchParams('keep=1'), view);
    expect(params.get('keep')).toBe('1');
    expect(parsePlanView(params)).toEqual(view);
    expect(parsePlanView(new URLSearchParams('gmin=2&b=1')).b?.minUplift).toBe(2);
  });

  test('budgets as typed: pounds with a sign and commas, or a percentage; nonsense falls back', () => {
    const fallback = DEFAULT_SCENARIO.budget;
    expect(parseBudget('£2,500,000', fallback)).toEqual({ kind: 'gbp', value: 2500000 });
    expect(parseBudget('3.5%', fallback)).toEqual({ kind: 'pct', value: 3.5 });
    expect(parseBudget('-2%', fallback)).toEqual({ kind: 'pct', value: -2 });
    expect(parseBudget('lots', fallback)).toBe(fallback);
    expect(parseBudget('-5', fallback)).toBe(fallback);
    expect(parsePlanView(new URLSearchParams('years=9&growth=x&gmin=abc')).years).toBe(3);
  });
});

test('the plan charts\' percentage axes write negatives with the minus sign, as every chart does', async () => {
  const { dumbbellOptions, glideOptions } = await import('../../src/lib/charts/plan-charts');
  const x = dumbbellOptions([{ name: 'A', from: -0.2, to: -0.1 }], { from: 'Before', to: 'After', axis: 'Distance' }).x as { tickFormat: (v: number) => string };
  const y = glideOptions([{ name: 'A', year: 'Year 1', dft: -0.2, highlight: false }], ['Year 1']).y as { tickFormat: (v: number) => string };
  expect([x.tickFormat(-10), x.tickFormat(5), y.tickFormat(-100)]).toEqual(['−10%', '5%', '−100%']);
});
