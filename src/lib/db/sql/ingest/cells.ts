/**
 * One cell of a field, as SQL: parsed from its marker-free text by the field's kind (the fs_* macros,
 * db/sql/macros.ts), finished into the stored type, and the reason given when it does not parse.
 */
import type { FieldKind } from '../../../domain/extracts';

export const NUMERIC_KINDS = new Set<FieldKind>(['date', 'money', 'integer', 'number', 'decile', 'period']);

/**
 * The parsed value of a marker-free cell `v` (a column), by field kind; NULL when it does not
 * parse. Integers and deciles stay numbers here and are checked in `finishExpr`, so each cell is
 * parsed once.
 */
export function parseExpr(kind: FieldKind, v: string): string {
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
export function finishExpr(kind: FieldKind, p: string): string {
  if (kind === 'integer') return `TRY_CAST(CASE WHEN ${p} = round(${p}) THEN ${p} END AS BIGINT)`;
  if (kind === 'decile') return `fs_decile_of(${p})`;
  return p;
}

export const REASON: Record<FieldKind, string> = {
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

