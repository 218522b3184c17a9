/**
 * Staging a registered file (db/sql/ingest.ts) with fast plans: the columns whose first rows look clean
 * (ingest/plans.ts) skip the cleaning chain, dates and numbers typed by DuckDB's CSV reader as a bare
 * read_csv types them, text taken as it is. The file is staged once; then each plan is checked exactly (a
 * typed column must have no cell the reader could not read; a text column's every distinct text must be
 * what the chain makes of it), and a column where one fails is staged again through the full chain. The
 * result is always the full chain's; a clean file is read only once.
 */
import type { DbClient } from '../db/client';
import {
  castFailuresSql, countDuplicateKeysSql, subtotalsSql, DECIMAL_KINDS, duplicateKeysSql, duplicateSql, effectivePlans, isTypedPlan, stageSql, textPlansSql, typedProblemsSql,
  type FieldPlans, type ReadOptions
} from '../db/sql/ingest';
import { EXTRACTS, type ExtractKind } from '../domain/extracts';
import { guessPlans } from './plans';

/**
 * Stage the file; returns the plans it was staged with (the summary and the commit need them).
 * `reads`: the file, or its slices in order (ingest/slices.ts), each staged by a statement of its own.
 * `sampleRows`: the rows the sniffer parsed (the guess is made on them).
 */
export async function stageFile(
  db: DbClient, kind: ExtractKind, mapping: Record<string, number>, reads: ReadOptions[], today: string, sampleRows: string[][],
  onProgress?: (text: string) => void
): Promise<FieldPlans> {
  const stage = async (plans: FieldPlans, store: boolean) => {
    for (const [i, read] of reads.entries()) {
      onProgress?.(reads.length > 1 ? `Checking and loading part ${i + 1} of ${reads.length}…` : 'Checking and loading the file…');
      await db.exec(stageSql(kind, mapping, read, today, { plans, store, append: i > 0 }));
    }
  };
  // A plan reads a number as DuckDB does (15.000 as fifteen): none for numbers written with a decimal comma.
  const guessed = guessPlans(kind, mapping, sampleRows);
  const numeric = (f: string) => DECIMAL_KINDS.has(EXTRACTS[kind].fields.find((x) => x.name === f)?.kind ?? 'text');
  let plans = effectivePlans(kind, mapping, reads[0]?.decimalComma ? without(guessed, numeric) : guessed);
  await stage(plans, true);
  const castCols = new Set((await db.query<{ col: number }>(castFailuresSql())).map((r) => r.col));
  const failed = new Set(Object.keys(plans).filter((f) => castCols.has(mapping[f]!)));
  for (const f of await textPlanFailures(db, kind, mapping, plans)) failed.add(f);
  const typedProblems = typedProblemsSql(kind, mapping, plans);
  if (typedProblems) for (const r of await db.query<{ field: string }>(typedProblems)) failed.add(r.field);
  // (A cast failure always names a planned column; were one ever to name none, the restage below still runs,
  // since the first read dropped that row.)
  if (!failed.size && !castCols.size) return plans;
  // A cell further down the file that a plan would read differently (a marker, a space, another date
  // format, a value with a problem to show as written): stage again, through the full chain for those
  // columns. Unreadable lines are logged already (load.ts drops the first read's cast failures). A row the
  // reader dropped for a cast failure was in no column's check: then every typed plan goes (the second
  // read logs nothing, so none may drop a row), and the text plans are checked again on the full stage.
  const dropped = castCols.size > 0;
  plans = without(plans, (f) => failed.has(f) || (dropped && isTypedPlan(kind, f)));
  await stage(plans, false);
  if (!dropped) return plans;
  const again = await textPlanFailures(db, kind, mapping, plans);
  if (!again.length) return plans;
  plans = without(plans, (f) => again.includes(f));
  await stage(plans, false);
  return plans;
}

const without = (plans: FieldPlans, drop: (field: string) => boolean): FieldPlans =>
  Object.fromEntries(Object.entries(plans).filter(([f]) => !drop(f)));

async function textPlanFailures(db: DbClient, kind: ExtractKind, mapping: Record<string, number>, plans: FieldPlans): Promise<string[]> {
  const check = textPlansSql(kind, mapping, plans);
  return check ? (await db.query<{ field: string; fits: boolean }>(check)).filter((r) => !r.fits).map((r) => r.field) : [];
}

/**
 * Find the staged records that do not load although nothing in them is wrong: subtotal rows of an area-keyed
 * file (`subtotals`: look for them, db/sql/ingest/subtotals.ts), then records whose key repeats
 * (db/sql/ingest.ts duplicateSql). The repeated keys are found first; a clean file has none, and then the
 * records are not scanned again (at 1M rows, 0.35 s to 0.15 s).
 */
export async function findDuplicates(db: DbClient, kind: ExtractKind, appendTo: string | null, subtotals: { hasName: boolean } | null = null): Promise<void> {
  await db.exec(subtotalsSql(subtotals));
  await db.exec(duplicateKeysSql(kind));
  const [keys] = await db.query<{ n: number }>(countDuplicateKeysSql());
  await db.exec(duplicateSql(kind, appendTo, !appendTo && !keys?.n));
}
