/**
 * Summary tables built once per load (dataset.refresh, after area_population), so the area-level views (the
 * Map, the area profile, Equity, the Plan, the Overview) answer a change of year, level or grouping from a few
 * thousand rows instead of scanning every referral (issue 18). Each is a plain sum over the referrals, so any
 * rollup of areas (parents, the user's groups, ICBs, all areas) is a sum of its areas' rows, and medians stay
 * exact because the waits are kept as a histogram by day, not as per-area medians.
 *
 * - AGG.received: referrals by area, age band and month received (count, how many were accepted, and the last
 *   referral date in the cell, so a year's "as of" date is the latest date in it). Referrals without an area or
 *   age band are kept under NULL: a year's months and date count them, as the records do.
 * - AGG.waits: first contacts by area, age band, month of first contact and days waited (first contact −
 *   referral date). Only valid waits (WAIT.valid: a first contact on or after the referral); a wait in a year is
 *   a row whose month is in the year (WAIT.counted).
 * - AGG.waiting: the waiting list (STILL_WAITING) by area on each year's "as of" date, the latest referral date
 *   of the year, where the Map and the Overview count it. One pass over the referrals per year with referrals.
 * - AGG.list: the referrals that can be on the waiting list (not closed undated) by area, age band, the month
 *   received, the months they pass 4, 8 and 18 weeks (OVER_WEEKS) and the month they leave the list (first
 *   contact or end, whichever is first; NULL while still waiting): the waiting-list series' stocks, by month.
 * - AGG.ended: referrals with an end date by area, age band, month ended and month received.
 * - AGG.accepted: accepted referrals (ACCEPTED) by provider and month received: what Capacity sets against each
 *   provider's places (capacity.ts providerMonthsSql). The provider filters apply to the providers extract, so the
 *   referrals are keyed by provider only.
 * - AGG.pathways: referrals by area, month received, referral source, service category, the sector of the provider
 *   they went to (the providers extract's, by provider_id; provider-sector.ts), whether they name a provider, and
 *   status: the Pathways cube (pathways.ts) when it is filtered by area, service and source only.
 * - AGG.sources: AGG.pathways by area, financial year, referral source, whether that is primary care (PRIMARY_CARE)
 *   and sector: who refers and which sectors receive, for the Map's partnership reach measures (area-measures.ts).
 * - AGG.caseload: referrals taken on (OPEN_CASELOAD.taken) by area, service category and month, as events: how many
 *   start to count that month and how many stop (OPEN_CASELOAD.eventsUpTo says why that is exact): the open caseload
 *   at any month's end, for Capacity and Equity when not filtered by provider (capacity.ts). Keyed by the start and
 *   end months instead it had 764,000 rows for the bench's 1M referrals, and with the provider too 1.2 million.
 * - AGG.wellbeing: referrals by area, service category and month received, with the sums the wellbeing change is
 *   made from (how many have both scores, Σ pre, Σ post, Σ change and Σ change² of those): the Capacity view's
 *   wellbeing chart when it is filtered by area and service only (provision.ts wellbeingFromSummaries). With
 *   whole-number scores (WEMWBS, SWEMWBS, ONS4) every sum is exact, so the means are the records' to the last digit.
 * - AGG.access: by financial year and area, the population and the distance to the nearest children and young
 *   people's service (access.ts accessSummarySql), when providers have locations and areas centres.
 *
 * The Waiting lists view reads them when it is filtered by area and age band only and broken down by neither or
 * one of them (waiting.ts); filtered by provider, service or referral source it reads the records, as Capacity
 * does: a summary keyed by all five is nearly as long as the records themselves.
 */
import { ACCEPTED, CLOSED_UNDATED, OPEN_CASELOAD, OVER_WEEKS, PRIMARY_CARE, STILL_WAITING, WAIT } from './rules';
import { accessSummarySql } from './access';
import { providerSectorsSql } from './provider-sector';

export const AGG = {
  received: '_fs_agg_received',
  waits: '_fs_agg_waits',
  waiting: '_fs_agg_waiting',
  list: '_fs_agg_list',
  ended: '_fs_agg_ended',
  accepted: '_fs_agg_accepted',
  pathways: '_fs_agg_pathways',
  sources: '_fs_agg_sources',
  wellbeing: '_fs_agg_wellbeing',
  caseload: '_fs_agg_caseload',
  access: '_fs_agg_access'
} as const;

const EMPTY: Record<keyof typeof AGG, string> = {
  received: `SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS age_band, NULL::DATE AS month, 0::BIGINT AS n, 0::BIGINT AS accepted, NULL::DATE AS last_date WHERE false`,
  waits: `SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS age_band, NULL::DATE AS month, 0::INTEGER AS wait_days, 0::BIGINT AS n WHERE false`,
  waiting: `SELECT NULL::DATE AS as_of, NULL::VARCHAR AS area_code, 0::BIGINT AS n WHERE false`,
  list: `SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS age_band, NULL::DATE AS rm, ${OVER_WEEKS.map((o) => `NULL::DATE AS ${o.col}`).join(', ')}, NULL::DATE AS xm, 0::BIGINT AS n WHERE false`,
  ended: `SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS age_band, NULL::DATE AS month, NULL::DATE AS rm, 0::BIGINT AS n WHERE false`,
  accepted: `SELECT NULL::VARCHAR AS provider_id, NULL::DATE AS month, 0::BIGINT AS n WHERE false`,
  pathways: `SELECT NULL::VARCHAR AS area_code, NULL::DATE AS month, NULL::VARCHAR AS referral_source, NULL::VARCHAR AS service_category,
    NULL::VARCHAR AS sector, false AS has_provider, NULL::VARCHAR AS status, 0::BIGINT AS n WHERE false`,
  sources: `SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS fy, NULL::VARCHAR AS referral_source, false AS primary_care, NULL::VARCHAR AS sector, 0::BIGINT AS n WHERE false`,
  wellbeing: `SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS service_category, NULL::DATE AS month, 0::BIGINT AS n, 0::BIGINT AS with_both,
    0::DOUBLE AS sum_pre, 0::DOUBLE AS sum_post, 0::DOUBLE AS sum_d, 0::DOUBLE AS sum_d2 WHERE false`,
  caseload: `SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS service_category, NULL::DATE AS month,
    0::BIGINT AS starts, 0::BIGINT AS ends WHERE false`,
  access: `SELECT NULL::VARCHAR AS fy, NULL::VARCHAR AS area_code, 0::DOUBLE AS w, 0::DOUBLE AS cyp_km WHERE false`
};

/** The referrals' columns the summaries read, with their canonical types. */
const READS = {
  referral_date: 'DATE', area_code: 'VARCHAR', age_band: 'VARCHAR', first_contact_date: 'DATE', end_date: 'DATE', status: 'VARCHAR',
  provider_id: 'VARCHAR', referral_source: 'VARCHAR', service_category: 'VARCHAR', wellbeing_pre: 'DOUBLE', wellbeing_post: 'DOUBLE'
} as const;

/**
 * The statements that (re)build the summary tables from whatever is loaded; empty tables (with their columns)
 * when there are no referrals, so every view's SQL can read them whatever is loaded. Run in order.
 * `columns`: the referrals table's columns when it may lack some (a unit test's hand-made table; a loaded
 * extract always has every canonical column): a missing one reads as NULL.
 */
export function rebuildAggregatesSql(have: ReadonlySet<string>, columns?: ReadonlySet<string>): string {
  if (!have.has('referrals')) {
    // Empty, but for access: providers and areas alone give distances, for the years with funding.
    return [...Object.entries(AGG).map(([k, t]) => `CREATE OR REPLACE TABLE ${t} AS ${EMPTY[k as keyof typeof AGG]};`), accessSummary(have)].join('\n');
  }
  const src = columns && Object.keys(READS).some((c) => !columns.has(c))
    ? `(SELECT ${Object.entries(READS).map(([c, type]) => (columns.has(c) ? c : `NULL::${type} AS ${c}`)).join(', ')} FROM referrals)`
    : 'referrals';
  const month = (d: string) => `date_trunc('month', ${d})::DATE`;
  return `CREATE OR REPLACE TABLE ${AGG.received} AS
  SELECT area_code, age_band, ${month('referral_date')} AS month, count(*)::BIGINT AS n,
    count(*) FILTER (WHERE coalesce(${ACCEPTED.sql}, false))::BIGINT AS accepted, max(referral_date) AS last_date
  FROM ${src} WHERE referral_date IS NOT NULL GROUP BY ALL;
CREATE OR REPLACE TABLE ${AGG.waits} AS
  SELECT area_code, age_band, ${month('first_contact_date')} AS month, ${WAIT.days()}::INTEGER AS wait_days, count(*)::BIGINT AS n
  FROM ${src} WHERE first_contact_date IS NOT NULL AND referral_date IS NOT NULL AND ${WAIT.valid()} GROUP BY ALL;
CREATE OR REPLACE TABLE ${AGG.list} AS
  SELECT area_code, age_band, ${month('referral_date')} AS rm, ${OVER_WEEKS.map((o) => `${month(`referral_date + ${o.days}`)} AS ${o.col}`).join(', ')},
    ${month('least(first_contact_date, end_date)')} AS xm, count(*)::BIGINT AS n
  FROM ${src} WHERE referral_date IS NOT NULL AND NOT ${CLOSED_UNDATED.sql} GROUP BY ALL;
CREATE OR REPLACE TABLE ${AGG.ended} AS
  SELECT area_code, age_band, ${month('end_date')} AS month, ${month('referral_date')} AS rm, count(*)::BIGINT AS n
  FROM ${src} WHERE end_date IS NOT NULL AND referral_date IS NOT NULL GROUP BY ALL;
CREATE OR REPLACE TABLE ${AGG.accepted} AS
  SELECT provider_id, ${month('referral_date')} AS month, count(*)::BIGINT AS n
  FROM ${src} WHERE referral_date IS NOT NULL AND provider_id IS NOT NULL AND ${ACCEPTED.sql} GROUP BY ALL;
CREATE OR REPLACE TABLE ${AGG.pathways} AS
  -- Counted by provider first (a few hundred), then joined to the providers: the join never sees a record.
  WITH m AS (SELECT area_code, ${month('referral_date')} AS month, referral_source, service_category, provider_id, status, count(*)::BIGINT AS n
    FROM ${src} WHERE referral_date IS NOT NULL GROUP BY ALL),
  sectors AS (${providerSectorsSql(have)})
  SELECT m.area_code, m.month, m.referral_source, m.service_category, s.sector, m.provider_id IS NOT NULL AS has_provider, m.status, sum(m.n)::BIGINT AS n
  FROM m LEFT JOIN sectors s USING (provider_id) GROUP BY ALL;
CREATE OR REPLACE TABLE ${AGG.sources} AS
  SELECT area_code, fs_fy_of(month) AS fy, referral_source, coalesce(${PRIMARY_CARE.is('referral_source')}, false) AS primary_care,
    sector, sum(n)::BIGINT AS n
  FROM ${AGG.pathways} GROUP BY ALL;
CREATE OR REPLACE TABLE ${AGG.wellbeing} AS
  WITH r AS (SELECT area_code, service_category, ${month('referral_date')} AS month, wellbeing_pre AS pre, wellbeing_post AS post,
    wellbeing_post - wellbeing_pre AS d FROM ${src} WHERE referral_date IS NOT NULL)
  SELECT area_code, service_category, month, count(*)::BIGINT AS n, count(d)::BIGINT AS with_both,
    coalesce(sum(pre) FILTER (WHERE d IS NOT NULL), 0)::DOUBLE AS sum_pre, coalesce(sum(post) FILTER (WHERE d IS NOT NULL), 0)::DOUBLE AS sum_post,
    coalesce(sum(d), 0)::DOUBLE AS sum_d, coalesce(sum(d * d), 0)::DOUBLE AS sum_d2
  FROM r GROUP BY ALL;
CREATE OR REPLACE TABLE ${AGG.caseload} AS
  -- "Not ended" from end_date itself: DuckDB 1.4 takes date_trunc(…, end_date) IS NULL within one query as false
  -- (measured: the rows still open were dropped), though the value is NULL.
  WITH t AS (SELECT area_code, service_category, ${OPEN_CASELOAD.startMonth} AS sm, ${OPEN_CASELOAD.endMonth} AS em,
      end_date IS NULL AS open_ended
    FROM ${src} WHERE ${OPEN_CASELOAD.taken}),
  s AS (SELECT area_code, service_category, sm AS month, count(*)::BIGINT AS starts FROM t WHERE open_ended OR em > sm GROUP BY ALL),
  e AS (SELECT area_code, service_category, em AS month, count(*)::BIGINT AS ends FROM t WHERE NOT open_ended AND em > sm GROUP BY ALL)
  SELECT area_code, service_category, month, coalesce(s.starts, 0)::BIGINT AS starts, coalesce(e.ends, 0)::BIGINT AS ends
  FROM s FULL JOIN e USING (area_code, service_category, month);
CREATE OR REPLACE TABLE ${AGG.waiting} AS
  WITH d AS (SELECT max(last_date) AS as_of FROM ${AGG.received} GROUP BY fs_fy_of(month))
  SELECT d.as_of, area_code, count(*)::BIGINT AS n FROM ${src}, d WHERE ${STILL_WAITING.on('d.as_of')} GROUP BY ALL;
${accessSummary(have)}`;
}

/** AGG.access for the years with referrals or funding (access.ts), or empty when distances cannot be measured. */
function accessSummary(have: ReadonlySet<string>): string {
  const years = `SELECT DISTINCT fs_fy_of(month) AS fy FROM ${AGG.received}${have.has('funding') ? ' UNION SELECT DISTINCT fy FROM funding' : ''}`;
  return `CREATE OR REPLACE TABLE ${AGG.access} AS ${accessSummarySql(have, years) ?? EMPTY.access};`;
}

/**
 * Quantiles of a histogram, exactly as DuckDB's quantile_cont over the values one by one: with N values in order
 * and h = (N − 1) q, the value at position floor(h) plus (h − floor(h)) × the step to the next. `rows` is a query
 * of the `keys` columns, v and n (one row per key and value); the result has the keys, total (N) and one column
 * per quantile, named as in `qs`.
 */
export function histogramQuantilesSql(rows: string, keys: readonly string[], qs: Readonly<Record<string, number>>): string {
  const cols = Object.entries(qs).map(([name, q]) => {
    if (!(q >= 0 && q <= 1)) throw new Error(`quantile must be between 0 and 1, got ${q}`);
    // In doubles, as DuckDB computes the position (a decimal 0.1 would give 0.6 where DuckDB has 0.6000000000000001).
    const h = `((tot - 1)::DOUBLE * ${q}::DOUBLE)`;
    const at = (pos: string) => `min(v) FILTER (WHERE cum > ${pos}(${h}))::DOUBLE`;
    return `(${at('floor')} + (any_value(${h}) - floor(any_value(${h}))) * (${at('ceil')} - ${at('floor')})) AS ${name}`;
  });
  const k = keys.join(', ');
  return `SELECT ${k}, any_value(tot)::INTEGER AS total, ${cols.join(', ')}
  FROM (SELECT ${k}, v, sum(n) OVER (PARTITION BY ${k} ORDER BY v ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) AS cum,
      sum(n) OVER (PARTITION BY ${k}) AS tot
    FROM (${rows}))
  GROUP BY ${k}`;
}

/** One quantile by one key column `grp`: grp, total and value. */
export function histogramQuantileSql(rows: string, q: number): string {
  return histogramQuantilesSql(rows, ['grp'], { value: q });
}
