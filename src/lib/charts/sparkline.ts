/**
 * Plot options for a small trend line (area profile): one point per period, a band for the
 * confidence interval where the measure has one, the latest point marked. No axes: the exact
 * figures are in the table beside it, and the chart's label says first and last value.
 */
import * as Plot from '@observablehq/plot';
import { ROLE } from './palette';

export interface TrendPoint {
  fy: string;
  value: number | null;
  lower: number | null;
  upper: number | null;
}

export interface SparklineConfig {
  width?: number;
  height?: number;
  /** Diverging measures get a zero line, so above/below target shows at a glance. */
  zeroLine?: boolean;
}

export function sparklineOptions(points: TrendPoint[], config: SparklineConfig = {}): Plot.PlotOptions {
  const data = points.filter((p) => p.value !== null);
  const withCi = data.filter((p) => p.lower !== null && p.upper !== null);
  const last = data.at(-1);
  const marks: Plot.Markish[] = [];
  if (config.zeroLine) marks.push(Plot.ruleY([0], { ariaHidden: 'true', stroke: ROLE.reference, strokeDasharray: '2,2' }));
  if (withCi.length > 1) marks.push(Plot.areaY(withCi, { ariaHidden: 'true', x: 'fy', y1: 'lower', y2: 'upper', fill: ROLE.measure, fillOpacity: 0.15 }));
  marks.push(Plot.lineY(data, { ariaHidden: 'true', x: 'fy', y: 'value', stroke: ROLE.measure, strokeWidth: 2 }));
  if (last) marks.push(Plot.dot([last], { ariaHidden: 'true', x: 'fy', y: 'value', fill: ROLE.measure, r: 3 }));
  return {
    width: config.width ?? 160,
    height: config.height ?? 44,
    margin: 6,
    x: { type: 'point', domain: points.map((p) => p.fy), axis: null },
    y: { axis: null, nice: false, zero: false, domain: yDomain(data, withCi, config.zeroLine ?? false) },
    marks
  };
}

/**
 * The values' extent, at least a fifth of their size: a change of a few hundredths (83.45% three years running,
 * off in the tenth decimal) was stretched to the full height and drew a V.
 */
function yDomain(data: readonly TrendPoint[], withCi: readonly TrendPoint[], zero: boolean): [number, number] | undefined {
  const ys = [...data.map((p) => p.value!), ...withCi.flatMap((p) => [p.lower!, p.upper!]), ...(zero ? [0] : [])];
  if (!ys.length) return undefined;
  const lo = Math.min(...ys);
  const hi = Math.max(...ys);
  const mid = (lo + hi) / 2;
  const span = Math.max(hi - lo, Math.abs(mid) * 0.2, 1e-9);
  return [mid - span / 2, mid + span / 2];
}

/** "2022/23 12.3 to 2024/25 14.1", for the chart's accessible label. */
export function sparklineSummary(points: TrendPoint[], format: (v: number | null) => string): string {
  const data = points.filter((p) => p.value !== null);
  if (!data.length) return 'No values in any year';
  if (data.length === 1) return `${data[0]!.fy} only: ${format(data[0]!.value)}`;
  return `${data[0]!.fy} ${format(data[0]!.value)} to ${data.at(-1)!.fy} ${format(data.at(-1)!.value)}`;
}
