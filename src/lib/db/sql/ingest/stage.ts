/**
 * Stage an uploaded extract: read it with DuckDB's CSV reader (dates and numbers of clean columns typed by
 * the reader, every other cell as text), type the text cells with the fs_* macros, and note each record's
 * problems, in DuckDB. Nothing here touches the canonical tables (commit.ts does, last), so a failed or
 * rejected upload never changes what is already loaded.
 */
import { EXTRACTS, type ExtractKind, type FieldKind } from '../../../domain/extracts';
import { NUMERIC_KINDS, REASON, finishExpr, parseExpr } from './cells';
import { computedColumns } from './commit';
import { BEFORE_1900, IN_FUTURE, REJECTS, REJECT_SCANS, REQUIRED_EMPTY, STAGE, quoteString } from './names';
import { DATE_FORMATS, IDENTITY, READER_TYPE, plannedFields, readerParseExpr, readerTyped, spelled, type FieldPlans } from './plan';

export interface ReadOptions {
  file: string;
  delimiter: string;
  /** Physical lines before the header (title rows, blank lines). */
  skip: number;
  columnCount: number;
  /**
   * Whether the file starts with the header (after `skip` lines): true unless it is a later slice of a large
   * file (ingest/slices.ts), which holds records only.
   */
  header?: boolean;
  /** Numbers are written 1.234,56 (sniff.ts decimalComma): amounts and numbers are read through fs_decimal_comma. */
  decimalComma?: boolean;
}

/** The kinds whose cells are numbers as written, which a decimal comma changes. */
export const DECIMAL_KINDS: ReadonlySet<FieldKind> = new Set<FieldKind>(['money', 'integer', 'number', 'decile']);

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The longest line the reader takes, in bytes (DuckDB's default, set here so the load report can name it):
 * a longer one is rejected as LINE SIZE OVER MAXIMUM. No real extract row comes near it; a quote left open
 * can make the reader run lines together up to it.
 */
export const MAX_LINE_BYTES = 2_000_000;

/**
 * Every cell as text, except the columns DuckDB's reader types itself (`types`, by column index; dates
 * in `dateformat`). Unreadable lines are skipped; the first read of a file (`store`) logs them in the
 * rejects table (with a CAST row for each typed cell the reader could not read), a second read skips the
 * same lines without logging them again.
 */
function readCsv(o: ReadOptions, store: boolean, types: Record<number, string> = {}, dateformat: string | null = null): string {
  const cols = Array.from({ length: o.columnCount }, (_, i) => `'c${i}': '${types[i] ?? 'VARCHAR'}'`).join(', ');
  return `read_csv(${quoteString(o.file)}, auto_detect = false, header = ${o.header ?? true}, skip = ${o.skip | 0},
    delim = ${quoteString(o.delimiter)}, quote = '"', escape = '"', columns = {${cols}},${dateformat ? ` dateformat = ${quoteString(dateformat)},` : ''}
    max_line_size = ${MAX_LINE_BYTES}, strict_mode = true, ignore_errors = true${store ? `, store_rejects = true,
    rejects_table = '${REJECTS}', rejects_scan = '${REJECT_SCANS}'` : ''})`;
}

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
  /** Add the file's records to the stage (a later slice of a large file) instead of making it anew. */
  append?: boolean;
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
  const written = (f: { name: string; kind: FieldKind }) => (read.decimalComma && DECIMAL_KINDS.has(f.kind) ? `fs_decimal_comma(v_${f.name})` : `v_${f.name}`);
  const parsed = fields.map((f) => `${identity(f) ? `v_${f.name}` : typedByReader(f) ? readerParseExpr(f.kind, `v_${f.name}`) : parseExpr(f.kind, written(f))} AS p_${f.name}`);
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
  return `${o.append ? `INSERT INTO ${STAGE} BY NAME SELECT * FROM (` : `CREATE OR REPLACE TABLE ${STAGE} AS
`}WITH raw AS (
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
SELECT ${fields.map((f) => f.name).join(', ')}${computedColumns(kind).map((c) => `, ${c}`).join('')},
  CASE WHEN _skip THEN [{'column': '', 'value': _c0, 'reason': '_skip'}]
       WHEN ${['_bad', ...dropped].join(' OR ')} THEN nullif(list_filter([
      ${[...(list ? [list] : []), ...supp].join(',\n      ')}], x -> x IS NOT NULL), []) END AS _notes
FROM flagged${o.append ? ')' : ''}`;
}

