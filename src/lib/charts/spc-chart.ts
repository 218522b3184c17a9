/**
 * Plot options for an XmR (SPC) chart in the Making Data Count style: the series as a grey line,
 * the mean solid, the process limits dashed, special-cause points coloured by improvement (blue),
 * concern (orange) or neither (purple) and drawn larger, with a different symbol, so the signal
 * does not depend on colour alone. A target, when set, is a red dotted line.
 */
import * as Plot from '@observablehq/plot';
import type { SpcResult } from '../domain/spc';
import { SPC_COLOURS, monthDate } from './palette';

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
}

export function spcData(months: string[], result: SpcResult): SpcDatum[] {
  return result.points.flatMap((p) =>
    p.value === null
      ? []
      : [{ date: monthDate(months[p.index]!), month: months[p.index]!, value: p.value, variation: p.variation ?? 'common_cause', special: (p.variation ?? 'common_cause') !== 'common_cause' }]
  );
}

export function spcOptions(months: string[], result: SpcResult, config: SpcConfig): Plot.PlotOptions {
  const data = spcData(months, result);
  const l = result.limits;
  const x = data.map((d) => d.date);
  const span = x.length ? [x[0]!, x.at(-1)!] : [];
  const hline = (y: number, options: Plot.RuleYOptions) => Plot.ruleY([y], { ariaHidden: 'true', x1: span[0], x2: span[1], ...options });
  const marks: Plot.Markish[] = [];
  if (l) {
    marks.push(
      hline(l.mean, { stroke: '#425563', strokeWidth: 1.5 }),
      hline(l.upper, { stroke: '#425563', strokeDasharray: '6,4' }),
      hline(l.lower, { stroke: '#425563', strokeDasharray: '6,4' })
    );
  }
  if (config.target !== null && config.target !== undefined && Number.isFinite(config.target)) {
    marks.push(hline(config.target, { stroke: '#da291c', strokeDasharray: '2,3', strokeWidth: 1.5 }));
  }
  marks.push(
    Plot.lineY(data, { ariaHidden: 'true', x: 'date', y: 'value', stroke: '#aeb7bd', strokeWidth: 1.5 }),
    Plot.dot(data, { ariaHidden: 'true',
      x: 'date', y: 'value', r: (d: SpcDatum) => (d.special ? 4.5 : 3), fill: (d: SpcDatum) => SPC_COLOURS[d.variation],
      symbol: (d: SpcDatum) => (d.special ? 'diamond' : 'circle'), stroke: 'white', strokeWidth: 0.5
    }),
    Plot.tip(data, Plot.pointerX({ ariaHidden: 'true', x: 'date', y: 'value', title: (d: SpcDatum) => `${d.month}: ${d.value}${d.special ? ` (special cause: ${d.variation.replace('_', ' ')})` : ''}` }))
  );
  return {
    width: config.width ?? 720,
    height: config.height ?? 320,
    marginLeft: 56,
    marginBottom: 44,
    marginTop: 32,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' },
    x: { type: 'utc', label: null },
    y: { label: config.unit, grid: true, zero: false, percent: config.percent ?? false },
    r: { type: 'identity' },
    symbol: { type: 'identity' },
    marks
  };
}
