/**
 * What a load reports, read from the stage: repeated keys, the counts (records, skipped, rejected,
 * loaded, suppressed cells per field), the problems by line, the skipped rows, the reader's rejected
 * lines, and which area codes a merge would leave unmatched.
 */
import { EXTRACTS, uniqueField, type ExtractKind } from '../../../domain/extracts';
import { DUPLICATE, DUPS, DUP_KEYS, GOOD, KEPT, NOTE_PROBLEM, NOTE_SKIP, PROBLEM, REJECTS, REJECT_SCANS, ROW, SKIP, STAGE, SUBTOTAL, SUBTOTALS, quoteIdent, quoteString } from './names';
import { plannedFields, type FieldPlans } from './plan';

/**
 * The hashes of keys that occur more than once among the staged records (none for an extract without a
 * key). Grouping 1M 64-bit hashes is ~35% faster than grouping the texts; a hash shared by two different
 * keys only makes duplicateSql look, and it compares the keys themselves.
 */
export function duplicateKeysSql(kind: ExtractKind): string {
  const key = uniqueField(kind);
  if (!key) return `CREATE OR REPLACE TABLE ${DUP_KEYS} (h UBIGINT)`;
  return `CREATE OR REPLACE TABLE ${DUP_KEYS} AS SELECT hash(${key}) AS h FROM ${STAGE}
    WHERE ${KEPT} AND NOT ${SUBTOTAL} AND ${key} IS NOT NULL GROUP BY ALL HAVING count(*) > 1`;
}

export const countDuplicateKeysSql = () => `SELECT count(*)::INTEGER AS n FROM ${DUP_KEYS}`;

/**
 * The records whose key repeats an earlier record's (duplicateKeysSql) or, when appending, a key already
 * loaded, as a small table of rowids beside the stage (updating the stage would rewrite its rows). `none`:
 * there is nothing to find (no repeated key, not appending), so the table is made empty without a scan.
 */
export function duplicateSql(kind: ExtractKind, appendTo: string | null, none = false): string {
  const key = uniqueField(kind);
  if (!key || none) return `CREATE OR REPLACE TABLE ${DUPS} (id BIGINT, in_table BOOLEAN)`;
  const existing = appendTo ? `OR (rn = 1 AND ${key} IN (SELECT ${key} FROM ${quoteIdent(appendTo)}))` : '';
  // in_table: the first of its key in the file, repeating one already loaded (said so in the problem list).
  return `CREATE OR REPLACE TABLE ${DUPS} AS
      SELECT id, rn = 1 AS in_table FROM (
        SELECT rowid AS id, ${key}, row_number() OVER (PARTITION BY ${key} ORDER BY rowid) AS rn FROM ${STAGE}
        WHERE ${KEPT} AND NOT ${SUBTOTAL} AND ${key} IS NOT NULL
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
    (SELECT count(*) FROM noted WHERE ${NOTE_SKIP}) + (SELECT count(*) FROM ${SUBTOTALS}) AS skipped,
    (SELECT count(*) FROM (SELECT id FROM noted WHERE ${NOTE_PROBLEM} UNION SELECT id FROM ${DUPS})) AS rejected)
  SELECT records::INTEGER AS records, skipped::INTEGER AS skipped, rejected::INTEGER AS rejected,
    (records - skipped - rejected)::INTEGER AS loaded,
    ${supp.length ? `(SELECT {${supp.join(', ')}} FROM (SELECT unnest(_notes) AS n FROM noted) WHERE n.reason = '_suppressed')` : 'NULL'} AS suppressed
  FROM counts`;
}

export function stageProblemsSql(kind: ExtractKind, limit: number): string {
  const key = uniqueField(kind);
  const dup = key
    ? `CASE WHEN ${DUPLICATE} THEN [{'column': '${key}', 'value': CAST(${key} AS VARCHAR), 'reason': 'duplicate ${key.replace('_', ' ')} (' ||
        CASE WHEN (SELECT bool_or(in_table) FROM ${DUPS} d WHERE d.id = ${STAGE}.rowid) THEN 'already loaded in the ${kind} table' ELSE 'already on an earlier line' END || ')'}] ELSE [] END`
    : '[]';
  return `SELECT _row, p.column AS "column", p.value AS value, p.reason AS reason
    FROM (SELECT ${ROW} AS _row, unnest(list_concat(list_filter(coalesce(_notes, []), x -> NOT starts_with(x.reason, '_')), ${dup})) AS p
      FROM ${STAGE} WHERE ${PROBLEM} OR ${DUPLICATE})
    ORDER BY _row LIMIT ${limit | 0}`;
}

/** The skipped rows to list: `_c0` their first cell, or for a subtotal row (`subtotal`, subtotals.ts) what it is. */
export function skippedRowsSql(): string {
  return `SELECT * FROM (SELECT ${ROW} AS _row, _notes[1].value AS _c0, false AS subtotal FROM ${STAGE} WHERE ${SKIP} AND _notes[1].value IS NOT NULL
    UNION ALL SELECT id + 1, what, true FROM ${SUBTOTALS}) ORDER BY _row LIMIT 50`;
}

export function rejectsSql(): string {
  // `file`: the file the line is in (a slice of a large file numbers its lines from 1: ingest/slices.ts).
  return `SELECT e.line::INTEGER AS line, e.error_type::VARCHAR AS error_type, e.csv_line::VARCHAR AS csv_line,
    e.column_idx::INTEGER AS column_idx, e.error_message::VARCHAR AS error_message, s.file_path::VARCHAR AS file
  FROM ${REJECTS} e JOIN ${REJECT_SCANS} s USING (scan_id, file_id) ORDER BY e.scan_id, e.line`;
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

