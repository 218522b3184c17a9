/**
 * Plot options for an XmR (SPC) chart in the Making Data Count style: the series as a grey line,
 * the mean solid, the process limits dashed, special-cause points coloured by the palette's roles
 * (palette.ts: improvement 'better' purple, concern 'worse' orange, neither 'unusual' black) and drawn
 * larger, with a different symbol, so the signal does not depend on colour alone. A target, when set,
 * is a dotted reference line. Incomplete months left out of the calculations (SpcOptions.exclude) are
 * hollow points off the line (charts/incomplete.ts).
 */
import * as Plot from '@observablehq/plot';
import { ASSURANCE_LABELS, VARIATION_LABELS, type SpcResult, type SpcRule } from '../domain/spc';
import { monthLabel } from '../state/filters-url';
import { monthlyFrame } from './trend-chart';
import { ROLE, SPC_COLOURS, monthDate } from './palette';
import { lines, samePlot, type ChartSpec, type KeyItem, type SpecBase } from './spec';
import { INCOMPLETE_STROKE, incompleteKey, incompleteLine } from './incomplete';
import type { IncompleteReason } from '../domain/completeness';

export interface SpcConfig {
  unit: string;
  target?: number | null;
  width?: number;
  height?: number;
  percent?: boolean;
}

export interface SpcDatum {
  date: Date;
  month: string;
  value: number;
  variation: keyof typeof SPC_COLOURS;
  special: boolean;
  /** Left out of the calculations (an incomplete month): a hollow point off the line. */
  excluded: boolean;
}

export function spcData(months: string[], result: SpcResult): SpcDatum[] {
  return result.points.flatMap((p) =>
    p.value === null
      ? []
      : [{ date: monthDate(months[p.index]!), month: months[p.index]!, value: p.value, variation: p.variation ?? 'common_cause', special: (p.variation ?? 'common_cause') !== 'common_cause', excluded: p.excluded }]
  );
}

export function spcOptions(months: string[], result: SpcResult, config: SpcConfig): Plot.PlotOptions {
  const all = spcData(months, result);
  const data = all.filter((d) => !d.excluded);
  const ghosts = all.filter((d) => d.excluded);
  const l = result.limits;
  const x = all.map((d) => d.date);
  const span = x.length ? [x[0]!, x.at(-1)!] : [];
  const hline = (y: number, options: Plot.RuleYOptions) => Plot.ruleY([y], { ariaHidden: 'true', x1: span[0], x2: span[1], ...options });
  const marks: Plot.Markish[] = [];
  if (l) {
    marks.push(
      hline(l.mean, { stroke: ROLE.reference, strokeWidth: 1.5 }),
      hline(l.upper, { stroke: ROLE.reference, strokeDasharray: '6,4' }),
      hline(l.lower, { stroke: ROLE.reference, strokeDasharray: '6,4' })
    );
  }
  if (config.target !== null && config.target !== undefined && Number.isFinite(config.target)) {
    marks.push(hline(config.target, { stroke: ROLE.reference, strokeDasharray: '2,3', strokeWidth: 1.5 }));
  }
  marks.push(
    Plot.lineY(data, { ariaHidden: 'true', x: 'date', y: 'value', stroke: '#aeb7bd', strokeWidth: 1.5 }),
    Plot.dot(data, { ariaHidden: 'true',
      x: 'date', y: 'value', r: (d: SpcDatum) => (d.special ? 4.5 : 3), fill: (d: SpcDatum) => SPC_COLOURS[d.variation],
      symbol: (d: SpcDatum) => (d.special ? 'diamond' : 'circle'), stroke: 'white', strokeWidth: 0.5
    }),
    ...(ghosts.length ? [Plot.dot(ghosts, { ariaHidden: 'true', className: 'incomplete-months', x: 'date', y: 'value', r: 3.5, fill: 'white', stroke: INCOMPLETE_STROKE, strokeWidth: 1.5 })] : []),
    Plot.tip(all, Plot.pointerX({ ariaHidden: 'true', x: 'date', y: 'value', title: (d: SpcDatum) => `${monthLabel(d.month)}: ${d.value}${d.excluded ? ' (incomplete: left out of the limits)' : d.special ? ` (special cause: ${d.variation.replace('_', ' ')})` : ''}` }))
  );
  return {
    ...monthlyFrame(config, false),
    r: { type: 'identity' },
    symbol: { type: 'identity' },
    marks
  };
}

export interface SpcSpecConfig extends SpcConfig {
  /** What the measure counts, first among the notes (as a trend's: trend-chart.ts). */
  definition?: { label: string; text: string };
  format: (v: number | null) => string;
  /** Mean and limits of a count are fractions: shown with a decimal. */
  limitFormat: (v: number | null) => string;
  /** Months hidden by small-number suppression (gaps in the chart, `*` in the table). */
  suppressed: readonly string[];
  /** Incomplete months and why (domain/completeness.ts); those the result excludes are left out of the limits. */
  incomplete?: { reasons: ReadonlyMap<string, IncompleteReason>; asOf: string | null; status?: string };
}

const RULES: Record<SpcRule, string> = {
  beyond_limit: 'beyond a process limit',
  run: 'run of 7 or more on one side of the mean',
  trend: '7 or more rising or falling',
  two_of_three: '2 of 3 beyond 2 sigma'
};

type SpcPoint = SpcResult['points'][number];

/**
 * The SPC chart as a spec: Making Data Count's variation and assurance icons as sentences (the icons
 * carry a letter and a colour; here the words say it), the mean and limits, the chart, and a table of
 * each month's value with any special-cause rule it breaks.
 */
/** The SPC chart's key: the kinds of point it draws, its lines, and incomplete months left out. */
function spcKey(result: SpcResult, config: SpcSpecConfig, excluded: boolean): KeyItem[] {
  const seen = new Set(result.points.map((p) => p.variation ?? 'common_cause'));
  const special: [keyof typeof SPC_COLOURS, string][] = [['improvement', 'improvement'], ['concern', 'concern'], ['neither', 'neither improvement nor concern']];
  return [
    { label: 'Common cause', colour: SPC_COLOURS.common_cause, mark: 'dot' },
    ...special.filter(([v]) => seen.has(v)).map(([v, words]): KeyItem => ({ label: `Special cause, ${words} (a larger diamond)`, colour: SPC_COLOURS[v], mark: 'dot' })),
    ...(result.limits ? [{ label: 'Mean', colour: ROLE.reference, mark: 'line' } as KeyItem, { label: 'Process limits', colour: ROLE.reference, mark: 'dashed' } as KeyItem] : []),
    ...(config.target !== null && config.target !== undefined && Number.isFinite(config.target) ? [{ label: `Target ${config.format(config.target)}`, colour: ROLE.reference, mark: 'dotted' } as KeyItem] : []),
    ...(excluded ? [incompleteKey()] : [])
  ];
}

export function spcSpec(base: SpecBase, months: string[], result: SpcResult, config: SpcSpecConfig): ChartSpec<SpcPoint> {
  const hidden = new Set(config.suppressed);
  const special = result.points.filter((p) => p.rules.length).length;
  const l = result.limits;
  const month = (p: SpcPoint) => months[p.index] ?? '';
  const reasons = config.incomplete?.reasons ?? new Map<string, IncompleteReason>();
  const excluded = result.points.filter((p) => p.excluded).length;
  // Kept in by the user's choice: marked in the table and the note, drawn as any other point.
  const included = excluded === 0 && reasons.size > 0;
  const judged = config.incomplete !== undefined;
  // Incomplete months the limits would otherwise have been computed from (those inside the baseline).
  const leftOut = l ? result.points.filter((p) => p.excluded && p.index >= l.baseline.start && p.index < l.baseline.end).length : 0;
  return {
    ...base,
    state: l ? 'ready' : 'empty',
    hasRows: true,
    empty: 'An SPC chart needs at least two months with values.',
    plot: samePlot(base.id, [months, result, config.unit, config.target, config.percent], () => (width) => spcOptions(months, result, { ...config, width })),
    label: `${base.title}. ${base.subtitle}`,
    graphic: l ? { testid: 'spc-graphic', attrs: { 'data-mean': l.mean, 'data-lower': l.lower, 'data-upper': l.upper, 'data-points': l.points } } : undefined,
    key: spcKey(result, config, excluded > 0),
    lead: lines(
      result.variation && { strong: 'Variation:', text: `${VARIATION_LABELS[result.variation]}.`, testid: 'spc-variation', attrs: { 'data-icon': result.variation } },
      result.assurance && {
        strong: `Assurance against the target ${config.format(config.target ?? null)}:`, text: `${ASSURANCE_LABELS[result.assurance]}.`,
        testid: 'spc-assurance', attrs: { 'data-icon': result.assurance }
      },
      l && {
        text: `Mean ${config.limitFormat(l.mean)}; process limits ${config.limitFormat(l.lower)} to ${config.limitFormat(l.upper)}` +
          `${l.baseline.end - l.baseline.start < months.length ? `, calculated from the first ${l.baseline.end} months` : ''}` +
          `${leftOut ? `${l.baseline.end - l.baseline.start < months.length ? ' and' : ','} leaving out the ${leftOut === 1 ? 'incomplete month' : `${leftOut} incomplete months`}` : ''}. ` +
          `${special} ${special === 1 ? 'month shows' : 'months show'} special-cause variation.`,
        muted: true, testid: 'spc-limits'
      }
    ),
    notes: lines(
      config.definition && { strong: `${config.definition.label}:`, text: config.definition.text, testid: 'measure-definition' },
      reasons.size > 0 && incompleteLine({
        months, incomplete: reasons, asOf: config.incomplete?.asOf ?? null, status: config.incomplete?.status, included,
        leftOutOf: 'the line, the mean, the process limits and the special-cause rules'
      })
    ),
    table: {
      rows: result.points,
      columns: [
        { key: 'month', label: 'Month', rowHeader: true, value: (p) => monthLabel(month(p)) },
        { key: 'value', label: 'Value', num: true, percent: config.percent, value: (p) => config.format(p.value), raw: (p) => p.value, hidden: (p) => hidden.has(month(p)) },
        { key: 'special', label: 'Special cause', value: (p) => (p.rules.length ? `${p.variation}: ${p.rules.map((r) => RULES[r]).join('; ')}` : '') },
        ...(judged ? [{
          key: 'completeness', label: 'Month complete', testid: 'cell-completeness',
          value: (p: SpcPoint) => (p.excluded ? 'incomplete: left out of the limits' : reasons.has(month(p)) ? 'incomplete' : 'complete')
        }] : []),
        // In the CSV: the mean and process limits drawn at each month.
        ...(['mean', 'lower', 'upper'] as const).map((k) => ({
          key: `limit-${k}`, label: k === 'mean' ? 'Mean' : `${k === 'lower' ? 'Lower' : 'Upper'} process limit`, only: 'export' as const, percent: config.percent,
          value: () => config.format(l?.[k] ?? null), raw: () => l?.[k] ?? null
        }))
      ],
      rowKey: (p) => String(p.index),
      caption: `${base.title}: each month's value and any special-cause rule it breaks.`,
      testid: `${base.id}-table`,
      rowAttrs: (p) => ({
        'data-month': month(p), 'data-special': p.rules.length ? (p.variation ?? '') : '',
        ...(judged ? { 'data-incomplete': reasons.has(month(p)), 'data-excluded': p.excluded } : {})
      })
    }
  };
}
