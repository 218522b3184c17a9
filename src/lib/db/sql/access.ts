/**
 * SQL for access to provision (issue 19, item 4): where providers are, and how far each area's centre is from
 * the nearest provider of each service category.
 *
 * - Locations: the providers extract's latitude/longitude or easting/northing, converted to WGS84 in the page
 *   (geo/points.ts: British National Grid needs proj4) and kept, per providers row, in PROVIDER_XY (rebuilt with
 *   the summaries after every change of the data: queries.ts rebuildLocations).
 * - Centres: each area's points (areaPointsSql): finer centres from the lookup extract where it gives them (LSOA
 *   population-weighted centroids, say), else the area's centre from the built-in reference (REF_CENTRE: a
 *   district's centre). An area's distance is the weighted mean over its points; a group's (ICB, the user's
 *   places) the population-weighted mean of its areas'.
 * - Distance: DISTANCE.km (straight line), from a centre to the nearest provider of the category whose contract
 *   overlaps the financial year (the Map) or the period (the Pathways view), or that has no contract dates.
 */
import type { SqlParam } from '../client';
import { CYP_SERVICE, DISTANCE, FY } from './rules';
import { AREA_POPULATION, REF_CENTRE } from './reference';
import { DATE_PARAM } from './params';

export const PROVIDER_XY = '_fs_provider_xy';
/** The lookup extract's rows located the same way: finer centres (LSOA population-weighted centroids, say). */
export const LOOKUP_XY = '_fs_lookup_xy';
/** Each located table and the table its locations are kept in. */
export const LOCATED = [{ table: 'providers', xy: PROVIDER_XY }, { table: 'lookup', xy: LOOKUP_XY }] as const;

/** A located table's rows that carry any coordinate, to locate in the page. */
export const coordinatesSql = (table: 'providers' | 'lookup') => `SELECT rowid::BIGINT AS rid, latitude, longitude, easting, northing FROM ${table}
WHERE latitude IS NOT NULL OR longitude IS NOT NULL OR easting IS NOT NULL OR northing IS NOT NULL`;

export const emptyXySql = (xy: string) => `CREATE OR REPLACE TABLE ${xy} (rid BIGINT, longitude DOUBLE, latitude DOUBLE, located_from VARCHAR, problem VARCHAR)`;

/** Whether distances can be measured: area centres (the reference's or the lookup's), providers and their locations. */
export const canMeasureAccess = (have: ReadonlySet<string>) =>
  (have.has(REF_CENTRE) || (have.has('lookup') && have.has(LOOKUP_XY))) && have.has('providers') && have.has(PROVIDER_XY);

/**
 * Providers rows with a location whose contract overlaps [start, end] (SQL date expressions; blank dates are
 * open-ended): the points distances are measured to. `from` adds tables the expressions need (the `fy` CTE),
 * `extra` more columns (", fy.fy AS fy").
 */
export const activePointsSql = (start: string, end: string, from = '', extra = '') => `SELECT p.provider_id, p.provider_name, p.service_category, p.sector, p.area_code,
    xy.longitude, xy.latitude, ${CYP_SERVICE.is('p.service_category')} AS cyp${extra}
  FROM providers p JOIN ${PROVIDER_XY} xy ON xy.rid = p.rowid${from}
  WHERE xy.longitude IS NOT NULL AND (p.contract_start IS NULL OR p.contract_start <= ${end}) AND (p.contract_end IS NULL OR p.contract_end >= ${start})`;

/**
 * The summary of access the Map reads (aggregates.ts AGG.access), built once per load: for each financial year the
 * data has (`years`: a query of fy labels) and each area with a point, its population (w) and its distance to the
 * nearest children and young people's service whose contract overlaps the year (cyp_km: the weighted mean over the
 * area's points). A group's distance is then sum(w × cyp_km) ÷ sum(w) over its areas. Null when no area can have a point.
 */
export function accessSummarySql(have: ReadonlySet<string>, years: string): string | null {
  const centres = areaPointsSql(have);
  if (!centres || !canMeasureAccess(have)) return null;
  return `WITH fy AS (SELECT fy, ${FY.start('fy')} AS fy_start, ${FY.end('fy')} AS fy_end FROM (${years}) WHERE fy IS NOT NULL),
pts AS (SELECT fy, latitude, longitude FROM (${activePointsSql('fy.fy_start', 'fy.fy_end', ', fy', ', fy.fy AS fy')}) WHERE cyp),
centres AS (${centres}),
near AS (SELECT q.fy, c.area_code, c.latitude, c.longitude, c.w, min(${DISTANCE.km('c.latitude', 'c.longitude', 'q.latitude', 'q.longitude')}) AS d
  FROM centres c CROSS JOIN pts q GROUP BY ALL)
SELECT fy, area_code, sum(w)::DOUBLE AS w, (sum(w * d) / nullif(sum(w), 0))::DOUBLE AS cyp_km FROM near GROUP BY fy, area_code`;
}

/**
 * The points each area's distances are measured from, with weights (area_code, latitude, longitude, w): the
 * lookup's located rows for the areas it gives finer centres for (each weighted by its population, else equally,
 * and scaled so an area's weights add up to its population), else the area's centre from the reference, weighted
 * by its population. So an area's distance is the mean over its people's nearest centres, and a group's is its
 * areas' weighted by their populations. Null when no area can have a point.
 */
export function areaPointsSql(have: ReadonlySet<string>): string | null {
  const finer = have.has('lookup') && have.has(LOOKUP_XY);
  if (!finer && !have.has(REF_CENTRE)) return null;
  const pop = `SELECT area_code, any_value(area_name) AS area_name, sum(population)::DOUBLE AS population FROM ${AREA_POPULATION} WHERE area_code IS NOT NULL GROUP BY area_code`;
  const fine = finer
    ? `SELECT l.group_code AS area_code, xy.latitude, xy.longitude, coalesce(l.population, 1)::DOUBLE AS pw
    FROM lookup l JOIN ${LOOKUP_XY} xy ON xy.rid = l.rowid WHERE xy.longitude IS NOT NULL AND l.group_code IS NOT NULL`
    : `SELECT NULL::VARCHAR AS area_code, NULL::DOUBLE AS latitude, NULL::DOUBLE AS longitude, NULL::DOUBLE AS pw WHERE false`;
  const coarse = have.has(REF_CENTRE)
    ? `SELECT p.area_code, c.latitude, c.longitude, coalesce(p.population, 1) AS w FROM ap p JOIN ${REF_CENTRE} c ON c.code = p.area_code
    WHERE p.area_code NOT IN (SELECT area_code FROM fine)`
    : `SELECT NULL::VARCHAR AS area_code, NULL::DOUBLE AS latitude, NULL::DOUBLE AS longitude, NULL::DOUBLE AS w WHERE false`;
  return `WITH ap AS (${pop}),
fine AS (${fine}),
fine_w AS (SELECT f.area_code, f.latitude, f.longitude, f.pw / sum(f.pw) OVER (PARTITION BY f.area_code) * coalesce(ap.population, 1) AS w
  FROM fine f JOIN ap USING (area_code))
SELECT area_code, latitude, longitude, w FROM fine_w
UNION ALL ${coarse}`;
}

export interface AreaAccessRow {
  area_code: string;
  area_name: string | null;
  service_category: string;
  /** The category is a children and young people's service (CYP_SERVICE). */
  cyp: boolean;
  /** Km from the area's centre to the nearest provider of the category (null: the area has no centre). */
  distance_km: number | null;
  /** The nearest provider. */
  provider_id: string | null;
  provider_name: string | null;
}

/**
 * Per area with a centre (or finer centres) and per service category with any located provider whose contract
 * overlaps the period (months 'yyyy-mm', bound): the distance to the nearest one (the weighted mean over the
 * area's points) and the provider nearest to any of them. Null when no area can have a point.
 */
export function areaAccessSql(period: { from: string; to: string }, have: ReadonlySet<string>): { sql: string; params: SqlParam[] } | null {
  const centres = areaPointsSql(have);
  if (!centres) return null;
  const params: SqlParam[] = [`${period.from}-01`, `${period.to}-01`];
  const sql = `WITH bounds AS (SELECT ${DATE_PARAM} AS p_start, last_day(${DATE_PARAM}) AS p_end),
points AS (${activePointsSql('bounds.p_start', 'bounds.p_end', ', bounds')} AND p.service_category IS NOT NULL),
centres AS (${centres}),
names AS (SELECT area_code, any_value(area_name) AS area_name FROM ${AREA_POPULATION} WHERE area_code IS NOT NULL GROUP BY area_code),
pairs AS (SELECT c.area_code, c.latitude, c.longitude, c.w, q.service_category, q.cyp, q.provider_id, q.provider_name,
    ${DISTANCE.km('c.latitude', 'c.longitude', 'q.latitude', 'q.longitude')} AS km FROM centres c CROSS JOIN points q),
nearest AS (SELECT area_code, latitude, longitude, any_value(w) AS w, service_category, bool_or(cyp) AS cyp, min(km) AS km,
    arg_min(provider_id, km) AS provider_id, arg_min(provider_name, km) AS provider_name
  FROM pairs GROUP BY area_code, latitude, longitude, service_category)
SELECT n.area_code, any_value(names.area_name) AS area_name, n.service_category, bool_or(n.cyp) AS cyp,
  (sum(n.w * n.km) / nullif(sum(n.w), 0))::DOUBLE AS distance_km,
  arg_min(n.provider_id, n.km) AS provider_id, arg_min(n.provider_name, n.km) AS provider_name
FROM nearest n LEFT JOIN names USING (area_code)
GROUP BY n.area_code, n.service_category ORDER BY n.area_code, n.service_category`;
  return { sql, params };
}

export interface ProviderPoint {
  provider_id: string;
  provider_name: string | null;
  service_category: string | null;
  sector: string | null;
  area_code: string | null;
  longitude: number;
  latitude: number;
  located_from: 'WGS84' | 'BNG';
}

/** Every providers row with a location (one per provider: its latest contract's row), for the access map. */
export const providerPointsSql = `SELECT p.provider_id, arg_max(p.provider_name, coalesce(p.contract_start, DATE '0001-01-01')) AS provider_name,
  arg_max(p.service_category, coalesce(p.contract_start, DATE '0001-01-01')) AS service_category,
  arg_max(p.sector, coalesce(p.contract_start, DATE '0001-01-01')) AS sector, arg_max(p.area_code, coalesce(p.contract_start, DATE '0001-01-01')) AS area_code,
  arg_max(xy.longitude, coalesce(p.contract_start, DATE '0001-01-01')) AS longitude, arg_max(xy.latitude, coalesce(p.contract_start, DATE '0001-01-01')) AS latitude,
  arg_max(xy.located_from, coalesce(p.contract_start, DATE '0001-01-01')) AS located_from
FROM providers p JOIN ${PROVIDER_XY} xy ON xy.rid = p.rowid WHERE xy.longitude IS NOT NULL AND p.provider_id IS NOT NULL
GROUP BY p.provider_id ORDER BY p.provider_id`;

/** How many providers rows there are, how many carry any coordinate and how many of those could not be placed (with a few examples). */
export const locationSummarySql = `SELECT (SELECT count(*) FROM providers)::INTEGER AS rows, count(*)::INTEGER AS with_coordinates,
  count(*) FILTER (WHERE xy.problem IS NOT NULL)::INTEGER AS unplaced,
  list(p.provider_id || ': ' || xy.problem) FILTER (WHERE xy.problem IS NOT NULL)[1:5] AS examples
FROM ${PROVIDER_XY} xy JOIN providers p ON p.rowid = xy.rid`;
