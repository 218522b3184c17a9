/**
 * The SQL of loading one extract, one file per job: names.ts (the working tables and the tests on a
 * staged record), cells.ts (one cell parsed by its kind), plan.ts (fields read without the cleaning
 * macros), stage.ts (the file staged and checked), report.ts (what the load reports), subtotals.ts (an area-keyed file's subtotal rows), commit.ts (into the
 * canonical table). ingest/load.ts runs them in order.
 */
export { STAGE, REJECTS, STAGE_GOOD, ROW, quoteIdent, quoteString, dropStageSql } from './names';
export { effectivePlans, textPlansSql, castFailuresSql, typedProblemsSql, isTypedPlan, type FieldPlans } from './plan';
export { stageSql, MAX_LINE_BYTES, DECIMAL_KINDS, type ReadOptions, type StageOptions } from './stage';
export {
  duplicateKeysSql, countDuplicateKeysSql, duplicateSql, stageSummarySql, stageProblemsSql, skippedRowsSql, rejectsSql, unmatchedCodesSql
} from './report';
export { subtotalsSql } from './subtotals';
export { canonicalColumns, canonicalTablesSql, computedColumns, fieldSqlType, directLoadSql, commitSql, mergeSql } from './commit';
