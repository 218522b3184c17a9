/**
 * Plot options for a ranked dot chart with 95% confidence intervals (one row per area or group):
 * a CI line and a dot, a zero line for gaps and changes, ranked by value. Rows without a value are
 * left to the table twin.
 */
import * as Plot from '@observablehq/plot';
import { labelMargin, wrapLabel } from './label-fit';
import { ROLE } from './palette';

export interface DotCiRow {
  key: string;
  label: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
}

export interface DotCiConfig {
  unit: string;
  percent?: boolean;
  zeroLine?: boolean;
  /**
   * A reference value drawn as a dashed line (the rate for all referrals); with `worseAbove`, rows whose
   * whole interval lies above it are drawn in the "worse" colour.
   */
  reference?: { value: number; worseAbove?: boolean };
  width?: number;
}

/** A row drawn in the "worse" colour: its whole interval above the reference. */
export const aboveReference = (r: DotCiRow, config: DotCiConfig) =>
  !!config.reference?.worseAbove && r.lower !== null && r.lower > config.reference.value;

export function dotCiOptions(rows: DotCiRow[], config: DotCiConfig): Plot.PlotOptions {
  const data = rows.filter((r) => r.value !== null && Number.isFinite(r.value)).sort((a, b) => a.value! - b.value!);
  const withCi = data.filter((r) => r.lower !== null && r.upper !== null);
  const width = config.width ?? 720;
  const labels = labelMargin(data.map((d) => d.label), width);
  const axisTitle = wrapLabel(config.unit, width - labels.margin - 8, 12);
  const colour = (r: DotCiRow) => (aboveReference(r, config) ? ROLE.worse : ROLE.measure);
  return {
    width,
    height: Math.max(120, 56 + data.length * 22),
    marginLeft: labels.margin,
    marginRight: 24,
    marginBottom: 44 + (axisTitle.lines - 1) * 14,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' },
    x: { label: axisTitle.text, grid: true, percent: config.percent ?? false, labelAnchor: 'center', labelArrow: 'none', labelOffset: 36 + (axisTitle.lines - 1) * 14, ticks: Math.max(2, Math.floor((width - labels.margin) / 80)) },
    y: { label: null, tickFormat: labels.format, domain: data.map((d) => d.label) },
    color: { type: 'identity' },
    marks: [
      ...(config.zeroLine ? [Plot.ruleX([0], { ariaHidden: 'true', stroke: ROLE.reference })] : []),
      ...(config.reference ? [Plot.ruleX([config.reference.value], { ariaHidden: 'true', stroke: ROLE.reference, strokeDasharray: '4,3' })] : []),
      Plot.link(withCi, { ariaHidden: 'true', x1: 'lower', x2: 'upper', y1: 'label', y2: 'label', stroke: colour, strokeOpacity: 0.6, strokeWidth: 2 }),
      Plot.dot(data, { ariaHidden: 'true', x: 'value', y: 'label', fill: colour, r: 4 })
    ]
  };
}
