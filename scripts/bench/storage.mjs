/**
 * Does the compressed storage still pay (issue 18, item 6)? The same generated referrals read into each of the
 * two in-memory storages the app could keep them in: DuckDB's default (uncompressed) and the app's compressed
 * one (src/lib/db/sql/storage.ts), each in a fresh engine, with the load time, DuckDB's memory afterwards, and
 * three record-level queries the views and the load run (an area filter with a median wait, a year's counts by
 * area and decile, the duplicate-ID check).
 *
 * Run in Node with duckdb-wasm's node build: the same wasm as the browser's, without a page, so a 10M-row CSV
 * (1.2 GB) is read from disk rather than held in the page. The statements are bare (typed read_csv, no cleaning):
 * what each storage costs, not what the app adds.
 */
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The canonical referrals columns and their types (as the app stores them: src/lib/db/sql/ingest/commit.ts). */
const COLUMNS = {
  referral_id: 'VARCHAR', referral_date: 'DATE', area_code: 'VARCHAR', referral_source: 'VARCHAR', age_band: 'VARCHAR', sex: 'VARCHAR',
  ethnic_group: 'VARCHAR', imd_decile: 'INTEGER', service_category: 'VARCHAR', provider_id: 'VARCHAR', status: 'VARCHAR',
  first_contact_date: 'DATE', end_date: 'DATE', wellbeing_pre: 'DOUBLE', wellbeing_post: 'DOUBLE'
};

const QUERIES = {
  'area filter, median wait by provider': `SELECT provider_id, count(*), median(first_contact_date - referral_date) FROM t
    WHERE area_code IN ('E08000006', 'E08000005') GROUP BY ALL`,
  "a year's referrals by area and decile": `SELECT area_code, imd_decile, count(*) FROM t
    WHERE referral_date >= DATE '2023-04-01' AND referral_date < DATE '2024-04-01' GROUP BY ALL`,
  'duplicate-ID check': 'SELECT count(*) FROM (SELECT hash(referral_id) AS h FROM t GROUP BY 1 HAVING count(*) > 1)'
};

async function openEngine() {
  const dist = path.dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));
  const duckdb = require(path.join(dist, 'duckdb-node-blocking.cjs'));
  const db = await duckdb.createDuckDB({
    mvp: { mainModule: path.join(dist, 'duckdb-mvp.wasm'), mainWorker: path.join(dist, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: path.join(dist, 'duckdb-eh.wasm'), mainWorker: path.join(dist, 'duckdb-node-eh.worker.cjs') }
  }, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  return { db, conn: db.connect(), protocol: duckdb.DuckDBDataProtocol.NODE_FS };
}

/**
 * @param {{ file: string, rows: number, storage: 'default' | 'compressed', storageSql: string }} o
 * @returns {Promise<{ storage: string, rows: number, loadMs: number | null, error: string | null, memoryMB: number | null, limit: string, queries: Record<string, number> }>}
 */
async function measureOne({ file, rows, storage, storageSql }) {
  const { db, conn, protocol } = await openEngine();
  const limit = String(conn.query("SELECT current_setting('memory_limit') AS l").toArray()[0].l);
  db.registerFileURL('extract.csv', file, protocol, false);
  // The app's own storage statement (ATTACH ... (COMPRESS); USE ...; the codecs it turns off) for the compressed run.
  if (storage === 'compressed') conn.query(storageSql);
  const columns = Object.entries(COLUMNS).map(([c, t]) => `'${c}': '${t}'`).join(', ');
  const t0 = performance.now();
  try {
    conn.query(`CREATE TABLE t AS SELECT * FROM read_csv('extract.csv', auto_detect = false, header = true, columns = {${columns}}, dateformat = '%Y-%m-%d')`);
  } catch (e) {
    return { storage, rows, loadMs: null, error: String(/** @type {Error} */ (e).message ?? e).slice(0, 200), memoryMB: null, limit, queries: {} };
  }
  const loadMs = performance.now() - t0;
  const memoryMB = Number(conn.query('SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS b FROM duckdb_memory()').toArray()[0].b) / 1e6;
  /** @type {Record<string, number>} */
  const queries = {};
  for (const [name, sql] of Object.entries(QUERIES)) {
    // Best of 3: the statement's cost, not a moment's contention.
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const q0 = performance.now();
      conn.query(sql);
      best = Math.min(best, performance.now() - q0);
    }
    queries[name] = best;
  }
  return { storage, rows, loadMs, error: null, memoryMB, limit, queries };
}

const SELF = fileURLToPath(import.meta.url);

/**
 * Both storages at each size, each in an engine of its own, in a process of its own (the memory a wasm engine
 * took is only given back when its process ends): the default first, then the compressed one.
 * @param {{ extracts: { file: string, rows: number }[], storageSql: string, log?: (s: string) => void }} o
 */
export async function measureStorage({ extracts, storageSql, log = () => {} }) {
  const out = [];
  for (const { file, rows } of extracts) {
    for (const storage of /** @type {const} */ (['default', 'compressed'])) {
      log(`storage: ${rows.toLocaleString('en-GB')} rows into the ${storage} storage…`);
      const json = execFileSync(process.execPath, [SELF, JSON.stringify({ file, rows, storage, storageSql })], { encoding: 'utf8', maxBuffer: 1 << 20 });
      out.push(/** @type {Awaited<ReturnType<typeof measureOne>>} */ (JSON.parse(json)));
    }
  }
  return out;
}

export const STORAGE_QUERIES = Object.keys(QUERIES);

// Run as a child of measureStorage: one storage, one size, the result as JSON on stdout.
if (process.argv[1] === SELF && process.argv[2]) {
  process.stdout.write(JSON.stringify(await measureOne(JSON.parse(process.argv[2]))));
}

/** The app's own storage statement, read from its TypeScript (Vite's module runner), so this never measures a copy. */
export async function appStorageSql() {
  const { runnerImport } = await import('vite');
  const { module } = await runnerImport(path.join(path.dirname(SELF), '../../src/lib/db/sql/storage.ts'), { configFile: false, logLevel: 'warn' });
  return /** @type {string} */ (module.STORAGE_SQL);
}
