/**
 * SQL for the Overview's key figures. Each query aggregates inside DuckDB and returns a handful
 * of rows; the measures built from them (rates, fair share) are computed in domain/.
 */
import { FY, STILL_WAITING, WAIT } from './rules';

/** The latest financial year with referrals, and how many months of it are present. */
export const latestYearSql = `SELECT fs_fy_of(max(referral_date)) AS fy,
    count(DISTINCT date_trunc('month', referral_date))::INTEGER AS months_total
  FROM referrals`;

/**
 * Referral headline figures for one financial year (bound as ?). The median wait is of people
 * first contacted in the year (first contact − referral date), as in the Map and the trends.
 */
export const referralFiguresSql = `
WITH ${FY.ctes}
SELECT count(*) FILTER (WHERE ${FY.contains('referral_date')})::INTEGER AS referrals,
  count(DISTINCT date_trunc('month', referral_date)) FILTER (WHERE ${FY.contains('referral_date')})::INTEGER AS months,
  median(${WAIT.days()}) FILTER (WHERE ${WAIT.counted('fy_start', 'fy_end')})::DOUBLE AS median_wait_days
FROM referrals, fy
GROUP BY fy.fy`;

/**
 * Waiting list at the last date in the data: received by then, not first contacted and not ended
 * by then; a closing status with no end date counts as closed (the same rule as the Map).
 */
export const waitingNowSql = `
WITH d AS (SELECT max(referral_date) AS as_of FROM referrals)
SELECT strftime(any_value(as_of), '%Y-%m-%d') AS as_of, count(*)::INTEGER AS waiting
FROM referrals, d
WHERE ${STILL_WAITING.on('as_of')}`;

export const fundingYearsSql = `SELECT DISTINCT fy FROM funding WHERE fy IS NOT NULL ORDER BY fy`;

export const totalsSql = `SELECT
  (SELECT sum(population) FROM area_population)::DOUBLE AS population,
  (SELECT count(DISTINCT area_code) FROM area_population)::INTEGER AS areas`;
