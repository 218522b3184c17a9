/**
 * SQL for the Waiting lists view (SPEC 4.3): monthly series, for all referrals or broken down by one
 * column, of the month-end waiting list and the month's flows and waits. DuckDB does all the
 * aggregation and returns one row per group and month. Months and filter values are bound as `?`
 * parameters; the query text depends only on the breakdown column (from a fixed list) and on how many
 * values each filter has. No current_date / now(): DuckDB-wasm has no ICU.
 *
 * Definitions (the same as the Map's waiting_per_1000 and median wait, db/sql/area-measures.ts):
 * - waiting at a month end e: received on or before e, not first contacted by e (no first contact
 *   date, or one after e), not ended by e (no end date, or one after e). A referral declined,
 *   withdrawn, DNA or completed with no end date counts as closed (we cannot date it), so it is never
 *   on the list. Earlier months' backlogs count, whenever they were received.
 * - waiting over 4, 8, 18 weeks at e: on the list at e and e − referral_date > 28, 56, 126 days.
 * - received / first contacts / closures: referral_date / first_contact_date / end_date in the month.
 *   First contacts before the referral date are data errors and are left out (of the count and the waits).
 *   Closures are referrals with an end date in the month, whatever their status; a closing status
 *   without an end date cannot be dated and is in no month.
 * - accepted: referrals received in the month that were accepted (rules.ts ACCEPTED), counted by the
 *   month received: recent months fill in as their referrals are taken on (domain/completeness.ts says
 *   which months are not complete yet).
 * - left_waiting: referrals leaving the list in the month (first contact or end date, whichever is
 *   first), so waiting(m) = waiting(m − 1) + received(m) − left_waiting(m) − those received in m
 *   that were closed without an end date.
 * - median / p90 wait: days from referral to first contact of those first contacted in the month,
 *   continuous quantiles (DuckDB median() = quantile_cont 0.5, as the Map; p90 = quantile_cont 0.9).
 *   Null when nobody was first contacted.
 * - shares over 4/8/18 weeks: of the month-end list; null when the list is empty.
 *
 * How: no scan per month. The list is a stock, so each referral adds +1 in the month it joins (the month
 * received; for "over N weeks", the month it passes N weeks) and −1 in the month it leaves; referrals are
 * counted by group, those months and the leaving month, the deltas summed by group and month from that,
 * deltas before the range folded into its first month, and a running sum over the months gives each month
 * end's list. A referral that leaves in the month it joins adds +1 and −1 to the same month, so it is never
 * counted at a month end, as the definition requires. Those counts, the flows and the waits by day are read
 * from the summary tables built once per load (aggregates.ts) when the view is filtered by area and age band
 * only, and from the records otherwise; tests/unit/aggregates.test.ts checks the two give the same rows.
 */
import type { DbClient, SqlParam } from '../client';
import { tablesWithDataSql } from './tables';
import type { IncompleteReason } from '../../domain/completeness';
import { AGG, histogramQuantilesSql } from './aggregates';
import { ACCEPTED, CLOSED_UNDATED, OVER_WEEKS, WAIT } from './rules';
import { DATE_PARAM } from './params';

/** Columns a series can be broken down by. 'all' gives one series with group = null. */
export type WaitingBy = 'all' | 'area' | 'provider' | 'service_category' | 'referral_source' | 'age_band';

const BY_COLUMN: Record<Exclude<WaitingBy, 'all'>, string> = {
  area: 'area_code',
  provider: 'provider_id',
  service_category: 'service_category',
  referral_source: 'referral_source',
  age_band: 'age_band'
};

export const WAITING_BY: readonly WaitingBy[] = ['all', 'area', 'provider', 'service_category', 'referral_source', 'age_band'];

/** Each filter keeps referrals whose value is in the list; absent or empty = no filter. */
export interface WaitingFilters {
  areaCodes?: readonly string[];
  providers?: readonly string[];
  serviceCategories?: readonly string[];
  referralSources?: readonly string[];
  ageBands?: readonly string[];
}

export interface WaitingOptions extends WaitingFilters {
  /** First and last month of the series, 'yyyy-mm', inclusive. */
  from: string;
  to: string;
  by?: WaitingBy;
}

/** One group's figures for one month, as waitingSeriesSql returns them. */
export interface WaitingMonthRow {
  /** The breakdown value; null for by = 'all', and for referrals with the column blank. */
  group: string | null;
  /** 'yyyy-mm'. */
  month: string;
  /** 'yyyy-mm-dd', the last day of the month: the day the list is counted. */
  month_end: string;
  /** The month end is after the last referral date in the data: the list is counted as it stood then. */
  partial_month: boolean;
  waiting: number;
  waiting_over_4w: number;
  waiting_over_8w: number;
  waiting_over_18w: number;
  share_over_4w: number | null;
  share_over_8w: number | null;
  share_over_18w: number | null;
  received: number;
  /** Of those received in the month, how many were accepted (by the extract date). */
  accepted: number;
  first_contacts: number;
  closures: number;
  left_waiting: number;
  median_wait_days: number | null;
  p90_wait_days: number | null;
  /**
   * Only in a publication (publish/publication.ts): why the month's accepted referrals were not all in
   * when it was published ('recent' or 'partial'), or null; the extracts are judged afresh instead.
   */
  accepted_incomplete?: IncompleteReason | null;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

/** 'yyyy-mm' → its first day 'yyyy-mm-01'; null for anything else. */
export function monthStart(month: string): string | null {
  return MONTH.test(month) ? `${month}-01` : null;
}


const FILTER_COLUMNS: [keyof WaitingFilters, string][] = [
  ['areaCodes', 'area_code'],
  ['providers', 'provider_id'],
  ['serviceCategories', 'service_category'],
  ['referralSources', 'referral_source'],
  ['ageBands', 'age_band']
];

/**
 * Whether the summary tables (aggregates.ts, keyed by area and age band) can answer: filtered by area and age
 * band only, broken down by neither or one of them. Otherwise the records are read.
 */
export function waitingFromSummaries(opts: WaitingOptions): boolean {
  const by = opts.by ?? 'all';
  return (by === 'all' || by === 'area' || by === 'age_band') && !opts.providers?.length && !opts.serviceCategories?.length && !opts.referralSources?.length;
}

/**
 * The four inputs every series is made from, per group: `lst` (grp, rm, w4, w8, w18, xm, n: referrals that can
 * be on the list by the month received, the months they pass 4, 8 and 18 weeks and the month they leave),
 * `recv` (grp, month, received, accepted), `seen_h` (grp, month, v = days waited, n) and `ended` (grp, month,
 * closures), all for referrals received by the end of the range. From the summary tables or from the records:
 * the same rows either way (tests/unit/aggregates.test.ts).
 */
function inputCtes(opts: WaitingOptions, grp: string, params: SqlParam[], from: 'summaries' | 'records'): string[] {
  const month = (d: string) => `date_trunc('month', ${d})::DATE`;
  const where = (cols: readonly [keyof WaitingFilters, string][]) => {
    const out: string[] = [];
    for (const [key, col] of cols) {
      const values = opts[key];
      if (!values?.length) continue;
      out.push(`${col} IN (${values.map(() => '?').join(', ')})`);
      params.push(...values);
    }
    return out.map((w) => `\n    AND ${w}`).join('');
  };
  if (from === 'summaries') {
    // Each CTE binds its own copy of the filters' values, in the order they appear.
    const f = () => where(FILTER_COLUMNS.filter(([k]) => k === 'areaCodes' || k === 'ageBands'));
    return [
      `lst AS (SELECT ${grp} AS grp, rm, ${OVER_WEEKS.map((o) => o.col).join(', ')}, xm, sum(n) AS n FROM ${AGG.list}, bounds WHERE rm <= m_to${f()} GROUP BY ALL)`,
      `recv AS (SELECT ${grp} AS grp, month, sum(n) AS received, sum(accepted) AS accepted FROM ${AGG.received}, bounds
    WHERE month BETWEEN m_from AND m_to${f()} GROUP BY ALL)`,
      `seen_h AS (SELECT ${grp} AS grp, month, wait_days AS v, sum(n) AS n FROM ${AGG.waits}, bounds WHERE month BETWEEN m_from AND m_to${f()} GROUP BY ALL)`,
      `ended AS (SELECT ${grp} AS grp, month, sum(n) AS closures FROM ${AGG.ended}, bounds
    WHERE month BETWEEN m_from AND m_to AND rm <= m_to${f()} GROUP BY ALL)`
    ];
  }
  return [
    `r AS (SELECT ${grp} AS grp, referral_date AS rd, first_contact_date AS fc, end_date AS ed,
    -- leaves the list at first contact or end, whichever is first (least() skips NULLs; NULL = still waiting).
    least(first_contact_date, end_date) AS x,
    ${CLOSED_UNDATED.sql} AS closed_undated, coalesce(${ACCEPTED.sql}, false) AS acc
  FROM referrals, bounds
  WHERE referral_date IS NOT NULL AND referral_date <= to_end${where(FILTER_COLUMNS)})`,
    `lst AS (SELECT grp, ${month('rd')} AS rm, ${OVER_WEEKS.map((o) => `${month(`rd + ${o.days}`)} AS ${o.col}`).join(', ')}, ${month('x')} AS xm, count(*) AS n
  FROM r WHERE NOT closed_undated GROUP BY ALL)`,
    `recv AS (SELECT grp, ${month('rd')} AS month, count(*) AS received, count(*) FILTER (WHERE acc) AS accepted
  FROM r, bounds WHERE rd >= m_from GROUP BY ALL)`,
    `seen_h AS (SELECT grp, ${month('fc')} AS month, ${WAIT.days('fc', 'rd')} AS v, count(*) AS n
  FROM r, bounds WHERE ${WAIT.counted('m_from', 'to_end', 'fc', 'rd')} GROUP BY ALL)`,
    `ended AS (SELECT grp, ${month('ed')} AS month, count(*) AS closures FROM r, bounds WHERE ed BETWEEN m_from AND to_end GROUP BY ALL)`
  ];
}

/**
 * The monthly series. Throws on a malformed month (a programming error: waitingSeries checks first).
 * Parameters, in order: first day of `from`, first day of `to`, then each filter's values (once per input
 * that reads them). `read`: where from (the tests ask for the records to check the summaries against them).
 */
export function waitingSeriesSql(opts: WaitingOptions, read: 'summaries' | 'records' = waitingFromSummaries(opts) ? 'summaries' : 'records'): { sql: string; params: SqlParam[] } {
  if (read === 'summaries' && !waitingFromSummaries(opts)) throw new Error('the summary tables cannot answer this: read the records');
  const from = monthStart(opts.from);
  const to = monthStart(opts.to);
  if (!from || !to) throw new Error(`months must be yyyy-mm, got ${opts.from} and ${opts.to}`);
  const by = opts.by ?? 'all';
  const grp = by === 'all' ? 'NULL::VARCHAR' : BY_COLUMN[by];
  if (!grp) throw new Error(`unknown breakdown ${by}`);

  const params: SqlParam[] = [from, to];
  const inputs = inputCtes(opts, grp, params, read);

  // +1 in the month a referral joins the (over-N-weeks) list, −1 in the month it leaves. Leaving is
  // greatest(joined, left): a leaving date before the joining date falls in the joining month, so the two
  // cancel. lst holds counts by group and months, so these 8 small aggregates read it rather than every referral.
  const events = [
    `SELECT grp, rm AS month, sum(n) AS w, 0 AS w_out, 0 AS w4, 0 AS w8, 0 AS w18 FROM lst GROUP BY ALL`,
    `SELECT grp, greatest(rm, xm), -sum(n), sum(n), 0, 0, 0 FROM lst WHERE xm IS NOT NULL GROUP BY ALL`,
    ...OVER_WEEKS.flatMap(({ col }) => {
      const cols = (n: string) => OVER_WEEKS.map((o) => (o.col === col ? n : '0')).join(', ');
      return [
        `SELECT grp, ${col}, 0, 0, ${cols('sum(n)')} FROM lst GROUP BY ALL`,
        `SELECT grp, greatest(${col}, xm), 0, 0, ${cols('-sum(n)')} FROM lst WHERE xm IS NOT NULL GROUP BY ALL`
      ];
    })
  ];
  const on = (t: string) => `${t}.grp IS NOT DISTINCT FROM g.grp AND ${t}.month = m.month`;
  const share = (c: string) => `CASE WHEN waiting > 0 THEN ${c}::DOUBLE / waiting END AS ${c.replace('waiting_over', 'share_over')}`;

  const sql = `WITH params AS (SELECT ${DATE_PARAM} AS m_from, ${DATE_PARAM} AS m_to),
bounds AS (SELECT m_from, m_to, last_day(m_to) AS to_end, (SELECT max(last_date) FROM ${AGG.received}) AS as_of FROM params),
${inputs.join(',\n')},
ev AS (${events.join('\n  UNION ALL ')}),
delta AS (SELECT grp, greatest(month, m_from) AS month, sum(w) AS w, sum(w4) AS w4, sum(w8) AS w8, sum(w18) AS w18,
    coalesce(sum(w_out) FILTER (WHERE month >= m_from), 0) AS left_waiting
  FROM ev, bounds WHERE month <= m_to GROUP BY ALL),
-- First contacts and their median and 90th centile wait, from the days waited (exact, as quantile_cont).
seen AS (SELECT grp, month, total AS first_contacts, median_wait_days, p90_wait_days
  FROM (${histogramQuantilesSql('SELECT grp, month, v, n FROM seen_h', ['grp', 'month'], { median_wait_days: 0.5, p90_wait_days: 0.9 })})),
months AS (SELECT CAST(generate_series AS DATE) AS month
  FROM generate_series((SELECT m_from FROM params)::TIMESTAMP, (SELECT m_to FROM params)::TIMESTAMP, INTERVAL 1 MONTH)),
-- Groups with anything to show in the range (a list at some month end, or a flow).
g AS (SELECT grp FROM delta WHERE w <> 0 OR left_waiting > 0
  UNION SELECT grp FROM recv UNION SELECT grp FROM seen UNION SELECT grp FROM ended),
series AS (SELECT g.grp, m.month,
    sum(coalesce(d.w, 0)) OVER win AS waiting,
    sum(coalesce(d.w4, 0)) OVER win AS waiting_over_4w,
    sum(coalesce(d.w8, 0)) OVER win AS waiting_over_8w,
    sum(coalesce(d.w18, 0)) OVER win AS waiting_over_18w,
    coalesce(recv.received, 0) AS received, coalesce(recv.accepted, 0) AS accepted, coalesce(seen.first_contacts, 0) AS first_contacts,
    coalesce(ended.closures, 0) AS closures, coalesce(d.left_waiting, 0) AS left_waiting,
    seen.median_wait_days, seen.p90_wait_days
  FROM g CROSS JOIN months m
  LEFT JOIN delta d ON ${on('d')}
  LEFT JOIN recv ON ${on('recv')}
  LEFT JOIN seen ON ${on('seen')}
  LEFT JOIN ended ON ${on('ended')}
  WINDOW win AS (PARTITION BY g.grp ORDER BY m.month ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW))
SELECT grp AS "group", strftime(month, '%Y-%m') AS month, strftime(last_day(month), '%Y-%m-%d') AS month_end,
  coalesce(last_day(month) > as_of, true) AS partial_month,
  waiting::INTEGER AS waiting, waiting_over_4w::INTEGER AS waiting_over_4w,
  waiting_over_8w::INTEGER AS waiting_over_8w, waiting_over_18w::INTEGER AS waiting_over_18w,
  ${share('waiting_over_4w')}, ${share('waiting_over_8w')}, ${share('waiting_over_18w')},
  received::INTEGER AS received, accepted::INTEGER AS accepted, first_contacts::INTEGER AS first_contacts, closures::INTEGER AS closures,
  left_waiting::INTEGER AS left_waiting, median_wait_days, p90_wait_days
FROM series, bounds
ORDER BY grp NULLS LAST, month`;
  return { sql, params };
}

/** The first and last months with a referral ('yyyy-mm'), for a default range. */
export const waitingMonthRangeSql = `SELECT strftime(min(referral_date), '%Y-%m') AS "from", strftime(max(referral_date), '%Y-%m') AS "to"
FROM referrals`;

async function hasReferrals(db: DbClient): Promise<boolean> {
  return (await db.query<{ table_name: string }>(tablesWithDataSql)).some((r) => r.table_name === 'referrals');
}

/**
 * The monthly waiting-list series, one row per group and month, groups in order (blank last), months
 * in order. Empty when there is no referrals table, a month is malformed or `from` is after `to`.
 * Months after the data's last referral date are still returned, flagged partial_month.
 */
export async function waitingSeries(db: DbClient, opts: WaitingOptions, known?: ReadonlySet<string>): Promise<WaitingMonthRow[]> {
  const from = monthStart(opts.from);
  const to = monthStart(opts.to);
  if (!from || !to || from > to || !(opts.by === undefined || WAITING_BY.includes(opts.by))) return [];
  if (!(known ? known.has('referrals') : await hasReferrals(db))) return [];
  const { sql, params } = waitingSeriesSql(opts);
  return db.query<WaitingMonthRow>(sql, params);
}

/** First and last months with referrals, or null when there are none. */
export async function waitingMonthRange(db: DbClient): Promise<{ from: string; to: string } | null> {
  if (!(await hasReferrals(db))) return null;
  const [r] = await db.query<{ from: string | null; to: string | null }>(waitingMonthRangeSql);
  return r?.from && r.to ? { from: r.from, to: r.to } : null;
}
