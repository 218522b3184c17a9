/**
 * How a monthly chart says which months are incomplete (domain/completeness.ts): hollow points left out
 * of the line (and of an SPC chart's limits), a key entry, one sentence under the chart naming the months
 * and why, and a column of the table twin. Pure: shared by trend-chart.ts and spc-chart.ts.
 */
import { COMPLETE_SHARE, type IncompleteReason } from '../domain/completeness';
import { monthLabel } from '../state/filters-url';
import { fmtDay } from '../domain/format';
import { ROLE } from './palette';
import type { KeyItem, Line } from './spec';

/** The outline of an incomplete month's hollow point (and its key sample) where the series has no colour of its own. */
export const INCOMPLETE_STROKE = ROLE.incomplete;


/** 'Feb–Mar 2025', 'Dec 2024–Jan 2025', or one month ('Mar 2025'); months sorted, consecutive or not (first–last). */
export function monthSpan(months: readonly string[]): string {
  const first = months[0];
  const last = months.at(-1);
  if (!first || !last) return '';
  if (first === last) return monthLabel(first);
  const a = monthLabel(first);
  const b = monthLabel(last);
  return first.slice(0, 4) === last.slice(0, 4) ? `${a.slice(0, -5)}–${b}` : `${a}–${b}`;
}

export interface IncompleteInfo {
  /** The chart's months, in order. */
  months: readonly string[];
  /** Those incomplete, with why. */
  incomplete: ReadonlyMap<string, IncompleteReason>;
  /** The extract's latest date, 'yyyy-mm-dd'. */
  asOf: string | null;
  /** What the referrals reach for a 'recent' month ('accepted'). */
  status?: string;
  /** The user chose to keep them in the line and limits. */
  included?: boolean;
  /** What they are left out of ('the line', 'the mean, the limits and the special-cause rules'). */
  leftOutOf: string;
}

/**
 * "The last 3 months (Jan–Mar 2025) are incomplete: fewer than 90% of their referrals would normally have
 * been accepted by 31 Mar 2025, the extract's latest date. They are drawn hollow and left out of the line."
 */
export function incompleteLine(info: IncompleteInfo): Line | null {
  const months = info.months.filter((m) => info.incomplete.has(m));
  if (!months.length) return null;
  const n = months.length;
  const last = months.every((m, i) => info.months[info.months.length - n + i] === m);
  const one = n === 1;
  const which = `${last ? (one ? 'The last month' : `The last ${n} months`) : one ? 'One month' : `${n} months`} (${monthSpan(months)})`;
  const reasons = new Set(months.map((m) => info.incomplete.get(m)));
  const date = info.asOf ? fmtDay(info.asOf) : 'the extract date';
  const share = `${Math.round(COMPLETE_SHARE * 100)}%`;
  const recent = `fewer than ${share} of ${one ? 'its' : 'their'} referrals would normally have been ${info.status ?? 'taken on'} by ${date}, the extract’s latest date`;
  const why = !reasons.has('recent')
    ? `${one ? 'it' : 'they'} had not ended by ${date}, the extract’s latest date`
    : reasons.has('partial') ? `${recent}, or the month had not ended by then` : recent;
  const what = info.included
    ? `${one ? 'It is' : 'They are'} drawn hollow and, as chosen, kept in ${info.leftOutOf}.`
    : `${one ? 'It is' : 'They are'} drawn hollow and left out of ${info.leftOutOf}.`;
  return {
    text: `${which} ${one ? 'is' : 'are'} incomplete: ${why}. ${what}`,
    testid: 'incomplete-note',
    attrs: { 'data-months': months.join(' '), 'data-included': !!info.included }
  };
}

/** The key entry for the hollow points. */
export function incompleteKey(included = false): KeyItem {
  return { label: included ? 'Incomplete month' : 'Incomplete month (left out)', colour: INCOMPLETE_STROKE, mark: 'ring' };
}
