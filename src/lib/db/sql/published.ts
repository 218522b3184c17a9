/**
 * SQL for a published dashboard (publish/publication.ts): the app opened on aggregate tables that
 * an analyst published, with no record-level extract. The same typed query functions answer from
 * these tables (queries.ts routes to them when `pub_area` exists), so every view computes its
 * measures from the same aggregates as the analyst's session did.
 *
 *   pub_area     one row per level ('area' | 'parent' | 'all'), financial year and area: the Map's
 *                aggregates (AreaAggregateRow), small counts already suppressed (null + flag)
 *   pub_waiting  one row per breakdown (`by`), group and month: the waiting-list series
 *                (WaitingMonthRow), small counts already suppressed (null + flag)
 */
export const PUBLISHED_TABLES = ['pub_area', 'pub_waiting'] as const;
export type PublishedTable = (typeof PUBLISHED_TABLES)[number];

/** Text columns read as text whatever they look like (a month '2024-04' is not a date to guess at). */
const TEXT: Record<PublishedTable, string[]> = {
  pub_area: ['level', 'fy', 'area_code', 'area_name', 'parent_code', 'parent_name', 'waiting_as_of'],
  pub_waiting: ['by', 'group', 'month', 'month_end']
};

/** A published table from the CSV its Parquet file was turned into (ingest/parquet.ts). */
export function loadPublishedSql(table: PublishedTable, fileName: string): string {
  const types = TEXT[table].map((c) => `'${c}': 'VARCHAR'`).join(', ');
  return `CREATE OR REPLACE TABLE ${table} AS SELECT * FROM read_csv('${fileName.replace(/'/g, "''")}', header = true, sample_size = -1, types = {${types}})`;
}

export const publishedYearsSql = `SELECT fy, bool_or(funding IS NOT NULL) AS has_funding, bool_or(months > 0) AS has_referrals
FROM pub_area WHERE level = 'area' AND fy IS NOT NULL GROUP BY fy ORDER BY fy`;

/** Parameters: level, fy. */
export const publishedAreaSql = `SELECT * EXCLUDE (level, fy) FROM pub_area WHERE level = ? AND fy = ? ORDER BY area_code`;

export const publishedParentsSql = `SELECT area_code, any_value(parent_code) AS parent_code, any_value(parent_name) AS parent_name
FROM pub_area WHERE level = 'area' AND parent_code IS NOT NULL GROUP BY area_code ORDER BY area_code`;

export const publishedAreasSql = `SELECT area_code AS value, coalesce(any_value(area_name), area_code) AS label, coalesce(sum(referrals), 0)::INTEGER AS n
FROM pub_area WHERE level = 'area' GROUP BY area_code ORDER BY label`;

/** The extract's latest referral date the publication was made from ('yyyy-mm-dd'). */
export const publishedAsOfSql = `SELECT max(waiting_as_of) AS as_of FROM pub_area`;

export const publishedMonthRangeSql = `SELECT min(month) AS "from", max(month) AS "to" FROM pub_waiting`;

/** Parameters: by, from month, to month, then any group values. */
export function publishedWaitingSql(groups: number): string {
  return `SELECT * EXCLUDE ("by") FROM pub_waiting WHERE "by" = ? AND month BETWEEN ? AND ?${groups ? ` AND "group" IN (${Array(groups).fill('?').join(', ')})` : ''}
ORDER BY "group" NULLS LAST, month`;
}
