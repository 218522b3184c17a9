/**
 * The Plan view's table and charts as specs (plan-charts.ts draws them): the allocation by area; distance from
 * target before and after; the glide path; the waterfall of one area's target share; scenario A against B.
 * Money and shares only, not counts of people: nothing is suppressed. Every CSV carries the unrounded values
 * (pounds to the penny for targets, fractions as percentages with every digit).
 */
import { fmtFixed, fmtGbp, fmtGbpSigned, fmtPct, fmtPctSigned } from '../domain/format';
import type { GlidePath, ShareParts } from '../domain/plan/glide-waterfall';
import type { PlanArea, PlanHeadline, ScenarioDiff } from '../domain/plan/plan-outcome';
import { ROLE } from './palette';
import { BAND_FILL, dumbbellOptions, glideOptions, TOLERANCE_PCT, waterfallOptions, type DumbbellRow, type GlidePoint, type WaterfallStep } from './plan-charts';
import { givenTableSpec, lines, type ChartSpec, type GivenTable, type KeyItem, type SpecBase } from './spec';
import type { TwinColumn, TwinSpec } from './twin-table';

type Num<R> = { [K in keyof R]: R[K] extends number | null ? K : never }[keyof R];

/** A sortable number column with its raw value for the CSV. */
function num<R>(key: Num<R> & string, label: string, format: (v: number | null) => string, extra: Partial<TwinColumn<R>> = {}): TwinColumn<R> {
  const get = (r: R) => r[key] as number | null;
  return { key, label, num: true, value: (r) => format(get(r)), raw: get, sort: get, ...extra };
}
/** An area table given to a chart's spec: the area as the row header, its code in exports, rows keyed and marked by code. */
function areaTable<R extends { code: string; name: string }>(rows: readonly R[], columns: TwinColumn<R>[]): GivenTable<R> {
  return {
    rows, rowKey: (r) => r.code, rowAttrs: (r) => ({ 'data-code': r.code }),
    columns: [{ key: 'name', label: 'Area', rowHeader: true, value: (r) => r.name }, { key: 'code', label: 'Code', only: 'export', value: (r) => r.code }, ...columns]
  };
}
const BAND_KEY: KeyItem = { label: `Within ${TOLERANCE_PCT}% of target`, colour: BAND_FILL, mark: 'square' };
const pctCol = <R>(key: Num<R> & string, label: string, signed = true) => num<R>(key, label, signed ? fmtPctSigned : fmtPct, { percent: true });
const byBefore = (a: PlanArea, b: PlanArea) => (a.dftBefore ?? Infinity) - (b.dftBefore ?? Infinity) || a.name.localeCompare(b.name);

/** The allocation by area, furthest under target first. */
export function allocationTable(areas: readonly PlanArea[], caption: string): TwinSpec<PlanArea> {
  return {
    rows: [...areas].sort(byBefore),
    rowKey: (r) => r.code,
    caption,
    testid: 'plan-table',
    rowAttrs: (r) => ({ 'data-code': r.code, 'data-filled': r.filled, 'data-capped': r.capped, 'data-over': r.overTarget }),
    columns: [
      { key: 'name', label: 'Area', rowHeader: true, value: (r) => r.name, sort: (r) => r.name },
      { key: 'code', label: 'Code', only: 'export', value: (r) => r.code },
      num('baseline', 'Baseline', fmtGbp),
      pctCol('share', 'Need share', false),
      num('target', 'Target', fmtGbp),
      num('floor', 'Floor', fmtGbp),
      num('allocation', 'Allocation', fmtGbp, { testid: 'plan-allocation' }),
      num('change', 'Change £', fmtGbpSigned),
      pctCol('changePct', 'Change %'),
      pctCol('dftBefore', 'Distance before'),
      pctCol('dftAfter', 'Distance after'),
      { key: 'how', label: 'How set', small: true, value: howSet, sort: howSet }
    ]
  };
}

/**
 * Why an area got what it got, in a word or two (short, so the table fits a page and a slide): raised toward
 * its target by the water-filling; a share of the money left once every area reached its target; held at the
 * maximum uplift; held at the over-target floor; or at the minimum uplift's floor.
 */
export function howSet(a: PlanArea): string {
  if (a.capped) return 'at maximum';
  if (a.filled) return (a.dftAfter ?? 0) < -1e-9 ? 'raised' : 'surplus share';
  return a.overTarget ? 'held (over target)' : 'floor';
}

export function dftChangeSpec(base: SpecBase, areas: readonly PlanArea[], level: number): ChartSpec<PlanArea> {
  const rows = [...areas].sort(byBefore);
  const drawn: DumbbellRow[] = rows.map((a) => ({ name: a.name, from: a.dftBefore, to: a.dftAfter }));
  const worst = rows[0];
  const finding = worst && worst.dftBefore !== null && worst.dftBefore < 0
    ? `${worst.name} moves from ${fmtPctSigned(worst.dftBefore)} to ${fmtPctSigned(worst.dftAfter)} of its target; no area that gains ends more than ${fmtPct(Math.max(0, level))} below its target.`
    : '';
  const notes = lines({
    muted: true,
    text: 'Distance from target = (funding − target) ÷ target. Before: the baseline year\'s funding against its fair share of that year\'s total. ' +
      'After: the allocation against its fair share of next year\'s budget.'
  });
  return {
    ...givenTableSpec(base, rows.length, { key: [areas], make: () => (width, maxHeight) => dumbbellOptions(drawn, { from: 'Before', to: 'After', axis: 'Distance from target' }, width, maxHeight) },
      areaTable(rows, [pctCol('dftBefore', 'Before'), pctCol('dftAfter', 'After')]), notes),
    finding,
    label: `${base.title}. ${base.subtitle}. Areas from the furthest under target at the top; the numbers are in the table below.`,
    key: [
      { label: 'Baseline year', colour: ROLE.neutral, mark: 'ring' },
      { label: 'After the allocation', colour: ROLE.measure, mark: 'dot' },
      BAND_KEY
    ],
  };
}

/** A row of the glide path's table: an area with its distance from target in each year. */
export interface GlideRow {
  code: string;
  name: string;
  /** By column label: the baseline year, then 'Year 1'…. */
  byYear: Map<string, number | null>;
}

export function glideSpec(base: SpecBase, glide: GlidePath, areas: readonly PlanArea[], baselineFy: string): ChartSpec<GlideRow> {
  const years = [baselineFy, ...glide.years.map((y) => `Year ${y.year}`)];
  const start = [...areas].sort(byBefore);
  const highlight = start[0]?.code;
  const rows: GlideRow[] = start.map((a) => ({
    code: a.code, name: a.name,
    byYear: new Map<string, number | null>([[baselineFy, a.dftBefore], ...glide.years.map((y) => [`Year ${y.year}`, y.distance.get(a.code) ?? null] as [string, number | null])])
  }));
  const points: GlidePoint[] = rows.flatMap((r) => years.map((y) => ({ name: r.name, year: y, dft: r.byYear.get(y) ?? null, highlight: r.code === highlight })));
  const stopped = glide.years.find((y) => !y.result.ok);
  const finding = stopped && !stopped.result.ok
    ? `Year ${stopped.year} cannot be allocated: ${stopped.result.message}`
    : glide.yearsToWithin !== null
      ? `Every area is within ${TOLERANCE_PCT}% of its target by year ${glide.yearsToWithin}.`
      : `After ${glide.years.length} ${glide.years.length === 1 ? 'year' : 'years'} some areas are still more than ${TOLERANCE_PCT}% from their target.`;
  const notes = lines({
    muted: true,
    text: 'Each year the same policy is applied again: last year\'s allocation is the baseline, the budget grows at the rate set, and the targets are ' +
      'the same need shares of the new budget.'
  });
  const columns = years.map((y): TwinColumn<GlideRow> => ({ key: `y-${y}`, label: y, num: true, percent: true, value: (r) => fmtPctSigned(r.byYear.get(y)), raw: (r) => r.byYear.get(y) ?? null }));
  return {
    ...givenTableSpec(base, points.filter((p) => p.dft !== null).length, { key: [glide, areas], make: () => (width, maxHeight) => glideOptions(points, years, width, maxHeight) },
      areaTable(rows, columns), notes),
    finding,
    lead: [{ text: finding, testid: 'glide-finding', attrs: { 'data-years': glide.yearsToWithin ?? '' } }],
    label: `${base.title}. ${base.subtitle}. One line per area; the numbers are in the table below.`,
    key: [
      { label: 'An area', colour: ROLE.measure, mark: 'line' },
      ...(highlight ? [{ label: `${start[0]!.name} (furthest under target at the start)`, colour: ROLE.worse, mark: 'line' as const }] : []),
      BAND_KEY
    ],
  };
}

/** A step of the waterfall's table. */
export interface WaterfallRow extends WaterfallStep {
  change: number;
}

export function waterfallSpec(base: SpecBase, parts: ShareParts | null, areaName: string): ChartSpec<WaterfallRow> {
  const steps: WaterfallStep[] = parts
    ? [
        { label: 'Population share', start: 0, end: parts.population, total: true },
        { label: 'Deprivation adjustment', start: parts.population, end: parts.population + parts.deprivation, total: false },
        { label: 'Age adjustment', start: parts.population + parts.deprivation, end: parts.population + parts.deprivation + parts.age, total: false },
        { label: 'Target share', start: 0, end: parts.share, total: true }
      ]
    : [];
  const rows: WaterfallRow[] = steps.map((s) => ({ ...s, change: s.end - s.start }));
  const pts = (v: number) => `${v >= 0 ? '+' : '−'}${fmtFixed(Math.abs(v) * 100, 2)} points`;
  const finding = parts
    ? `${areaName}'s target share is ${fmtFixed(parts.share * 100, 2)}%: ${fmtFixed(parts.population * 100, 2)}% of the population, ` +
      `${pts(parts.deprivation)} for deprivation and ${pts(parts.age)} for age.`
    : '';
  const notes = lines({
    muted: true,
    text: 'Population share = the area\'s share of the residents of all areas. Each adjustment is what the need weight for deprivation or for ' +
      'age 65+ adds to it; as the two interact, each is the average of its effect added first and added second, so the parts add up to the ' +
      'target share whatever the order.'
  });
  const table: GivenTable<WaterfallRow> = {
    rows, rowKey: (r) => r.label,
    columns: [
      { key: 'label', label: 'Step', rowHeader: true, value: (r) => r.label },
      { key: 'change', label: 'Share or adjustment', num: true, percent: true, value: (r) => (r.total ? fmtPct(r.change) : fmtPctSigned(r.change)), raw: (r) => r.change },
      { key: 'end', label: 'Running total', num: true, percent: true, value: (r) => fmtPct(r.end), raw: (r) => r.end }
    ]
  };
  return {
    ...givenTableSpec(base, rows.length, { key: [parts, areaName], make: () => (width, maxHeight) => waterfallOptions(steps, width, maxHeight) }, table, notes),
    finding,
    label: `${base.title}. ${base.subtitle}. The numbers are in the table below.`,
    key: [
      { label: 'Share', colour: ROLE.measure, mark: 'square' },
      { label: 'Adjustment up', colour: ROLE.comparison, mark: 'square' },
      { label: 'Adjustment down', colour: ROLE.worse, mark: 'square' }
    ],
  };
}

/** One scenario's headline after the allocation, in a sentence (the A/B chart says both, above the drawing). */
export function headlineAfter(name: string, h: PlanHeadline): string {
  const n = h.underAfter;
  return `${name}: budget ${fmtGbp(h.budget)}; ${n} ${n === 1 ? 'area' : 'areas'} more than 5% under target after; ` +
    (h.largestGapAfter ? `largest gap ${h.largestGapAfter.name}, ${fmtPctSigned(h.largestGapAfter.dft)}; ` : 'no area under target; ') +
    `L ${fmtPct(Math.max(0, h.level))}; Gini ${fmtFixed(h.giniAfter, 3)}.`;
}

export function scenarioSpec(base: SpecBase, diffs: readonly ScenarioDiff[], headlines?: { a: PlanHeadline; b: PlanHeadline }): ChartSpec<ScenarioDiff> {
  const rows = [...diffs].sort((a, b) => (a.dftAfterA ?? Infinity) - (b.dftAfterA ?? Infinity) || a.name.localeCompare(b.name));
  const drawn: DumbbellRow[] = rows.map((d) => ({ name: d.name, from: d.dftAfterA, to: d.dftAfterB }));
  const moved = rows.filter((d) => d.difference !== 0);
  const most = moved.reduce<ScenarioDiff | null>((m, d) => (!m || Math.abs(d.difference) > Math.abs(m.difference) ? d : m), null);
  const finding = most
    ? `${moved.length} of ${rows.length} areas get a different amount under B; the largest difference is ${most.name}'s, ${fmtGbpSigned(most.difference)}.`
    : rows.length ? 'Scenarios A and B give every area the same amount.' : '';
  const notes = lines({
    muted: true,
    text: 'Difference = allocation under B − allocation under A. Each scenario\'s distance from target is against its own targets (need ' +
      'share × its budget): with a bigger budget an area gets more money and can still end further below its (bigger) target.'
  });
  const table = areaTable(rows, [
    num('baseline', 'Baseline', fmtGbp),
    num('allocationA', 'Allocation A', fmtGbp),
    num('allocationB', 'Allocation B', fmtGbp),
    num('difference', 'Difference (B − A)', fmtGbpSigned, { testid: 'ab-difference' }),
    pctCol('dftAfterA', 'Distance from target A'),
    pctCol('dftAfterB', 'Distance from target B')
  ]);
  return {
    ...givenTableSpec(base, rows.length, {
      key: [diffs], make: () => (width, maxHeight) => dumbbellOptions(drawn, { from: 'Scenario A', to: 'Scenario B', axis: 'Distance from target after the allocation' }, width, maxHeight)
    }, table, notes),
    finding,
    label: `${base.title}. ${base.subtitle}. The numbers are in the table below.`,
    key: [
      { label: 'Scenario A', colour: ROLE.neutral, mark: 'ring' },
      { label: 'Scenario B', colour: ROLE.measure, mark: 'dot' },
      BAND_KEY
    ],
    lead: headlines
      ? [{ text: headlineAfter('A', headlines.a), testid: 'ab-headline-a' }, { text: headlineAfter('B', headlines.b), testid: 'ab-headline-b' }]
      : undefined,
  };
}
