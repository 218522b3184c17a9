/**
 * The built-in reference geography in DuckDB (data/reference, served as static/reference):
 *   ref_area          every district (LAD 2024), sub-ICB location, ICB, NHS region and ONS region, with
 *                     its parents at each level, mid-2020 population and IMD 2019 average score
 *   ref_code_history  2019 codes merged into or split between 2024 districts
 * and `area_population`, the population the measures read: the user's population extract where it
 * has the area, else the reference's, for every area the referrals or funding name. Rebuilt after
 * every change of the loaded data (a few hundred rows: milliseconds).
 *
 * The reference tables are never dropped by "clear all data": they are not the user's.
 */

export const REF_AREA = 'ref_area';
export const REF_HISTORY = 'ref_code_history';
/** Each district's centre (data/reference/lad-centres.csv), where access to provision measures from. */
export const REF_CENTRE = 'ref_centre';
export const AREA_POPULATION = 'area_population';

/** Vintage labels, printed wherever a reference figure is shown or exported. */
export const REFERENCE_VINTAGE = {
  population: 'ONS mid-2020 population estimates',
  deprivation: 'IMD 2019 average score (MHCLG)',
  boundaries: 'ONS local authority districts, May 2024'
} as const;

/** data/README.md's required attribution, for a "Source:" or "Boundaries:" lead-in. */
export const REFERENCE_ATTRIBUTION =
  'Office for National Statistics licensed under the Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2024. IMD 2019: MHCLG.';

/** Levels of the reference, narrowest first, with the column of ref_area holding each area's parent there. */
export const REFERENCE_LEVELS = [
  { id: 'sicbl', column: 'sicbl_code', label: 'Sub-ICB location', plural: 'sub-ICB locations' },
  { id: 'icb', column: 'icb_code', label: 'ICB', plural: 'ICBs' },
  { id: 'nhser', column: 'nhser_code', label: 'NHS region', plural: 'NHS regions' },
  { id: 'rgn', column: 'rgn_code', label: 'Region', plural: 'regions' }
] as const;
export type ReferenceLevel = (typeof REFERENCE_LEVELS)[number]['id'];
export const isReferenceLevel = (s: string): s is ReferenceLevel => REFERENCE_LEVELS.some((l) => l.id === s);
export const referenceColumn = (level: ReferenceLevel): string => REFERENCE_LEVELS.find((l) => l.id === level)!.column;

/** ref_area from the registered areas.csv (typed explicitly: codes stay text). */
export function createRefAreaSql(fileName: string): string {
  return `CREATE OR REPLACE TABLE ${REF_AREA} AS SELECT * FROM read_csv('${fileName.replaceAll("'", "''")}', header = true, auto_detect = false,
  columns = {'level': 'VARCHAR', 'code': 'VARCHAR', 'ods_code': 'VARCHAR', 'name': 'VARCHAR', 'sicbl_code': 'VARCHAR', 'icb_code': 'VARCHAR',
    'nhser_code': 'VARCHAR', 'rgn_code': 'VARCHAR', 'population': 'BIGINT', 'pop_0_17': 'BIGINT', 'pop_18_64': 'BIGINT', 'pop_65_plus': 'BIGINT',
    'imd_score': 'DOUBLE', 'imd_decile': 'INTEGER'})`;
}

export function createRefCentreSql(fileName: string): string {
  return `CREATE OR REPLACE TABLE ${REF_CENTRE} AS SELECT * FROM read_csv('${fileName.replaceAll("'", "''")}', header = true, auto_detect = false,
  columns = {'code': 'VARCHAR', 'name': 'VARCHAR', 'latitude': 'DOUBLE', 'longitude': 'DOUBLE'})`;
}

export function createRefHistorySql(fileName: string): string {
  return `CREATE OR REPLACE TABLE ${REF_HISTORY} AS SELECT * FROM read_csv('${fileName.replaceAll("'", "''")}', header = true, auto_detect = false,
  columns = {'old_code': 'VARCHAR', 'old_name': 'VARCHAR', 'change': 'VARCHAR', 'new_code': 'VARCHAR', 'new_name': 'VARCHAR', 'year': 'INTEGER'})`;
}

/**
 * area_population: the population extract's rows (pop_source 'extract'), then, for each code the
 * referrals or funding name that the extract does not have, the reference's row ('reference').
 * Providers alone add no areas (a provider's code is often a head office). BY NAME, so an extract
 * without some optional column still unions. Without a reference (it failed to load) or without
 * any population, the table is dropped and the measures see no population, as before.
 */
export function rebuildAreaPopulationSql(have: ReadonlySet<string>): string {
  const parts: string[] = [];
  if (have.has('population')) parts.push(`SELECT *, 'extract' AS pop_source FROM population WHERE area_code IS NOT NULL`);
  const named = (['referrals', 'funding'] as const).filter((t) => have.has(t)).map((t) => `SELECT DISTINCT area_code FROM ${t} WHERE area_code IS NOT NULL`);
  // The codes the activity names, scanned once (a CTE: the level and the rows both read them).
  let prefix = '';
  if (have.has(REF_AREA) && named.length) {
    prefix = `WITH named AS (${named.join(' UNION ')}) `;
    const extract = have.has('population') ? `SELECT area_code FROM population WHERE area_code IS NOT NULL` : null;
    const notInExtract = extract ? `AND r.code NOT IN (${extract})` : '';
    // Only areas of the one level most of the codes are at (districts, say): an ICB code among
    // districts would otherwise add the ICB's people again on top of its districts'.
    const level = `(SELECT r.level FROM ${REF_AREA} r WHERE r.code IN (SELECT area_code FROM named${extract ? ` UNION ${extract}` : ''})
    GROUP BY r.level ORDER BY count(*) DESC, r.level LIMIT 1)`;
    // The parent is the area's ICB (its NHS region for an ICB), so profiles compare an area with its ICB.
    parts.push(`SELECT r.code AS area_code, r.name AS area_name, p.code AS parent_code, p.name AS parent_name,
    r.population, r.pop_0_17, r.pop_18_64, r.pop_65_plus, r.imd_score, r.imd_decile, 'reference' AS pop_source
  FROM ${REF_AREA} r LEFT JOIN ${REF_AREA} p ON p.code = coalesce(r.icb_code, r.nhser_code)
  WHERE r.code IN (SELECT area_code FROM named) AND r.level = ${level} ${notInExtract}`);
  }
  if (!parts.length) return `DROP TABLE IF EXISTS ${AREA_POPULATION}`;
  return `CREATE OR REPLACE TABLE ${AREA_POPULATION} AS ${prefix}${parts.join('\nUNION ALL BY NAME\n')}`;
}

/** How many areas take their population from each source (for source lines and the Data page). */
export const populationSourcesSql = `SELECT pop_source, count(DISTINCT area_code)::INTEGER AS areas FROM ${AREA_POPULATION} GROUP BY pop_source ORDER BY pop_source`;

/**
 * Which reference levels the loaded areas roll up to: for each, how many of the areas with a
 * population (area_population) have a parent there (0 = not offered).
 */
export const referenceLevelCountsSql = `SELECT ${REFERENCE_LEVELS.map((l) => `count(r.${l.column})::INTEGER AS ${l.id}`).join(', ')}
FROM (SELECT DISTINCT area_code FROM ${AREA_POPULATION}) a JOIN ${REF_AREA} r ON r.code = a.area_code`;

/** Each area's group at every reference level, with the group's name (for dissolving boundaries): one query for all. */
export const referenceGroupsSql = REFERENCE_LEVELS.map(
  (l) => `SELECT '${l.id}' AS level, r.code AS area_code, r.${l.column} AS parent_code, g.name AS parent_name
FROM ${REF_AREA} r JOIN ${REF_AREA} g ON g.code = r.${l.column} WHERE r.${l.column} IS NOT NULL`
).join('\nUNION ALL\n') + '\nORDER BY level, area_code';

/** Codes of the areas with a population (the extract's or the reference's). */
export const populationAreaCodesSql = `SELECT DISTINCT area_code FROM ${AREA_POPULATION} ORDER BY area_code`;

export const REF_ALIAS = 'ref_alias';

/**
 * Codes an extract may carry for an area the reference knows by another code: ODS codes of
 * sub-ICB locations and ICBs (00Q, QE1) for their ONS codes (E38…, E54…), and 2019 district codes
 * merged whole into a 2024 district. A county split between two unitaries has no single successor
 * and is not here (stagedCodeChangesSql reports it).
 */
export const createRefAliasSql = `CREATE OR REPLACE TABLE ${REF_ALIAS} AS
SELECT ods_code AS old_code, ods_code AS old_name, 'ods' AS change, code AS new_code, name AS new_name FROM ${REF_AREA} WHERE ods_code IS NOT NULL
UNION ALL
SELECT old_code, old_name, 'merged' AS change, new_code, new_name FROM ${REF_HISTORY} WHERE change = 'merged'`;

/**
 * The staged codes the reference knows by another code, each with its rows and what becomes of it:
 * an alias ('ods' or 'merged') with the code it becomes, or a split county ('split') with its
 * successors. The stage is read once, grouped by code, then joined to a few hundred codes (`good`
 * keeps to the records that will load; `only` limits the aliases to one kind).
 */
export function stagedCodeChangesSql(stage: string, good: string, only: 'ods' | null = null): string {
  return `WITH s AS (SELECT area_code, count(*)::INTEGER AS rows FROM ${stage} WHERE ${good} GROUP BY area_code),
splits AS (SELECT old_code, any_value(old_name) AS old_name, string_agg(new_name, ' and ' ORDER BY new_name) AS successors
  FROM ${REF_HISTORY} WHERE change = 'split' GROUP BY old_code)
SELECT s.area_code AS old_code, coalesce(a.old_name, p.old_name) AS old_name, coalesce(a.change, 'split') AS change,
  a.new_code, a.new_name, p.successors, s.rows
FROM s LEFT JOIN ${aliases(only)} a ON upper(s.area_code) = a.old_code LEFT JOIN splits p ON upper(s.area_code) = p.old_code
WHERE a.old_code IS NOT NULL OR p.old_code IS NOT NULL ORDER BY s.area_code`;
}

const aliases = (only: 'ods' | null) => (only ? `(SELECT * FROM ${REF_ALIAS} WHERE change = '${only}')` : REF_ALIAS);

/**
 * Recode the staged records' aliases (run only when stagedCodeChangesSql found some). A name column
 * (a population extract's) takes the new area's name, or Cumberland would be named Allerdale.
 */
export function recodeStageSql(stage: string, hasName: boolean, only: 'ods' | null = null): string {
  return `UPDATE ${stage} SET area_code = a.new_code${hasName ? ', area_name = a.new_name' : ''} FROM ${aliases(only)} a WHERE upper(${stage}.area_code) = a.old_code`;
}
