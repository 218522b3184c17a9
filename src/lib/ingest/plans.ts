/**
 * A first guess at each column's fast plan (db/sql/ingest.ts FieldPlans), from the rows the sniffer
 * already parsed: whether the cells look like what DuckDB's CSV reader types (dates, numbers) or what the
 * cleaning chain leaves as it is (text) the way the chain would read them. Only a guess: the plans are
 * checked exactly on the staged file, and a wrong one costs a second staging, never a different result
 * (ingest/stage.ts). A column this finds messy goes straight through the full chain.
 */
import type { FieldPlans } from '../db/sql/ingest';
import { BANDS, MISSING, STATUSES, TEXT_MARKERS } from '../db/sql/macros';
import { EXTRACTS, type ExtractKind, type FieldKind } from '../domain/extracts';

const ISO = /^\d{4}-\d{2}-\d{2}$/;
const UK = /^\d{2}\/\d{2}\/\d{4}$/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
const CODE = /^[A-Z0-9]+$/;
const NOT_TEXT = new Set([...TEXT_MARKERS, ...MISSING]);

/** The plan all of `cells` fit (a date format's index, else 0), or null. */
function guess(kind: FieldKind, cells: string[]): number | null {
  const all = (test: (c: string) => boolean) => cells.every(test);
  switch (kind) {
    case 'date':
      return all((c) => ISO.test(c)) ? 0 : all((c) => UK.test(c)) ? 1 : null;
    case 'integer':
    case 'number':
    case 'decile':
    case 'money':
      return all((c) => PLAIN_NUMBER.test(c)) ? 0 : null;
    case 'status':
      return all((c) => STATUSES.includes(c)) ? 0 : null;
    case 'age_band':
      return all((c) => BANDS.includes(c)) ? 0 : null;
    case 'code':
      return all((c) => CODE.test(c)) ? 0 : null;
    case 'text':
      return all((c) => c.trim() === c && !NOT_TEXT.has(c)) ? 0 : null;
    default:
      // Periods never: the stage derives dates from them (funding's period_start), which would fail on a
      // wrongly planned text before the plan could be checked. Funding files are small anyway.
      return null;
  }
}

/** Plans for the mapped fields (identifiers never have one) that every non-blank sample cell fits. */
export function guessPlans(kind: ExtractKind, mapping: Record<string, number>, rows: string[][]): FieldPlans {
  const out: FieldPlans = {};
  for (const f of EXTRACTS[kind].fields) {
    const col = mapping[f.name];
    if (col === undefined || f.kind === 'id') continue;
    const cells = rows.map((r) => r[col] ?? '').filter((c) => c !== '');
    const i = guess(f.kind, cells);
    if (i !== null) out[f.name] = i;
  }
  return out;
}
