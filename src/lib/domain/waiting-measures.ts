/**
 * The monthly series the Waiting lists view can draw, each a column of the waiting-list SQL
 * (db/sql/waiting.ts, where every definition is written out). Each knows its unit, format and
 * which way is better, which the SPC chart needs to call a special cause an improvement or a concern.
 */
import { fmt1, fmtInt, fmtPct } from './format';
import { DEFAULT_SUPPRESSION, suppressTable, type SuppressionOptions } from './stats/suppression';
import { RULE_NOTES } from './rule-notes';

export type WaitingSeriesId =
  | 'waiting' | 'received' | 'accepted' | 'first_contacts' | 'closures'
  | 'median_wait_days' | 'p90_wait_days' | 'share_over_4w' | 'share_over_8w' | 'share_over_18w';

export interface WaitingSeriesDef {
  id: WaitingSeriesId;
  label: string;
  unit: string;
  format: (v: number | null) => string;
  /** null: neither (more referrals received is not better or worse in itself). */
  higherIsBetter: boolean | null;
  /** A count (summed across groups) rather than a median or a share. */
  additive: boolean;
  how: string;
  /**
   * Which incomplete-month rule applies (domain/completeness.ts): 'event' for figures dated by what they
   * count (a month is incomplete until it has ended); 'taken_on' for referrals received in the month that
   * reached a later status (incomplete while under 90% of them would normally have reached it).
   */
  completeness: 'event' | 'taken_on';
}

const days = (v: number | null) => (v === null ? '–' : `${fmt1(v)} days`);

export const WAITING_SERIES: readonly WaitingSeriesDef[] = [
  { id: 'waiting', label: 'Waiting list', unit: 'people waiting at the month end', format: fmtInt, higherIsBetter: false, additive: true, completeness: 'event',
    how: `People waiting on the last day of the month. ${RULE_NOTES.stillWaiting} ${RULE_NOTES.closedUndated}` },
  { id: 'received', label: 'Referrals received', unit: 'referrals in the month', format: fmtInt, higherIsBetter: null, additive: true, completeness: 'event',
    how: 'Referrals with a referral date in the month.' },
  { id: 'accepted', label: 'Referrals accepted', unit: 'referrals received in the month and accepted', format: fmtInt, higherIsBetter: null, additive: true, completeness: 'taken_on',
    how: `Referrals received in the month that were accepted by the extract's latest date. ${RULE_NOTES.accepted} Counted by the month received, so the latest months fill in as their referrals are taken on.` },
  { id: 'first_contacts', label: 'First contacts', unit: 'first contacts in the month', format: fmtInt, higherIsBetter: true, additive: true, completeness: 'event',
    how: 'Referrals first contacted in the month (first contact dates before the referral date are data errors and left out).' },
  { id: 'closures', label: 'Closures', unit: 'referrals closed in the month', format: fmtInt, higherIsBetter: null, additive: true, completeness: 'event',
    how: 'Referrals with an end date in the month, whatever their status.' },
  { id: 'median_wait_days', label: 'Median wait', unit: 'days from referral to first contact', format: days, higherIsBetter: false, additive: false, completeness: 'event',
    how: `The middle wait of the people first contacted in the month. ${RULE_NOTES.wait} People still waiting are not in it.` },
  { id: 'p90_wait_days', label: '90th percentile wait', unit: 'days from referral to first contact', format: days, higherIsBetter: false, additive: false, completeness: 'event',
    how: 'Nine in ten people first contacted in the month waited this long or less.' },
  { id: 'share_over_4w', label: 'Waiting over 4 weeks', unit: '% of the month-end list', format: fmtPct, higherIsBetter: false, additive: false, completeness: 'event',
    how: 'Of the people waiting at the month end, the share referred more than 28 days before it.' },
  { id: 'share_over_8w', label: 'Waiting over 8 weeks', unit: '% of the month-end list', format: fmtPct, higherIsBetter: false, additive: false, completeness: 'event',
    how: 'Of the people waiting at the month end, the share referred more than 56 days before it.' },
  { id: 'share_over_18w', label: 'Waiting over 18 weeks', unit: '% of the month-end list', format: fmtPct, higherIsBetter: false, additive: false, completeness: 'event',
    how: 'Of the people waiting at the month end, the share referred more than 126 days before it.' }
];

export const isWaitingSeriesId = (v: unknown): v is WaitingSeriesId => WAITING_SERIES.some((s) => s.id === v);
export const waitingSeriesById = (id: WaitingSeriesId): WaitingSeriesDef => WAITING_SERIES.find((s) => s.id === id)!;

/** The count of people each series rests on: a small one hides the series' value (small-number suppression). */
const COUNT_BEHIND: Record<WaitingSeriesId, WaitingCount> = {
  waiting: 'waiting', received: 'received', accepted: 'accepted', first_contacts: 'first_contacts', closures: 'closures',
  median_wait_days: 'first_contacts', p90_wait_days: 'first_contacts',
  // The numerator: it is never more than the list, so a small list is covered too.
  share_over_4w: 'waiting_over_4w', share_over_8w: 'waiting_over_8w', share_over_18w: 'waiting_over_18w'
};

export const WAITING_COUNTS = ['waiting', 'received', 'accepted', 'first_contacts', 'closures', 'waiting_over_4w', 'waiting_over_8w', 'waiting_over_18w'] as const;
export type WaitingCount = (typeof WAITING_COUNTS)[number];

/** The monthly counts (null and flagged `<count>_suppressed` when suppressed before publishing) and series values. */
type WaitingCounts = Partial<Record<WaitingCount, number | null>> & Record<WaitingSeriesId, number | null> & Partial<Record<`${WaitingCount}_suppressed`, boolean>>;

export interface SeriesPoint {
  group: string | null;
  month: string;
  /** Null when missing or suppressed. */
  value: number | null;
  suppressed: boolean;
}

/**
 * One series' points from the monthly rows, with small-number suppression applied: a count of 1–7
 * (by default) behind a value hides it, and in a breakdown the groups of a month add up to the
 * month's total, so a month with one suppressed group has a second one suppressed too.
 */
export function seriesPoints<Row extends { group: string | null; month: string } & WaitingCounts>(
  rows: readonly Row[],
  id: WaitingSeriesId,
  options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION
): SeriesPoint[] {
  const count = COUNT_BEHIND[id];
  const broken = rows.some((r) => r.group !== null);
  // A count suppressed before publishing counts as small, whatever the threshold here.
  const upstream = rows.some((r) => r[`${count}_suppressed`]);
  const table = suppressTable(
    rows.map((r) => ({ n: r[`${count}_suppressed`] ? 1 : (r[count] ?? null), month: r.month })),
    { countColumns: ['n'], groupTotals: broken ? { groupOf: (r) => r.month } : undefined },
    upstream ? { maxSuppressed: Math.max(1, options.maxSuppressed ?? DEFAULT_SUPPRESSION.maxSuppressed) } : options
  );
  return rows.map((r, i) => {
    const suppressed = table.isSuppressed(i, 'n');
    return { group: r.group, month: r.month, value: suppressed ? null : (r[id] ?? null), suppressed };
  });
}

/**
 * The monthly rows as they may be published: for each count, primary and secondary suppression
 * (groups of a month add up to the month), the count set to null and flagged; figures resting on
 * a suppressed count (waits on first contacts; shares and over-N-weeks counts on the list) nulled.
 */
export function suppressWaitingRows<Row extends { group: string | null; month: string } & Record<string, unknown>>(
  rows: readonly Row[],
  options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION
): (Row & Record<`${WaitingCount}_suppressed`, boolean>)[] {
  const broken = rows.some((r) => r.group !== null);
  const table = suppressTable(
    rows.map((r) => ({ ...Object.fromEntries(WAITING_COUNTS.map((c) => [c, r[c] as number | null])), month: r.month })) as Record<WaitingCount | 'month', unknown>[],
    { countColumns: [...WAITING_COUNTS], groupTotals: broken ? { groupOf: (r) => r.month as string } : undefined },
    options
  );
  // A suppressed list hides its over-N-weeks counts (checked on their own too) and shares; leavers
  // are the change in the list, so they go with it.
  const DERIVED: Record<WaitingCount, string[]> = {
    waiting: ['waiting_over_4w', 'waiting_over_8w', 'waiting_over_18w', 'share_over_4w', 'share_over_8w', 'share_over_18w', 'left_waiting'],
    received: ['left_waiting'],
    accepted: [],
    first_contacts: ['median_wait_days', 'p90_wait_days'],
    closures: [],
    waiting_over_4w: ['share_over_4w'],
    waiting_over_8w: ['share_over_8w'],
    waiting_over_18w: ['share_over_18w']
  };
  return rows.map((r, i) => {
    const out: Record<string, unknown> = { ...r };
    for (const c of WAITING_COUNTS) {
      const hidden = table.isSuppressed(i, c);
      out[`${c}_suppressed`] = hidden;
      if (hidden) {
        out[c] = null;
        for (const d of DERIVED[c]) if (d in out) out[d] = null;
      }
    }
    return out as Row & Record<`${WaitingCount}_suppressed`, boolean>;
  });
}
