/**
 * Plot options for the funding-continuity timeline: one row per provider, one bar per contract from
 * its start to its end (open-ended contracts run to the edge of the period), short-term contracts in
 * a second colour, and a red tick where a contract starts after a gap.
 */
import * as Plot from '@observablehq/plot';
import { labelMargin } from './label-fit';
import { ROLE } from './palette';

export interface TimelineRow {
  provider: string;
  start: string;
  end: string | null;
  shortTerm: boolean;
  gapBefore: boolean;
}

const day = (s: string) => new Date(`${s}T00:00:00Z`);
/** The period is in months ('yyyy-mm'): from its first day to the day after its last month ends. */
const monthStart = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)) - 1, 1));
const monthAfter = (m: string) => new Date(Date.UTC(Number(m.slice(0, 4)), Number(m.slice(5, 7)), 1));

export function timelineOptions(rows: TimelineRow[], period: { from: string; to: string }, config: { width?: number } = {}): Plot.PlotOptions {
  const edge = monthAfter(period.to);
  const data = rows.map((r) => ({ ...r, x1: day(r.start), x2: r.end ? day(r.end) : edge, kind: r.shortTerm ? 'under 12 months' : '12 months or more' }));
  const providers = [...new Set(rows.map((r) => r.provider))];
  const width = config.width ?? 720;
  // Provider names get the room they need up to 40% of the width, shortened with … beyond it.
  const labels = labelMargin(providers, width);
  return {
    width,
    height: Math.max(120, 40 + providers.length * 20),
    marginLeft: labels.margin,
    marginRight: 16,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' },
    x: { type: 'utc', label: null, domain: [monthStart(period.from), edge], grid: true },
    y: { label: null, tickFormat: labels.format, domain: providers },
    color: { domain: ['12 months or more', 'under 12 months'], range: [ROLE.measure, ROLE.worse], legend: true },
    marks: [
      Plot.barX(data, { ariaHidden: 'true', x1: 'x1', x2: 'x2', y: 'provider', fill: 'kind', insetTop: 3, insetBottom: 3, clip: true }),
      Plot.tickX(data.filter((d) => d.gapBefore), { x: 'x1', y: 'provider', stroke: ROLE.unusual, strokeWidth: 3 })
    ]
  };
}
