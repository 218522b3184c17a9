/**
 * Staging a registered file (db/sql/ingest.ts) with fast plans: the columns whose first rows look clean
 * (ingest/plans.ts) are typed with plain DuckDB casts; the file is staged once; then each plan is checked
 * exactly, on every distinct text its column holds in the staged file, and a column where one fails is
 * staged again through the full cleaning chain. The result is always the full chain's; a clean file is
 * read only once.
 */
import type { DbClient } from '../db/client';
import { failedPlans, fieldPlansSql, stageSql, type FieldPlans, type ReadOptions } from '../db/sql/ingest';
import type { ExtractKind } from '../domain/extracts';
import { guessPlans } from './plans';

type PlanRow = { field: string; fits: boolean[] };

/**
 * Stage the file; returns the plans it was staged with (the commit drops their helper columns).
 * `sampleRows`: the rows the sniffer parsed (the guess is made on them).
 */
export async function stageFile(
  db: DbClient, kind: ExtractKind, mapping: Record<string, number>, read: ReadOptions, today: string, sampleRows: string[][]
): Promise<FieldPlans> {
  let plans = guessPlans(kind, mapping, sampleRows);
  await db.exec(stageSql(kind, mapping, read, today, { plans, store: true }));
  const check = fieldPlansSql(kind, mapping, plans);
  const failed = check ? failedPlans(plans, await db.query<PlanRow>(check)) : [];
  if (!failed.length) return plans;
  // A text further down the file that the cast would read differently (a marker, a space, another date
  // format): stage again, through the full chain for those columns. Unreadable lines are logged already.
  plans = Object.fromEntries(Object.entries(plans).filter(([f]) => !failed.includes(f)));
  await db.exec(stageSql(kind, mapping, read, today, { plans, store: false }));
  return plans;
}
