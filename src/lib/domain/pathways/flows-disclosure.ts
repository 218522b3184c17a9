/**
 * The small-number rule on the flows (stats/suppression.ts, the one rule everything passes through). A
 * flow of 1–7 referrals (by default) is hidden: `*` in the table, no band in the diagram. Every node's
 * flows in and its flows out each add up to the node's referrals, a total that can be found elsewhere
 * (the outcome rates give each source's and each service's referrals), so a node side with exactly one
 * hidden flow gets a second one hidden too, or the first could be worked out by subtraction.
 */
import { DEFAULT_SUPPRESSION, suppressTable, type SuppressionOptions } from '../stats/suppression';
import type { Flow } from './stages';

export interface ShownFlow extends Flow {
  /** Null when hidden. */
  shown: number | null;
  hidden: 'primary' | 'secondary' | null;
}

export function showFlows(flows: readonly Flow[], options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): ShownFlow[] {
  const t = suppressTable(flows.map((f) => ({ ...f })), {
    countColumns: ['n'],
    groupTotals: [
      { groupOf: (f) => `out:${f.step}:${f.from}` },
      { groupOf: (f) => `in:${f.step}:${f.to}` }
    ]
  }, options);
  return flows.map((f, i) => {
    const reason = t.suppressed.get(`${i}:n`);
    return { ...f, shown: reason ? null : f.n, hidden: reason === 'primary' || reason === 'secondary' ? reason : null };
  });
}
