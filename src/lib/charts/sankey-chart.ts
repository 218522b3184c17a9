/**
 * Plot options for a flow diagram (sankey-layout.ts gives the geometry): the layout is worked out in
 * pixels at the chart's width, so both position scales are identity. Bands are Plot links with a
 * horizontal bump curve, as wide as their referrals; bands into an outcome where the referral was lost
 * (declined, did not attend, withdrawn) are drawn in the "worse" colour, the rest in the neutral one.
 * Node names sit beside their nodes, shortened with … to the room before the next column (full names
 * are in the table twin and in each band's tooltip).
 */
import * as Plot from '@observablehq/plot';
import { CHART_FONT, fitText, textWidth } from './label-fit';
import { ROLE } from './palette';
import { sankeyLayout, type LayoutFlow } from './sankey-layout';
import { fmtInt } from '../domain/format';

export interface SankeyConfig {
  /** Column headings, one per stage, and shorter ones for a narrow chart (a phone), used where the long one does not fit. */
  stages: readonly string[];
  shortStages?: readonly string[];
  /** Node names per column, in order. */
  columns: readonly (readonly string[])[];
  /** Nodes of the last column whose incoming bands are drawn in the "worse" colour. */
  worse?: ReadonlySet<string>;
  width?: number;
}

const FONT = 12;
const NODE_WIDTH = 10;
const PADDING = 14;

export function sankeyOptions(flows: readonly LayoutFlow[], config: SankeyConfig): Plot.PlotOptions {
  const width = config.width ?? 720;
  const last = config.columns.length - 1;
  // The last column's names go on its right: room for the longest, within a third of the chart.
  const lastNames = config.columns[last] ?? [];
  const right = Math.ceil(Math.min(width / 3, Math.max(40, ...lastNames.map((n) => textWidth(n, FONT) + 8))));
  const rows = Math.max(...config.columns.map((c) => c.length), 1);
  const top = 28;
  const height = Math.max(260, top + rows * 40 + 12);
  const box = { left: 4, right: width - right, top, bottom: height - 12, nodeWidth: NODE_WIDTH, padding: PADDING };
  const { nodes, bands } = sankeyLayout(config.columns, flows, box);
  const gap = last > 0 ? (box.right - box.left - NODE_WIDTH) / last - NODE_WIDTH - 8 : width;
  const labels = nodes.map((n) => ({
    x: n.x1 + 4,
    y: (n.y0 + n.y1) / 2,
    text: fitText(n.name, n.column === last ? right - 8 : gap, FONT)
  }));
  const heads = config.stages.map((s, c) => {
    const x = box.left + c * ((box.right - box.left - NODE_WIDTH) / Math.max(1, last));
    const room = c === last ? right + NODE_WIDTH : gap + NODE_WIDTH;
    const short = config.shortStages?.[c];
    return { x, text: fitText(short && textWidth(s, FONT) > room ? short : s, room, FONT) };
  });
  const worse = config.worse ?? new Set<string>();
  return {
    width,
    height,
    margin: 0,
    style: { fontFamily: CHART_FONT, fontSize: `${FONT}px` },
    x: { type: 'identity', axis: null },
    y: { type: 'identity', axis: null },
    color: { type: 'identity' },
    marks: [
      Plot.link(bands, {
        x1: 'x0', y1: 'y0', x2: 'x1', y2: 'y1', curve: 'bump-x',
        strokeWidth: (b) => Math.max(1, b.width),
        stroke: (b) => (b.step === last - 1 && worse.has(b.to) ? ROLE.worse : ROLE.neutral),
        strokeOpacity: 0.45,
        title: (b) => `${b.from} → ${b.to}: ${fmtInt(b.value)} referrals`,
        ariaHidden: 'true'
      }),
      Plot.rect(nodes, { x1: 'x0', x2: 'x1', y1: 'y0', y2: 'y1', fill: ROLE.measure, title: (n) => `${n.name}: ${fmtInt(n.value)} referrals drawn`, ariaHidden: 'true' }),
      Plot.text(labels, { x: 'x', y: 'y', text: 'text', textAnchor: 'start', fill: '#212b32', stroke: 'white', strokeWidth: 3, paintOrder: 'stroke', ariaHidden: 'true' }),
      Plot.text(heads, { x: 'x', y: 14, text: 'text', textAnchor: 'start', fontWeight: 'bold', fill: '#212b32', ariaHidden: 'true' })
    ]
  };
}
