/**
 * Plans: a field whose cells in the sample all read one simple way (a date in one format, a plain number,
 * text already canonical) is read by DuckDB's typed CSV reader or taken as it is, instead of running the
 * cleaning macros on every cell. The plan is checked on the staged file; a plan that fails is staged
 * again without it (ingest/stage.ts).
 */
import { EXTRACTS, type ExtractKind, type FieldKind } from '../../../domain/extracts';
import { REQUIRED_EMPTY, REJECTS, STAGE, quoteIdent, quoteString } from './names';
import { finishExpr, parseExpr } from './cells';

/**
 * Fields whose plan is to be typed by DuckDB's CSV reader, as bare read_csv types a file: the reader's
 * type, and (dates) the format of each candidate. A cell the reader cannot read is logged as a CAST
 * reject, and the field is staged again through the cleaning chain; a cell it reads is read as the chain
 * would (fs_number and fs_money start with the same cast; fs_date reads these two shapes with these
 * formats), which tests/unit/ingest-plans.test.ts checks on odd spellings.
 */
export const READER_TYPE: Partial<Record<FieldKind, string>> = { date: 'DATE', integer: 'DOUBLE', number: 'DOUBLE', decile: 'DOUBLE', money: 'DOUBLE' };
export const DATE_FORMATS = ['%Y-%m-%d', '%d/%m/%Y'];
export const readerTyped = (kind: FieldKind) => READER_TYPE[kind] !== undefined;

/** The chain's parse step (parseExpr) for a value the reader has typed already. */
export function readerParseExpr(kind: FieldKind, x: string): string {
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
export const IDENTITY = new Set<FieldKind>(['text', 'code', 'status', 'age_band']);

/**
 * The mapped fields that take their plan: never identifiers (as many values as rows, and their chain is
 * cheap already) nor periods (the stage derives dates from them, which would fail on a wrong plan before
 * it could be checked); dates only in the first planned date's format (the reader takes one format); no
 * reader-typed field in the first column, which the stage also reads as text (skipped rows, totals).
 * The stage, its checks, the summary and the commit all go by this one list.
 */
export function plannedFields(kind: ExtractKind, mapping: Record<string, number>, plans: FieldPlans) {
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
export function spelled(kind: FieldKind, plan: number, x: string): string {
  switch (kind) {
    case 'date':
      return `strftime(${x}, ${quoteString(DATE_FORMATS[plan] ?? DATE_FORMATS[0]!)})`;
    case 'money':
      return `CAST(${x} AS VARCHAR)`;
    default:
      return `CASE WHEN ${x} = round(${x}) AND abs(${x}) < 1e15 THEN CAST(CAST(${x} AS BIGINT) AS VARCHAR) ELSE CAST(${x} AS VARCHAR) END`;
  }
}

