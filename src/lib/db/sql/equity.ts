/**
 * SQL for the Equity view (SPEC 4.5), beside the Map's per-area aggregates (area-measures.ts), which the
 * view also uses for the funnel plot, the Lorenz curve and the fair-share table. Two queries here:
 *
 * - the deprivation gradient: sums per IMD decile (or quintile) of the areas in the population extract,
 *   so that each group's rate is Σ referrals ÷ Σ population and its funding per head Σ £ ÷ Σ population
 *   (never an average of the areas' rates), with the median wait of the group's first contacts;
 * - per area, referrals first contacted in the year and how many waited over 18 weeks (for a proportion
 *   funnel);
 * - per area, referrals received in the year and residents in the three broad age bands 0–17, 18–64, 65+ (for
 *   the age-standardised referral rate funnel, domain/equity/funnel-data.ts referralRateDsrFunnel). The children and young people gap and service variety come from the Capacity view's SQL
 *   (capacity.ts areaCapacity, provision.ts cypGapByArea), so each is defined once.
 *
 * The financial year ('2024/25') is bound as the only parameter; the query text depends only on which
 * tables exist and on the grouping (from a fixed list), never on user values. Year boundaries and the
 * "year with no funding / no referrals → NULL rather than 0" rule are the Map's (area-measures.ts), so a
 * figure here and there agree.
 */
import type { QuantileGrouping } from '../../domain/equity/gradient';
import type { DbClient } from '../client';
import { measureTables as tables } from './capacity';
import { AGG, histogramQuantileSql } from './aggregates';
import { FY } from './rules';

/** Deprivation groups (1 = most deprived), as domain/equity/gradient.ts quantileOf: ceil(decile / 2) for quintiles. */
const QUANTILE_EXPR: Record<QuantileGrouping, string> = {
  decile: 'imd_decile',
  quintile: '(imd_decile + 1) // 2'
};

/** Wait over 18 weeks: more than 126 days from referral to first contact (as waiting.ts counts it). */
export const OVER_18_WEEKS_DAYS = 126;

const FY_CTES = FY.ctes;

/** One deprivation group's sums for the year, as gradientSql returns them. */
export interface GradientSqlRow {
  /** 1 = most deprived; null for areas with no (or an out-of-range) IMD decile, which are left out of the gradient. */
  quantile: number | null;
  areas: number;
  population: number;
  /** Received in the year; null when the year has no referrals at all. */
  referrals: number | null;
  /** Months of the year with any referral, across all areas (for annualising). */
  months: number;
  /** £ in the year; null when the year has no funding at all. */
  funding: number | null;
  first_contacts: number;
  /** Days from referral to first contact, median over the group's first contacts in the year. */
  median_wait_days: number | null;
}

export function gradientSql(have: ReadonlySet<string>, grouping: QuantileGrouping): string {
  if (!have.has('population')) {
    return `SELECT NULL::INTEGER AS quantile, 0 AS areas, 0::DOUBLE AS population, NULL::INTEGER AS referrals, 0 AS months,
      NULL::DOUBLE AS funding, 0 AS first_contacts, NULL::DOUBLE AS median_wait_days WHERE ?::VARCHAR IS NULL AND false`;
  }
  const ctes = [
    FY_CTES,
    `pop AS (SELECT area_code, sum(population)::DOUBLE AS population, any_value(imd_decile)::INTEGER AS imd_decile
      FROM area_population WHERE area_code IS NOT NULL GROUP BY area_code)`,
    `q AS (SELECT area_code, population,
        CASE WHEN imd_decile BETWEEN 1 AND 10 THEN ${QUANTILE_EXPR[grouping]} END::INTEGER AS quantile FROM pop)`
  ];
  let referrals = 'NULL::INTEGER AS referrals, 0 AS months';
  let waits = '0 AS first_contacts, NULL::DOUBLE AS median_wait_days';
  const joins: string[] = [];
  if (have.has('referrals')) {
    ctes.push(
      `ref_year AS (SELECT count(DISTINCT month)::INTEGER AS months FROM ${AGG.received}, fy WHERE ${FY.contains('month')})`,
      `ref AS (SELECT area_code, sum(n) AS referrals FROM ${AGG.received}, fy
        WHERE ${FY.contains('month')} AND area_code IS NOT NULL GROUP BY area_code)`,
      // The median is of the group's people, not a mean of the areas' medians: the areas' waits (by day) are
      // added up per group first, then the median taken.
      `waits AS (SELECT grp AS quantile, total AS first_contacts, value AS median_wait_days FROM (${histogramQuantileSql(
        `SELECT q.quantile AS grp, w.wait_days AS v, sum(w.n) AS n FROM ${AGG.waits} w JOIN q USING (area_code), fy WHERE ${FY.contains('w.month')} GROUP BY ALL`,
        0.5
      )}))`
    );
    joins.push('LEFT JOIN ref USING (area_code)');
    referrals = `CASE WHEN any_value(ref_year.months) > 0 THEN coalesce(sum(ref.referrals), 0) END::INTEGER AS referrals,
    any_value(ref_year.months)::INTEGER AS months`;
    waits = `coalesce(any_value(waits.first_contacts), 0)::INTEGER AS first_contacts, any_value(waits.median_wait_days) AS median_wait_days`;
  }
  let funding = 'NULL::DOUBLE AS funding';
  if (have.has('funding')) {
    ctes.push(`fund AS (SELECT area_code, sum(amount_gbp)::DOUBLE AS funding FROM funding f, params
      WHERE f.fy = params.fy AND area_code IS NOT NULL GROUP BY area_code)`);
    joins.push('LEFT JOIN fund USING (area_code)');
    funding = `CASE WHEN EXISTS (SELECT 1 FROM fund) THEN coalesce(sum(fund.funding), 0) END::DOUBLE AS funding`;
  }
  // ref_year (one row) and waits (one row per group) hold one value per group: joined on and read with
  // any_value, so the query stays one GROUP BY.
  if (have.has('referrals')) joins.push('CROSS JOIN ref_year', 'LEFT JOIN waits ON waits.quantile IS NOT DISTINCT FROM q.quantile');
  return `WITH ${ctes.join(',\n')}
SELECT q.quantile, count(*)::INTEGER AS areas, sum(q.population)::DOUBLE AS population,
    ${referrals},
    ${funding},
    ${waits}
FROM q ${joins.join(' ')}
GROUP BY q.quantile
ORDER BY q.quantile NULLS LAST`;
}

/** One area's first contacts in the year, as longWaitsSql returns them. */
export interface LongWaitSqlRow {
  area_code: string;
  area_name: string | null;
  /** Referrals first contacted in the year (whenever received); null when the year has no referrals anywhere. */
  first_contacts: number | null;
  /** Of those, first contacted more than 18 weeks (126 days) after referral. */
  waited_over_18w: number | null;
}

/**
 * Per area (the population extract's codes plus any with a first contact in the year): referrals first
 * contacted in the year and how many of them waited more than 18 weeks. First contacts before the referral
 * date are data errors and are left out, as the Map's median wait leaves them out.
 */
export function longWaitsSql(have: ReadonlySet<string>): string {
  if (!have.has('referrals')) {
    return `SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS area_name, NULL::INTEGER AS first_contacts,
      NULL::INTEGER AS waited_over_18w WHERE ?::VARCHAR IS NULL AND false`;
  }
  const ctes = [
    FY_CTES,
    `ref_year AS (SELECT coalesce(sum(n), 0) AS n FROM ${AGG.received}, fy WHERE ${FY.contains('month')})`,
    `waits AS (SELECT area_code, sum(n) AS first_contacts, coalesce(sum(n) FILTER (WHERE wait_days > ${OVER_18_WEEKS_DAYS}), 0) AS waited_over_18w
      FROM ${AGG.waits}, fy WHERE ${FY.contains('month')} AND area_code IS NOT NULL GROUP BY area_code)`
  ];
  const codes = ['SELECT area_code FROM waits'];
  let names = 'NULL::VARCHAR AS area_name';
  const joins = ['LEFT JOIN waits USING (area_code)', 'CROSS JOIN ref_year'];
  if (have.has('population')) {
    ctes.push(`pop AS (SELECT area_code, any_value(area_name) AS area_name FROM area_population WHERE area_code IS NOT NULL GROUP BY area_code)`);
    codes.push('SELECT area_code FROM pop');
    joins.push('LEFT JOIN pop USING (area_code)');
    names = 'pop.area_name';
  }
  ctes.push(`codes AS (${codes.join(' UNION ')})`);
  // A year with no referrals anywhere is "no data" (null), not "0 everywhere".
  const orNull = (col: string) => `CASE WHEN ref_year.n > 0 THEN coalesce(${col}, 0) END::INTEGER`;
  return `WITH ${ctes.join(',\n')}
SELECT codes.area_code, ${names}, ${orNull('waits.first_contacts')} AS first_contacts, ${orNull('waits.waited_over_18w')} AS waited_over_18w
FROM codes ${joins.join(' ')}
ORDER BY codes.area_code`;
}

/** One area's referrals and residents by broad age band, as dsrBandsSql returns them. */
export interface DsrBandSqlRow {
  area_code: string;
  area_name: string | null;
  /** Residents by band; null when the area is not in the population extract or any of its rows lacks the band. */
  pop_0_17: number | null;
  pop_18_64: number | null;
  pop_65_plus: number | null;
  /** Referrals received in the year by band; null (all four) when the year has no referrals anywhere. */
  ref_0_17: number | null;
  ref_18_64: number | null;
  ref_65_plus: number | null;
  /** Received in the year with an age band inside none of the three (blank, unreadable or straddling, e.g. '16-24'). */
  ref_unknown: number | null;
  /** Months of the year with any referral, across all areas (for annualising, as the Map's). */
  months: number;
}

/**
 * Per area (the population extract's codes plus any with a referral in the year): referrals received in the year
 * by broad age band and the population in the same bands. Bands are classed after counting, on the few distinct
 * values, as the Capacity view's children and young people gap classes them (provision.ts cypGapSql): 'a-b' with
 * b ≤ 17 is 0–17; 'a-b' with a ≥ 18 and b ≤ 64 is 18–64; 'a-b' or 'a+' with a ≥ 65 is 65+; anything else (blank,
 * '16-24', '60-69', '18+') is unknown. A band population is the sum over the area's rows, null if any row lacks it.
 */
export function dsrBandsSql(have: ReadonlySet<string>): string {
  if (!have.has('referrals')) {
    return `SELECT NULL::VARCHAR AS area_code, NULL::VARCHAR AS area_name, NULL::DOUBLE AS pop_0_17, NULL::DOUBLE AS pop_18_64,
      NULL::DOUBLE AS pop_65_plus, NULL::INTEGER AS ref_0_17, NULL::INTEGER AS ref_18_64, NULL::INTEGER AS ref_65_plus,
      NULL::INTEGER AS ref_unknown, 0 AS months WHERE ?::VARCHAR IS NULL AND false`;
  }
  const ctes = [
    FY_CTES,
    `ref_year AS (SELECT coalesce(sum(n), 0) AS n, count(DISTINCT month)::INTEGER AS months FROM ${AGG.received}, fy WHERE ${FY.contains('month')})`,
    `bands AS (SELECT area_code, age_band, sum(n) AS n FROM ${AGG.received}, fy
      WHERE ${FY.contains('month')} AND area_code IS NOT NULL GROUP BY ALL)`,
    `cls AS (SELECT area_code, n, TRY_CAST(b.lo AS INTEGER) AS lo, TRY_CAST(b.hi AS INTEGER) AS hi, b.hi = '' AND b.lo <> '' AS open_ended
      FROM (SELECT area_code, n, regexp_extract(age_band, '^(\\d+)(?:-(\\d+)|\\+)$', ['lo', 'hi']) AS b FROM bands))`,
    `ref AS (SELECT area_code, sum(n) AS referrals,
        coalesce(sum(n) FILTER (WHERE hi <= 17), 0) AS ref_0_17,
        coalesce(sum(n) FILTER (WHERE lo >= 18 AND hi <= 64), 0) AS ref_18_64,
        coalesce(sum(n) FILTER (WHERE lo >= 65 AND (hi >= lo OR open_ended)), 0) AS ref_65_plus
      FROM cls GROUP BY area_code)`
  ];
  const codes = ['SELECT area_code FROM ref'];
  let pops = 'NULL::VARCHAR AS area_name, NULL::DOUBLE AS pop_0_17, NULL::DOUBLE AS pop_18_64, NULL::DOUBLE AS pop_65_plus';
  const joins = ['LEFT JOIN ref USING (area_code)', 'CROSS JOIN ref_year'];
  if (have.has('population')) {
    const band = (c: string) => `CASE WHEN count(${c}) = count(*) THEN sum(${c}) END::DOUBLE AS ${c}`;
    ctes.push(`pop AS (SELECT area_code, any_value(area_name) AS area_name, ${band('pop_0_17')}, ${band('pop_18_64')}, ${band('pop_65_plus')}
      FROM area_population WHERE area_code IS NOT NULL GROUP BY area_code)`);
    codes.push('SELECT area_code FROM pop');
    joins.push('LEFT JOIN pop USING (area_code)');
    pops = 'pop.area_name, pop.pop_0_17, pop.pop_18_64, pop.pop_65_plus';
  }
  ctes.push(`codes AS (${codes.join(' UNION ')})`);
  // A year with no referrals anywhere is "no data" (null), not "0 everywhere".
  const orNull = (expr: string) => `CASE WHEN ref_year.n > 0 THEN coalesce(${expr}, 0) END::INTEGER`;
  return `WITH ${ctes.join(',\n')}
SELECT codes.area_code, ${pops}, ${orNull('ref.ref_0_17')} AS ref_0_17, ${orNull('ref.ref_18_64')} AS ref_18_64,
    ${orNull('ref.ref_65_plus')} AS ref_65_plus,
    ${orNull('ref.referrals - ref.ref_0_17 - ref.ref_18_64 - ref.ref_65_plus')} AS ref_unknown,
    ref_year.months
FROM codes ${joins.join(' ')}
ORDER BY codes.area_code`;
}


/** Sums per deprivation group for a financial year ('2024/25'); one row per group (areas with no decile last). */
export async function equityGradient(db: DbClient, fy: string | null, grouping: QuantileGrouping, known?: ReadonlySet<string>): Promise<GradientSqlRow[]> {
  return db.query<GradientSqlRow>(gradientSql(known ?? (await tables(db)), grouping), [fy]);
}

/** Referrals and residents by broad age band, per area, for a financial year. */
export async function equityDsrBands(db: DbClient, fy: string | null, known?: ReadonlySet<string>): Promise<DsrBandSqlRow[]> {
  return db.query<DsrBandSqlRow>(dsrBandsSql(known ?? (await tables(db))), [fy]);
}

/** First contacts and those after 18 weeks, per area, for a financial year. */
export async function equityLongWaits(db: DbClient, fy: string | null, known?: ReadonlySet<string>): Promise<LongWaitSqlRow[]> {
  return db.query<LongWaitSqlRow>(longWaitsSql(known ?? (await tables(db))), [fy]);
}
