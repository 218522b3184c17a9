/**
 * Small-number suppression (statistical disclosure control), applied in one place to every figure shown or
 * exported. Service users worry about being identifiable from small counts in a small area.
 *
 * Rules, with the default threshold maxSuppressed = 7:
 * 1. Primary: a count from 1 to maxSuppressed is shown as `*`. 0 is shown (it discloses nothing about a person).
 * 2. Secondary: where cells add up to a total that is shown (the parts of a row that add to its total column, or
 *    the rows of a group that add to the group's total), a single suppressed part could be worked out as the
 *    total minus the others. So when exactly one part of such a set is suppressed, the smallest other part is
 *    suppressed too, preferring a non-zero one (a zero is often known from elsewhere, so hides little). If there
 *    is no other part, the total in the table is suppressed instead. Sets are revisited until nothing changes,
 *    because a secondary suppression can leave another set with a single suppressed cell.
 *    This is the usual "never one alone in a total" rule, not a full linear-programming audit.
 * 3. Derived: a rate, proportion or any figure computed from a suppressed count (primary or secondary) is
 *    suppressed too, or the count could be recovered from it and the population.
 * Suppressed cells become null in the returned rows and are listed by key, so a view or export prints `*` for them
 * and a blank for data that was missing to begin with.
 */

export interface SuppressionOptions {
  /** Counts from 1 to this are suppressed; 0 turns suppression off. */
  maxSuppressed: number;
}

export const DEFAULT_SUPPRESSION: Readonly<SuppressionOptions> = Object.freeze({ maxSuppressed: 7 });

/** What a suppressed cell shows. */
export const SUPPRESSED_MARK = '*';

/** The threshold as a whole number ≥ 0; a missing or non-numeric setting falls back to the default. */
export function maxSuppressedOf(options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): number {
  const m = options.maxSuppressed;
  return typeof m === 'number' && Number.isFinite(m) && m >= 0 ? Math.floor(m) : DEFAULT_SUPPRESSION.maxSuppressed;
}

/** True for a count that must not be shown: more than 0 and at most the threshold. */
export function isSmallCount(count: number | null | undefined, options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): boolean {
  return typeof count === 'number' && Number.isFinite(count) && count > 0 && count <= maxSuppressedOf(options);
}

/** A single count as it may be shown: null when it is small. */
export function suppressCount(count: number | null | undefined, options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): number | null {
  if (count == null || !Number.isFinite(count)) return null;
  return isSmallCount(count, options) ? null : count;
}

/** A figure derived from counts (a rate, a proportion) as it may be shown: null when any count it uses is small. */
export function suppressDerived(
  value: number | null | undefined,
  fromCounts: readonly (number | null | undefined)[],
  options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION
): number | null {
  if (value == null || !Number.isFinite(value)) return null;
  return fromCounts.some((c) => isSmallCount(c, options)) ? null : value;
}

/** The footnote printed under every table, chart and export, generated from the setting. */
export function suppressionFootnote(options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): string {
  const max = maxSuppressedOf(options);
  if (max === 0) return 'No counts are suppressed in this output.';
  const range = max === 1 ? 'Counts of 1 are' : `Counts of 1 to ${max} are`;
  return (
    `${range} shown as ${SUPPRESSED_MARK} to protect privacy; rates based on them are also suppressed; ` +
    'some other cells are suppressed so suppressed values cannot be worked out from totals.'
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Tables

type Column<Row> = keyof Row & string;

export interface TableSuppressionSpec<Row> {
  /** Columns holding counts of people or events: the ones primary suppression applies to. */
  countColumns: readonly Column<Row>[];
  /** Each derived column (rate, proportion…) and the count column(s) it is computed from. */
  derived?: Partial<Record<Column<Row>, Column<Row> | readonly Column<Row>[]>>;
  /** Within each row, these parts add up to this total column (e.g. age bands to "all ages"). */
  rowTotals?: readonly { parts: readonly Column<Row>[]; total: Column<Row> }[];
  /**
   * Rows with the same group key add up, in each count column, to a total that is shown: the group's total row
   * when `isTotalRow` marks one, otherwise a total shown elsewhere (a headline, another table). Use a constant key
   * when the whole table adds up to a published total. Rows whose key is null belong to no group. Several
   * groupings when a row is a part of more than one total (a flow leaves one node and enters another).
   */
  groupTotals?: GroupTotals<Row> | readonly GroupTotals<Row>[];
}

export interface GroupTotals<Row> {
  groupOf: (row: Row) => string | null;
  isTotalRow?: (row: Row) => boolean;
}

export type SuppressedRow<Row> = { [K in keyof Row]: Row[K] | null };

export type SuppressionReason = 'primary' | 'secondary' | 'derived';

export interface SuppressedTable<Row> {
  /** Copies of the input rows with suppressed cells set to null. */
  rows: SuppressedRow<Row>[];
  /** Why each suppressed cell is suppressed, by `cellKey(rowIndex, column)`. */
  suppressed: ReadonlyMap<string, SuppressionReason>;
  isSuppressed: (rowIndex: number, column: string) => boolean;
}

export function cellKey(rowIndex: number, column: string): string {
  return `${rowIndex}:${column}`;
}

interface CellRef {
  row: number;
  column: string;
}

/** A set of cells adding up to a total: a cell in the table, or null for a total shown elsewhere. */
interface AdditiveSet {
  parts: CellRef[];
  total: CellRef | null;
}

export function suppressTable<Row extends Record<string, unknown>>(
  rows: readonly Row[],
  spec: TableSuppressionSpec<Row>,
  options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION
): SuppressedTable<Row> {
  const reasons = new Map<string, SuppressionReason>();
  const countOf = (ref: CellRef): number | null => {
    const v = rows[ref.row]?.[ref.column];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
  };
  const hidden = (ref: CellRef) => reasons.has(cellKey(ref.row, ref.column));

  // 1. Primary.
  rows.forEach((_, row) => {
    for (const column of spec.countColumns) {
      if (isSmallCount(countOf({ row, column }), options)) reasons.set(cellKey(row, column), 'primary');
    }
  });

  // 2. Secondary, over every set of cells that adds up to a shown total, until nothing changes.
  if (maxSuppressedOf(options) > 0) {
    const sets = additiveSets(rows, spec);
    for (let changed = true; changed; ) {
      changed = false;
      for (const set of sets) {
        if (set.total && hidden(set.total)) continue; // nothing to subtract from
        const suppressedParts = set.parts.filter(hidden);
        if (suppressedParts.length !== 1) continue;
        const complement = smallestShownPart(set.parts.filter((p) => !hidden(p) && countOf(p) !== null), countOf) ?? set.total;
        if (!complement) continue; // a lone part of a total shown elsewhere: nothing in this table can protect it
        reasons.set(cellKey(complement.row, complement.column), 'secondary');
        changed = true;
      }
    }
  }

  // 3. Derived figures follow their counts.
  const derived = Object.entries(spec.derived ?? {}) as [string, string | readonly string[] | undefined][];
  rows.forEach((_, row) => {
    for (const [column, sources] of derived) {
      if (sources === undefined || reasons.has(cellKey(row, column))) continue;
      const from = typeof sources === 'string' ? [sources] : sources;
      if (from.some((source) => reasons.has(cellKey(row, source)))) reasons.set(cellKey(row, column), 'derived');
    }
  });

  const out = rows.map((r, row) => {
    const copy: Record<string, unknown> = { ...r };
    for (const key of Object.keys(copy)) if (reasons.has(cellKey(row, key))) copy[key] = null;
    return copy as SuppressedRow<Row>;
  });
  return { rows: out, suppressed: reasons, isSuppressed: (row, column) => reasons.has(cellKey(row, column)) };
}

/** A cell's text: `*` when suppressed, otherwise the formatter's text for the (possibly missing) value. */
export function formatSuppressed<Row>(
  table: SuppressedTable<Row>,
  rowIndex: number,
  column: Column<Row>,
  format: (value: Row[Column<Row>] | null) => string
): string {
  if (table.isSuppressed(rowIndex, column)) return SUPPRESSED_MARK;
  const row = table.rows[rowIndex];
  return format(row ? row[column] : null);
}

function additiveSets<Row extends Record<string, unknown>>(rows: readonly Row[], spec: TableSuppressionSpec<Row>): AdditiveSet[] {
  const sets: AdditiveSet[] = [];
  for (const { parts, total } of spec.rowTotals ?? []) {
    rows.forEach((_, row) => sets.push({ parts: parts.map((column) => ({ row, column })), total: { row, column: total } }));
  }
  const groupings = spec.groupTotals === undefined ? [] : 'groupOf' in spec.groupTotals ? [spec.groupTotals] : spec.groupTotals;
  for (const { groupOf, isTotalRow } of groupings) {
    const groups = new Map<string, { parts: number[]; totalRow: number | null }>();
    rows.forEach((r, row) => {
      const key = groupOf(r);
      if (key === null) return;
      const group = groups.get(key) ?? { parts: [], totalRow: null };
      if (isTotalRow?.(r)) group.totalRow = row;
      else group.parts.push(row);
      groups.set(key, group);
    });
    for (const { parts, totalRow } of groups.values()) {
      for (const column of spec.countColumns) {
        sets.push({ parts: parts.map((row) => ({ row, column })), total: totalRow === null ? null : { row: totalRow, column } });
      }
    }
  }
  return sets;
}

/** The smallest non-zero part, else the smallest (a zero); ties go to the first in table order. */
function smallestShownPart(candidates: CellRef[], countOf: (ref: CellRef) => number | null): CellRef | null {
  let best: CellRef | null = null;
  let bestRank = Infinity;
  for (const c of candidates) {
    const v = countOf(c)!;
    // Non-zero values rank by size; zeros rank after every non-zero value.
    const rank = v > 0 ? v : Number.MAX_VALUE;
    if (rank < bestRank) {
      best = c;
      bestRank = rank;
    }
  }
  return best;
}
