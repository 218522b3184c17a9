/**
 * A flow diagram's geometry (a Sankey layout), in pixels: columns of nodes, one per stage, each node as tall
 * as the referrals through it, and between neighbouring columns a band per flow as wide as its referrals.
 * Hand-written rather than d3-sankey: four fixed columns of at most eight nodes each need no iterative
 * relaxation, and d3-sankey would bring old copies of d3-array and d3-shape alongside Plot's.
 *
 * Order: the first column as given (largest first); each middle column by the weighted mean height of the
 * flows coming into its nodes (the barycentre heuristic: few crossings in one pass); the last column as given
 * (outcomes in their fixed order). Within a node, bands leave and arrive in the order of the nodes at their
 * other end, so bands do not cross at the node. Flows with no value (hidden by the small-number rule) get no
 * band; a node is as tall as the larger of its drawn flows in and out, and a node with none is not drawn.
 */

export interface LayoutFlow {
  /** The column the flow leaves (it arrives in the next). */
  step: number;
  from: string;
  to: string;
  /** Null: not drawn. */
  value: number | null;
}

export interface LayoutNode {
  column: number;
  name: string;
  value: number;
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

export interface LayoutBand {
  step: number;
  from: string;
  to: string;
  value: number;
  /** Where the band leaves (the right edge of its source node) and arrives (the left edge of its target), at its centre line. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  width: number;
}

export interface SankeyBox {
  /** Left edge of the first column and right edge of the last column's nodes. */
  left: number;
  right: number;
  top: number;
  bottom: number;
  nodeWidth: number;
  /** Vertical gap between nodes of a column. */
  padding: number;
}

export function sankeyLayout(columns: readonly (readonly string[])[], flows: readonly LayoutFlow[], box: SankeyBox): { nodes: LayoutNode[]; bands: LayoutBand[] } {
  const drawn = flows.filter((f): f is LayoutFlow & { value: number } => f.value !== null && f.value > 0);
  const key = (column: number, name: string) => `${column}\u0000${name}`;
  const inSum = new Map<string, number>();
  const outSum = new Map<string, number>();
  for (const f of drawn) {
    outSum.set(key(f.step, f.from), (outSum.get(key(f.step, f.from)) ?? 0) + f.value);
    inSum.set(key(f.step + 1, f.to), (inSum.get(key(f.step + 1, f.to)) ?? 0) + f.value);
  }
  const valueOf = (column: number, name: string) => Math.max(inSum.get(key(column, name)) ?? 0, outSum.get(key(column, name)) ?? 0);
  const present = columns.map((names, c) => names.filter((n) => valueOf(c, n) > 0));
  const height = box.bottom - box.top;
  // One scale for every column: px per referral, so that the fullest column fits with its gaps.
  const k = Math.min(...present.map((names, c) => {
    const total = names.reduce((s, n) => s + valueOf(c, n), 0);
    return total > 0 ? Math.max(0, height - box.padding * (names.length - 1)) / total : Infinity;
  }));
  const scale = Number.isFinite(k) ? k : 0;
  const step = columns.length > 1 ? (box.right - box.left - box.nodeWidth) / (columns.length - 1) : 0;

  const nodes = new Map<string, LayoutNode>();
  const centre = (n: LayoutNode) => (n.y0 + n.y1) / 2;
  present.forEach((names, c) => {
    let order = [...names];
    if (c > 0 && c < columns.length - 1) {
      // Barycentre: the mean height of each node's incoming flows' sources, weighted by the flows.
      const bary = new Map<string, number>();
      for (const name of names) {
        let sum = 0, weight = 0;
        for (const f of drawn) {
          if (f.step !== c - 1 || f.to !== name) continue;
          const from = nodes.get(key(c - 1, f.from));
          if (from) { sum += centre(from) * f.value; weight += f.value; }
        }
        bary.set(name, weight > 0 ? sum / weight : Infinity);
      }
      order = order.map((name, i) => ({ name, i })).sort((a, b) => bary.get(a.name)! - bary.get(b.name)! || a.i - b.i).map((x) => x.name);
    }
    const used = order.reduce((s, n) => s + valueOf(c, n) * scale, 0) + box.padding * Math.max(0, order.length - 1);
    let y = box.top + Math.max(0, (height - used) / 2);
    const x0 = box.left + c * step;
    for (const name of order) {
      const h = valueOf(c, name) * scale;
      nodes.set(key(c, name), { column: c, name, value: valueOf(c, name), x0, x1: x0 + box.nodeWidth, y0: y, y1: y + h });
      y += h + box.padding;
    }
  });

  // Bands stacked at each end in the order of the nodes at the other end.
  const bands: LayoutBand[] = [];
  const outY = new Map<string, number>();
  const inY = new Map<string, number>();
  const sorted = [...drawn].sort((a, b) => a.step - b.step
    || nodes.get(key(a.step, a.from))!.y0 - nodes.get(key(b.step, b.from))!.y0
    || nodes.get(key(a.step + 1, a.to))!.y0 - nodes.get(key(b.step + 1, b.to))!.y0);
  for (const f of sorted) {
    const s = nodes.get(key(f.step, f.from))!;
    const t = nodes.get(key(f.step + 1, f.to))!;
    const w = f.value * scale;
    const sy = outY.get(key(f.step, f.from)) ?? s.y0;
    outY.set(key(f.step, f.from), sy + w);
    bands.push({ step: f.step, from: f.from, to: f.to, value: f.value, x0: s.x1, y0: sy + w / 2, x1: t.x0, y1: 0, width: w });
  }
  // Arrivals: ordered by where each band leaves.
  for (const b of [...bands].sort((a, b2) => a.step - b2.step || a.y0 - b2.y0)) {
    const t = nodes.get(key(b.step + 1, b.to))!;
    const ty = inY.get(key(b.step + 1, b.to)) ?? t.y0;
    inY.set(key(b.step + 1, b.to), ty + b.width);
    b.y1 = ty + b.width / 2;
  }
  return { nodes: [...nodes.values()], bands };
}
