/**
 * Plot options for a field's completeness by month (the Data quality view): the share of the month's rows
 * with a usable value, 0–100%, a dashed line at the threshold, and the months below it as dots in the
 * palette's 'worse' colour (palette.ts), the others in 'measure'. Months whose share is hidden by the
 * small-number rule are gaps in the line (the table twin shows them as *).
 */
import * as Plot from '@observablehq/plot';
import { monthLabel } from '../state/filters-url';
import { pctWords } from '../domain/quality/shares';
import { monthlyFrame } from './trend-chart';
import { ROLE, monthDate } from './palette';
import type { KeyItem } from './spec';

export interface MonthShare {
  month: string;
  /** Null when hidden or no row expected it. */
  share: number | null;
  flagged: boolean;
}

export function qualityMonthKey(threshold: number): KeyItem[] {
  return [
    { label: `Below ${Math.round(threshold * 100)}%`, colour: ROLE.worse, mark: 'dot' },
    { label: 'At or above', colour: ROLE.measure, mark: 'dot' },
    { label: 'Threshold', colour: ROLE.reference, mark: 'dashed' }
  ];
}

export function qualityMonthOptions(rows: readonly MonthShare[], threshold: number, unit: string, width = 720): Plot.PlotOptions {
  const data = rows.map((r) => ({ date: monthDate(r.month), month: r.month, value: r.share, flagged: r.flagged }));
  const shown = data.filter((d) => d.value !== null);
  const frame = monthlyFrame({ unit, width, percent: true }, true);
  return {
    ...frame,
    // Plot's percent option scales the values by 100, so the domain is in percent too.
    y: { ...frame.y, domain: [0, 100] },
    marks: [
      Plot.ruleY([0], { ariaHidden: 'true', stroke: ROLE.reference }),
      Plot.ruleY([threshold], { ariaHidden: 'true', stroke: ROLE.reference, strokeDasharray: '4,3' }),
      Plot.lineY(data, { ariaHidden: 'true', x: 'date', y: 'value', stroke: ROLE.measure, strokeWidth: 2 }),
      Plot.dot(shown, { ariaHidden: 'true', x: 'date', y: 'value', fill: (d: { flagged: boolean }) => (d.flagged ? ROLE.worse : ROLE.measure), r: 3.5 }),
      Plot.tip(shown, Plot.pointerX({ ariaHidden: 'true', x: 'date', y: 'value', title: (d: { month: string; value: number; flagged: boolean }) => `${monthLabel(d.month)}: ${pctWords(d.value)}${d.flagged ? ' (below the threshold)' : ''}` }))
    ],
    color: { type: 'identity' }
  };
}
