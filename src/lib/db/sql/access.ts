/**
 * SQL for access to provision (issue 19, item 4): where providers are, and how far each area's centre is from
 * the nearest provider of each service category.
 *
 * - Locations: the providers extract's latitude/longitude or easting/northing, converted to WGS84 in the page
 *   (geo/points.ts: British National Grid needs proj4) and kept, per providers row, in PROVIDER_XY (rebuilt with
 *   the summaries after every change of the data: queries.ts rebuildProviderPoints).
 * - Centres: each area's point from the built-in reference (REF_CENTRE: a district's centre), for the areas the
 *   data names. A group's distance (ICB, the user's places) is the population-weighted mean of its areas'.
 * - Distance: DISTANCE.km (straight line), from a centre to the nearest provider of the category whose contract
 *   overlaps the financial year (the Map) or the period (the Pathways view), or that has no contract dates.
 */
import type { SqlParam } from '../client';
import { CYP_SERVICE, DISTANCE } from './rules';
import { AREA_POPULATION, REF_CENTRE } from './reference';

export const PROVIDER_XY = '_fs_provider_xy';

/** One providers row's location, or why it has none (rid: the providers table's rowid). */
export interface ProviderXy {
  rid: number;
  longitude: number | null;
  latitude: number | null;
  located_from: 'WGS84' | 'BNG' | null;
  problem: string | null;
}

/** The rows that carry any coordinate, to locate in the page. */
export const providerCoordinatesSql = `SELECT rowid::BIGINT AS rid, latitude, longitude, easting, northing FROM providers
WHERE latitude IS NOT NULL OR longitude IS NOT NULL OR easting IS NOT NULL OR northing IS NOT NULL`;

export const emptyProviderXySql = `CREATE OR REPLACE TABLE ${PROVIDER_XY} (rid BIGINT, longitude DOUBLE, latitude DOUBLE, located_from VARCHAR, problem VARCHAR)`;

/** Whether distances can be measured: centres, providers and their locations are there. */
export const canMeasureAccess = (have: ReadonlySet<string>) => have.has(REF_CENTRE) && have.has('providers') && have.has(PROVIDER_XY);

/**
 * Providers rows with a location whose contract overlaps [start, end] (SQL date expressions; blank dates are
 * open-ended): the points distances are measured to. `from` adds tables the expressions need (the `fy` CTE).
 */
export const activePointsSql = (start: string, end: string, from = '') => `SELECT p.provider_id, p.provider_name, p.service_category, p.sector, p.area_code,
    xy.longitude, xy.latitude, ${CYP_SERVICE.is('p.service_category')} AS cyp
  FROM providers p JOIN ${PROVIDER_XY} xy ON xy.rid = p.rowid${from}
  WHERE xy.longitude IS NOT NULL AND (p.contract_start IS NULL OR p.contract_start <= ${end}) AND (p.contract_end IS NULL OR p.contract_end >= ${start})`;

/**
 * For the Map (area-measures.ts): per area (or group, through `centres`), the population-weighted mean over its
 * centres of the distance to the nearest children and young people's service. `centres` is a query of area_code,
 * latitude, longitude and w (the weight: the area's population).
 */
export function cypDistanceCtes(centres: string): string[] {
  return [
    `cyp_points AS (SELECT longitude, latitude FROM (${activePointsSql('fy.fy_start', 'fy.fy_end', ', fy')}) WHERE cyp)`,
    `centres AS (${centres})`,
    `cyp_near AS (SELECT c.area_code, c.w, min(${DISTANCE.km('c.latitude', 'c.longitude', 'q.latitude', 'q.longitude')}) AS d
      FROM centres c CROSS JOIN cyp_points q GROUP BY c.area_code, c.latitude, c.longitude, c.w)`,
    `cyp_access AS (SELECT area_code, (sum(w * d) / nullif(sum(w), 0))::DOUBLE AS cyp_distance_km FROM cyp_near GROUP BY area_code)`
  ];
}

/** Each area's centre with its population as the weight (the reference's districts the data names). */
export const areaCentresSql = `SELECT a.area_code, c.latitude, c.longitude, sum(a.population)::DOUBLE AS w
  FROM ${AREA_POPULATION} a JOIN ${REF_CENTRE} c ON c.code = a.area_code WHERE a.area_code IS NOT NULL GROUP BY ALL`;

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
 * Per area with a centre and per service category with any located provider whose contract overlaps the period
 * (months 'yyyy-mm', bound): the distance to the nearest one and which it is.
 */
export function areaAccessSql(period: { from: string; to: string }): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [`${period.from}-01`, `${period.to}-01`];
  const sql = `WITH bounds AS (SELECT ?::DATE AS p_start, last_day(?::DATE) AS p_end),
points AS (${activePointsSql('bounds.p_start', 'bounds.p_end', ', bounds')} AND p.service_category IS NOT NULL),
centres AS (SELECT a.area_code, any_value(a.area_name) AS area_name, any_value(c.latitude) AS latitude, any_value(c.longitude) AS longitude
  FROM ${AREA_POPULATION} a JOIN ${REF_CENTRE} c ON c.code = a.area_code WHERE a.area_code IS NOT NULL GROUP BY a.area_code),
d AS (SELECT c.area_code, c.area_name, q.service_category, q.cyp, q.provider_id, q.provider_name,
    ${DISTANCE.km('c.latitude', 'c.longitude', 'q.latitude', 'q.longitude')} AS km FROM centres c CROSS JOIN points q)
SELECT area_code, any_value(area_name) AS area_name, service_category, bool_or(cyp) AS cyp, min(km)::DOUBLE AS distance_km,
  arg_min(provider_id, km) AS provider_id, arg_min(provider_name, km) AS provider_name
FROM d GROUP BY area_code, service_category ORDER BY area_code, service_category`;
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
