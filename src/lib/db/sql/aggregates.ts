/**
 * Summary tables built once per load (dataset.refresh, after area_population), so the area-level views (the
 * Map, the area profile, Equity, the Plan, the Overview) answer a change of year, level or grouping from a few
 * thousand rows instead of scanning every referral (issue 18). Each is a plain sum over the referrals, so any
 * rollup of areas (parents, the user's groups, ICBs, all areas) is a sum of its areas' rows, and medians stay
 * exact because the waits are kept as a histogram by day, not as per-area medians.
 *
 * - AGG.received: referrals by area, age band and month received (count, and the last referral date in the
 *   cell, so a year's "as of" date is the latest date in it). Referrals without an area or age band are kept
 *   under NULL: a year's months and date count them, as the records do.
 * - AGG.waits: first contacts by area, month of first contact and days waited (first contact − referral date).
 *   Only valid waits (WAIT.valid: a first contact on or after the referral); a wait in a year is a row whose
 *   month is in the year (WAIT.counted).
 * - AGG.waiting: the waiting list (STILL_WAITING) by area on each year's "as of" date, the latest referral date
 *   of the year, where the Map and the Overview count it. One pass over the referrals per year with referrals.
 *
 * The views that filter by provider, service, source and age band together (Waiting lists, Capacity) still read
 * the records: a summary keyed by all five is nearly as long as the records themselves.
 */
import { STILL_WAITING, WAIT } from './rules';

export const AGG = {
  received: '_fs_agg_received',
  waits: '_fs_agg_waits',
  waiting: '_fs_agg_waiting'
} as const;

const EMPTY = {
  received: `SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS age_band, NULL::DATE AS month, 0::BIGINT AS n, NULL::DATE AS last_date WHERE false`,
  waits: `SELECT NULL::VARCHAR AS area_code, NULL::DATE AS month, 0::INTEGER AS wait_days, 0::BIGINT AS n WHERE false`,
  waiting: `SELECT NULL::DATE AS as_of, NULL::VARCHAR AS area_code, 0::BIGINT AS n WHERE false`
};

/** The referrals' columns the summaries read, with their canonical types. */
const READS = {
  referral_date: 'DATE', area_code: 'VARCHAR', age_band: 'VARCHAR', first_contact_date: 'DATE', end_date: 'DATE', status: 'VARCHAR'
} as const;

/**
 * The statements that (re)build the summary tables from whatever is loaded; empty tables (with their columns)
 * when there are no referrals, so every view's SQL can read them whatever is loaded. Run in order.
 * `columns`: the referrals table's columns when it may lack some (a unit test's hand-made table; a loaded
 * extract always has every canonical column): a missing one reads as NULL.
 */
export function rebuildAggregatesSql(have: ReadonlySet<string>, columns?: ReadonlySet<string>): string {
  if (!have.has('referrals')) {
    return Object.entries(AGG).map(([k, t]) => `CREATE OR REPLACE TABLE ${t} AS ${EMPTY[k as keyof typeof AGG]};`).join('\n');
  }
  const src = columns && Object.keys(READS).some((c) => !columns.has(c))
    ? `(SELECT ${Object.entries(READS).map(([c, type]) => (columns.has(c) ? c : `NULL::${type} AS ${c}`)).join(', ')} FROM referrals)`
    : 'referrals';
  return `CREATE OR REPLACE TABLE ${AGG.received} AS
  SELECT area_code, age_band, date_trunc('month', referral_date)::DATE AS month, count(*)::BIGINT AS n, max(referral_date) AS last_date
  FROM ${src} WHERE referral_date IS NOT NULL GROUP BY ALL;
CREATE OR REPLACE TABLE ${AGG.waits} AS
  SELECT area_code, date_trunc('month', first_contact_date)::DATE AS month, ${WAIT.days()}::INTEGER AS wait_days, count(*)::BIGINT AS n
  FROM ${src} WHERE first_contact_date IS NOT NULL AND referral_date IS NOT NULL AND ${WAIT.valid()} GROUP BY ALL;
CREATE OR REPLACE TABLE ${AGG.waiting} AS
  WITH d AS (SELECT max(last_date) AS as_of FROM ${AGG.received} GROUP BY fs_fy_of(month))
  SELECT d.as_of, area_code, count(*)::BIGINT AS n FROM ${src}, d WHERE ${STILL_WAITING.on('d.as_of')} GROUP BY ALL;`;
}

/**
 * Quantile q (0..1) of a histogram, exactly as DuckDB's quantile_cont over the values one by one: with N values
 * in order and h = (N − 1) q, the value at position floor(h) plus (h − floor(h)) × the step to the next. `rows`
 * is a query of (grp, v, n) with one row per group and value; the result has grp, total (N) and value.
 */
export function histogramQuantileSql(rows: string, q: number): string {
  if (!(q >= 0 && q <= 1)) throw new Error(`quantile must be between 0 and 1, got ${q}`);
  // In doubles, as DuckDB computes the position (a decimal 0.1 would give 0.6 where DuckDB has 0.6000000000000001).
  const h = `((tot - 1)::DOUBLE * ${q}::DOUBLE)`;
  return `SELECT grp, any_value(tot)::INTEGER AS total,
    (min(v) FILTER (WHERE cum > floor(${h}))::DOUBLE
      + (any_value(${h}) - floor(any_value(${h}))) * (min(v) FILTER (WHERE cum > ceil(${h}))::DOUBLE - min(v) FILTER (WHERE cum > floor(${h}))::DOUBLE)) AS value
  FROM (SELECT grp, v, sum(n) OVER (PARTITION BY grp ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
      sum(n) OVER (PARTITION BY grp) AS tot
    FROM (${rows}))
  GROUP BY grp`;
}
