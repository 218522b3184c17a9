/**
 * A measure by deprivation decile or quintile as a spec (gradient-chart.ts draws it): the SII and RII in
 * sentences (or why there are none), the groups along the population's deprivation ranking with the
 * fitted SII line, and the table twin. Receives the suppressed gradient table (domain/equity/disclosure.ts).
 */
import { fmtGbp, fmtInt } from '../domain/format';
import type { GradientRow, QuantileGrouping, ShownSii, SiiMeasure } from '../domain/equity/gradient';
import { siiWords } from '../domain/equity/sii-words';
import { SII_MIN_QUANTILES } from '../domain/stats/sii';
import type { SuppressedTable } from '../domain/stats/suppression';
import { gradientOptions, type GradientPoint } from './gradient-chart';
import { contentState, lines, samePlot, type ChartSpec, type Line, type SpecBase } from './spec';
import { rangeText, shownColumn, shownRows, type ShownRow, type TwinColumn } from './twin-table';

export interface GradientSpecConfig {
  column: 'rate' | 'fundingPerHead' | 'medianWait';
  /** The interval's columns, for the rate. */
  interval?: { lower: 'rateLower'; upper: 'rateUpper' } | null;
  /** The count the value rests on, shown in the table. */
  countColumn: 'referrals' | 'funding' | 'firstContacts';
  countLabel: string;
  unit: string;
  format: (v: number | null) => string;
  grouping: QuantileGrouping;
  /** Null for a measure with no SII (medians). */
  sii: ShownSii | null;
  siiMeasure: SiiMeasure | null;
  how: string;
}

/** The SII in words, or why it is not shown. */
function siiLines(id: string, c: GradientSpecConfig, group: string): Line[] {
  const sii = c.sii;
  if (!sii) return [];
  if (sii.status === 'ok' && c.siiMeasure) {
    const words = siiWords(c.siiMeasure, sii.result, c.grouping, sii.hasInterval);
    return lines(
      { strong: words.sii, text: '', testid: `${id}-sentence` },
      words.rii,
      !sii.hasInterval && { text: `No confidence interval: no ${group} has two areas, so there is no spread between areas to estimate it from.`, muted: true }
    );
  }
  if (sii.status === 'too-few') {
    return lines(`The slope index of inequality needs at least ${SII_MIN_QUANTILES} ${group}s with data; these areas cover ${sii.groups}. The gradient is shown without it.`);
  }
  if (sii.status === 'suppressed') {
    return lines(`The slope index of inequality is not shown: a ${group}'s count is small enough to be suppressed, and the index is calculated from every count.`);
  }
  return lines(`The slope index of inequality could not be calculated for these figures (a ${group} has no value, or a rate of 0).`);
}

export function gradientSpec(base: SpecBase, shown: SuppressedTable<GradientRow>, c: GradientSpecConfig): ChartSpec<ShownRow<GradientRow>> {
  const prefix = c.grouping === 'decile' ? 'D' : 'Q';
  const groupName = c.grouping === 'decile' ? 'Decile' : 'Quintile';
  const points: GradientPoint[] = shown.rows.map((r) => ({
    quantile: r.quantile!, population: r.population!, value: r[c.column] as number | null,
    lower: c.interval ? (r[c.interval.lower] as number | null) : null, upper: c.interval ? (r[c.interval.upper] as number | null) : null
  }));
  const ok = c.sii?.status === 'ok' ? c.sii : null;
  const limits = ok?.hasInterval ? (ok.result.limits[0] ?? null) : null;
  const fitted = ok ? { atMostDeprived: ok.result.intercept, atLeastDeprived: ok.result.intercept + ok.result.sii } : null;
  const lead = siiLines(base.id, c, groupName.toLowerCase());
  const interval = c.interval;
  const intervalColumns: TwinColumn<ShownRow<GradientRow>>[] = interval ? [
    { key: 'ci', label: '95% CI', num: true, small: true, only: 'screen', value: (x) => rangeText(x.r[interval.lower], x.r[interval.upper], c.format), hidden: (x) => shown.isSuppressed(x.i, interval.lower) },
    shownColumn(shown, interval.lower, { key: 'lower', label: 'Lower 95% CI', only: 'export', format: c.format }),
    shownColumn(shown, interval.upper, { key: 'upper', label: 'Upper 95% CI', only: 'export', format: c.format, by: interval.lower })
  ] : [];
  return {
    ...base,
    ...contentState(shown.rows.length > 0, points.some((p) => p.value !== null)),
    plot: samePlot(base.id, [shown, c.column, c.sii, c.grouping, c.unit, c.format], () => (width) => gradientOptions(points, { yLabel: c.unit, format: c.format, prefix, fitted, width: Math.min(width, 720) })),
    label: `${base.title}. ${base.subtitle}. ${lead[0]?.strong ?? ''}`,
    // The SII's figures ride on the drawing for tests and for anyone reading the page's source.
    graphic: c.sii ? {
      testid: `${base.id}-sii`,
      attrs: { 'data-status': c.sii.status, 'data-sii': ok?.result.sii ?? '', 'data-rii': ok?.result.rii ?? '', 'data-lower': limits?.siiLower ?? '', 'data-upper': limits?.siiUpper ?? '' }
    } : undefined,
    lead,
    notes: lines({ text: c.how, muted: true }),
    table: {
      rows: shownRows(shown),
      rowKey: (x) => String(x.r.quantile),
      caption: `${base.title} (${c.unit}). ${base.subtitle}. ${groupName} 1 = most deprived.`,
      testid: `${base.id}-table`,
      rowAttrs: (x) => ({ 'data-quantile': x.r.quantile ?? '' }),
      columns: [
        { key: 'group', label: groupName, rowHeader: true, value: (x) => `${prefix}${x.r.quantile}` },
        { key: 'areas', label: 'Areas', num: true, value: (x) => fmtInt(x.r.areas), raw: (x) => x.r.areas },
        { key: 'population', label: 'Population', num: true, value: (x) => fmtInt(x.r.population), raw: (x) => x.r.population },
        shownColumn(shown, c.countColumn, { key: 'count', label: c.countLabel, format: c.countColumn === 'funding' ? fmtGbp : fmtInt }),
        shownColumn(shown, c.column, { key: 'value', label: c.unit, format: c.format, testid: 'gradient-value' }),
        ...intervalColumns
      ]
    }
  };
}
