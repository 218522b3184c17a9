/**
 * Plot options for a Lorenz curve of funding against need: x = cumulative share of need-weighted population,
 * y = cumulative share of funding, areas in order of funding per need-weighted head (lowest first), so the
 * curve bows below the diagonal line of equality as funding departs from need. The area between them, doubled,
 * is the Gini coefficient (stats/gini.ts). Each area is a dot at the end of its segment, with a tooltip.
 */
import * as Plot from '@observablehq/plot';
import type { LorenzArea, Lorenz } from '../domain/equity/fair-share-rows';
import { fitText } from './label-fit';
import { ROLE } from './palette';

/**
 * Every mark is hidden from assistive technology: the SVG is one labelled image (PlotFigure gives it role="img"
 * and a label), whose children are presentational, so ARIA on them is prohibited; the table twin carries the numbers.
 */
const hidden = { ariaHidden: 'true' };

export interface LorenzChartConfig {
  /** £ per need-weighted head for tooltips. */
  formatPerHead: (v: number | null) => string;
  width?: number;
  height?: number;
}

const pct = (v: number) => `${(v * 100).toFixed(1)}%`;

export function lorenzOptions(lorenz: Lorenz, config: LorenzChartConfig): Plot.PlotOptions {
  const equality = [{ x: 0, y: 0 }, { x: 1, y: 1 }];
  const curve = lorenz.points.map((p) => ({ x: p.populationShare, y: p.fundingShare }));
  const title = (a: LorenzArea) =>
    `${a.name}: ${config.formatPerHead(Number.isFinite(a.perHead) ? a.perHead : null)} per need-weighted head\n` +
    `With the areas before it: ${pct(a.populationShare)} of need, ${pct(a.fundingShare)} of funding`;
  const width = config.width ?? 440;
  return {
    width,
    height: config.height ?? 420,
    marginLeft: 56,
    marginRight: 20,
    marginBottom: 44,
    marginTop: 36,
    style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' },
    x: { domain: [0, 1], label: fitText('Cumulative share of need-weighted population', width - 56 - 20, 12), tickFormat: '.0%', labelAnchor: 'center', labelArrow: 'none' },
    y: { domain: [0, 1], label: 'Cumulative share of funding', tickFormat: '.0%', grid: true },
    marks: [
      Plot.areaY(curve, { ...hidden, x: 'x', y1: 'x', y2: 'y', fill: ROLE.measure, fillOpacity: 0.15 }),
      Plot.line(equality, { ...hidden, x: 'x', y: 'y', stroke: ROLE.reference, strokeDasharray: '5,4', className: 'lorenz-equality' }),
      Plot.text([{ x: 0.55, y: 0.55 }], { ...hidden, x: 'x', y: 'y', text: () => 'Line of equality', rotate: -45, dy: -8, fill: ROLE.reference }),
      Plot.line(curve, { ...hidden, x: 'x', y: 'y', stroke: ROLE.measure, strokeWidth: 2, className: 'lorenz-curve' }),
      Plot.dot(lorenz.areas, { ...hidden, x: 'populationShare', y: 'fundingShare', r: 3.5, fill: ROLE.measure }),
      Plot.tip(lorenz.areas, Plot.pointer({ ...hidden, x: 'populationShare', y: 'fundingShare', title }))
    ]
  };
}
