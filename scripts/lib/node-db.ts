/**
 * A DbClient over duckdb-wasm's node build, so the app's own SQL runs in a real DuckDB outside the browser: the
 * unit tests, and the demo's first view made at build time (scripts/demo/first-view.ts).
 * Start-up costs a few seconds: share one instance per test file (beforeAll).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { DbClient, SqlParam } from '../../src/lib/db/client';
import { toPlainRows } from '../../src/lib/db/client';
import { MACROS_SQL } from '../../src/lib/db/sql/macros';
import { STORAGE_DATABASE, STORAGE_SQL } from '../../src/lib/db/sql/storage';
import { rebuildAreaPopulationSql } from '../../src/lib/db/sql/reference';
import { rebuildAggregatesSql } from '../../src/lib/db/sql/aggregates';
import { existingTablesSql } from '../../src/lib/db/sql/tables';
import { StatementCache } from '../../src/lib/db/statement-cache';

const require = createRequire(import.meta.url);

export async function openNodeDb(): Promise<DbClient> {
  const duckdb = require('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs');
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const bundles = {
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') }
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect();
  // The same statement cache as the browser engine, so every unit test also runs through it
  // (including those that replace a table and query it again).
  const statements = new StatementCache(async (sql: string) => {
    const stmt = conn.prepare(sql);
    return { query: async (...params: SqlParam[]) => stmt.query(...params), close: async () => stmt.close() };
  });
  // The app rebuilds area_population (the population the measures read) and the referrals' summary
  // tables after every change of the data (dataset.refresh). Tests change tables with exec, so any exec
  // marks them stale and the next query rebuilds them first, with the app's own SQL: area_population
  // always, the summary tables when the query reads them (building them after every exec of a test that
  // stages files over and over would cost it more than its own work).
  let stale = true;
  let summariesStale = true;
  const rebuild = (sql: string | null) => {
    if (stale) {
      stale = false;
      const tables = (conn.query(existingTablesSql).toArray() as { table_name: string }[]).map((r) => String(r.table_name));
      conn.query(rebuildAreaPopulationSql(new Set(tables)));
    }
    if (!summariesStale || (sql !== null && !sql.includes('_fs_agg_'))) return;
    summariesStale = false;
    const tables = (conn.query(existingTablesSql).toArray() as { table_name: string }[]).map((r) => String(r.table_name));
    // As tablesWithData: referrals count once the table has rows.
    const referrals = tables.includes('referrals') && Number((conn.query('SELECT count(*) AS n FROM referrals').toArray()[0] as { n: unknown }).n) > 0;
    // Hand-made tables may hold only the columns a test needs: the summaries read the others as NULL.
    const columns = referrals
      ? new Set((conn.query(`SELECT column_name FROM duckdb_columns() WHERE table_name = 'referrals' AND database_name = current_database()`).toArray() as { column_name: string }[]).map((r) => String(r.column_name)))
      : undefined;
    // The other tables as they are (providers give the sources their sectors; locations, centres and funding years
    // give the access summary); the referrals only when they have rows, as tablesWithData says.
    conn.query(rebuildAggregatesSql(new Set(tables.filter((t) => t !== 'referrals' || referrals)), columns));
  };
  const run = async (sql: string, params: SqlParam[] = []) => {
    rebuild(sql);
    if (params.length === 0) return conn.query(sql);
    return statements.run(sql, (stmt) => stmt.query(...params));
  };
  // As the browser engine: the sandbox is a connection of its own, in a transaction always rolled back.
  let sandboxConn: ReturnType<typeof db.connect> | null = null;
  const client: DbClient = {
    async sandbox(fn) {
      rebuild(null);
      if (!sandboxConn) {
        sandboxConn = db.connect();
        sandboxConn.query(`USE ${STORAGE_DATABASE}`);
      }
      const c = sandboxConn;
      c.query('BEGIN TRANSACTION');
      try {
        return await fn({
          prepared: async (sql: string, params: SqlParam[] = []) => {
            const stmt = c.prepare(sql);
            try {
              return stmt.query(...params);
            } finally {
              stmt.close();
            }
          },
          direct: async (sql: string) => c.query(sql)
        });
      } finally {
        c.query('ROLLBACK');
      }
    },
    async exec(sql) {
      conn.query(sql);
      stale = true;
      summariesStale = true;
    },
    async query(sql, params) {
      return toPlainRows(await run(sql, params));
    },
    async arrow(sql, params) {
      return run(sql, params);
    },
    async registerFile(name, bytes) {
      db.registerFileBuffer(name, bytes);
    },
    async registerBlob(name, blob) {
      // The node build has no browser file reader: the same bytes, read whole.
      db.registerFileBuffer(name, new Uint8Array(await blob.arrayBuffer()));
    },
    async dropFile(name) {
      db.dropFile(name);
    },
    async arrowIpc(sql) {
      rebuild(sql);
      return conn.useUnsafe((bindings: { runQuery(id: number, sql: string): Uint8Array }, id: number) => bindings.runQuery(id, sql));
    },
    async insertArrowIpc(name, bytes, database) {
      conn.insertArrowFromIPCStream(bytes, { name, create: true, ...(database ? { schema: database } : {}) });
      stale = true;
      summariesStale = true;
    }
  };
  // As the browser engine (engine.ts): compressed storage, then the macros.
  await client.exec(STORAGE_SQL);
  await client.exec(MACROS_SQL);
  return client;
}
