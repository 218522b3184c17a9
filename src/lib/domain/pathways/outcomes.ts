/**
 * Outcome rates by referral source and by service category (issue 19, "training and knowledge gaps"):
 * of the referrals whose outcome is known, the share declined, not attended or withdrawn, with its Wilson
 * 95% interval (stats/wilson.ts), against the same share for all referrals.
 *
 *   rate = referrals with the outcome ÷ referrals with a known outcome
 *
 * Known outcome: any recorded status but "waiting" (a referral still waiting may yet be declined, so
 * counting it would make recent periods look better than they are). Blank statuses are left out of both.
 * Empty case: no referral with a known outcome gives a null rate and interval.
 */
import { proportionCi } from '../stats/wilson';
import { DEFAULT_SUPPRESSION, suppressTable, type SuppressionOptions } from '../stats/suppression';
import { stageLabel, type PathwayCell } from './stages';

export const OUTCOME_MEASURES = {
  declined: { statuses: ['declined'], label: 'Declined', verb: 'declined' },
  dna: { statuses: ['dna'], label: 'Did not attend', verb: 'not attended' },
  withdrawn: { statuses: ['withdrawn'], label: 'Withdrawn', verb: 'withdrawn' },
  lost: { statuses: ['declined', 'dna', 'withdrawn'], label: 'Declined, did not attend or withdrawn', verb: 'declined, not attended or withdrawn' }
} as const;
export type OutcomeMeasure = keyof typeof OUTCOME_MEASURES;
export const isOutcomeMeasure = (v: string | null | undefined): v is OutcomeMeasure => !!v && Object.hasOwn(OUTCOME_MEASURES, v);

export type OutcomeBy = 'source' | 'service';

export interface OutcomeRate {
  /** The source or service ('GP'), or null for all referrals. */
  group: string | null;
  /** Referrals received in the period, whatever their status. */
  referrals: number | null;
  /** Of them, with a known outcome (the denominator). */
  known: number | null;
  /** Of those, with the outcome (the numerator). */
  outcome: number | null;
  rate: number | null;
  lower: number | null;
  upper: number | null;
}

const isKnown = (status: string | null) => status !== null && status !== 'waiting';

/** Counts and rates per group, largest group first, then the row for all referrals (group null). Unsuppressed. */
export function outcomeRates(cells: readonly PathwayCell[], by: OutcomeBy, measure: OutcomeMeasure): OutcomeRate[] {
  const statuses: readonly string[] = OUTCOME_MEASURES[measure].statuses;
  const sums = new Map<string | null, { referrals: number; known: number; outcome: number }>();
  const add = (key: string | null, c: PathwayCell) => {
    const s = sums.get(key) ?? { referrals: 0, known: 0, outcome: 0 };
    s.referrals += c.n;
    if (isKnown(c.status)) s.known += c.n;
    if (c.status !== null && statuses.includes(c.status)) s.outcome += c.n;
    sums.set(key, s);
  };
  for (const c of cells) {
    add(stageLabel(by, c), c);
    add(null, c);
  }
  const rows = [...sums].map(([group, s]) => {
    const ci = proportionCi(s.outcome, s.known);
    return { group, ...s, rate: ci?.value ?? null, lower: ci?.lower ?? null, upper: ci?.upper ?? null };
  });
  return rows.sort((a, b) => Number(a.group === null) - Number(b.group === null) || b.known - a.known || String(a.group).localeCompare(String(b.group)));
}

/**
 * The small-number rule: a small number of referrals with the outcome, or with a known outcome, hides the
 * count and the rate and its interval; the groups add up to all referrals (shown), so one hidden count
 * in a column hides a second.
 */
export function showOutcomeRates(rows: readonly OutcomeRate[], options: Partial<SuppressionOptions> = DEFAULT_SUPPRESSION): OutcomeRate[] {
  const t = suppressTable(rows.map((r) => ({ ...r })), {
    countColumns: ['referrals', 'known', 'outcome'],
    derived: { rate: ['known', 'outcome'], lower: ['known', 'outcome'], upper: ['known', 'outcome'] },
    groupTotals: { groupOf: () => 'all', isTotalRow: (r) => r.group === null }
  }, options);
  return t.rows as OutcomeRate[];
}
