/**
 * The funnel plot as a spec: the key of significance colours and limit lines, the plot, the measure's
 * note, and a table of every area (value, interval, significance) in name order. Receives the
 * suppressed table (domain/equity/disclosure.ts): suppressed cells read `*` and have no dot.
 */
import { fmt1, fmtInt } from '../domain/format';
import { isOutlier, type FunnelAreaRow, type FunnelData, type FunnelMeasureDef } from '../domain/equity/funnel-data';
import type { SuppressedTable } from '../domain/stats/suppression';
import { funnelDots, funnelOptions, lineAt, significanceLabel, SIGNIFICANCE_MARKS } from './funnel-chart';
import { ROLE } from './palette';
import { contentState, lines, samePlot, type ChartSpec, type SpecBase } from './spec';
import { rangeText, shownColumn, shownRows, type ShownRow } from './twin-table';

export function funnelSpec(
  base: SpecBase, measure: FunnelMeasureDef, data: FunnelData | null, shown: SuppressedTable<FunnelAreaRow> | null
): ChartSpec<ShownRow<FunnelAreaRow>> {
  const percent = measure.id === 'wait_over_18w';
  const format = (v: number | null) => (v === null ? '–' : percent ? `${fmt1(v)}%` : fmt1(v));
  const dots = shown ? funnelDots(shown) : [];
  const outliers = dots.filter((d) => d.outlier).length;
  const rows = shown ? shownRows(shown).sort((a, b) => (a.r.name ?? '').localeCompare(b.r.name ?? '')) : [];
  const valueHidden = (x: ShownRow<FunnelAreaRow>) => shown!.isSuppressed(x.i, 'value');
  // What the board should see: the areas outside the 99.8% limits, above and below (suppressed ones never named).
  const named = (level: string) => rows.filter((x) => x.r.significance === level && !valueHidden(x)).map((x) => x.r.name ?? '');
  const [high, low] = [named('High (0.001)'), named('Low (0.001)')];
  const list = (n: string[]) => (n.length > 4 ? `${n.slice(0, 4).join(', ')} and ${n.length - 4} more` : n.join(', '));
  const finding = !data ? '' : !high.length && !low.length
    ? `No area's ${measure.label.toLowerCase()} is outside the 99.8% limits around all areas (${format(data.baseline)}).`
    : [high.length && `Significantly above all areas (${format(data.baseline)}, outside the 99.8% limits): ${list(high)}.`,
      low.length && `Significantly below: ${list(low)}.`].filter(Boolean).join(' ');
  const limitColumns = (['95%', '99.8%'] as const).flatMap((level) => (['lower', 'upper'] as const).map((side) => {
    const line = data?.lines.find((l) => l.level === level && l.side === side);
    const at = (x: ShownRow<FunnelAreaRow>) => (line && x.r.denominator !== null ? lineAt(line.points, x.r.denominator) : null);
    return {
      key: `${side}-${level}`, label: `${side === 'lower' ? 'Lower' : 'Upper'} ${level} control limit`, only: 'export' as const,
      value: (x: ShownRow<FunnelAreaRow>) => format(at(x)), raw: at, hidden: (x: ShownRow<FunnelAreaRow>) => shown!.isSuppressed(x.i, 'denominator')
    };
  }));
  return {
    ...base,
    ...contentState(data !== null, data !== null && dots.length > 0),
    finding,
    empty: base.empty ?? `No area has a ${measure.denominatorLabel.toLowerCase()} and a count for this year.`,
    plot: data ? samePlot(base.id, [data, shown, measure.id], () => (width) => funnelOptions(data, dots, { xLabel: measure.denominatorLabel, yLabel: measure.unit, format, width })) : null,
    label: `${base.title}. ${base.subtitle}. ${outliers} areas are outside the 99.8% limits and are labelled; every area is in the table below.`,
    graphic: { testid: 'funnel-plot', attrs: { 'data-outliers': outliers, 'data-baseline': data?.baseline ?? '' } },
    key: [
      ...SIGNIFICANCE_MARKS,
      { label: '95% limits', colour: ROLE.reference, mark: 'dashed' },
      { label: '99.8% limits', colour: ROLE.reference, mark: 'line' },
      { label: `All areas: ${data ? format(data.baseline) : '–'}`, colour: ROLE.reference, mark: 'thick' }
    ],
    notes: lines(
      // The names are placed at the width drawn; on a narrow screen some have no room.
      { text: `${outliers} ${outliers === 1 ? 'area is' : 'areas are'} outside the 99.8% limits and labelled where there is room; every area is in the table.`, testid: 'funnel-outliers' },
      { text: measure.how, muted: true }
    ),
    table: {
      rows,
      rowKey: (x) => String(x.i),
      caption: `${base.title} (${measure.unit}). ${base.subtitle}`,
      testid: 'funnel-table',
      rowAttrs: (x) => ({
        'data-code': x.r.code ?? '', 'data-significance': x.r.significance ?? '', 'data-outlier': isOutlier(x.r.significance), 'data-suppressed': valueHidden(x)
      }),
      columns: [
        { key: 'area', label: 'Area', rowHeader: true, value: (x) => x.r.name ?? '' },
        { key: 'code', label: 'Code', only: 'export', value: (x) => x.r.code ?? '' },
        shownColumn(shown!, 'denominator', { key: 'denominator', label: measure.denominatorLabel, format: fmtInt }),
        shownColumn(shown!, 'events', { key: 'events', label: measure.eventsLabel, format: fmtInt, testid: 'funnel-events' }),
        shownColumn(shown!, 'value', { key: 'value', label: measure.label, format, testid: 'funnel-value' }),
        { key: 'ci', label: '95% CI', num: true, small: true, only: 'screen', value: (x) => rangeText(x.r.lower, x.r.upper, format), hidden: valueHidden },
        shownColumn(shown!, 'lower', { key: 'lower', label: 'Lower 95% CI', only: 'export', format, by: 'value' }),
        shownColumn(shown!, 'upper', { key: 'upper', label: 'Upper 95% CI', only: 'export', format, by: 'value' }),
        {
          key: 'significance', label: 'Compared with all areas', small: true,
          value: (x) => (x.r.significance ? significanceLabel(x.r.significance) : '–'), hidden: (x) => shown!.isSuppressed(x.i, 'significance')
        },
        // In the CSV: the centre line and the four control limits at the area's own denominator, as drawn.
        { key: 'baseline', label: 'All areas (centre line)', only: 'export', value: () => format(data?.baseline ?? null), raw: () => data?.baseline ?? null },
        ...limitColumns
      ]
    }
  };
}
