/**
 * Commit a staged load into the canonical table, atomically: replace (the stage table becomes the
 * table), append, or merge columns on the area code; the canonical columns and their SQL types; and the
 * fast path for files already in canonical form.
 */
import { EXTRACTS, type ExtractKind, type FieldKind, type FieldSpec } from '../../../domain/extracts';
import { GOOD, NOT_LOADED, STAGE, quoteIdent, quoteString } from './names';

/**
 * A field the file has no column for, as SQL over the staged columns (`has` says which are mapped): the
 * extract's derivation (extracts.ts FieldSpec.derive) where the file gives what it needs, else NULL.
 */
function deriveExpr(f: FieldSpec, has: (name: string) => boolean): string {
  const d = f.derive;
  if (!d) return 'NULL';
  const parts = [d.from, ...d.minus];
  if (d.when === 'all') return parts.every(has) ? `${d.from} - ${d.minus.join(' - ')}` : 'NULL';
  // 'any': an unmapped or empty part counts as 0 (a ledger line with a debit and no credit).
  if (!parts.some(has)) return 'NULL';
  const zero = (c: string) => `coalesce(${has(c) ? c : 'NULL'}, 0)`;
  return `${zero(d.from)} - ${d.minus.map(zero).join(' - ')}`;
}

/** Columns a staged file lacks: unmapped fields, added as NULL or derived. */
function missingColumns(kind: ExtractKind, mapping: Record<string, number>): { name: string; type: string; expr: string }[] {
  const has = (name: string) => name in mapping;
  return EXTRACTS[kind].fields.filter((f) => !has(f.name)).map((f) => ({ name: f.name, type: fieldSqlType(f.kind), expr: deriveExpr(f, has) }));
}

/** The extract's computed columns (extracts.ts ComputedColumn) as `expr AS name`, stored with the table. */
export function computedColumns(kind: ExtractKind): string[] {
  return (EXTRACTS[kind].computed ?? []).map((c) =>
    c.how === 'period_start' ? `fs_period_start(${c.from}) AS ${c.name}` : `fs_fy_of(fs_period_start(${c.from})) AS ${c.name}`);
}

const COMPUTED_TYPE = { period_start: 'DATE', fy: 'VARCHAR' } as const;

/**
 * Every extract's table, created empty where it does not exist, with the columns and types a load gives
 * it: the views' queries read them whether or not anything is loaded.
 */
export function canonicalTablesSql(): string {
  return Object.values(EXTRACTS).map((e) => {
    const cols = [...e.fields.map((f) => `${f.name} ${fieldSqlType(f.kind)}`), ...(e.computed ?? []).map((c) => `${c.name} ${COMPUTED_TYPE[c.how]}`)];
    // A table kept by an earlier version (restored from this browser's storage) gains the fields added since, empty.
    return [`CREATE TABLE IF NOT EXISTS ${quoteIdent(e.kind)} (${cols.join(', ')});`, ...cols.map((c) => `ALTER TABLE ${quoteIdent(e.kind)} ADD COLUMN IF NOT EXISTS ${c};`)].join('\n');
  }).join('\n');
}

/** Canonical column order: the extract's fields, then its computed columns. */
export function canonicalColumns(kind: ExtractKind): string[] {
  return [...EXTRACTS[kind].fields.map((f) => f.name), ...(EXTRACTS[kind].computed ?? []).map((c) => c.name)];
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
  return `BEGIN TRANSACTION;
CREATE OR REPLACE TABLE ${quoteIdent(kind)} AS SELECT ${canonicalSelect(kind, headers, false)}
  FROM read_csv(${quoteString(file)}, auto_detect = false, header = true, delim = ${quoteString(delimiter)},
    quote = '"', escape = '"', columns = {${cols}}, dateformat = '%Y-%m-%d');
COMMIT;`;
}

/**
 * The canonical table from a table made from an Arrow stream of canonical columns (the demo's form: Arrow
 * types that hold the values exactly, scripts/demo/arrow.mjs), each cast to its canonical type, with the
 * computed columns: the same table directLoadSql makes from the same data as CSV. `stage`: in `database`.
 */
export function arrowLoadSql(kind: ExtractKind, stage: { database: string; table: string }, columns: string[]): string {
  const from = `${quoteIdent(stage.database)}.main.${quoteIdent(stage.table)}`;
  // A transaction writes to one database only: the stage goes after it.
  return `BEGIN TRANSACTION;
CREATE OR REPLACE TABLE ${quoteIdent(kind)} AS SELECT ${canonicalSelect(kind, columns, true)} FROM ${from};
COMMIT;
DROP TABLE ${from};`;
}

/** Every field of the extract, from the columns present (cast to its type, if asked) or as a typed NULL, then the computed columns. */
function canonicalSelect(kind: ExtractKind, present: string[], cast: boolean): string {
  const has = new Set(present);
  const select = EXTRACTS[kind].fields.map((f) => {
    const type = fieldSqlType(f.kind);
    if (!has.has(f.name)) return `CAST(NULL AS ${type}) AS ${f.name}`;
    return cast ? `CAST(${quoteIdent(f.name)} AS ${type}) AS ${quoteIdent(f.name)}` : quoteIdent(f.name);
  });
  return [...select, ...computedColumns(kind)].join(', ');
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

