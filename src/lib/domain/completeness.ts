/**
 * Incomplete months: months whose figures are not yet all in, so that a trend would dip at its end only
 * because the extract was taken before the month's referrals had run their course. Pure: the extract's
 * latest date and the observed delays come from db/sql/completeness.ts.
 *
 * Two kinds of monthly figure, two rules:
 *
 * - Figures dated by the event they count (the month-end waiting list, referrals received, first
 *   contacts, closures, waits of those first contacted in the month): a month is incomplete while it has
 *   not ended by the extract's latest date (PARTIAL_MONTH_NOTE).
 * - Figures of the referrals *received* in a month that count a later status (referrals received in the
 *   month that were accepted): a month is incomplete while fewer than 90% of its referrals that will
 *   reach the status would normally have reached it by the extract's latest date (RECENT_MONTH_NOTE).
 *   "Normally" is the observed delay from referral to that status: with F(t) the share of delays of at
 *   most t days, a month's expected share is the mean of F(as_of − d) over the days d of the month
 *   (referrals taken as spread evenly through the month). It is incomplete below COMPLETE_SHARE.
 *
 * Why 90%: the month's count then falls short of its final value by at most about a tenth, which is
 * within the month-to-month variation of these series; a stricter cut (99%) would hide months whose
 * figure is all but final for the sake of a long tail of late first contacts.
 *
 * Which delays: those of referrals received in the year that ended a year before the extract's latest
 * date (MATURE_AFTER_DAYS): every delay of up to a year has been seen for all of them, so recent
 * referrals with long waits, which have not been contacted yet, do not make delays look shorter than
 * they are. Delays are counted up to a year: F(t) = 1 from a year on, so a month over a year old is
 * never incomplete by this rule. With less than two years of data the delays of all referrals are used
 * (shorter than the truth, so fewer months may be marked): `mature` says which.
 *
 * Empty cases: no extract date (no referrals) marks nothing; no delays (no referral ever reached the
 * status) leaves only the partial-month rule.
 */

/** A month is complete once at least this share of its referrals would normally have reached the status. */
export const COMPLETE_SHARE = 0.9;
/** Delays are taken from referrals at least this many days old (and up to a year older), counted up to it. */
export const MATURE_AFTER_DAYS = 365;

export const PARTIAL_MONTH_NOTE = 'A month that had not ended by the extract’s latest date is incomplete.';
export const RECENT_MONTH_NOTE =
  `A month is incomplete while fewer than ${Math.round(COMPLETE_SHARE * 100)}% of its referrals would normally have reached the status by the extract’s latest date, ` +
  'judged from how long referrals received a year or more earlier took to reach it.';

/** How many referrals reached the status this many days after referral (a histogram of delays). */
export interface DelayCount {
  days: number;
  n: number;
}

/** What the rule needs from the data. */
export interface CompletenessInputs {
  /** The extract's latest referral date, 'yyyy-mm-dd'; null without referrals. */
  asOf: string | null;
  /** Days from referral to being taken on (accepted), as observed. */
  delays: readonly DelayCount[];
  /** Whether the delays are of referrals a year or more old (false: of all referrals, the fallback). */
  mature: boolean;
}

export type IncompleteReason = 'partial' | 'recent';

export interface MonthCompleteness {
  month: string;
  incomplete: boolean;
  /** 'partial': the month had not ended by the extract date; 'recent': under COMPLETE_SHARE reached. */
  reason: IncompleteReason | null;
  /** The share of the month's referrals expected to have reached the status (null for the partial-month rule). */
  expectedShare: number | null;
}

const DAY_MS = 86_400_000;
/** 'yyyy-mm-dd' → days since 1970-01-01 (UTC); NaN for anything else. */
export const dayNumber = (iso: string): number => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? Date.parse(`${iso}T00:00:00Z`) / DAY_MS : NaN);
/** 'yyyy-mm' → its first and last days as day numbers. */
export function monthDays(month: string): { first: number; last: number } {
  const y = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return { first: Date.UTC(y, m - 1, 1) / DAY_MS, last: Date.UTC(y, m, 0) / DAY_MS };
}

/**
 * F(t): the share of the delays that are at most t days (0 for t < 0; 1 beyond the longest). Delays that
 * are negative or not whole numbers of days are data errors and are left out. Null when there are none.
 */
export function delayShare(delays: readonly DelayCount[]): ((days: number) => number) | null {
  const kept = delays.filter((d) => Number.isInteger(d.days) && d.days >= 0 && Number.isFinite(d.n) && d.n > 0).sort((a, b) => a.days - b.days);
  const total = kept.reduce((s, d) => s + d.n, 0);
  if (!total) return null;
  let run = 0;
  const steps = kept.map((d) => ({ days: d.days, share: (run += d.n) / total }));
  return (t: number) => {
    let share = 0;
    for (const s of steps) {
      if (s.days > t) break;
      share = s.share;
    }
    return share;
  };
}

/**
 * The share of a month's referrals expected to have reached the status by `asOf`: the mean of F(asOf − d)
 * over the month's days d (only those on or before asOf, for a month that had not ended).
 */
export function expectedShareReached(month: string, asOf: string, share: (days: number) => number): number {
  const { first, last } = monthDays(month);
  const end = Math.min(last, dayNumber(asOf));
  if (!(end >= first)) return 0;
  let sum = 0;
  for (let d = first; d <= end; d++) sum += share(dayNumber(asOf) - d);
  return sum / (end - first + 1);
}

/**
 * Each month's completeness. Without `delays` (figures dated by their event) only the partial-month rule
 * applies; with them, the 90% rule too. Months are 'yyyy-mm', in any order.
 */
export function monthCompleteness(
  months: readonly string[],
  inputs: { asOf: string | null; delays?: readonly DelayCount[] | null },
  threshold = COMPLETE_SHARE
): MonthCompleteness[] {
  const asOf = inputs.asOf && Number.isFinite(dayNumber(inputs.asOf)) ? inputs.asOf : null;
  const share = inputs.delays ? delayShare(inputs.delays) : null;
  return months.map((month) => {
    if (!asOf) return { month, incomplete: false, reason: null, expectedShare: null };
    if (monthDays(month).last > dayNumber(asOf)) return { month, incomplete: true, reason: 'partial', expectedShare: share ? expectedShareReached(month, asOf, share) : null };
    if (!share) return { month, incomplete: false, reason: null, expectedShare: null };
    const expected = expectedShareReached(month, asOf, share);
    return { month, incomplete: expected < threshold, reason: expected < threshold ? 'recent' : null, expectedShare: expected };
  });
}

/** The incomplete months among `statuses`, in month order. */
export const incompleteMonths = (statuses: readonly MonthCompleteness[]): string[] =>
  statuses.filter((s) => s.incomplete).map((s) => s.month).sort();
