/**
 * SQL for the Overview's key figures. Each query aggregates inside DuckDB and returns a handful
 * of rows; the measures built from them (rates, fair share) are computed in domain/.
 */
import { AGG, histogramQuantileSql } from './aggregates';
import { FY } from './rules';

/** The latest financial year with referrals, and how many months of it are present. */
export const latestYearSql = `SELECT fs_fy_of(max(last_date)) AS fy, count(DISTINCT month)::INTEGER AS months_total
  FROM ${AGG.received}`;

/**
 * Referral headline figures for one financial year (bound as ?). The median wait is of people
 * first contacted in the year (first contact − referral date), as in the Map and the trends.
 */
export const referralFiguresSql = `
WITH ${FY.ctes},
ref AS (SELECT coalesce(sum(n), 0)::INTEGER AS referrals, count(DISTINCT month)::INTEGER AS months
  FROM ${AGG.received}, fy WHERE ${FY.contains('month')}),
waits AS (${histogramQuantileSql(`SELECT true AS grp, wait_days AS v, sum(n) AS n FROM ${AGG.waits}, fy WHERE ${FY.contains('month')} GROUP BY ALL`, 0.5)})
SELECT ref.referrals, ref.months, waits.value AS median_wait_days FROM ref LEFT JOIN waits ON true`;

/**
 * Waiting list at the last date in the data: received by then, not first contacted and not ended
 * by then; a closing status with no end date counts as closed (the same rule as the Map).
 */
export const waitingNowSql = `
WITH d AS (SELECT max(last_date) AS as_of FROM ${AGG.received})
SELECT strftime(any_value(d.as_of), '%Y-%m-%d') AS as_of, coalesce(sum(w.n), 0)::INTEGER AS waiting
FROM d LEFT JOIN ${AGG.waiting} w ON w.as_of = d.as_of`;

export const fundingYearsSql = `SELECT DISTINCT fy FROM funding WHERE fy IS NOT NULL ORDER BY fy`;

export const totalsSql = `SELECT
  (SELECT sum(population) FROM area_population)::DOUBLE AS population,
  (SELECT count(DISTINCT area_code) FROM area_population)::INTEGER AS areas`;
