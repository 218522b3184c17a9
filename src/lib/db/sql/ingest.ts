/**
 * SQL for loading one uploaded extract: read every cell as text, type it with the fs_* macros,
 * and collect each row's problems, all in one DuckDB pass. Nothing here touches the canonical
 * tables except `commitSql`, which runs last inside a transaction, so a failed or rejected upload
 * never changes what is already loaded.
 */
import { EXTRACTS, fieldSpec, type ExtractKind, type FieldKind } from '../../domain/extracts';

export const STAGE = '_fs_stage';
export const REJECTS = '_fs_rejects';
const REJECT_SCANS = '_fs_reject_scans';

export interface ReadOptions {
  file: string;
  delimiter: string;
  /** Physical lines before the header (title rows, blank lines). */
  skip: number;
  columnCount: number;
}

const NUMERIC_KINDS = new Set<FieldKind>(['date', 'money', 'integer', 'number', 'decile', 'period']);
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const quoteString = (s: string) => `'${s.replace(/'/g, "''")}'`;

function readCsv(o: ReadOptions): string {
  const cols = Array.from({ length: o.columnCount }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  return `read_csv(${quoteString(o.file)}, auto_detect = false, header = true, skip = ${o.skip | 0},
    delim = ${quoteString(o.delimiter)}, quote = '"', escape = '"', columns = {${cols}},
    strict_mode = true, ignore_errors = true, store_rejects = true,
    rejects_table = '${REJECTS}', rejects_scan = '${REJECT_SCANS}')`;
}

/** The typed value of a cleaned raw cell `r`, by field kind; NULL when it does not parse. */
function parseExpr(kind: FieldKind, r: string): string {
  const v = `fs_value(${r}, ${NUMERIC_KINDS.has(kind)})`;
  switch (kind) {
    case 'id':
    case 'text':
      return v;
    case 'code':
      return `upper(replace(${v}, ' ', ''))`;
    case 'date':
      return `fs_date(${v})`;
    case 'money':
      return `CAST(fs_money(${v}) AS DECIMAL(18, 2))`;
    case 'integer':
      return `(CASE WHEN fs_number(${v}) = round(fs_number(${v})) THEN CAST(fs_number(${v}) AS BIGINT) END)`;
    case 'number':
      return `fs_number(${v})`;
    case 'status':
      return `fs_status(${v})`;
    case 'age_band':
      return `fs_age_band(${v})`;
    case 'decile':
      return `fs_decile(${v})`;
    case 'period':
      return `fs_period(${v})`;
  }
}

const REASON: Record<FieldKind, string> = {
  id: 'not a valid identifier',
  code: 'not a valid code',
  text: 'not valid text',
  date: 'not a valid date (use dd/mm/yyyy or yyyy-mm-dd)',
  money: 'not an amount of money',
  integer: 'not a whole number',
  number: 'not a number',
  status: 'unknown status (expected waiting, accepted, declined, completed, dna or withdrawn)',
  age_band: 'not an age band',
  decile: 'IMD decile must be a whole number from 1 to 10',
  period: 'not a financial year (2023/24) or a month (2023-04)'
};

const problem = (cond: string, column: string, value: string, reason: string) =>
  `CASE WHEN ${cond} THEN {'column': ${quoteString(column)}, 'value': CAST(${value} AS VARCHAR), 'reason': ${quoteString(reason)}} END`;

/** Checks between fields of one row, beyond "does each cell parse". */
function crossChecks(kind: ExtractKind, mapped: Set<string>, today: string): string[] {
  const has = (f: string) => mapped.has(f);
  const out: string[] = [];
  const t = `DATE '${today}'`;
  if (kind === 'referrals') {
    out.push(problem(`referral_date > ${t}`, 'referral_date', 'r_referral_date', 'date is in the future'));
    if (has('first_contact_date')) {
      out.push(problem(`first_contact_date < referral_date`, 'first_contact_date', 'r_first_contact_date', 'first contact is before the referral date'));
      out.push(problem(`first_contact_date > ${t}`, 'first_contact_date', 'r_first_contact_date', 'date is in the future'));
    }
    if (has('end_date')) {
      out.push(problem(`end_date < referral_date`, 'end_date', 'r_end_date', 'end date is before the referral date'));
      out.push(problem(`end_date > ${t}`, 'end_date', 'r_end_date', 'date is in the future'));
    }
  }
  if ((kind === 'funding' || kind === 'providers') && has('contract_start') && has('contract_end')) {
    out.push(problem('contract_end < contract_start', 'contract_end', 'r_contract_end', 'contract ends before it starts'));
  }
  if (kind === 'population') {
    out.push(problem('population < 0', 'population', 'r_population', 'population cannot be negative'));
  }
  if (kind === 'providers' && has('monthly_capacity')) {
    out.push(problem('monthly_capacity < 0', 'monthly_capacity', 'r_monthly_capacity', 'capacity cannot be negative'));
  }
  return out;
}

/** Derived columns stored with the canonical table, computed once at load. */
function derived(kind: ExtractKind): string[] {
  if (kind === 'funding') return ['fs_period_start(period) AS period_start', 'fs_fy_of(fs_period_start(period)) AS fy'];
  return [];
}

/**
 * Stage the file: one row per data record with `_row` (its order among kept records), `_skip`
 * (blank or totals row), each field typed, `_s_<field>` (cell was a suppression marker) and
 * `_problems` (list of {column, value, reason}).
 */
export function stageSql(kind: ExtractKind, mapping: Record<string, number>, read: ReadOptions, today: string): string {
  if (!ISO_DATE.test(today)) throw new Error(`today must be yyyy-mm-dd, got ${today}`);
  const fields = EXTRACTS[kind].fields.filter((f) => f.name in mapping);
  const mapped = new Set(fields.map((f) => f.name));
  const raw = fields.map((f) => `fs_clean(c${mapping[f.name]}) AS r_${f.name}`);
  const typed = fields.map((f) => `${parseExpr(f.kind, `r_${f.name}`)} AS ${f.name}`);
  const supp = fields.map((f) => `fs_is_marker(r_${f.name}, ${NUMERIC_KINDS.has(f.kind)}) AS _s_${f.name}`);
  const missingRequired = EXTRACTS[kind].fields
    .filter((f) => f.required)
    .map((f) =>
      mapped.has(f.name)
        ? problem(`fs_value(r_${f.name}, ${NUMERIC_KINDS.has(f.kind)}) IS NULL`, f.name, `coalesce(r_${f.name}, '')`, 'required field is empty')
        : null
    )
    .filter((x): x is string => x !== null);
  const parseProblems = fields.map((f) =>
    problem(`fs_value(r_${f.name}, ${NUMERIC_KINDS.has(f.kind)}) IS NOT NULL AND ${f.name} IS NULL`, f.name, `r_${f.name}`, REASON[f.kind])
  );
  const allProblems = [...missingRequired, ...parseProblems, ...crossChecks(kind, mapped, today)];
  const rawNames = fields.map((f) => `r_${f.name}`);
  const blank = rawNames.length ? rawNames.map((r) => `${r} IS NULL`).join(' AND ') : 'true';
  const totalsCells = ['fs_clean(c0)', ...EXTRACTS[kind].fields.filter((f) => f.required && mapped.has(f.name)).map((f) => `r_${f.name}`)];
  const isTotal = totalsCells.map((c) => `fs_is_total(${c})`).join(' OR ');
  return `CREATE OR REPLACE TEMP TABLE ${STAGE} AS
WITH raw AS (
  SELECT row_number() OVER () AS _row, fs_clean(c0) AS _c0, ${raw.join(', ')}
  FROM ${readCsv(read)}
), typed AS (
  SELECT *, ${typed.join(', ')} FROM raw
)
SELECT _row, _c0, (${blank}) OR ${isTotal.replace('fs_clean(c0)', '_c0')} AS _skip,
  ${fields.map((f) => f.name).join(', ')},
  ${supp.join(', ')},
  list_filter([${allProblems.join(',\n    ')}], x -> x IS NOT NULL) AS _problems
FROM typed`;
}

/** Mark the second and later rows with the same key (and, when appending, keys already loaded). */
export function duplicateSql(kind: ExtractKind, appendTo: string | null): string | null {
  const key = kind === 'referrals' ? 'referral_id' : kind === 'population' ? 'area_code' : null;
  if (!key) return null;
  const existing = appendTo ? `OR (rn = 1 AND ${key} IN (SELECT ${key} FROM ${quoteIdent(appendTo)}))` : '';
  return `UPDATE ${STAGE} SET _problems = list_append(_problems,
      {'column': '${key}', 'value': CAST(${key} AS VARCHAR), 'reason': 'duplicate ${key.replace('_', ' ')} (already on an earlier line)'})
    WHERE _row IN (
      SELECT _row FROM (
        SELECT _row, ${key}, row_number() OVER (PARTITION BY ${key} ORDER BY _row) AS rn FROM ${STAGE}
        WHERE NOT _skip AND ${key} IS NOT NULL
          AND ${key} IN (SELECT ${key} FROM ${STAGE} WHERE NOT _skip GROUP BY ALL HAVING count(*) > 1 ${appendTo ? `UNION SELECT ${key} FROM ${quoteIdent(appendTo)}` : ''})
      ) WHERE rn > 1 ${existing})`;
}

export function stageSummarySql(kind: ExtractKind, mapping: Record<string, number>): string {
  const fields = EXTRACTS[kind].fields.filter((f) => f.name in mapping);
  const supp = fields.map((f) => `'${f.name}': count_if(_s_${f.name})::INTEGER`);
  return `SELECT count(*)::INTEGER AS records,
    count_if(_skip)::INTEGER AS skipped,
    count_if(NOT _skip AND len(_problems) > 0)::INTEGER AS rejected,
    count_if(NOT _skip AND len(_problems) = 0)::INTEGER AS loaded,
    ${supp.length ? `{${supp.join(', ')}}` : 'NULL'} AS suppressed
  FROM ${STAGE}`;
}

export function stageProblemsSql(limit: number): string {
  return `SELECT _row, p.column AS "column", p.value AS value, p.reason AS reason
    FROM (SELECT _row, unnest(_problems) AS p FROM ${STAGE} WHERE NOT _skip AND len(_problems) > 0)
    ORDER BY _row LIMIT ${limit | 0}`;
}

export function skippedRowsSql(): string {
  return `SELECT _row, _c0 FROM ${STAGE} WHERE _skip AND _c0 IS NOT NULL ORDER BY _row LIMIT 50`;
}

export function rejectsSql(): string {
  return `SELECT line::INTEGER AS line, error_type::VARCHAR AS error_type, csv_line::VARCHAR AS csv_line,
    column_idx::INTEGER AS column_idx FROM ${REJECTS} ORDER BY line`;
}

/** The canonical columns of a table: the extract's mapped fields (unmapped optional ones as NULL). */
function canonicalSelect(kind: ExtractKind, mapping: Record<string, number>): string {
  const cols = EXTRACTS[kind].fields.map((f) => {
    if (f.name in mapping) return f.name;
    // ONS population files split 65+ into 65-74, 75-84, 85+: derive it from the bands we have.
    if (kind === 'population' && f.name === 'pop_65_plus' && 'pop_0_17' in mapping && 'pop_18_64' in mapping) {
      return 'population - pop_0_17 - pop_18_64 AS pop_65_plus';
    }
    const type = fieldSqlType(f.kind);
    return `CAST(NULL AS ${type}) AS ${f.name}`;
  });
  return [...cols, ...derived(kind)].join(', ');
}

export function fieldSqlType(kind: FieldKind): string {
  switch (kind) {
    case 'date':
      return 'DATE';
    case 'money':
      return 'DECIMAL(18, 2)';
    case 'integer':
      return 'BIGINT';
    case 'number':
      return 'DOUBLE';
    case 'decile':
      return 'INTEGER';
    default:
      return 'VARCHAR';
  }
}

/** Replace or append the canonical table from the staged good rows, atomically. */
export function commitSql(kind: ExtractKind, mapping: Record<string, number>, mode: 'replace' | 'append', tableExists: boolean): string {
  const select = `SELECT ${canonicalSelect(kind, mapping)} FROM (SELECT * FROM ${STAGE} WHERE NOT _skip AND len(_problems) = 0 ORDER BY _row)`;
  const t = quoteIdent(kind);
  const write = mode === 'append' && tableExists ? `INSERT INTO ${t} ${select}` : `CREATE OR REPLACE TABLE ${t} AS ${select}`;
  return `BEGIN TRANSACTION; ${write}; COMMIT;`;
}

export function dropStageSql(): string {
  return `DROP TABLE IF EXISTS ${STAGE}; DROP TABLE IF EXISTS ${REJECTS}; DROP TABLE IF EXISTS ${REJECT_SCANS};`;
}

export { fieldSpec };
