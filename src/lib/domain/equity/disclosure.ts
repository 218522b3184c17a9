/**
 * Small-number suppression for the Equity view, in one place (the rules are stats/suppression.ts'). Every
 * table the view shows, and every chart drawn from it, passes through one of these first, so a count of
 * 1–7 (by default) is `*` in the chart's tooltip, the table twin and anything exported from them alike:
 *
 * - counts of people or events are suppressed (primary);
 * - rows add up to totals shown elsewhere, so one suppressed row in a total would be the total − the rest: a
 *   second row is suppressed with it (secondary). Areas add up two ways: to their parent (the ICB figures of
 *   the Map), and all together (the overall rate, the Overview's total); deprivation groups add up to the
 *   whole. Both ways are applied together (suppressNested), the parent first, which is exactly the Map's rule
 *   (domain/measures.ts), so this view hides at least the areas the Map hides and the two cannot be combined
 *   to work a count out;
 * - rates, shares, intervals, significance labels and medians computed from a suppressed count are
 *   suppressed too (derived). A suppressed area's dot is not drawn.
 *
 * Not suppressed: populations (published by ONS) and money (not about people). Service variety counts
 * categories, not people. Figures summarising every group at once (the SII) are derived from all the
 * counts, so the view withholds them whenever any of those counts is suppressed (anySuppressed).
 */
import {
  cellKey, DEFAULT_SUPPRESSION, maxSuppressedOf, suppressTable, type SuppressedRow, type SuppressedTable, type SuppressionOptions,
  type SuppressionReason
} from '../stats/suppression';
import { rankCyp, type CypRow } from './cyp-variety';
import type { FunnelAreaRow, FunnelMeasureId } from './funnel-data';
import type { GradientRow } from './gradient';

/** Which rows add up to a shown total: a key per row (null: in no such total). */
export type Grouping<Row> = (row: Row) => string | null;

interface NestedSpec<Row> {
  countColumns: readonly (keyof Row & string)[];
  /** Each derived column and the count columns it is computed from. */
  derived: Partial<Record<keyof Row & string, readonly (keyof Row & string)[]>>;
  groupings: readonly Grouping<Row>[];
}

const ALL = () => 'all';

/**
 * suppressTable under several ways of adding up at once. suppressTable takes one grouping; here each is run in
 * turn, with the cells suppressed so far fed back in as the smallest suppressible count (1), so every pass
 * counts them as suppressed, until no pass adds a cell. Then derived columns follow their counts.
 */
export function suppressNested<Row extends Record<string, unknown>>(
  rows: readonly Row[],
  spec: NestedSpec<Row>,
  options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION
): SuppressedTable<Row> {
  const reasons = new Map<string, SuppressionReason>();
  const passes = maxSuppressedOf(options) > 0 ? spec.groupings : [];
  for (let changed = true; changed; ) {
    changed = false;
    for (const groupOf of passes.length ? passes : [() => null]) {
      const input = rows.map((r, i) => {
        const copy: Record<string, unknown> = { ...r };
        for (const c of spec.countColumns) if (reasons.has(cellKey(i, c))) copy[c] = 1;
        return copy as Row;
      });
      const pass = suppressTable(input, { countColumns: spec.countColumns, groupTotals: { groupOf } }, options);
      for (const [key, why] of pass.suppressed) {
        if (reasons.has(key)) continue;
        reasons.set(key, why);
        changed = true;
      }
    }
  }
  rows.forEach((_, i) => {
    for (const [column, sources] of Object.entries(spec.derived) as [string, readonly string[]][]) {
      if (!reasons.has(cellKey(i, column)) && sources.some((s) => reasons.has(cellKey(i, s)))) reasons.set(cellKey(i, column), 'derived');
    }
  });
  const out = rows.map((r, i) => {
    const copy: Record<string, unknown> = { ...r };
    for (const key of Object.keys(copy)) if (reasons.has(cellKey(i, key))) copy[key] = null;
    return copy as SuppressedRow<Row>;
  });
  return { rows: out, suppressed: reasons, isSuppressed: (row, column) => reasons.has(cellKey(row, column)) };
}

/** An area's parent for secondary suppression: '' for an area with none, as the Map groups them. */
export type ParentOf = (areaCode: string) => string;

/** Funnel rows: the events always; for a share, its denominator (people first contacted) too. */
export function showFunnel(
  rows: readonly FunnelAreaRow[],
  measure: FunnelMeasureId,
  parentOf: ParentOf = () => '',
  options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION
): SuppressedTable<FunnelAreaRow> {
  const counts: (keyof FunnelAreaRow & string)[] = measure === 'referral_rate' ? ['events'] : ['events', 'denominator'];
  return suppressNested(rows, {
    countColumns: counts,
    derived: { value: counts, lower: counts, upper: counts, significance: counts },
    groupings: [(r) => parentOf(r.code), ALL]
  }, options);
}

export function showGradient(rows: readonly GradientRow[], options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): SuppressedTable<GradientRow> {
  return suppressNested(rows, {
    countColumns: ['referrals', 'firstContacts'],
    derived: { rate: ['referrals'], rateLower: ['referrals'], rateUpper: ['referrals'], medianWait: ['firstContacts'] },
    groupings: [ALL]
  }, options);
}

/** CYP rows as shown, ranked after suppression (see rankCyp). */
export function showCyp(rows: readonly CypRow[], parentOf: ParentOf = () => '', options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): SuppressedTable<CypRow> {
  const both = ['cypReferrals', 'agedReferrals'] as const;
  const table = suppressNested(rows, {
    countColumns: both,
    derived: { referralShare: both, referralLower: both, referralUpper: both, gap: both },
    groupings: [(r) => parentOf(r.code), ALL]
  }, options);
  // Reorder the rows and carry each row's suppressed cells with it.
  const order = rankCyp(table.rows.map((r, index) => ({ ...r, index, name: r.name ?? '' })));
  const suppressed = new Map<string, SuppressionReason>();
  order.forEach((r, j) => {
    for (const column of Object.keys(r)) {
      const reason = table.suppressed.get(cellKey(r.index, column));
      if (reason) suppressed.set(cellKey(j, column), reason);
    }
  });
  return {
    rows: order.map(({ index: _index, ...r }) => r as CypRow),
    suppressed,
    isSuppressed: (row, column) => suppressed.has(cellKey(row, column))
  };
}

/**
 * Which children and young people cells are hidden, by area code and column, by the same rule as the
 * Equity table (showCyp: primary, then secondary within parents and overall), so the Capacity view cannot
 * show a count or a gap that Equity hides for the same area and period.
 */
export function cypHiddenCells(
  rows: readonly CypRow[], parentOf: ParentOf = () => '', options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION
): (code: string, column: keyof CypRow & string) => boolean {
  const table = showCyp(rows, parentOf, options);
  const index = new Map(table.rows.map((r, i) => [r.code, i]));
  return (code, column) => {
    const i = index.get(code);
    return i !== undefined && table.isSuppressed(i, column);
  };
}

/** True when any cell of a column is suppressed (so a figure computed from the whole column is withheld). */
export function anySuppressed<Row>(table: SuppressedTable<Row>, column: keyof Row & string): boolean {
  return table.rows.some((_, i) => table.isSuppressed(i, column));
}
