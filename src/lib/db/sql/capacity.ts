/**
 * SQL for the Capacity view (SPEC 4.4), part 1: providers' monthly capacity against accepted referrals,
 * and per area the capacity per 1,000, service variety and link worker caseload. Part 2 (children and
 * young people gap, funding, wellbeing) is in provision.ts. DuckDB aggregates; the ratios, flags and
 * intervals are computed from its rows in domain/capacity.ts. Months and filter values are bound as `?`
 * parameters; the query text depends only on which tables exist and how many values each filter has.
 * No current_date / now(): DuckDB-wasm has no ICU.
 *
 * Shared definitions:
 * - period: the months `from`..`to` ('yyyy-mm', inclusive), i.e. the 1st of `from` to the last day of `to`.
 * - a provider row is active in the period when its contract overlaps it (start ≤ period end and end ≥
 *   period start; a blank date is open-ended), as the Map counts providers in a year (area-measures.ts).
 *   Rows sharing a provider_id (successive or restated contracts) are added, as the Map adds them.
 * - filters: the names of WaitingFilters (waiting.ts). Each query applies those listed in FILTERS_APPLIED,
 *   on the columns its tables have. Capacity and link workers serve everyone, so the person-level filters
 *   (referral source, age band) are not applied to utilisation or caseload: they would divide one group's
 *   demand by everyone's capacity.
 */
import type { DbClient, SqlParam } from '../client';
import {
  withAreaMeasures, withSummaryUtilisation, withUtilisation, type AreaCapacity, type AreaCapacityAggregate, type ProviderMonth,
  type ProviderMonthAggregate, type ProviderSummary, type ProviderSummaryAggregate
} from '../../domain/capacity';
import { asMeasureTables, tablesWithDataSql } from './tables';
import { ACCEPTED, OPEN_CASELOAD } from './rules';
import { AGG } from './aggregates';
import { monthStart, type WaitingFilters } from './waiting';
import { DATE_PARAM } from './params';

export type CapacityFilters = WaitingFilters;
export type CapacityFilterKey = keyof CapacityFilters;

export interface CapacityOptions extends CapacityFilters {
  /** First and last month of the period, 'yyyy-mm', inclusive. */
  from: string;
  to: string;
}

export type CapacityQuery = 'utilisation' | 'area_capacity' | 'cyp_gap' | 'short_term_funding' | 'funding_continuity' | 'wellbeing' | 'pathways';

/** Which shared filters each query applies (the view can say which ones do not apply). */
export const FILTERS_APPLIED: Record<CapacityQuery, readonly CapacityFilterKey[]> = {
  utilisation: ['areaCodes', 'providers', 'serviceCategories'],
  area_capacity: ['areaCodes', 'providers', 'serviceCategories'],
  // An age filter would make the share aged 0–17 trivially 0 or 1.
  cyp_gap: ['areaCodes', 'providers', 'serviceCategories', 'referralSources'],
  // Funding lines carry an area and a provider only.
  short_term_funding: ['areaCodes', 'providers'],
  // Service category through the providers extract (a provider not in it has none).
  funding_continuity: ['areaCodes', 'providers', 'serviceCategories'],
  wellbeing: ['areaCodes', 'providers', 'serviceCategories', 'referralSources', 'ageBands'],
  // The Pathways view (pathways.ts): referrals by source, service, provider sector and outcome.
  pathways: ['areaCodes', 'providers', 'serviceCategories', 'referralSources', 'ageBands']
};

export type FilterColumns = Partial<Record<CapacityFilterKey, string>>;

/** The columns of each extract a filter can apply to (referrals have them all). */
export const REFERRAL_COLUMNS: FilterColumns = {
  areaCodes: 'area_code', providers: 'provider_id', serviceCategories: 'service_category',
  referralSources: 'referral_source', ageBands: 'age_band'
};
export const PROVIDER_COLUMNS: FilterColumns = { areaCodes: 'area_code', providers: 'provider_id', serviceCategories: 'service_category' };

/**
 * `col IN (?, …)` for each filter the query applies that has values and a column here; the values are
 * pushed onto `params` in the same order, so call this exactly where the text goes into the SQL.
 */
export function filterConditions(opts: CapacityFilters, query: CapacityQuery, cols: FilterColumns, params: SqlParam[]): string[] {
  const out: string[] = [];
  for (const key of FILTERS_APPLIED[query]) {
    const col = cols[key];
    const values = opts[key];
    if (!col || !values?.length) continue;
    out.push(`${col} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  return out;
}

/** Conditions appended to a WHERE that already has one. */
export const andAll = (conds: string[]) => conds.map((c) => ` AND ${c}`).join('');

/** First days of `from` and `to`; throws on a malformed month (runners check first). */
export function periodParams(opts: CapacityOptions): [string, string] {
  const from = monthStart(opts.from);
  const to = monthStart(opts.to);
  if (!from || !to) throw new Error(`months must be yyyy-mm, got ${opts.from} and ${opts.to}`);
  return [from, to];
}

/** A valid, ordered period. */
export function validPeriod(opts: CapacityOptions): boolean {
  const from = monthStart(opts.from);
  const to = monthStart(opts.to);
  return !!from && !!to && from <= to;
}

/**
 * The tables the measures can read (tables.ts asMeasureTables). Every runner below asks unless
 * given `known` (a view running all of them asks once: each ask is a round trip to the worker).
 */
export async function measureTables(db: DbClient): Promise<Set<string>> {
  return asMeasureTables((await db.query<{ table_name: string }>(tablesWithDataSql)).map((r) => r.table_name));
}

/** `params`: m_from, m_to (first days); `bounds` adds p_end, the period's last day. Binds 2 parameters. */
export const PERIOD_CTES = `params AS (SELECT ${DATE_PARAM} AS m_from, ${DATE_PARAM} AS m_to),
bounds AS (SELECT m_from, m_to, last_day(m_to) AS p_end FROM params)`;

/**
 * `col` of the records within the period (`from`'s 1st to `to`'s last day), pushing from and to onto `params`. Bound
 * constants rather than a join to `bounds`: DuckDB pushes a comparison with a constant into the scan of referrals
 * (millions of rows), where a join condition is checked only after every row has been read. (DuckDB plans such a
 * statement again at each run, to push the values in: worth it for the records, not for a summary table.)
 */
export function inPeriod(col: string, opts: CapacityOptions, params: SqlParam[]): string {
  params.push(...periodParams(opts));
  return `${col} BETWEEN ${DATE_PARAM} AND last_day(${DATE_PARAM})`;
}

/**
 * `col` of a summary table (aggregates.ts: a few thousand rows) within the period, pushing from and to onto `params`.
 * The dates are read from one-row subqueries, not compared straight with the column: a parameter compared with a
 * table's column makes DuckDB plan the statement again at every run (to push the value into the scan), which cost
 * more than reading the whole summary (Capacity's area query: 7 ms a run against 3.5).
 */
export function inSummaryPeriod(col: string, opts: CapacityOptions, params: SqlParam[]): string {
  params.push(...periodParams(opts));
  return `${col} BETWEEN (SELECT ${DATE_PARAM}) AND (SELECT last_day(${DATE_PARAM}))`;
}

/** The period's last day as a bound constant (see inPeriod), pushing `to` onto `params`. */
export function periodEnd(opts: CapacityOptions, params: SqlParam[]): string {
  params.push(periodParams(opts)[1]);
  return `last_day(${DATE_PARAM})`;
}

/**
 * The open-caseload rule on the period's last day, bound as a constant (DuckDB can then skip row
 * groups by their date ranges): the rule names the day three times, so it is bound three times.
 */
function openOnPeriodEnd(opts: CapacityOptions, params: SqlParam[]): string {
  const end = periodEnd(opts, params);
  params.push(params.at(-1)!, params.at(-1)!);
  return OPEN_CASELOAD.on(end);
}

/** The open-caseload rule at the end of the period's last month, on the summary's events (OPEN_CASELOAD.eventsUpTo; see inSummaryPeriod). */
function caseloadEventsToPeriodEnd(opts: CapacityOptions, params: SqlParam[]): string {
  params.push(periodParams(opts)[1]);
  return OPEN_CASELOAD.eventsUpTo(`(SELECT ${DATE_PARAM})`);
}

/** A contract that overlaps [start, end] (blank dates open-ended). */
export const overlaps = (start: string, end: string, t = '') =>
  `(${t}contract_start IS NULL OR ${t}contract_start <= ${end}) AND (${t}contract_end IS NULL OR ${t}contract_end >= ${start})`;

/** Accepted referrals (rules.ts ACCEPTED). */
export const ACCEPTED_SQL = ACCEPTED.sql;

/**
 * Providers × months. For each provider (after the provider filters) and each month of the period:
 *   capacity = Σ monthly_capacity of its rows whose contract overlaps the month (blank dates open-ended),
 *              null when none does or none gives a capacity; counted in full whatever the overlap;
 *   accepted = its referrals received in the month that were accepted (ACCEPTED_SQL), from everyone
 *              (no person-level filter; referral area and category are not used: the provider's are).
 * Providers with no capacity in any month and no accepted referral in the period are left out.
 * Parameters: from, to, the provider filters, then from and to again (the referrals scan).
 */
export function providerMonthsSql(have: ReadonlySet<string>, opts: CapacityOptions, read: 'summaries' | 'records' = 'summaries'): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = periodParams(opts);
  const where = andAll(filterConditions(opts, 'utilisation', PROVIDER_COLUMNS, params));
  const latest = (c: string) => `arg_max(${c}, coalesce(contract_start, DATE '0001-01-01')) AS ${c}`;
  // From the summary of accepted referrals by provider and month (aggregates.ts), or (the tests' check) the records.
  const acc = !have.has('referrals')
    ? `SELECT NULL::VARCHAR AS provider_id, NULL::DATE AS month, 0 AS accepted WHERE false`
    : read === 'summaries'
      ? `SELECT provider_id, month, sum(n) AS accepted FROM ${AGG.accepted}
  WHERE ${inSummaryPeriod('month', opts, params)} AND provider_id IN (SELECT provider_id FROM info) GROUP BY ALL`
      : `SELECT provider_id, date_trunc('month', referral_date)::DATE AS month, count(*) AS accepted
  FROM referrals WHERE ${inPeriod('referral_date', opts, params)} AND provider_id IN (SELECT provider_id FROM info)
    AND ${ACCEPTED_SQL} GROUP BY ALL`;
  // The months from the bound from and to (the first two parameters), as a list unnested: generate_series as a table
  // function of parameters would have DuckDB plan the statement again at every run (2 ms).
  const sql = `WITH months AS (SELECT unnest(generate_series(${DATE_PARAM}, ${DATE_PARAM}, INTERVAL 1 MONTH))::DATE AS month),
prov AS (SELECT * FROM providers WHERE provider_id IS NOT NULL${where}),
info AS (SELECT provider_id, ${['provider_name', 'area_code', 'service_category', 'sector'].map(latest).join(', ')}
  FROM prov GROUP BY provider_id),
cap AS (SELECT p.provider_id, m.month, sum(p.monthly_capacity)::DOUBLE AS capacity
  FROM prov p JOIN months m ON ${overlaps('m.month', 'last_day(m.month)', 'p.')}
  WHERE p.monthly_capacity IS NOT NULL GROUP BY ALL),
acc AS (${acc}),
keep AS (SELECT provider_id FROM cap UNION SELECT provider_id FROM acc)
SELECT info.provider_id, info.provider_name, info.area_code, info.service_category, info.sector,
  strftime(m.month, '%Y-%m') AS month, cap.capacity, coalesce(acc.accepted, 0)::INTEGER AS accepted
FROM info JOIN keep USING (provider_id) CROSS JOIN months m
  LEFT JOIN cap ON cap.provider_id = info.provider_id AND cap.month = m.month
  LEFT JOIN acc ON acc.provider_id = info.provider_id AND acc.month = m.month
ORDER BY info.provider_id, m.month`;
  return { sql, params };
}

/**
 * Per provider and month: capacity, accepted, utilisation (accepted ÷ capacity) and the over-capacity
 * flag (domain/capacity.ts); providerCapacity gives the totals over the period. Empty without a
 * providers extract, or for a malformed or reversed period.
 */
export async function providerUtilisation(db: DbClient, opts: CapacityOptions, known?: ReadonlySet<string>): Promise<ProviderMonth[]> {
  if (!validPeriod(opts)) return [];
  const have = known ?? (await measureTables(db));
  if (!have.has('providers')) return [];
  const { sql, params } = providerMonthsSql(have, opts);
  return withUtilisation(await db.query<ProviderMonthAggregate>(sql, params));
}

/**
 * Per provider over the period, and per month over the providers: both sums of providerMonthsSql's rows in one
 * pass (GROUPING SETS), so the view asks DuckDB once for what its two provider charts show (the provider-month
 * rows were built twice, about 15 ms each with 1M referrals loaded). A table of many providers need not fetch
 * every month. `by_month` tells the two kinds of row apart (1: a month over all providers, 0: a provider).
 * months_over_capacity counts accepted > capacity, which is domain/capacity.ts isOverCapacity (a month with no
 * capacity is never over); for a month row it is how many providers were over. Parameters as providerMonthsSql.
 */
export function providerCapacitySql(have: ReadonlySet<string>, opts: CapacityOptions): { sql: string; params: SqlParam[] } {
  const { sql, params } = providerMonthsSql(have, opts);
  return {
    sql: `SELECT grouping(provider_id)::INTEGER AS by_month, provider_id, month, any_value(provider_name) AS provider_name,
  any_value(area_code) AS area_code, any_value(service_category) AS service_category, any_value(sector) AS sector, count(*)::INTEGER AS months,
  count(capacity)::INTEGER AS months_with_capacity, sum(capacity)::DOUBLE AS capacity, sum(accepted)::INTEGER AS accepted,
  coalesce(sum(accepted) FILTER (WHERE capacity IS NOT NULL), 0)::INTEGER AS accepted_in_capacity_months,
  count(*) FILTER (WHERE accepted > capacity)::INTEGER AS months_over_capacity
FROM (${sql}) GROUP BY GROUPING SETS ((provider_id), (month)) ORDER BY by_month, provider_id, month`,
    params
  };
}

/** All the (filtered) providers together, month by month: places and accepted referrals. */
export interface CapacityMonth {
  month: string;
  capacity: number | null;
  accepted: number;
  /** Providers with more accepted referrals than places that month. */
  over_capacity: number;
}

export interface ProviderCapacity {
  /** Per provider: totals over the period and utilisation (domain/capacity.ts). */
  providers: ProviderSummary[];
  /** The providers summed month by month (only one row per month reaches the page). */
  months: CapacityMonth[];
}

/** Providers' totals and the months' totals (providerCapacitySql). Empty without a providers extract or for a bad period. */
export async function providerCapacity(db: DbClient, opts: CapacityOptions, known?: ReadonlySet<string>): Promise<ProviderCapacity> {
  if (!validPeriod(opts)) return { providers: [], months: [] };
  const have = known ?? (await measureTables(db));
  if (!have.has('providers')) return { providers: [], months: [] };
  const { sql, params } = providerCapacitySql(have, opts);
  const rows = await db.query<ProviderSummaryAggregate & { by_month: number; month: string }>(sql, params);
  return {
    providers: withSummaryUtilisation(rows.filter((r) => r.by_month === 0).map(({ by_month: _b, month: _m, ...r }) => r)),
    months: rows.filter((r) => r.by_month === 1).map((r) => ({ month: r.month, capacity: r.capacity, accepted: r.accepted, over_capacity: r.months_over_capacity }))
  };
}

/**
 * Per area (the population extract's codes plus any with open referrals, after the area filter; the
 * providers' codes only without a population extract); providers count towards their own area_code
 * (the area served), referrals towards the person's:
 *   monthly_capacity        Σ monthly_capacity of provider rows active in the period (as the Map: × 12 ÷
 *                           population × 1,000 gives capacity per 1,000, places a year). 0 for an area
 *                           with none; null when no active row anywhere gives a capacity.
 *   service_variety         distinct service categories of rows active in the period with monthly_capacity > 0
 *                           (blank categories not counted); service_categories lists them.
 *   open_caseload           referrals open on as_of = the period's last day: received and first contacted on
 *                           or before it, not ended by it (no end date, or one after); a closing status with
 *                           no end date counts as closed, as the waiting list does. Declined never counts.
 *   link_worker_fte         Σ link_worker_fte of provider rows whose contract covers as_of; null when none
 *                           anywhere gives one.
 * Parameters: from, to, then the filters and dates of each part in the order the parts appear.
 */
export function areaCapacitySql(have: ReadonlySet<string>, opts: CapacityOptions, read: 'summaries' | 'records' = 'summaries'): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = periodParams(opts);
  const ctes = [PERIOD_CTES];
  const codes: string[] = [];
  const joins: string[] = [];
  const q: CapacityQuery = 'area_capacity';
  let pop = `NULL::VARCHAR AS area_name, NULL::DOUBLE AS population`;
  let cap = `NULL::DOUBLE AS monthly_capacity, NULL::INTEGER AS providers_with_capacity, NULL::INTEGER AS service_variety,
  NULL::VARCHAR[] AS service_categories, NULL::DOUBLE AS link_worker_fte`;
  let open = `NULL::INTEGER AS open_caseload`;

  const lastReferral = !have.has('referrals') ? 'NULL::DATE' : read === 'summaries' ? `(SELECT max(last_date) FROM ${AGG.received})` : '(SELECT max(referral_date) FROM referrals)';
  ctes.push(`as_of AS (SELECT p_end AS as_of, ${lastReferral} AS last_referral FROM bounds)`);
  if (have.has('population')) {
    ctes.push(`pop AS (SELECT area_code, any_value(area_name) AS area_name, sum(population)::DOUBLE AS population FROM area_population
  WHERE area_code IS NOT NULL${andAll(filterConditions({ areaCodes: opts.areaCodes }, q, PROVIDER_COLUMNS, params))} GROUP BY area_code)`);
    codes.push(`SELECT area_code FROM pop`);
    joins.push(`LEFT JOIN pop USING (area_code)`);
    pop = `pop.area_name, pop.population`;
  }
  if (have.has('providers')) {
    ctes.push(`prov AS (SELECT * FROM providers WHERE area_code IS NOT NULL${andAll(filterConditions(opts, q, PROVIDER_COLUMNS, params))})`,
      `cap AS (SELECT area_code, sum(monthly_capacity)::DOUBLE AS monthly_capacity,
    count(DISTINCT provider_id) FILTER (WHERE monthly_capacity > 0)::INTEGER AS providers_with_capacity,
    count(DISTINCT service_category) FILTER (WHERE monthly_capacity > 0)::INTEGER AS service_variety,
    list_sort(list(DISTINCT service_category) FILTER (WHERE monthly_capacity > 0 AND service_category IS NOT NULL)) AS service_categories
  FROM prov, bounds WHERE ${overlaps('m_from', 'p_end')} GROUP BY area_code)`,
      `fte AS (SELECT area_code, sum(link_worker_fte)::DOUBLE AS link_worker_fte FROM prov, bounds
  WHERE ${overlaps('p_end', 'p_end')} GROUP BY area_code)`);
    // As on the Map, providers add areas only when there is no population extract to list them: a
    // provider's own area code is often a head-office address.
    if (!have.has('population')) codes.push(`SELECT area_code FROM cap`, `SELECT area_code FROM fte`);
    joins.push(`LEFT JOIN cap USING (area_code)`, `LEFT JOIN fte USING (area_code)`);
    const known = (c: string, t: string) => `CASE WHEN EXISTS (SELECT 1 FROM ${t} WHERE ${c} IS NOT NULL) THEN coalesce(${t}.${c}, 0) END AS ${c}`;
    cap = `${known('monthly_capacity', 'cap')}, coalesce(cap.providers_with_capacity, 0) AS providers_with_capacity,
  coalesce(cap.service_variety, 0) AS service_variety, coalesce(cap.service_categories, []::VARCHAR[]) AS service_categories,
  ${known('link_worker_fte', 'fte')}`;
  }
  if (have.has('referrals')) {
    // From the summary of referrals taken on by month (aggregates.ts) unless filtered by provider, or (the tests' check) the records.
    ctes.push(read === 'summaries' && !opts.providers?.length
      ? `opn AS (SELECT area_code, (sum(starts) - sum(ends))::INTEGER AS open_caseload FROM ${AGG.caseload}
  WHERE area_code IS NOT NULL AND ${caseloadEventsToPeriodEnd(opts, params)}${andAll(filterConditions(opts, q, REFERRAL_COLUMNS, params))}
  GROUP BY area_code HAVING sum(starts) - sum(ends) > 0)`
      : `opn AS (SELECT area_code, count(*)::INTEGER AS open_caseload FROM referrals
  WHERE area_code IS NOT NULL AND ${openOnPeriodEnd(opts, params)}${andAll(filterConditions(opts, q, REFERRAL_COLUMNS, params))}
  GROUP BY area_code)`);
    codes.push(`SELECT area_code FROM opn`);
    joins.push(`LEFT JOIN opn USING (area_code)`);
    open = `coalesce(opn.open_caseload, 0) AS open_caseload`;
  }
  if (!codes.length) codes.push(`SELECT NULL::VARCHAR AS area_code WHERE false`);
  ctes.push(`codes AS (${codes.join(' UNION ')})`);
  const sql = `WITH ${ctes.join(',\n')}
SELECT codes.area_code, ${pop},
  ${cap},
  ${open},
  strftime(as_of.as_of, '%Y-%m-%d') AS as_of, coalesce(as_of.as_of > as_of.last_referral, true) AS partial
FROM codes ${joins.join(' ')} CROSS JOIN as_of
ORDER BY codes.area_code`;
  return { sql, params };
}

/** Per area: capacity per 1,000, service variety and caseload per link worker FTE. Empty for a bad period. */
export async function areaCapacity(db: DbClient, opts: CapacityOptions, known?: ReadonlySet<string>): Promise<AreaCapacity[]> {
  if (!validPeriod(opts)) return [];
  const { sql, params } = areaCapacitySql(known ?? (await measureTables(db)), opts);
  return withAreaMeasures(await db.query<AreaCapacityAggregate>(sql, params));
}
