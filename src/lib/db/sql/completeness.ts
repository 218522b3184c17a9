/**
 * What the incomplete-month rule (domain/completeness.ts) needs from the referrals: the extract's latest
 * referral date, and a histogram of the days from referral to being taken on. DuckDB counts; the rule is
 * applied in the domain. No current_date / now(): the extract's own latest date is "today".
 *
 * - taken on: the referral is accepted (rules.ts ACCEPTED), on its first contact date, or, accepted
 *   without one (did not attend, completed undated contact), on its end date. A referral accepted with
 *   neither date cannot be dated and is left out; so is a date before the referral (a data error).
 * - which referrals: those received from two years to one year before the latest date, with delays of up
 *   to a year (MATURE_AFTER_DAYS): all of their delays up to a year have been seen. Without any (less than
 *   two years of data), all referrals' observed delays (mature = false).
 */
import type { DbClient } from '../client';
import { MATURE_AFTER_DAYS, type CompletenessInputs, type DelayCount } from '../../domain/completeness';
import { ACCEPTED, WAIT } from './rules';
import { tablesWithDataSql } from './tables';

export const extractDateSql = `SELECT strftime(max(referral_date), '%Y-%m-%d') AS as_of FROM referrals`;

/** The histogram of days from referral to being taken on; `mature` on each row says which referrals it is of. */
export const takenOnDelaysSql = `WITH d AS (SELECT max(referral_date) AS as_of FROM referrals),
taken AS (SELECT referral_date AS rd, coalesce(first_contact_date, end_date) - referral_date AS days, as_of
  FROM referrals, d WHERE ${ACCEPTED.sql} AND ${WAIT.valid('coalesce(first_contact_date, end_date)')}),
mature AS (SELECT days FROM taken
  WHERE rd BETWEEN as_of - ${2 * MATURE_AFTER_DAYS} AND as_of - ${MATURE_AFTER_DAYS} AND days <= ${MATURE_AFTER_DAYS}),
pick AS (SELECT days, true AS mature FROM mature
  UNION ALL SELECT days, false FROM taken WHERE NOT EXISTS (SELECT 1 FROM mature))
SELECT days::INTEGER AS days, count(*)::INTEGER AS n, any_value(mature) AS mature FROM pick GROUP BY days ORDER BY days`;

/** The rule's inputs from the referrals extract; no date and no delays without one. */
export async function completenessInputs(db: DbClient): Promise<CompletenessInputs> {
  const tables = await db.query<{ table_name: string }>(tablesWithDataSql);
  if (!tables.some((t) => t.table_name === 'referrals')) return { asOf: null, delays: [], mature: false };
  const [d] = await db.query<{ as_of: string | null }>(extractDateSql);
  const rows = await db.query<DelayCount & { mature: boolean }>(takenOnDelaysSql);
  return { asOf: d?.as_of ?? null, delays: rows.map(({ days, n }) => ({ days, n })), mature: rows.some((r) => r.mature) };
}
