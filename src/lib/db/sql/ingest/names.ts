/**
 * The working tables of one load and the tests on a staged record, shared by the steps of a load
 * (plan, stage, report, commit): which records are skipped (blank, a note or a totals row), which have a
 * problem, which repeat a key, and so which load. Defined once here.
 */

/** Each record typed and checked, in the compressed storage; it becomes the canonical table by renaming. */
export const STAGE = '_fs_stage';
export const REJECTS = '_fs_rejects';
export const REJECT_SCANS = '_fs_reject_scans';
/** Rowids of staged records whose key repeats an earlier one (report.ts duplicateSql). */
export const DUPS = '_fs_dups';
/** Hashes of keys that occur more than once (report.ts duplicateKeysSql). */
export const DUP_KEYS = '_fs_dupkeys';
/** Rowids of staged records that are subtotals of other records' areas, and what each is (subtotals.ts). */
export const SUBTOTALS = '_fs_subtotals';

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
export const NOTE_SKIP = `_notes[1].reason = '_skip'`;
export const NOTE_PROBLEM = `NOT starts_with(_notes[1].reason, '_')`;
export const SKIP = `(_notes IS NOT NULL AND ${NOTE_SKIP})`;
export const PROBLEM = `(_notes IS NOT NULL AND ${NOTE_PROBLEM})`;
export const DUPLICATE = `rowid IN (SELECT id FROM ${DUPS})`;
/** A country's, region's or county's row among its own areas (skipped, as a totals row is). */
export const SUBTOTAL = `rowid IN (SELECT id FROM ${SUBTOTALS})`;
/** Not skipped (the records a key may repeat among). */
export const KEPT = `(_notes IS NULL OR NOT ${NOTE_SKIP})`;
/** A record that does not load: skipped, with a problem, a subtotal, or with a repeated key. */
export const NOT_LOADED = `(_notes IS NOT NULL AND (${NOTE_SKIP} OR ${NOTE_PROBLEM})) OR ${DUPLICATE} OR ${SUBTOTAL}`;
/** A record that loads. */
export const GOOD = `(_notes IS NULL OR NOT (${NOTE_SKIP} OR ${NOTE_PROBLEM})) AND NOT ${DUPLICATE} AND NOT ${SUBTOTAL}`;
/** A staged record that will load (for steps outside the load's SQL that look at the stage). */
export const STAGE_GOOD = GOOD;

/** Reasons the stage's bad-row test and the plan check tell apart from the rest. */
export const REQUIRED_EMPTY = 'required field is empty';
export const BEFORE_1900 = 'date before 1900: check the year';
export const IN_FUTURE = 'date is in the future';

export const quoteIdent = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const quoteString = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** A staged record's 1-based position among the records DuckDB kept (insertion order is file order). */
export const ROW = '(rowid + 1)';

/** Drop every working table of a load. */
export function dropStageSql(): string {
  return `DROP TABLE IF EXISTS ${STAGE}; DROP TABLE IF EXISTS ${DUPS}; DROP TABLE IF EXISTS ${DUP_KEYS}; DROP TABLE IF EXISTS ${SUBTOTALS}; DROP TABLE IF EXISTS ${REJECTS}; DROP TABLE IF EXISTS ${REJECT_SCANS};`;
}
