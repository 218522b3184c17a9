/**
 * An extract shipped as an Arrow IPC stream of canonical columns (the demo data: scripts/demo/arrow.mjs),
 * loaded the fastest way the engine has: the stream becomes a table as it is, in DuckDB's uncompressed scratch
 * database (db/sql/storage.ts SCRATCH_DATABASE), then the canonical table is made from it with each column cast
 * to its type (db/sql/ingest/commit.ts arrowLoadSql). Nothing is parsed or
 * validated: only files the app itself wrote come this way. A stream that cannot be read leaves the tables as
 * they were and says so.
 */
import type { DbClient } from '../db/client';
import { arrowLoadSql } from '../db/sql/ingest/commit';
import { SCRATCH_DATABASE } from '../db/sql/storage';
import { columnsInSql } from '../db/sql/workspace';
import { emptyReport, trustedLoadReport, type LoadOptions, type LoadReport } from './load';

const STAGE = '_fs_arrow_stage';

export const isArrowPath = (path: string) => /\.arrows?$/i.test(path);

export async function loadArrowExtract(db: DbClient, fileName: string, bytes: Uint8Array, opts: Pick<LoadOptions, 'kind' | 'origin'>): Promise<LoadReport> {
  const started = performance.now();
  try {
    await db.exec(`DROP TABLE IF EXISTS ${SCRATCH_DATABASE}.main.${STAGE}`);
    await db.insertArrowIpc(STAGE, bytes, SCRATCH_DATABASE);
    const columns = (await db.query<{ name: string }>(columnsInSql, [SCRATCH_DATABASE, STAGE])).map((c) => c.name);
    await db.exec(arrowLoadSql(opts.kind, { database: SCRATCH_DATABASE, table: STAGE }, columns));
    return await trustedLoadReport(db, fileName, opts, started);
  } catch (e) {
    await db.exec('ROLLBACK').catch(() => undefined);
    await db.exec(`DROP TABLE IF EXISTS ${SCRATCH_DATABASE}.main.${STAGE}`).catch(() => undefined);
    return { ...emptyReport(fileName, opts.kind), message: `${fileName} could not be read as Arrow: ${(e as Error).message}`, durationMs: Math.round(performance.now() - started) };
  }
}
