/**
 * Plot options for the two ranked area charts of the Equity view, one row per area in rank order (rank 1 at
 * the top):
 * - the children and young people gap: each area's share of referrals aged 0–17 (dot, with its 95% Wilson
 *   interval as a line) against its share of residents aged 0–17 (a vertical tick), so a dot left of its tick
 *   is a shortfall;
 * - service variety: a bar of the number of service categories of the area's active providers, in the order of
 *   every bar chart (bar-chart.ts largestFirst: the most at the top), as Capacity draws it.
 * Input rows are as shown (after suppression): a suppressed share has no dot and no interval.
 */
import * as Plot from '@observablehq/plot';
import { largestFirst } from './bar-chart';
import { labelMargin } from './label-fit';
import { ROLE } from './palette';

/**
 * Every mark is hidden from assistive technology: the SVG is one labelled image (PlotFigure gives it role="img"
 * and a label), whose children are presentational, so ARIA on them is prohibited; the table twin carries the numbers.
 */
const hidden = { ariaHidden: 'true' };

export interface CypPoint {
  name: string;
  referralShare: number | null;
  referralLower: number | null;
  referralUpper: number | null;
  populationShare: number | null;
}

/**
 * 22 px a row; where the picture must fit a height (a printed page, export/layout.ts), rows close up
 * to no less than 16 px, still clear of each other at 12 px type.
 */
const rowHeight = (n: number, maxHeight = Infinity) => Math.max(160, Math.min(22 * n + 70, Math.max(16 * n + 70, maxHeight)));
// The x axis title sits centred under the tick labels, not beside them on the same line.
const base = { marginBottom: 44, marginRight: 24, style: { fontFamily: 'system-ui, sans-serif', fontSize: '12px' } };
/** Room for the area names, measured (label-fit.ts); a name that would take more than 40% is shortened. */
const names = (rows: readonly { name: string }[], width: number) => {
  const m = labelMargin(rows.map((r) => r.name), width);
  return { marginLeft: m.margin, tickFormat: m.format };
};
const pct = (v: number | null) => (v === null ? '*' : `${v.toFixed(1)}%`);

/** Rows must come in rank order: the y domain keeps that order. */
export function cypOptions(rows: readonly CypPoint[], width = 640, maxHeight?: number): Plot.PlotOptions {
  const n = names(rows, width);
  const shown = rows.filter((r) => r.referralShare !== null);
  const title = (r: CypPoint) =>
    `${r.name}\nReferrals aged 0–17: ${pct(r.referralShare)} (95% CI ${pct(r.referralLower)} to ${pct(r.referralUpper)})\nResidents aged 0–17: ${pct(r.populationShare)}`;
  return {
    ...base,
    width,
    marginLeft: n.marginLeft,
    height: rowHeight(rows.length, maxHeight),
    x: { label: '% aged 0–17', grid: true, zero: true, labelAnchor: 'center', labelArrow: 'none', labelOffset: 36 },
    y: { domain: rows.map((r) => r.name), label: null, tickFormat: n.tickFormat },
    marks: [
      Plot.tickX(rows.filter((r) => r.populationShare !== null), { ...hidden, x: 'populationShare', y: 'name', stroke: ROLE.comparison, strokeWidth: 3, className: 'cyp-population' }),
      Plot.ruleY(shown.filter((r) => r.referralLower !== null && r.referralUpper !== null), { ...hidden, y: 'name', x1: 'referralLower', x2: 'referralUpper', stroke: ROLE.measure, strokeOpacity: 0.6, strokeWidth: 2 }),
      Plot.dot(shown, { ...hidden, x: 'referralShare', y: 'name', r: 4.5, fill: ROLE.measure, className: 'cyp-referrals' }),
      Plot.tip(rows, Plot.pointerY({ ...hidden, x: (r: CypPoint) => r.referralShare ?? r.populationShare, y: 'name', title }))
    ]
  };
}

export interface VarietyPoint {
  name: string;
  providerCategories: number | null;
}

/** Drawn as every bar chart is, the most categories at the top (areas with none known last); rows in any order. */
export function varietyOptions(rows: readonly VarietyPoint[], width = 640, maxHeight?: number): Plot.PlotOptions {
  rows = largestFirst(rows, (r) => r.providerCategories, (r) => r.name);
  const n = names(rows, width);
  const shown = rows.filter((r) => r.providerCategories !== null);
  return {
    ...base,
    width,
    marginLeft: n.marginLeft,
    height: rowHeight(rows.length, maxHeight),
    x: { label: 'Service categories with capacity', grid: true, zero: true, labelAnchor: 'center', labelArrow: 'none', labelOffset: 36, tickFormat: 'd' },
    y: { domain: rows.map((r) => r.name), label: null, tickFormat: n.tickFormat },
    marks: [
      Plot.barX(shown, { ...hidden, x: 'providerCategories', y: 'name', fill: ROLE.measure, className: 'variety-bars' }),
      Plot.text(shown, { ...hidden, x: 'providerCategories', y: 'name', text: (r: VarietyPoint) => String(r.providerCategories), dx: 8, textAnchor: 'start', fill: '#212b32' }),
      Plot.ruleX([0], { ...hidden, stroke: ROLE.reference })
    ]
  };
}
