/**
 * SQL for loading one uploaded extract: read it with DuckDB's CSV reader (dates and numbers of clean
 * columns typed by the reader, every other cell as text), type the text cells with the fs_* macros, and
 * collect each row's problems, in DuckDB. Nothing here touches the canonical
 * tables except `commitSql`, which runs last inside a transaction, so a failed or rejected upload
 * never changes what is already loaded.
 */
import { EXTRACTS, type ExtractKind, type FieldKind } from '../../domain/extracts';

/** Each record typed and checked, in the compressed storage; it becomes the canonical table by renaming. */
export const STAGE = '_fs_stage';
export const REJECTS = '_fs_rejects';
const REJECT_SCANS = '_fs_reject_scans';
/** Rowids of staged records whose key repeats an earlier one (duplicateSql). */
const DUPS = '_fs_dups';

/*
 * A staged record carries one helper column, `_notes`: NULL for a clean record (nearly all of a good
 * file, and a NULL costs next to nothing to store), else a list of {column, value, reason}: the record's
 * problems first, then a '_suppressed' entry per suppressed cell; or, for a skipped record (blank or
 * totals), one '_skip' entry holding its first cell. One list column instead of a flag per field: each
 * column written costs DuckDB-wasm ~0.1 s per million rows whatever it holds.
 */
// Each test looks at _notes only where it is not NULL: DuckDB stops at the first false of an AND in a
// filter, so a million clean records cost one NULL test each (in a SELECT list it would evaluate all).
// On a noted record (_notes not NULL): skipped, or with a problem (problems come first in the list).
const NOTE_SKIP = `_notes[1].reason = '_skip'`;
const NOTE_PROBLEM = `NOT starts_with(_notes[1].reason, '_')`;
const SKIP = `(_notes IS NOT NULL AND ${NOTE_SKIP})`;
const PROBLEM = `(_notes IS NOT NULL AND ${NOTE_PROBLEM})`;
const DUPLICATE = `rowid IN (SELECT id FROM ${DUPS})`;
/** Not skipped (the records a key may repeat among). */
const KEPT = `(_notes IS NULL OR NOT ${NOTE_SKIP})`;
/** A record that does not load: skipped, with a problem, or with a repeated key. */
const NOT_LOADED = `(_notes IS NOT NULL AND (${NOTE_SKIP} OR ${NOTE_PROBLEM})) OR ${DUPLICATE}`;
/** A record that loads. */
const GOOD = `(_notes IS NULL OR NOT (${NOTE_SKIP} OR ${NOTE_PROBLEM})) AND NOT ${DUPLICATE}`;
/** A staged record that will load (for steps outside this file that look at the stage). */
export const STAGE_GOOD = GOOD;

/** Reasons the stage's bad-row test and the plan check tell apart from the rest. */
const REQUIRED_EMPTY = 'required field is empty';
const BEFORE_1900 = 'date before 1900: check the year';
const IN_FUTURE = 'date is in the future';

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

/**
 * Every cell as text, except the columns DuckDB's reader types itself (`types`, by column index; dates
 * in `dateformat`). Unreadable lines are skipped; the first read of a file (`store`) logs them in the
 * rejects table (with a CAST row for each typed cell the reader could not read), a second read skips the
 * same lines without logging them again.
 */
function readCsv(o: ReadOptions, store: boolean, types: Record<number, string> = {}, dateformat: string | null = null): string {
  const cols = Array.from({ length: o.columnCount }, (_, i) => `'c${i}': '${types[i] ?? 'VARCHAR'}'`).join(', ');
  return `read_csv(${quoteString(o.file)}, auto_detect = false, header = true, skip = ${o.skip | 0},
    delim = ${quoteString(o.delimiter)}, quote = '"', escape = '"', columns = {${cols}},${dateformat ? ` dateformat = ${quoteString(dateformat)},` : ''}
    strict_mode = true, ignore_errors = true${store ? `, store_rejects = true,
    rejects_table = '${REJECTS}', rejects_scan = '${REJECT_SCANS}'` : ''})`;
}

/**
 * The parsed value of a marker-free cell `v` (a column), by field kind; NULL when it does not
 * parse. Integers and deciles stay numbers here and are checked in `finishExpr`, so each cell is
 * parsed once.
 */
function parseExpr(kind: FieldKind, v: string): string {
  switch (kind) {
    case 'id':
    case 'text':
      return v;
    case 'code':
      return `upper(replace(${v}, ' ', ''))`;
    case 'date':
      return `fs_date(${v})`;
    case 'money':
      // TRY_CAST: an amount beyond DECIMAL(18, 2) is reported as not money, rather than failing the load.
      return `TRY_CAST(fs_money(${v}) AS DECIMAL(18, 2))`;
    case 'integer':
    case 'number':
      return `fs_number(${v})`;
    case 'decile':
      return `COALESCE(fs_number(${v}), fs_decile_label(${v}))`;
    case 'status':
      return `fs_status(${v})`;
    case 'age_band':
      return `fs_age_band(${v})`;
    case 'period':
      return `fs_period(${v})`;
  }
}

/** The stored value from the parsed column `p`. */
function finishExpr(kind: FieldKind, p: string): string {
  if (kind === 'integer') return `TRY_CAST(CASE WHEN ${p} = round(${p}) THEN ${p} END AS BIGINT)`;
  if (kind === 'decile') return `fs_decile_of(${p})`;
  return p;
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

interface Check {
  cond: string;
  column: string;
  value: string;
  reason: string;
}

/** Checks between fields of one row, beyond "does each cell parse". */
function crossChecks(kind: ExtractKind, mapped: Set<string>, today: string): Check[] {
  const has = (f: string) => mapped.has(f);
  const out: Check[] = [];
  const t = `DATE '${today}'`;
  const check = (cond: string, column: string, reason: string) => out.push({ cond, column, value: `r_${column}`, reason });
  if (kind === 'referrals') {
    check(`referral_date > ${t}`, 'referral_date', IN_FUTURE);
    if (has('first_contact_date')) {
      check('first_contact_date < referral_date', 'first_contact_date', 'first contact is before the referral date');
      check(`first_contact_date > ${t}`, 'first_contact_date', IN_FUTURE);
    }
    if (has('end_date')) {
      check('end_date < referral_date', 'end_date', 'end date is before the referral date');
      check(`end_date > ${t}`, 'end_date', IN_FUTURE);
    }
  }
  if ((kind === 'funding' || kind === 'providers') && has('contract_start') && has('contract_end')) {
    check('contract_end < contract_start', 'contract_end', 'contract ends before it starts');
  }
  if (kind === 'population' && has('population')) check('population < 0', 'population', 'population cannot be negative');
  if (kind === 'providers' && has('monthly_capacity')) check('monthly_capacity < 0', 'monthly_capacity', 'capacity cannot be negative');
  return out;
}

/** Derived columns stored with the canonical table, computed once at load. */
function derived(kind: ExtractKind): string[] {
  if (kind === 'funding') return ['fs_period_start(period) AS period_start', 'fs_fy_of(fs_period_start(period)) AS fy'];
  return [];
}

/**
 * Fields whose plan is to be typed by DuckDB's CSV reader, as bare read_csv types a file: the reader's
 * type, and (dates) the format of each candidate. A cell the reader cannot read is logged as a CAST
 * reject, and the field is staged again through the cleaning chain; a cell it reads is read as the chain
 * would (fs_number and fs_money start with the same cast; fs_date reads these two shapes with these
 * formats), which tests/unit/ingest-plans.test.ts checks on odd spellings.
 */
const READER_TYPE: Partial<Record<FieldKind, string>> = { date: 'DATE', integer: 'DOUBLE', number: 'DOUBLE', decile: 'DOUBLE', money: 'DOUBLE' };
const DATE_FORMATS = ['%Y-%m-%d', '%d/%m/%Y'];
const readerTyped = (kind: FieldKind) => READER_TYPE[kind] !== undefined;

/** The chain's parse step (parseExpr) for a value the reader has typed already. */
function readerParseExpr(kind: FieldKind, x: string): string {
  switch (kind) {
    case 'date':
      return x;
    case 'money':
      return `TRY_CAST(round(fs_finite(${x}), 2) AS DECIMAL(18, 2))`;
    default:
      return `fs_finite(${x})`;
  }
}

/**
 * Each planned field's plan: for a text kind, 0 (the cell is taken as it is); for a date, which format
 * (DATE_FORMATS); for a number, 0 (typed by the reader). Absent: the field goes through the full chain.
 */
export type FieldPlans = Partial<Record<string, number>>;

/** Kinds whose plan is the text itself: the stage's typed column is the cell, so it can be checked after staging. */
const IDENTITY = new Set<FieldKind>(['text', 'code', 'status', 'age_band']);

/**
 * The mapped fields that take their plan: never identifiers (as many values as rows, and their chain is
 * cheap already) nor periods (the stage derives dates from them, which would fail on a wrong plan before
 * it could be checked); dates only in the first planned date's format (the reader takes one format); no
 * reader-typed field in the first column, which the stage also reads as text (skipped rows, totals).
 * The stage, its checks, the summary and the commit all go by this one list.
 */
function plannedFields(kind: ExtractKind, mapping: Record<string, number>, plans: FieldPlans) {
  const fields = EXTRACTS[kind].fields.filter((f) => f.name in mapping && plans[f.name] !== undefined && f.kind !== 'id' && f.kind !== 'period'
    && !(mapping[f.name] === 0 && readerTyped(f.kind)));
  const dateFormat = fields.find((f) => f.kind === 'date');
  return fields.filter((f) => f.kind !== 'date' || plans[f.name] === plans[dateFormat!.name]);
}

/** The plans the stage will follow (plannedFields): those of `plans` it can take. */
export function effectivePlans(kind: ExtractKind, mapping: Record<string, number>, plans: FieldPlans): FieldPlans {
  return Object.fromEntries(plannedFields(kind, mapping, plans).map((f) => [f.name, plans[f.name]]));
}

/**
 * Per planned text field: whether every distinct text it holds is what the full chain gives for it (none
 * needs cleaning, is a marker, or is spelled other than the canonical way). The full chain runs once per
 * distinct value (a few hundred codes), not once per cell. Each step is its own column, as in stageSql: a
 * macro repeats its argument, so nesting them would make DuckDB plan (and run) the inner ones many times
 * over. Returns one row per field: field, fits. Run on the staged file; a plan that fails is staged again
 * without it. (Typed fields are checked by the reader itself: castFailuresSql.)
 */
export function textPlansSql(kind: ExtractKind, mapping: Record<string, number>, plans: FieldPlans): string | null {
  const fields = plannedFields(kind, mapping, plans).filter((f) => IDENTITY.has(f.kind));
  if (!fields.length) return null;
  // Fields of one kind share one copy of the chain: planning a chain of macros costs DuckDB-wasm ~40 ms.
  const kinds = [...new Set(fields.map((f) => f.kind))];
  const parts = kinds.map((k) => {
    const values = fields.filter((f) => f.kind === k)
      // The field's name is added after DISTINCT: a constant among the grouped columns would stop DuckDB
      // from grouping a dictionary-compressed column by its dictionary (10x slower).
      .map((f) => `SELECT ${quoteString(f.name)} AS field, raw FROM (SELECT DISTINCT ${quoteIdent(f.name)} AS raw FROM ${STAGE})`).join(' UNION ALL ');
    return `SELECT field, coalesce(bool_and(ok), true) AS fits FROM (
  SELECT field, r IS NOT DISTINCT FROM raw AND v IS NOT DISTINCT FROM raw AND ${finishExpr(k, 'p')} IS NOT DISTINCT FROM raw AS ok FROM (
    SELECT field, raw, r, v, ${parseExpr(k, 'v')} AS p FROM (
      SELECT field, raw, r, fs_value(r, false) AS v FROM (SELECT field, raw, fs_clean(raw) AS r FROM (${values})))))
GROUP BY field`;
  });
  return parts.join('\nUNION ALL\n');
}

/** The columns (0-based) holding a cell the reader could not read as its type, in the first read. */
export function castFailuresSql(): string {
  return `SELECT DISTINCT (column_idx - 1)::INTEGER AS col FROM ${REJECTS} WHERE error_type = 'CAST'`;
}

/**
 * The typed fields named in a problem other than an empty required cell. The reader keeps no text for a
 * cell it types, so a problem would show the value respelled (spelled()); staged again as text, the list
 * shows the cell exactly as the file has it. Bad rows are few: this reads only them.
 */
export function typedProblemsSql(kind: ExtractKind, mapping: Record<string, number>, plans: FieldPlans): string | null {
  const typed = plannedFields(kind, mapping, plans).filter((f) => readerTyped(f.kind));
  if (!typed.length) return null;
  return `SELECT DISTINCT p.column AS field FROM (SELECT unnest(_notes) AS p FROM ${STAGE} WHERE _notes IS NOT NULL)
    WHERE NOT starts_with(p.reason, '_') AND p.reason <> ${quoteString(REQUIRED_EMPTY)} AND p.column IN (${typed.map((f) => quoteString(f.name)).join(', ')})`;
}

/** Whether a planned field is typed by the reader (as opposed to taken as text). */
export const isTypedPlan = (kind: ExtractKind, field: string) => {
  const f = EXTRACTS[kind].fields.find((x) => x.name === field);
  return !!f && readerTyped(f.kind);
};

/**
 * A typed value spelled as the file most likely had it (the plan's date format; a whole number without
 * a decimal point), for the problem list: the reader keeps no text for the cells it types.
 */
function spelled(kind: FieldKind, plan: number, x: string): string {
  switch (kind) {
    case 'date':
      return `strftime(${x}, ${quoteString(DATE_FORMATS[plan] ?? DATE_FORMATS[0]!)})`;
    case 'money':
      return `CAST(${x} AS VARCHAR)`;
    default:
      return `CASE WHEN ${x} = round(${x}) AND abs(${x}) < 1e15 THEN CAST(CAST(${x} AS BIGINT) AS VARCHAR) ELSE CAST(${x} AS VARCHAR) END`;
  }
}

/** A staged record's 1-based position among the records DuckDB kept (insertion order is file order). */
export const ROW = '(rowid + 1)';

/**
 * Stage the file as a table with, per data record, each mapped field typed and `_notes` (above: problems,
 * suppressed cells, or the first cell of a skipped row; NULL for a clean record). Suppressed cells are
 * noted for fields without a plan only, as a plan excludes markers.
 * Each step of a cell (trimmed r_, marker-free v_, parsed p_, final) is its own column so
 * DuckDB computes it once; see the performance note in macros.ts.
 */
export interface StageOptions {
  /** A plan per field (FieldPlans), checked on the staged file afterwards. */
  plans?: FieldPlans;
  /** Log unreadable lines in the rejects table (the file's first full read; a second must not log them again). */
  store?: boolean;
}

export function stageSql(kind: ExtractKind, mapping: Record<string, number>, read: ReadOptions, today: string, o: StageOptions = {}): string {
  if (!ISO_DATE.test(today)) throw new Error(`today must be yyyy-mm-dd, got ${today}`);
  const plans = o.plans ?? {};
  const fields = EXTRACTS[kind].fields.filter((f) => f.name in mapping);
  const mapped = new Set(fields.map((f) => f.name));
  const num = (k: FieldKind) => NUMERIC_KINDS.has(k);
  const planned = new Set(plannedFields(kind, mapping, plans).map((f) => f.name));
  // A planned field skips the macros: a text kind is the cell itself; a date or number is typed by the reader.
  const identity = (f: { name: string; kind: FieldKind }) => planned.has(f.name) && IDENTITY.has(f.kind);
  const typedByReader = (f: { name: string; kind: FieldKind }) => planned.has(f.name) && readerTyped(f.kind);
  const types: Record<number, string> = {};
  let dateformat: string | null = null;
  for (const f of fields.filter(typedByReader)) {
    types[mapping[f.name]!] = READER_TYPE[f.kind]!;
    if (f.kind === 'date') dateformat = DATE_FORMATS[plans[f.name]!] ?? null;
  }
  const planFree = (f: { name: string; kind: FieldKind }) => !planned.has(f.name);
  const raw = fields.map((f) => `${planFree(f) ? `fs_clean(c${mapping[f.name]})` : `c${mapping[f.name]}`} AS r_${f.name}`);
  // The marker test runs only where the value was dropped (rare), not on every cell.
  const vals = fields.map((f) => `${planFree(f) ? `fs_value(r_${f.name}, ${num(f.kind)})` : `r_${f.name}`} AS v_${f.name}`);
  // A dropped value (cheap to test) is then tested for being a marker (a list lookup), on those cells only.
  const dropped = fields.filter(planFree).map((f) => `(v_${f.name} IS NULL AND r_${f.name} IS NOT NULL)`);
  const supp = fields.filter(planFree)
    .map((f) => `CASE WHEN v_${f.name} IS NULL AND r_${f.name} IS NOT NULL AND fs_is_marker(r_${f.name}, ${num(f.kind)}) THEN {'column': ${quoteString(f.name)}, 'value': CAST(NULL AS VARCHAR), 'reason': '_suppressed'} END`);
  const parsed = fields.map((f) => `${identity(f) ? `v_${f.name}` : typedByReader(f) ? readerParseExpr(f.kind, `v_${f.name}`) : parseExpr(f.kind, `v_${f.name}`)} AS p_${f.name}`);
  const typed = fields.map((f) => `${identity(f) ? `p_${f.name}` : finishExpr(f.kind, `p_${f.name}`)} AS ${f.name}`);
  // The text shown for a cell in the problem list.
  const shown = (f: { name: string; kind: FieldKind }) => (typedByReader(f) ? spelled(f.kind, plans[f.name]!, `r_${f.name}`) : `r_${f.name}`);
  const byName = new Map(fields.map((f) => [f.name, f]));
  const required = EXTRACTS[kind].fields.filter((f) => f.required && mapped.has(f.name));
  // Only fields whose parse can fail are checked for it: an identifier, text or code is its cleaned cell,
  // and the reader's date is the date.
  const canFail = (f: { name: string; kind: FieldKind }) =>
    !identity(f) && !['id', 'text', 'code'].includes(f.kind) && !(typedByReader(f) && f.kind === 'date');
  const dates = fields.filter((f) => f.kind === 'date');
  const cross = crossChecks(kind, mapped, today);
  const checks: Check[] = [
    ...required.map((f) => ({ cond: `v_${f.name} IS NULL`, column: f.name, value: `coalesce(${shown(f)}, '')`, reason: REQUIRED_EMPTY })),
    ...fields.filter(canFail).map((f) => ({ cond: `v_${f.name} IS NOT NULL AND ${f.name} IS NULL`, column: f.name, value: shown(f), reason: REASON[f.kind] })),
    ...dates.map((f) => ({ cond: `${f.name} < DATE '1900-01-01'`, column: f.name, value: shown(f), reason: BEFORE_1900 })),
    ...cross.map((c) => ({ ...c, value: shown(byName.get(c.column)!) }))
  ];
  // Whether a record is bad, in as few tests as the checks allow (every record takes each): a date's two
  // bounds in one BETWEEN, and NULLs (a test on an empty cell) settled once at the end.
  const future = new Set(cross.filter((c) => c.reason === IN_FUTURE).map((c) => c.column));
  const badConds = [
    ...checks.filter((c) => c.reason !== BEFORE_1900 && c.reason !== IN_FUTURE).map((c) => c.cond),
    ...dates.map((f) => (future.has(f.name) ? `NOT (${f.name} BETWEEN DATE '1900-01-01' AND DATE '${today}')` : `${f.name} < DATE '1900-01-01'`))
  ];
  const bad = badConds.length ? `coalesce(${badConds.map((c) => `(${c})`).join(' OR ')}, false)` : 'false';
  const list = checks.map((c) => problem(c.cond, c.column, c.value, c.reason)).join(',\n      ');
  // Blank, or a note: every field empty but the first cell, which is empty or reads as a note ("Source: EMIS
  // search", "1. Age at referral", "© NHS …", as spreadsheets pad notes below the data with delimiters: fs_is_note).
  // An id or a name alone ("R 2", "Mind Leeds") stays a record with required fields missing. The other cells are
  // looked at only where one is empty, and the note test only where all are.
  const inColumn0 = fields.some((f) => mapping[f.name] === 0);
  const [first, ...rest] = fields.filter((f) => mapping[f.name] !== 0).map((f) => `r_${f.name} IS NULL`);
  const othersEmpty = first ? (rest.length ? `CASE WHEN ${first} THEN ${rest.join(' AND ')} ELSE false END` : first) : 'true';
  const blank = inColumn0 ? `CASE WHEN ${othersEmpty} THEN _c0 IS NULL OR fs_is_note(_c0) ELSE false END` : othersEmpty;
  // A totals row shows in the text cells (in a typed one it is a cast failure, and the field is read again
  // as text); the first cell (_c0) is tested once.
  const isTotal = ['_c0', ...required.filter((f) => !typedByReader(f) && mapping[f.name] !== 0).map((f) => `r_${f.name}`)].map((c) => `fs_is_total(${c})`).join(' OR ');
  const keep = fields.map((f) => `r_${f.name}, v_${f.name}`).join(', ');
  return `CREATE OR REPLACE TABLE ${STAGE} AS
WITH raw AS (
  SELECT fs_clean(c0) AS _c0, ${raw.join(', ')} FROM ${readCsv(read, o.store ?? true, types, dateformat)}
), vals AS (
  SELECT _c0, ${fields.map((f) => `r_${f.name}`).join(', ')}, ${vals.join(', ')} FROM raw
), parsed AS (
  SELECT *, ${parsed.join(', ')} FROM vals
), typed AS (
  SELECT _c0, ${keep}, ${typed.join(', ')} FROM parsed
), flagged AS (
  SELECT *, (${blank}) OR ${isTotal} AS _skip, ${bad} AS _bad FROM typed
)
SELECT ${fields.map((f) => f.name).join(', ')}${derived(kind).length ? ', ' + derived(kind).join(', ') : ''},
  CASE WHEN _skip THEN [{'column': '', 'value': _c0, 'reason': '_skip'}]
       WHEN ${['_bad', ...dropped].join(' OR ')} THEN nullif(list_filter([
      ${[...(list ? [list] : []), ...supp].join(',\n      ')}], x -> x IS NOT NULL), []) END AS _notes
FROM flagged`;
}

/** The field whose value must not repeat, per extract (duplicateSql). */
const DUPLICATE_KEY: Partial<Record<ExtractKind, string>> = { referrals: 'referral_id', population: 'area_code', lookup: 'area_code' };

const DUP_KEYS = '_fs_dupkeys';

/**
 * The hashes of keys that occur more than once among the staged records (none for an extract without a
 * key). Grouping 1M 64-bit hashes is ~35% faster than grouping the texts; a hash shared by two different
 * keys only makes duplicateSql look, and it compares the keys themselves.
 */
export function duplicateKeysSql(kind: ExtractKind): string {
  const key = DUPLICATE_KEY[kind];
  if (!key) return `CREATE OR REPLACE TABLE ${DUP_KEYS} (h UBIGINT)`;
  return `CREATE OR REPLACE TABLE ${DUP_KEYS} AS SELECT hash(${key}) AS h FROM ${STAGE}
    WHERE ${KEPT} AND ${key} IS NOT NULL GROUP BY ALL HAVING count(*) > 1`;
}

export const countDuplicateKeysSql = () => `SELECT count(*)::INTEGER AS n FROM ${DUP_KEYS}`;

/**
 * The records whose key repeats an earlier record's (duplicateKeysSql) or, when appending, a key already
 * loaded, as a small table of rowids beside the stage (updating the stage would rewrite its rows). `none`:
 * there is nothing to find (no repeated key, not appending), so the table is made empty without a scan.
 */
export function duplicateSql(kind: ExtractKind, appendTo: string | null, none = false): string {
  const key = DUPLICATE_KEY[kind];
  if (!key || none) return `CREATE OR REPLACE TABLE ${DUPS} (id BIGINT)`;
  const existing = appendTo ? `OR (rn = 1 AND ${key} IN (SELECT ${key} FROM ${quoteIdent(appendTo)}))` : '';
  return `CREATE OR REPLACE TABLE ${DUPS} AS
      SELECT id FROM (
        SELECT rowid AS id, ${key}, row_number() OVER (PARTITION BY ${key} ORDER BY rowid) AS rn FROM ${STAGE}
        WHERE ${KEPT} AND ${key} IS NOT NULL
          AND hash(${key}) IN (SELECT h FROM ${DUP_KEYS} ${appendTo ? `UNION SELECT hash(${key}) FROM ${quoteIdent(appendTo)}` : ''})
      ) WHERE rn > 1 ${existing}`;
}

/**
 * Records, skipped, rejected (a problem or a repeated key) and loaded counts, and suppressed cells per
 * field. Only the noted records and the repeated keys are read: a clean record is counted, not examined.
 */
export function stageSummarySql(kind: ExtractKind, mapping: Record<string, number>, plans: FieldPlans = {}): string {
  const planned = new Set(plannedFields(kind, mapping, plans).map((f) => f.name));
  const fields = EXTRACTS[kind].fields.filter((f) => f.name in mapping && !planned.has(f.name));
  const supp = fields.map((f) => `${quoteString(f.name)}: count_if(n.column = ${quoteString(f.name)})::INTEGER`);
  return `WITH noted AS (SELECT rowid AS id, _notes FROM ${STAGE} WHERE _notes IS NOT NULL),
  counts AS (SELECT (SELECT count(*) FROM ${STAGE}) AS records,
    (SELECT count(*) FROM noted WHERE ${NOTE_SKIP}) AS skipped,
    (SELECT count(*) FROM (SELECT id FROM noted WHERE ${NOTE_PROBLEM} UNION SELECT id FROM ${DUPS})) AS rejected)
  SELECT records::INTEGER AS records, skipped::INTEGER AS skipped, rejected::INTEGER AS rejected,
    (records - skipped - rejected)::INTEGER AS loaded,
    ${supp.length ? `(SELECT {${supp.join(', ')}} FROM (SELECT unnest(_notes) AS n FROM noted) WHERE n.reason = '_suppressed')` : 'NULL'} AS suppressed
  FROM counts`;
}

export function stageProblemsSql(kind: ExtractKind, limit: number): string {
  const key = DUPLICATE_KEY[kind];
  const dup = key
    ? `CASE WHEN ${DUPLICATE} THEN [{'column': '${key}', 'value': CAST(${key} AS VARCHAR), 'reason': 'duplicate ${key.replace('_', ' ')} (already on an earlier line)'}] ELSE [] END`
    : '[]';
  return `SELECT _row, p.column AS "column", p.value AS value, p.reason AS reason
    FROM (SELECT ${ROW} AS _row, unnest(list_concat(list_filter(coalesce(_notes, []), x -> NOT starts_with(x.reason, '_')), ${dup})) AS p
      FROM ${STAGE} WHERE ${PROBLEM} OR ${DUPLICATE})
    ORDER BY _row LIMIT ${limit | 0}`;
}

export function skippedRowsSql(): string {
  return `SELECT ${ROW} AS _row, _notes[1].value AS _c0 FROM ${STAGE} WHERE ${SKIP} AND _notes[1].value IS NOT NULL ORDER BY rowid LIMIT 50`;
}

export function rejectsSql(): string {
  return `SELECT line::INTEGER AS line, error_type::VARCHAR AS error_type, csv_line::VARCHAR AS csv_line,
    column_idx::INTEGER AS column_idx FROM ${REJECTS} ORDER BY line`;
}

/** Columns a staged file lacks: unmapped optional fields, added as NULL (or derived). */
function missingColumns(kind: ExtractKind, mapping: Record<string, number>): { name: string; type: string; expr: string }[] {
  return EXTRACTS[kind].fields
    .filter((f) => !(f.name in mapping))
    .map((f) => {
      // ONS population files split 65+ into 65-74, 75-84, 85+: derive it from the bands we have.
      const derive = kind === 'population' && f.name === 'pop_65_plus' && 'pop_0_17' in mapping && 'pop_18_64' in mapping;
      // A finance ledger's amount: debit minus credit (a line with neither is 0).
      const ledger = kind === 'funding' && f.name === 'amount_gbp' && ('debit_gbp' in mapping || 'credit_gbp' in mapping);
      const expr = derive ? 'population - pop_0_17 - pop_18_64'
        : ledger ? `coalesce(${'debit_gbp' in mapping ? 'debit_gbp' : 'NULL'}, 0) - coalesce(${'credit_gbp' in mapping ? 'credit_gbp' : 'NULL'}, 0)` : 'NULL';
      return { name: f.name, type: fieldSqlType(f.kind), expr };
    });
}

/** Canonical column order: the extract's fields, then derived columns. */
export function canonicalColumns(kind: ExtractKind): string[] {
  return [...EXTRACTS[kind].fields.map((f) => f.name), ...derived(kind).map((d) => d.split(' AS ')[1]!)];
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

/**
 * Fast path for files already in canonical form (our own demo and published files): DuckDB's
 * typed CSV reader straight into the table, no per-cell cleaning. Any value that does not fit
 * its type makes the statement fail, and the caller falls back to the validating path.
 */
export function directLoadSql(kind: ExtractKind, file: string, headers: string[], delimiter: string): string {
  const types = new Map(EXTRACTS[kind].fields.map((f) => [f.name, fieldSqlType(f.kind)]));
  const cols = headers.map((h) => `${quoteString(h)}: '${types.get(h) ?? 'VARCHAR'}'`).join(', ');
  const present = new Set(headers);
  const select = EXTRACTS[kind].fields.map((f) => (present.has(f.name) ? quoteIdent(f.name) : `CAST(NULL AS ${fieldSqlType(f.kind)}) AS ${f.name}`));
  return `BEGIN TRANSACTION;
CREATE OR REPLACE TABLE ${quoteIdent(kind)} AS SELECT ${[...select, ...derived(kind)].join(', ')}
  FROM read_csv(${quoteString(file)}, auto_detect = false, header = true, delim = ${quoteString(delimiter)},
    quote = '"', escape = '"', columns = {${cols}}, dateformat = '%Y-%m-%d');
COMMIT;`;
}

/**
 * Replace or append the canonical table from the staged good rows, atomically. Replacing turns
 * the stage table itself into the canonical one (delete bad rows, add missing columns, drop the
 * helper columns, rename) rather than writing a million rows again. Physical column order may then
 * differ from the canonical order: readers name their columns (see previewSql).
 */
export function commitSql(kind: ExtractKind, mapping: Record<string, number>, mode: 'replace' | 'append' | 'merge', tableExists: boolean): string {
  const t = quoteIdent(kind);
  const cols = canonicalColumns(kind);
  const missing = missingColumns(kind, mapping);
  if (mode === 'append' && tableExists) {
    const select = cols.map((c) => {
      const m = missing.find((x) => x.name === c);
      return m ? `CAST(${m.expr} AS ${m.type}) AS ${c}` : c;
    }).join(', ');
    return `BEGIN TRANSACTION; INSERT INTO ${t} (${cols.join(', ')}) SELECT ${select} FROM ${STAGE} WHERE ${GOOD}; COMMIT;`;
  }
  // Shaping the stage table needs no transaction (it is not canonical yet); the swap does.
  return [
    `DELETE FROM ${STAGE} WHERE ${NOT_LOADED}`,
    ...missing.map((m) => `ALTER TABLE ${STAGE} ADD COLUMN ${m.name} ${m.type}`),
    ...missing.filter((m) => m.expr !== 'NULL').map((m) => `UPDATE ${STAGE} SET ${m.name} = ${m.expr}`),
    `ALTER TABLE ${STAGE} DROP COLUMN _notes`,
    'BEGIN TRANSACTION',
    `DROP TABLE IF EXISTS ${t}`,
    `ALTER TABLE ${STAGE} RENAME TO ${t}`,
    'COMMIT'
  ].join(';\n') + ';';
}

/** Codes in the staged file but not the table ('file'), and in the table but not the file ('table'). */
export function unmatchedCodesSql(kind: ExtractKind): string {
  const t = quoteIdent(kind);
  return `SELECT 'file' AS side, area_code FROM (SELECT DISTINCT area_code FROM ${STAGE} WHERE ${GOOD}
      EXCEPT SELECT area_code FROM ${t})
    UNION ALL
    SELECT 'table' AS side, area_code FROM (SELECT DISTINCT area_code FROM ${t} EXCEPT SELECT area_code FROM ${STAGE} WHERE ${GOOD})
    ORDER BY side, area_code`;
}

/** Add the file's mapped columns (other than the key) to the loaded table, matched on area_code. */
export function mergeSql(kind: ExtractKind, mapping: Record<string, number>): string {
  const cols = EXTRACTS[kind].fields.filter((f) => f.name in mapping && f.name !== 'area_code').map((f) => f.name);
  if (!cols.length) throw new Error('The file has no columns to add besides the area code.');
  const t = quoteIdent(kind);
  return `BEGIN TRANSACTION;
UPDATE ${t} SET ${cols.map((c) => `${c} = s.${c}`).join(', ')}
  FROM (SELECT * FROM ${STAGE} WHERE ${GOOD}) AS s WHERE ${t}.area_code = s.area_code;
COMMIT;`;
}

/** Drop every working table of a load. */
export function dropStageSql(): string {
  return `DROP TABLE IF EXISTS ${STAGE}; DROP TABLE IF EXISTS ${DUPS}; DROP TABLE IF EXISTS ${DUP_KEYS}; DROP TABLE IF EXISTS ${REJECTS}; DROP TABLE IF EXISTS ${REJECT_SCANS};`;
}

