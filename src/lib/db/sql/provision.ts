/**
 * SQL for the Capacity view (SPEC 4.4), part 2: the children and young people gap, short-term funding
 * and funding continuity, and wellbeing change. Conventions, the period and the filters are as in
 * capacity.ts (FILTERS_APPLIED says which filters each query applies). DuckDB aggregates; shares and
 * intervals come from domain/capacity.ts.
 */
import type { DbClient, SqlParam } from '../client';
import { cypGap, shortTermShare, wellbeingChange, type CypAggregate, type CypGap, type WellbeingAggregate, type WellbeingChange } from '../../domain/capacity';
import { AGG } from './aggregates';
import { andAll, measureTables, filterConditions, inPeriod, inSummaryPeriod, overlaps, periodParams, PROVIDER_COLUMNS, REFERRAL_COLUMNS, validPeriod, type CapacityOptions, type FilterColumns } from './capacity';
import { DATE_PARAM } from './params';

/**
 * Short-term: the contract's (inclusive) end comes before the day before its start's anniversary, so
 * 1 April–31 March is a full year. The same expression as the Map's (area-measures.ts); blank dates: not short-term.
 */
const SHORT_TERM = `contract_end < contract_start + INTERVAL 12 MONTH - INTERVAL 1 DAY`;

/** Areas' names, population and population aged 0–17 (an empty CTE without a population extract); `where` adds conditions. */
function areaNames(have: ReadonlySet<string>, where = ''): string {
  return have.has('population')
    ? `names AS (SELECT area_code, any_value(area_name) AS area_name, sum(population)::DOUBLE AS population,
    sum(pop_0_17)::DOUBLE AS pop_0_17, count(pop_0_17) = count(*) AS full_0_17 FROM area_population WHERE area_code IS NOT NULL${where} GROUP BY area_code)`
    : `names AS (SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS area_name, NULL::DOUBLE AS population, NULL::DOUBLE AS pop_0_17,
    false AS full_0_17 WHERE false)`;
}

/** The children and young people gap reads the summary tables when no filter but the area's applies (months are whole). */
export const cypFromSummaries = (opts: CapacityOptions) => !opts.providers?.length && !opts.serviceCategories?.length && !opts.referralSources?.length;

/**
 * Per area (the population extract's codes plus any with referrals, after the area filter), referrals
 * received in the period by age: referrals, age_known (age band wholly 0–17 or wholly 18+), cyp_referrals
 * (wholly 0–17), and the population with pop_0_17. Bands are classed after counting, on the few distinct
 * values: '0-17' and any 'a-b' with b ≤ 17 are children and young people; the canonical adult bands,
 * 'a-b' with a ≥ 18 and 'a+' with a ≥ 18 are adults; anything else (blank, '16-24') is unknown.
 * Parameters: area filter (population), from, to, then the referral filters but age band.
 */
export function cypGapSql(have: ReadonlySet<string>, opts: CapacityOptions, read: 'summaries' | 'records' = cypFromSummaries(opts) ? 'summaries' : 'records'): { sql: string; params: SqlParam[] } {
  if (read === 'summaries' && !cypFromSummaries(opts)) throw new Error('the summary tables cannot answer this: read the records');
  // Filtered by area at most, the summary of referrals by area, age band and month (aggregates.ts) answers.
  const from = read === 'summaries'
    ? { table: AGG.received, count: 'sum(n)', date: 'month', inPeriod: inSummaryPeriod }
    : { table: 'referrals', count: 'count(*)', date: 'referral_date', inPeriod };
  const params: SqlParam[] = [];
  // Only where the text goes in: a filter's values are bound in the order its placeholders appear.
  const names = have.has('population') ? areaNames(have, andAll(filterConditions({ areaCodes: opts.areaCodes }, 'cyp_gap', PROVIDER_COLUMNS, params))) : areaNames(have);
  const sql = `WITH ${names},
bands AS (SELECT area_code, age_band, ${from.count} AS n FROM ${from.table}
  WHERE ${from.inPeriod(from.date, opts, params)} AND area_code IS NOT NULL${andAll(filterConditions(opts, 'cyp_gap', REFERRAL_COLUMNS, params))}
  GROUP BY ALL),
cls AS (SELECT area_code, n, regexp_extract(age_band, '^(\\d+)(?:-(\\d+)|\\+)$', ['lo', 'hi']) AS b FROM bands),
ref AS (SELECT area_code, sum(n)::INTEGER AS referrals,
    coalesce(sum(n) FILTER (WHERE TRY_CAST(b.hi AS INTEGER) <= 17 OR TRY_CAST(b.lo AS INTEGER) >= 18), 0)::INTEGER AS age_known,
    coalesce(sum(n) FILTER (WHERE TRY_CAST(b.hi AS INTEGER) <= 17), 0)::INTEGER AS cyp_referrals
  FROM cls GROUP BY area_code),
codes AS (SELECT area_code FROM names UNION SELECT area_code FROM ref)
SELECT codes.area_code, names.area_name, coalesce(ref.referrals, 0) AS referrals, coalesce(ref.age_known, 0) AS age_known,
  coalesce(ref.cyp_referrals, 0) AS cyp_referrals, names.population, CASE WHEN names.full_0_17 THEN names.pop_0_17 END AS pop_0_17
FROM codes LEFT JOIN names USING (area_code) LEFT JOIN ref USING (area_code)
ORDER BY codes.area_code`;
  return { sql, params };
}

/** Per area: the share of referrals aged 0–17 (Wilson CI) against the population's, and the gap. */
export async function cypGapByArea(db: DbClient, opts: CapacityOptions, known?: ReadonlySet<string>): Promise<CypGap[]> {
  if (!validPeriod(opts)) return [];
  const have = known ?? (await measureTables(db));
  if (!have.has('referrals')) return [];
  const { sql, params } = cypGapSql(have, opts);
  return (await db.query<CypAggregate>(sql, params)).map(cypGap);
}

export interface ShortTermFundingAggregate {
  area_code: string;
  area_name: string | null;
  /** The financial year with byYear; null for the sum over the period's years. */
  fy: string | null;
  /** Σ amount_gbp, £; 0 for a population area with no lines. */
  funding: number;
  /** £ of it on contracts shorter than 12 months. */
  funding_short_term: number;
  lines: number;
  /** Lines lacking a contract start or end (counted as not short-term). */
  undated_lines: number;
  /** The financial years summed, 'yyyy/yy': those of the period's first and last months, and between. */
  fy_from: string;
  fy_to: string;
}

export interface ShortTermFunding extends ShortTermFundingAggregate {
  short_term_share: number | null;
}

/**
 * Funding lines whose financial year (the funding table's fy) is one the period touches, per area (and
 * per year with byYear): Σ amount and Σ on short-term contracts. Without byYear the population extract's
 * areas with no lines come back with 0. Parameters: from, to, [area filter (population)], the funding filters.
 */
export function shortTermFundingSql(have: ReadonlySet<string>, opts: CapacityOptions & { byYear?: boolean }): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = periodParams(opts);
  const withPop = have.has('population') && !opts.byYear;
  const pop = withPop
    ? `pop AS (SELECT DISTINCT area_code FROM area_population WHERE area_code IS NOT NULL${andAll(filterConditions({ areaCodes: opts.areaCodes }, 'short_term_funding', PROVIDER_COLUMNS, params))}),`
    : '';
  const where = andAll(filterConditions(opts, 'short_term_funding', { areaCodes: 'area_code', providers: 'provider_id' }, params));
  const sql = `WITH params AS (SELECT ${DATE_PARAM} AS m_from, ${DATE_PARAM} AS m_to),
fys AS (SELECT fs_fy_of(m_from) AS fy_from, fs_fy_of(m_to) AS fy_to FROM params),
${pop}
fund AS (SELECT area_code, ${opts.byYear ? 'fy' : 'NULL::VARCHAR'} AS fy, sum(amount_gbp)::DOUBLE AS funding,
    coalesce(sum(amount_gbp) FILTER (WHERE ${SHORT_TERM}), 0)::DOUBLE AS funding_short_term, count(*)::INTEGER AS lines,
    count(*) FILTER (WHERE contract_start IS NULL OR contract_end IS NULL)::INTEGER AS undated_lines
  FROM funding, fys WHERE fy BETWEEN fy_from AND fy_to AND area_code IS NOT NULL${where} GROUP BY ALL),
keys AS (SELECT area_code, fy FROM fund${withPop ? ' UNION SELECT area_code, NULL::VARCHAR FROM pop' : ''}),
${areaNames(have)}
SELECT keys.area_code, names.area_name, keys.fy, coalesce(fund.funding, 0) AS funding, coalesce(fund.funding_short_term, 0) AS funding_short_term,
  coalesce(fund.lines, 0) AS lines, coalesce(fund.undated_lines, 0) AS undated_lines, fys.fy_from, fys.fy_to
FROM keys LEFT JOIN fund ON fund.area_code = keys.area_code AND fund.fy IS NOT DISTINCT FROM keys.fy
  LEFT JOIN names ON names.area_code = keys.area_code CROSS JOIN fys
ORDER BY keys.area_code, keys.fy`;
  return { sql, params };
}

/** Per area (and year): the share of funding on contracts shorter than 12 months. */
export async function shortTermFunding(db: DbClient, opts: CapacityOptions & { byYear?: boolean }, known?: ReadonlySet<string>): Promise<ShortTermFunding[]> {
  if (!validPeriod(opts)) return [];
  const have = known ?? (await measureTables(db));
  if (!have.has('funding')) return [];
  const { sql, params } = shortTermFundingSql(have, opts);
  return (await db.query<ShortTermFundingAggregate>(sql, params)).map((r) => ({ ...r, short_term_share: shortTermShare(r.funding_short_term, r.funding) }));
}

/** One contract on a provider's funding timeline. */
export interface ContractRow {
  provider_id: string;
  /** From the providers extract (its row with the latest contract start); null when the provider is not in it. */
  provider_name: string | null;
  service_category: string | null;
  /** 'yyyy-mm-dd'; end null = open-ended. */
  contract_start: string;
  contract_end: string | null;
  /** Σ amount_gbp of the funding lines with this provider and these dates (all their periods); null when only the providers extract has it. */
  amount_gbp: number | null;
  funders: string[] | null;
  funding_streams: string[] | null;
  funding_lines: number;
  /** Σ monthly_capacity of the providers rows with these dates. */
  monthly_capacity: number | null;
  source: 'funding' | 'providers' | 'both';
  short_term: boolean;
  /** Days with no contract between the latest earlier end and this start (0 when they meet or overlap); null for the first. */
  gap_days: number | null;
  /** This contract starts more than 1 day after every earlier contract of the provider has ended. */
  gap_before: boolean;
  /** Some contract of the provider covers the period's last day. */
  covered_at_end: boolean;
}

/**
 * Contracts per provider, from funding lines with a provider and a contract start (grouped by provider,
 * start and end) and from providers rows with a contract start, merged where provider and dates match.
 * Gaps are found over all of a provider's contracts, in order of start (the running latest end, so a
 * contract inside a longer one opens no gap); rows returned are those overlapping the period. Lines or
 * rows with no contract start cannot be placed and are left out.
 * Parameters: from, to, the funding-line filters, then the providers-row filters.
 */
export function fundingContinuitySql(have: ReadonlySet<string>, opts: CapacityOptions): { sql: string; params: SqlParam[] } {
  // The period's dates are bound where they are used, not read from a params CTE by joins (a dozen operators fewer,
  // which DuckDB-wasm pays for): the text's order is the parameters' order.
  const [from, to] = periodParams(opts);
  const params: SqlParam[] = [];
  const cols = { areaCodes: 'x.area_code', providers: 'x.provider_id', serviceCategories: 'info.service_category' };
  const latest = (c: string) => `arg_max(${c}, coalesce(contract_start, DATE '0001-01-01')) AS ${c}`;
  // Joined only to filter on category: planning each join costs DuckDB-wasm ~8 ms.
  const byCategory = opts.serviceCategories?.length ? ' LEFT JOIN info USING (provider_id)' : '';
  const info = have.has('providers')
    ? `SELECT provider_id, ${latest('provider_name')}, ${latest('service_category')} FROM providers WHERE provider_id IS NOT NULL GROUP BY provider_id`
    : `SELECT NULL::VARCHAR AS provider_id, NULL::VARCHAR AS provider_name, NULL::VARCHAR AS service_category WHERE false`;
  const fl = have.has('funding')
    ? `SELECT x.provider_id, x.contract_start, x.contract_end, sum(x.amount_gbp)::DOUBLE AS amount_gbp,
    list_sort(list(DISTINCT x.funder) FILTER (WHERE x.funder IS NOT NULL)) AS funders,
    list_sort(list(DISTINCT x.funding_stream) FILTER (WHERE x.funding_stream IS NOT NULL)) AS funding_streams, count(*)::INTEGER AS funding_lines
  FROM funding x${byCategory} WHERE x.provider_id IS NOT NULL AND x.contract_start IS NOT NULL${andAll(filterConditions(opts, 'funding_continuity', cols, params))}
  GROUP BY ALL`
    : `SELECT NULL::VARCHAR AS provider_id, NULL::DATE AS contract_start, NULL::DATE AS contract_end, NULL::DOUBLE AS amount_gbp,
    NULL::VARCHAR[] AS funders, NULL::VARCHAR[] AS funding_streams, 0 AS funding_lines WHERE false`;
  const pl = have.has('providers')
    ? `SELECT x.provider_id, x.contract_start, x.contract_end, sum(x.monthly_capacity)::DOUBLE AS monthly_capacity
  FROM providers x${byCategory} WHERE x.provider_id IS NOT NULL AND x.contract_start IS NOT NULL${andAll(filterConditions(opts, 'funding_continuity', cols, params))}
  GROUP BY ALL`
    : `SELECT NULL::VARCHAR AS provider_id, NULL::DATE AS contract_start, NULL::DATE AS contract_end, NULL::DOUBLE AS monthly_capacity WHERE false`;
  const head = `WITH info AS (${info}),
fl AS (${fl}),
pl AS (${pl}),
c AS (SELECT coalesce(fl.provider_id, pl.provider_id) AS provider_id, coalesce(fl.contract_start, pl.contract_start) AS contract_start,
    CASE WHEN fl.provider_id IS NOT NULL THEN fl.contract_end ELSE pl.contract_end END AS contract_end,
    fl.amount_gbp, fl.funders, fl.funding_streams, coalesce(fl.funding_lines, 0)::INTEGER AS funding_lines, pl.monthly_capacity,
    CASE WHEN fl.provider_id IS NULL THEN 'providers' WHEN pl.provider_id IS NULL THEN 'funding' ELSE 'both' END AS source
  FROM fl FULL JOIN pl ON fl.provider_id = pl.provider_id AND fl.contract_start = pl.contract_start
    AND fl.contract_end IS NOT DISTINCT FROM pl.contract_end),
t AS (SELECT *, max(coalesce(contract_end, DATE '9999-12-31')) OVER (PARTITION BY provider_id ORDER BY contract_start, contract_end NULLS LAST
    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS prev_end FROM c),
cov AS (SELECT provider_id, bool_or(${overlaps(`last_day(${DATE_PARAM})`, `last_day(${DATE_PARAM})`)}) AS covered_at_end FROM c GROUP BY provider_id)`;
  // covered_at_end: the period's last day twice; the rows overlapping the period: its last day, then its first.
  params.push(to, to, to, from);
  const sql = `${head}
SELECT t.provider_id, info.provider_name, info.service_category, strftime(t.contract_start, '%Y-%m-%d') AS contract_start,
  strftime(t.contract_end, '%Y-%m-%d') AS contract_end, t.amount_gbp, t.funders, t.funding_streams, t.funding_lines, t.monthly_capacity, t.source,
  coalesce(${SHORT_TERM}, false) AS short_term,
  CASE WHEN t.prev_end IS NOT NULL THEN greatest(t.contract_start - t.prev_end - 1, 0)::INTEGER END AS gap_days,
  coalesce(t.contract_start > t.prev_end + 1, false) AS gap_before, cov.covered_at_end
FROM t JOIN cov USING (provider_id) LEFT JOIN info USING (provider_id)
WHERE ${overlaps(DATE_PARAM, `last_day(${DATE_PARAM})`, 't.')}
ORDER BY t.provider_id, t.contract_start, t.contract_end NULLS LAST`;
  return { sql, params };
}

/** Each provider's contracts overlapping the period, in order, with gaps flagged. */
export async function fundingContinuity(db: DbClient, opts: CapacityOptions, known?: ReadonlySet<string>): Promise<ContractRow[]> {
  if (!validPeriod(opts)) return [];
  const have = known ?? (await measureTables(db));
  if (!have.has('funding') && !have.has('providers')) return [];
  const { sql, params } = fundingContinuitySql(have, opts);
  return db.query<ContractRow>(sql, params);
}

export type WellbeingBy = 'all' | 'area' | 'service_category' | 'provider';
export const WELLBEING_BY: readonly WellbeingBy[] = ['all', 'area', 'service_category', 'provider'];
const WELLBEING_COLUMN: Record<WellbeingBy, string> = {
  all: 'NULL::VARCHAR', area: 'area_code', service_category: 'service_category', provider: 'provider_id'
};

/**
 * Whether the wellbeing summary (aggregates.ts AGG.wellbeing, keyed by area, service category and month) can
 * answer: filtered by area and service only, broken down by neither or one of them. Otherwise the records are read.
 */
export function wellbeingFromSummaries(opts: CapacityOptions & { by?: WellbeingBy }): boolean {
  return (opts.by ?? 'all') !== 'provider' && !opts.providers?.length && !opts.referralSources?.length && !opts.ageBands?.length;
}

/**
 * Referrals received in the period, per group (blank values their own group, last): how many, how many
 * have both wellbeing_pre and wellbeing_post, the mean pre, post and change (post − pre) of those, and
 * the change's sample standard deviation. Parameters: from, to, then every referral filter.
 * `read`: from the summary (when it can answer) or the records (the tests ask for both to check one against
 * the other). From the summary the standard deviation is √((Σd² − (Σd)² ÷ n) ÷ (n − 1)), which for whole-number
 * scores differs from DuckDB's stddev_samp over the records only in the last bits.
 */
export function wellbeingChangeSql(
  opts: CapacityOptions & { by?: WellbeingBy },
  read: 'summaries' | 'records' = wellbeingFromSummaries(opts) ? 'summaries' : 'records'
): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const grp = WELLBEING_COLUMN[opts.by ?? 'all'];
  if (!grp) throw new Error(`unknown breakdown ${opts.by}`);
  if (read === 'summaries') {
    if (!wellbeingFromSummaries(opts)) throw new Error('the summary tables cannot answer this: read the records');
    const n = 'sum(with_both)';
    const sql = `WITH r AS (SELECT ${grp} AS grp, n, with_both, sum_pre, sum_post, sum_d, sum_d2 FROM ${AGG.wellbeing}
  WHERE ${inSummaryPeriod('month', opts, params)}${andAll(filterConditions(opts, 'wellbeing', SUMMARY_COLUMNS, params))})
SELECT grp AS "group", sum(n)::INTEGER AS referrals, ${n}::INTEGER AS with_both,
  (sum(sum_pre) / nullif(${n}, 0))::DOUBLE AS mean_pre, (sum(sum_post) / nullif(${n}, 0))::DOUBLE AS mean_post,
  (sum(sum_d) / nullif(${n}, 0))::DOUBLE AS mean_change,
  CASE WHEN ${n} > 1 THEN sqrt(greatest((sum(sum_d2) - sum(sum_d) * sum(sum_d) / ${n}) / (${n} - 1), 0)) END::DOUBLE AS sd_change
FROM r GROUP BY grp ORDER BY grp NULLS LAST`;
    return { sql, params };
  }
  const sql = `WITH r AS (SELECT ${grp} AS grp, wellbeing_pre AS pre, wellbeing_post AS post, wellbeing_post - wellbeing_pre AS d FROM referrals
  WHERE ${inPeriod('referral_date', opts, params)}${andAll(filterConditions(opts, 'wellbeing', REFERRAL_COLUMNS, params))})
SELECT grp AS "group", count(*)::INTEGER AS referrals, count(d)::INTEGER AS with_both,
  avg(pre) FILTER (WHERE d IS NOT NULL)::DOUBLE AS mean_pre, avg(post) FILTER (WHERE d IS NOT NULL)::DOUBLE AS mean_post,
  avg(d)::DOUBLE AS mean_change, stddev_samp(d)::DOUBLE AS sd_change
FROM r GROUP BY grp ORDER BY grp NULLS LAST`;
  return { sql, params };
}

/** The wellbeing summary's filter columns (wellbeingFromSummaries says the others are unset). */
const SUMMARY_COLUMNS: FilterColumns = { areaCodes: 'area_code', serviceCategories: 'service_category' };

/** Mean wellbeing change with its 95% CI (Student's t), per group. */
export async function wellbeingChangeBy(db: DbClient, opts: CapacityOptions & { by?: WellbeingBy }, known?: ReadonlySet<string>): Promise<WellbeingChange[]> {
  if (!validPeriod(opts) || !(opts.by === undefined || WELLBEING_BY.includes(opts.by))) return [];
  if (!(known ?? (await measureTables(db))).has('referrals')) return [];
  const { sql, params } = wellbeingChangeSql(opts);
  return (await db.query<WellbeingAggregate>(sql, params)).map((r) => wellbeingChange(r));
}
