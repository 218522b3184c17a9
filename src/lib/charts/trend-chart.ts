/**
 * Plot options for a monthly trend: one line per group (or one line), months on a time axis,
 * the unit on the y axis, colour-blind-safe colours with a legend. Groups beyond eight are not
 * drawn (the table twin lists them all), and the chart's note says so. Incomplete months
 * (domain/completeness.ts) are hollow points left out of the line (charts/incomplete.ts).
 */
import * as Plot from '@observablehq/plot';
import { fmtPctSigned } from '../domain/format';
import { monthLabel } from '../state/filters-url';
import { fitText } from './label-fit';
import { CATEGORY_COLOURS, MAX_SERIES, ROLE, monthDate } from './palette';
import { contentState, lines, samePlot, type ChartSpec, type SpecBase } from './spec';
import { incompleteKey, incompleteLine } from './incomplete';
import type { IncompleteReason } from '../domain/completeness';
import type { TwinColumn } from './twin-table';

export interface TrendRow {
  group: string | null;
  month: string;
  /** Null when missing or suppressed (a gap in the line). */
  value: number | null;
  /** Hidden by small-number suppression: `*` in the table. */
  suppressed?: boolean;
  /** The month's figure is not complete yet (domain/completeness.ts): a hollow point, out of the line. */
  incomplete?: boolean;
}

export interface TrendConfig {
  unit: string;
  /** Display name for a group code (area names); the code itself otherwise. */
  groupName?: (group: string | null) => string;
  width?: number;
  height?: number;
  /** y from 0: true for counts, false for waits and shares that sit far from 0. */
  zero?: boolean;
  percent?: boolean;
  /** Keep incomplete months in the line (they are still drawn hollow). */
  includeIncomplete?: boolean;
  /** A series' colour by its name, for a comparison (palette.ts roles); categorical colours otherwise. */
  colours?: Readonly<Record<string, string>>;
}

/** The groups drawn: the largest by their latest value first, at most eight. */
export function drawnGroups(rows: TrendRow[]): { drawn: (string | null)[]; hidden: number } {
  const latest = new Map<string | null, number>();
  for (const r of rows) if (r.value !== null) latest.set(r.group, r.value);
  const all = [...new Set(rows.map((r) => r.group))];
  const ordered = all.sort((a, b) => (latest.get(b) ?? -Infinity) - (latest.get(a) ?? -Infinity));
  return { drawn: ordered.slice(0, MAX_SERIES), hidden: Math.max(0, ordered.length - MAX_SERIES) };
}

/**
 * The frame of a monthly chart (trend and SPC alike): months on a time axis whose ticks take two lines
 * (Apr / 2022), room for both and for the y label above the top tick, shortened if the chart is narrow.
 */
export function monthlyFrame(config: { unit: string; width?: number; height?: number; percent?: boolean }, zero: boolean) {
  const width = config.width ?? 720;
  return {
    width,
    height: config.height ?? 320,
    marginLeft: 56,
    marginBottom: 44,
    marginTop: 32,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' },
    x: { type: 'utc' as const, label: null },
    y: { label: fitText(config.unit, width - 24, 12), grid: true, zero, percent: config.percent ?? false }
  };
}

export function trendOptions(rows: TrendRow[], config: TrendConfig): Plot.PlotOptions {
  const name = config.groupName ?? ((g) => g ?? 'All');
  const { drawn } = drawnGroups(rows);
  const keep = new Set(drawn);
  const data = rows.filter((r) => keep.has(r.group)).map((r) => ({ date: monthDate(r.month), value: r.value, series: name(r.group), incomplete: !!r.incomplete }));
  const several = drawn.length > 1;
  // Incomplete months break the line (a null is a gap) unless kept in; their points are hollow.
  const line = config.includeIncomplete ? data : data.map((d) => (d.incomplete ? { ...d, value: null } : d));
  const shown = data.filter((d) => d.value !== null);
  const frame = monthlyFrame(config, config.zero ?? true);
  // Every value 0 (a small extract, most months suppressed): the scale would have no extent, and its one tick
  // would read "0.000000", cut at the edge. 0 to 1 draws the line on the axis with whole-number ticks.
  const flat = shown.length > 0 && shown.every((d) => d.value === 0);
  return {
    ...frame,
    ...(flat ? { y: { ...frame.y, domain: [0, 1], ticks: 1 } } : {}),
    color: several ? { type: 'categorical', domain: drawn.map(name), range: drawn.map((g, i) => config.colours?.[name(g)] ?? CATEGORY_COLOURS[i]!), legend: true } : undefined,
    marks: [
      Plot.ruleY([0], { ariaHidden: 'true', stroke: ROLE.reference }),
      Plot.lineY(line, { ariaHidden: 'true', x: 'date', y: 'value', z: 'series', stroke: several ? 'series' : ROLE.measure, strokeWidth: 2 }),
      Plot.dot(shown.filter((d) => !d.incomplete), { ariaHidden: 'true', x: 'date', y: 'value', fill: several ? 'series' : ROLE.measure, r: 2.5 }),
      ...(shown.some((d) => d.incomplete) ? [Plot.dot(shown.filter((d) => d.incomplete), {
        ariaHidden: 'true', className: 'incomplete-months', x: 'date', y: 'value', fill: 'white', stroke: several ? 'series' : ROLE.measure, strokeWidth: 1.5, r: 3.5
      })] : []),
      Plot.tip(shown, Plot.pointerX({ ariaHidden: 'true', x: 'date', y: 'value', title: (d: { series: string; date: Date; value: number; incomplete: boolean }) => `${d.series}\n${monthLabel(d.date.toISOString().slice(0, 7))}: ${d.value}${d.incomplete ? ' (incomplete)' : ''}` }))
    ]
  };
}

/** The month twelve before 'yyyy-mm'. */
const yearBefore = (month: string) => `${Number(month.slice(0, 4)) - 1}${month.slice(4, 7)}`;

/**
 * What a trend shows, in a sentence: the latest complete month's figure against the same month a year
 * before (or, with several groups, which group had the most that month). Incomplete and suppressed
 * months are never the ones named.
 */
export function trendFinding(rows: readonly TrendRow[], config: Pick<TrendSpecConfig, 'format' | 'groupName' | 'unit'>): string {
  const usable = rows.filter((r) => r.value !== null && !r.suppressed && !r.incomplete);
  const lastOf = (xs: readonly TrendRow[]) => xs.reduce<string | null>((m, r) => (m === null || r.month > m ? r.month : m), null);
  const latest = lastOf(usable);
  if (!latest) return '';
  // A later complete month whose figure is suppressed: the month named is then not the latest complete one.
  const which = lastOf(rows.filter((r) => !r.incomplete))! > latest ? 'the latest complete month not suppressed as a small number' : 'the latest complete month';
  const groups = new Set(rows.map((r) => r.group));
  const at = usable.filter((r) => r.month === latest);
  if (groups.size > 1) {
    const top = at.reduce((a, b) => (b.value! > a.value! ? b : a));
    return `In ${monthLabel(latest)}, ${which}, ${config.groupName(top.group)} had the most: ${config.format(top.value)} (${config.unit}).`;
  }
  const now = at[0]!;
  const before = usable.find((r) => r.month === yearBefore(latest));
  const change = before && before.value ? ` (${fmtPctSigned((now.value! - before.value) / before.value)})` : '';
  return `${monthLabel(latest)}, ${which}: ${config.format(now.value)} (${config.unit})` +
    `${before ? `, against ${config.format(before.value)} a year before${change}` : ''}.`;
}

export interface TrendSpecConfig extends TrendConfig {
  /** What the measure counts, first among the notes, so the exports and the pack's methods annex carry it. */
  definition?: { label: string; text: string };
  format: (v: number | null) => string;
  groupName: (group: string | null) => string;
  /** Why each incomplete month is, the extract's date and the status awaited, for the note (charts/incomplete.ts). */
  incomplete?: { reasons: ReadonlyMap<string, IncompleteReason>; asOf: string | null; status?: string };
}

/** A row of the trend's table: one month, a cell per group. */
export interface TrendTableRow {
  month: string;
  cells: Map<string | null, TrendRow>;
}

/** The trend chart as a spec: the lines, and a table of every group's value by month (also groups not drawn). */
export function trendSpec(base: SpecBase, rows: TrendRow[], config: TrendSpecConfig): ChartSpec<TrendTableRow> {
  const groups = [...new Set(rows.map((r) => r.group))];
  const byMonth = new Map<string, TrendTableRow>();
  for (const r of rows) {
    const m = byMonth.get(r.month) ?? { month: r.month, cells: new Map() };
    m.cells.set(r.group, r);
    byMonth.set(r.month, m);
  }
  const { hidden } = drawnGroups(rows);
  const judged = rows.some((r) => r.incomplete !== undefined);
  const incompleteGroups = (m: TrendTableRow) => groups.filter((g) => m.cells.get(g)?.incomplete);
  const anyIncomplete = rows.some((r) => r.incomplete);
  const months = [...byMonth.keys()];
  const reasons = new Map([...byMonth.values()].filter((m) => incompleteGroups(m).length).map((m) => [m.month, config.incomplete?.reasons.get(m.month) ?? 'recent' as IncompleteReason]));
  const columns: TwinColumn<TrendTableRow>[] = [
    { key: 'month', label: 'Month', rowHeader: true, value: (m) => monthLabel(m.month) },
    ...groups.map((g, i): TwinColumn<TrendTableRow> => ({
      key: `g${i}`, label: config.groupName(g), num: true, percent: config.percent,
      value: (m) => config.format(m.cells.get(g)?.value ?? null),
      raw: (m) => m.cells.get(g)?.value ?? null,
      hidden: (m) => m.cells.get(g)?.suppressed ?? false
    })),
    // Whether the month's figures are complete yet: which groups are not, when only some are (Capacity's
    // places are known in advance; its accepted referrals fill in).
    ...(judged ? [{
      key: 'completeness', label: 'Month complete', testid: 'cell-completeness',
      value: (m: TrendTableRow) => {
        const inc = incompleteGroups(m);
        return !inc.length ? 'complete' : inc.length === groups.length ? 'incomplete' : `incomplete: ${inc.map(config.groupName).join(', ')}`;
      }
    }] : [])
  ];
  return {
    ...base,
    ...contentState(rows.length > 0, rows.some((r) => r.value !== null)),
    finding: trendFinding(rows, config),
    plot: samePlot(base.id, [rows, config.unit, config.percent, config.zero, config.includeIncomplete, drawnGroups(rows).drawn.map(config.groupName).join('\u0000'), JSON.stringify(config.colours ?? null)], () => (width) => trendOptions(rows, { ...config, width })),
    key: anyIncomplete ? [incompleteKey(config.includeIncomplete)] : undefined,
    label: `${base.title}. ${base.subtitle}`,
    notes: lines(
      config.definition && { strong: `${config.definition.label}:`, text: config.definition.text, testid: 'measure-definition' },
      anyIncomplete && incompleteLine({
        months, incomplete: reasons, asOf: config.incomplete?.asOf ?? null, status: config.incomplete?.status,
        included: config.includeIncomplete, leftOutOf: 'the line'
      }),
      rows.some((r) => r.suppressed) && { text: 'Suppressed months are gaps in the lines.', muted: true, testid: 'suppression-note' },
      hidden > 0 && { text: `${hidden} more groups are in the table, not drawn: choose fewer with the filters to compare them.`, muted: true }
    ),
    table: {
      rows: [...byMonth.values()], columns, rowKey: (m) => m.month, caption: `${base.title} (${config.unit}). ${base.subtitle}`,
      testid: `${base.id}-table`, rowAttrs: (m) => ({ 'data-month': m.month, ...(judged ? { 'data-incomplete': incompleteGroups(m).length > 0 } : {}) })
    }
  };
}
