/**
 * SQL for the Map: per-area aggregates for one financial year, from whichever extracts are loaded.
 * DuckDB counts and sums; the measures themselves (rates, fair share, shares) are computed from
 * these rows in domain/measures.ts. The year is bound once as the only parameter (`'2024/25'`);
 * the query text depends only on which tables exist, never on user values.
 *
 * Columns returned match AreaAggregateRow in domain/measures.ts.
 */

import { AREA_POPULATION, REF_AREA, referenceColumn, type ReferenceLevel } from './reference';
import { canMeasureAccess } from './access';
import { AGG, histogramQuantileSql } from './aggregates';
import { FY } from './rules';

/** The tables the Map's rows are read from: extracts, and the referrals' summary tables (aggregates.ts). */
export type MeasureTable = 'population' | 'funding' | 'providers' | keyof typeof AGG;

/**
 * Which areas the rows are for: each area as loaded, its parent in the population extract
 * (parent_code), its group in the user's lookup extract (their places, neighbourhoods or merged
 * ICB footprints), its sub-ICB location, ICB, NHS region or
 * ONS region from the built-in reference (a district split between sub-ICB locations counts whole
 * in its best fit), or everything together ('all', one row coded ALL). Groups are built from sums
 * of the underlying records (medians from the records), never by averaging the areas' rates.
 * "population" here is area_population: the extract's rows, else the reference's (reference.ts).
 */
export type AggregateLevel = 'area' | 'parent' | 'group' | 'all' | ReferenceLevel;
export const ALL_AREAS_CODE = 'ALL';

/**
 * An area's IMD average score over its rows, weighted by their population: one row in nearly every
 * extract, but several where old districts were loaded under their successor's code (Allerdale,
 * Carlisle and Copeland as Cumberland), and an average score rolls up weighted by population.
 */
const WEIGHTED_IMD = `coalesce(sum(imd_score * population) / nullif(sum(population) FILTER (WHERE imd_score IS NOT NULL), 0), any_value(imd_score))`;

const AREA_POP_CTE = `pop AS (SELECT area_code, any_value(area_name) AS area_name, any_value(parent_code) AS parent_code,
        any_value(parent_name) AS parent_name, sum(population)::DOUBLE AS population, ${WEIGHTED_IMD}::DOUBLE AS imd_score,
        any_value(imd_decile)::INTEGER AS imd_decile, sum(pop_65_plus)::DOUBLE AS pop_65_plus, any_value(pop_source) AS pop_source
      FROM ${AREA_POPULATION} WHERE area_code IS NOT NULL GROUP BY area_code)`;

/**
 * Grouped rows: each extract is re-keyed through an area → group lookup (CTE `lk`: the population
 * extract's parents, the reference's levels, or everything) and then aggregated exactly as areas
 * are. Records whose area has no population, or no group, have nothing to count towards and are
 * left out.
 *
 * A group's deprivation is the population-weighted mean of its areas' IMD average scores: that is
 * how an IMD average score rolls up (it is itself a population-weighted mean of LSOA scores). With
 * deciles only, 11 − decile stands in for the score, as need.ts does for areas.
 */
function groupedSources(level: Exclude<AggregateLevel, 'area'>, have: ReadonlySet<string>): { ctes: string[]; from: (t: MeasureTable) => string } {
  const lookup =
    level === 'all'
      ? `SELECT area_code, '${ALL_AREAS_CODE}' AS group_code, 'All areas' AS group_name FROM pop_area`
      : level === 'parent'
        ? `SELECT area_code, parent_code AS group_code, parent_name AS group_name FROM pop_area WHERE parent_code IS NOT NULL`
        : level === 'group'
          ? `SELECT area_code, any_value(group_code) AS group_code, any_value(group_name) AS group_name FROM lookup
      WHERE area_code IN (SELECT area_code FROM pop_area) AND group_code IS NOT NULL GROUP BY area_code`
          : `SELECT r.code AS area_code, r.${referenceColumn(level)} AS group_code, g.name AS group_name
      FROM ${REF_AREA} r JOIN ${REF_AREA} g ON g.code = r.${referenceColumn(level)} WHERE r.code IN (SELECT area_code FROM pop_area)`;
  const ctes = [
    `pop_area AS (SELECT area_code, any_value(parent_code) AS parent_code, any_value(parent_name) AS parent_name,
        sum(population) AS population, ${WEIGHTED_IMD} AS imd_score, any_value(imd_decile) AS imd_decile, sum(pop_65_plus) AS pop_65_plus,
        any_value(pop_source) AS pop_source
      FROM ${AREA_POPULATION} WHERE area_code IS NOT NULL GROUP BY area_code)`,
    `lk AS (${lookup})`,
    `pop AS (SELECT lk.group_code AS area_code, any_value(lk.group_name) AS area_name, NULL::VARCHAR AS parent_code, NULL::VARCHAR AS parent_name,
        sum(p.population)::DOUBLE AS population,
        coalesce(sum(p.imd_score * p.population) / nullif(sum(p.population) FILTER (WHERE p.imd_score IS NOT NULL), 0),
          sum((11 - p.imd_decile) * p.population) / nullif(sum(p.population) FILTER (WHERE p.imd_decile IS NOT NULL), 0))::DOUBLE AS imd_score,
        NULL::INTEGER AS imd_decile,
        CASE WHEN count(p.pop_65_plus) = count(*) THEN sum(p.pop_65_plus) END::DOUBLE AS pop_65_plus,
        CASE WHEN min(p.pop_source) = max(p.pop_source) THEN min(p.pop_source) ELSE 'mixed' END AS pop_source
      FROM pop_area p JOIN lk USING (area_code) GROUP BY lk.group_code)`
  ];
  for (const t of ['funding', 'providers'] as const) {
    if (have.has(t)) ctes.push(`${t}_g AS (SELECT lk.group_code AS area_code, ${t}.* EXCLUDE (area_code) FROM ${t} JOIN lk USING (area_code))`);
  }
  if (have.has('referrals')) {
    for (const t of ['received', 'waits', 'waiting', 'sources'] as const) {
      ctes.push(`${t}_g AS (SELECT lk.group_code AS area_code, a.* EXCLUDE (area_code) FROM ${AGG[t]} a JOIN lk USING (area_code))`);
    }
  }
  if (canMeasureAccess(have)) ctes.push(`access_g AS (SELECT lk.group_code AS area_code, a.* EXCLUDE (area_code) FROM ${AGG.access} a JOIN lk USING (area_code))`);
  return { ctes, from: (t) => (t === 'population' ? t : `${t}_g`) };
}


/**
 * Area list = codes in the population extract plus any code with activity in the year in another
 * extract (so a code missing from the population file still shows up, with no per-head measures).
 */
export function areaAggregatesSql(have: ReadonlySet<string>, level: AggregateLevel = 'area'): string {
  // Without a population extract there is no lookup to group by: areas are all there is.
  const grouped = level !== 'area' && have.has('population') ? groupedSources(level, have) : null;
  const from = grouped?.from ?? ((t: MeasureTable) => (t in AGG ? AGG[t as keyof typeof AGG] : t));
  // 'yyyy/yy' → 1 April yyyy to 31 March yyyy+1 (the label fs_fy_of gives).
  const ctes: string[] = [FY.ctes];
  const codes: string[] = [];
  const joins: string[] = [];
  const cols = {
    pop: `NULL::VARCHAR AS area_name, NULL::VARCHAR AS parent_code, NULL::VARCHAR AS parent_name, NULL::DOUBLE AS population,
    NULL::DOUBLE AS imd_score, NULL::INTEGER AS imd_decile, NULL::DOUBLE AS pop_65_plus, NULL::VARCHAR AS pop_source`,
    fund: `NULL::DOUBLE AS funding, NULL::DOUBLE AS funding_short_term`,
    ref: `NULL::INTEGER AS referrals, 0 AS months, NULL::INTEGER AS waiting, NULL::VARCHAR AS waiting_as_of,
    NULL::INTEGER AS first_contacts, NULL::DOUBLE AS median_wait_days,
    NULL::INTEGER AS referring_sources, NULL::INTEGER AS receiving_sectors, NULL::INTEGER AS primary_care, NULL::INTEGER AS outside_primary_care`,
    cap: `NULL::DOUBLE AS monthly_capacity`,
    access: `NULL::DOUBLE AS cyp_distance_km`
  };

  if (have.has('population')) {
    ctes.push(...(grouped?.ctes ?? [AREA_POP_CTE]));
    codes.push(`SELECT area_code FROM pop`);
    joins.push(`LEFT JOIN pop USING (area_code)`);
    cols.pop = `pop.area_name, pop.parent_code, pop.parent_name, pop.population, pop.imd_score, pop.imd_decile, pop.pop_65_plus, pop.pop_source`;
  }

  if (have.has('funding')) {
    // Short-term: the (inclusive) end date falls before the day before the start's anniversary, so
    // 1 April–31 March is a full year (364 days by subtraction, 365 in a leap year) and not short-term.
    ctes.push(`fund AS (SELECT area_code, sum(amount_gbp)::DOUBLE AS funding,
        coalesce(sum(amount_gbp) FILTER (WHERE contract_end < contract_start + INTERVAL 12 MONTH - INTERVAL 1 DAY), 0)::DOUBLE AS funding_short_term
      FROM ${from('funding')} f, params WHERE f.fy = params.fy AND area_code IS NOT NULL GROUP BY area_code)`);
    codes.push(`SELECT area_code FROM fund`);
    joins.push(`LEFT JOIN fund USING (area_code)`);
    // An area with no lines gets 0, but a year with no funding at all gets NULL (not "£0 everywhere").
    cols.fund = `CASE WHEN EXISTS (SELECT 1 FROM fund) THEN coalesce(fund.funding, 0) END AS funding,
    CASE WHEN EXISTS (SELECT 1 FROM fund) THEN coalesce(fund.funding_short_term, 0) END AS funding_short_term`;
  }

  if (have.has('referrals')) {
    // From the summary tables built once per load (aggregates.ts): the same counts as the records give.
    ctes.push(
      `ref_year AS (SELECT count(DISTINCT month)::INTEGER AS months, max(last_date) AS as_of
      FROM ${AGG.received}, fy WHERE ${FY.contains('month')})`,
      `ref AS (SELECT area_code, sum(n)::INTEGER AS referrals
      FROM ${from('received')}, fy WHERE ${FY.contains('month')} AND area_code IS NOT NULL GROUP BY area_code)`,
      // Waiting on as_of (STILL_WAITING): received by then, not first contacted by then, not ended by then; a
      // closing status with no end date counts as closed (we cannot date it). Earlier years' backlogs count too.
      `waiting AS (SELECT area_code, sum(n)::INTEGER AS waiting FROM ${from('waiting')} w, ref_year
      WHERE w.as_of = ref_year.as_of AND area_code IS NOT NULL GROUP BY area_code)`,
      // First contacts in the year (WAIT.counted) and their median wait, from the histogram of waits by day.
      `waits AS (SELECT grp AS area_code, total AS first_contacts, value AS median_wait_days FROM (${histogramQuantileSql(
        `SELECT area_code AS grp, wait_days AS v, sum(n) AS n FROM ${from('waits')}, fy WHERE ${FY.contains('month')} AND area_code IS NOT NULL GROUP BY ALL`,
        0.5
      )}))`
    );
    // Partnership reach (issue 19), from the summary of referrals by area, year, source and provider sector
    // (aggregates.ts): the kinds of referrer, the sectors receiving, and the referrals with a recorded source from
    // primary care and from outside it (PRIMARY_CARE, applied when the summary is built).
    ctes.push(`reach AS (SELECT s.area_code, count(DISTINCT s.referral_source)::INTEGER AS referring_sources,
        ${have.has('providers') ? 'count(DISTINCT s.sector)::INTEGER' : 'NULL::INTEGER'} AS receiving_sectors,
        coalesce(sum(s.n) FILTER (WHERE s.primary_care), 0)::INTEGER AS primary_care,
        coalesce(sum(s.n) FILTER (WHERE NOT s.primary_care AND s.referral_source IS NOT NULL), 0)::INTEGER AS outside_primary_care
      FROM ${from('sources')} s, params WHERE s.fy = params.fy AND s.area_code IS NOT NULL GROUP BY s.area_code)`);
    codes.push(`SELECT area_code FROM ref`);
    joins.push(`LEFT JOIN ref USING (area_code)`, `LEFT JOIN waiting USING (area_code)`, `LEFT JOIN waits USING (area_code)`, `LEFT JOIN reach USING (area_code)`);
    cols.ref = `CASE WHEN ref_year.months > 0 THEN coalesce(ref.referrals, 0) END AS referrals, ref_year.months,
    CASE WHEN ref_year.months > 0 THEN coalesce(waiting.waiting, 0) END AS waiting,
    strftime(ref_year.as_of, '%Y-%m-%d') AS waiting_as_of,
    coalesce(waits.first_contacts, 0) AS first_contacts, waits.median_wait_days,
    CASE WHEN ref_year.months > 0 THEN coalesce(reach.referring_sources, 0) END AS referring_sources,
    CASE WHEN ref_year.months > 0 ${have.has('providers') ? '' : 'AND false '}THEN coalesce(reach.receiving_sectors, 0) END AS receiving_sectors,
    CASE WHEN ref_year.months > 0 THEN coalesce(reach.primary_care, 0) END AS primary_care,
    CASE WHEN ref_year.months > 0 THEN coalesce(reach.outside_primary_care, 0) END AS outside_primary_care`;
    joins.push(`CROSS JOIN ref_year`);
  }

  if (have.has('providers')) {
    // Active in the year: the contract overlaps it, or has no dates at all.
    ctes.push(`cap AS (SELECT area_code, sum(monthly_capacity)::DOUBLE AS monthly_capacity FROM ${from('providers')}, fy
      WHERE (contract_start IS NULL OR contract_start <= fy_end) AND (contract_end IS NULL OR contract_end >= fy_start)
        AND area_code IS NOT NULL AND monthly_capacity IS NOT NULL GROUP BY area_code)`);
    joins.push(`LEFT JOIN cap USING (area_code)`);
    cols.cap = `CASE WHEN EXISTS (SELECT 1 FROM cap) THEN coalesce(cap.monthly_capacity, 0) END AS monthly_capacity`;
    // Providers alone do not add areas: a provider's own area code is often a head-office address.
  }

  if (have.has('population') && canMeasureAccess(have)) {
    // Access to provision, from its summary (aggregates.ts AGG.access): a group's distance is its areas' weighted
    // by their population.
    ctes.push(`cyp_access AS (SELECT area_code, (sum(w * cyp_km) / nullif(sum(w), 0))::DOUBLE AS cyp_distance_km
      FROM ${from('access')} a, params WHERE a.fy = params.fy AND area_code IS NOT NULL GROUP BY area_code)`);
    joins.push(`LEFT JOIN cyp_access USING (area_code)`);
    cols.access = `cyp_access.cyp_distance_km`;
  }

  if (!codes.length) codes.push(`SELECT NULL::VARCHAR AS area_code WHERE false`);
  ctes.push(`codes AS (${codes.join(' UNION ')})`);

  return `WITH ${ctes.join(',\n')}
SELECT codes.area_code, ${cols.pop},
    ${cols.fund},
    ${cols.ref},
    ${cols.cap},
    ${cols.access}
FROM codes ${joins.join(' ')}
ORDER BY codes.area_code`;
}

export function parentLevelSql(): string {
  return `SELECT count(DISTINCT parent_code)::INTEGER AS parents, list(DISTINCT parent_code)[1:20] AS sample
FROM ${AREA_POPULATION} WHERE parent_code IS NOT NULL AND area_code IS NOT NULL`;
}

/** Each area's parent, for drawing parents from area boundaries. */
export function areaParentsSql(): string {
  return `SELECT area_code, any_value(parent_code) AS parent_code, any_value(parent_name) AS parent_name
FROM ${AREA_POPULATION} WHERE area_code IS NOT NULL AND parent_code IS NOT NULL GROUP BY area_code ORDER BY area_code`;
}

/** Financial years with funding or referrals, oldest first, saying which extract has each. */
export function measureYearsSql(have: ReadonlySet<string>): string {
  const parts: string[] = [];
  if (have.has('funding')) parts.push(`SELECT DISTINCT fy, 'funding' AS source FROM funding WHERE fy IS NOT NULL`);
  if (have.has('referrals')) {
    // Distinct months first, so the macro runs on a few dozen values rather than every referral.
    parts.push(`SELECT DISTINCT fs_fy_of(m) AS fy, 'referrals' AS source FROM (SELECT DISTINCT month AS m FROM ${AGG.received})`);
  }
  if (!parts.length) return `SELECT NULL::VARCHAR AS fy, false AS has_funding, false AS has_referrals WHERE false`;
  return `SELECT fy, bool_or(source = 'funding') AS has_funding, bool_or(source = 'referrals') AS has_referrals
FROM (${parts.join(' UNION ALL ')}) GROUP BY fy ORDER BY fy`;
}

/** The user's lookup extract as area → group rows (for dissolving boundaries to their groupings). */
export const lookupGroupsSql = `SELECT area_code, any_value(group_code) AS parent_code, any_value(group_name) AS parent_name
FROM lookup WHERE area_code IS NOT NULL AND group_code IS NOT NULL GROUP BY area_code ORDER BY area_code`;
