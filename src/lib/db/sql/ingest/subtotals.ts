/**
 * Subtotal rows of an area-keyed extract (population, funding): a row whose area holds other areas of the same
 * file (domain/area-codes.ts SUBTOTAL_AREAS: England above its districts, a county above its districts, an ICB
 * above its sub-ICB locations) does not load, and the load report lists it as skipped with its code and name.
 * Kept as a small table of rowids beside the stage, as the repeated keys are: updating a list column would
 * rewrite the rows and lose their order, which numbers the lines.
 */
import { SUBTOTAL_AREAS } from '../../../domain/area-codes';
import { KEPT, NOTE_PROBLEM, NOTE_SKIP, STAGE, SUBTOTALS, quoteString } from './names';

const list = (xs: readonly string[]) => xs.map(quoteString).join(', ');

/**
 * The stage's subtotal rows as SUBTOTALS (id, what: 'country total ("E92000001 ENGLAND")'); empty when `find`
 * is null (an extract that is not one row an area, or a merge, whose rows only add columns to areas loaded).
 * `find.hasName`: the file has an area name column. Only rows that would otherwise load are looked at.
 */
export function subtotalsSql(find: { hasName: boolean } | null): string {
  if (!find) return `CREATE OR REPLACE TABLE ${SUBTOTALS} (id BIGINT, what VARCHAR)`;
  const prefix = 'left(area_code, 3)';
  // Whether the file has a row (not itself skipped) for an area the entry holds.
  const holds = (e: (typeof SUBTOTAL_AREAS)[number]) =>
    `EXISTS (SELECT 1 FROM ${STAGE} WHERE ${KEPT} AND ${e.holds === '*' ? `${prefix} NOT IN (${list(e.prefixes)})` : `${prefix} IN (${list(e.holds)})`})`;
  const what = `CASE ${SUBTOTAL_AREAS.map((e) => `WHEN ${prefix} IN (${list(e.prefixes)}) THEN ${quoteString(e.what)}`).join(' ')} END`;
  const shown = find.hasName ? `area_code || coalesce(' ' || area_name, '')` : 'area_code';
  return `CREATE OR REPLACE TABLE ${SUBTOTALS} AS SELECT rowid AS id, ${what} || ' ("' || ${shown} || '")' AS what FROM ${STAGE}
    WHERE (_notes IS NULL OR NOT (${NOTE_SKIP} OR ${NOTE_PROBLEM})) AND area_code IS NOT NULL
      AND (${SUBTOTAL_AREAS.map((e) => `(${prefix} IN (${list(e.prefixes)}) AND ${holds(e)})`).join('\n      OR ')})`;
}
