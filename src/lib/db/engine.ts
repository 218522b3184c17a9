/**
 * The browser's DuckDB: duckdb-wasm in a Web Worker, its wasm and worker files bundled by Vite
 * and served from our own origin (never a CDN). Started lazily on first use and shared by the
 * whole app, because one instance costs ~250 MB and a few seconds to start.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import type { DbClient, SandboxRun, SqlParam } from './client';
import { toPlainRows } from './client';
import { MACROS_SQL } from './sql/macros';
import { STORAGE_DATABASE, STORAGE_SQL } from './sql/storage';
import { StatementCache } from './statement-cache';
import { onlyReads, SendOrder } from './send-order';

let starting: Promise<DbClient> | null = null;

/**
 * `npm run bench` sets globalThis.__fairshareTrace to an array to learn where a view's redraw time goes
 * (queries against drawing); each query then adds its start, duration and first words. Off otherwise.
 */
function trace(sql: string, t0: number): void {
  const log = (globalThis as { __fairshareTrace?: { sql: string; start: number; ms: number }[] }).__fairshareTrace;
  if (Array.isArray(log)) log.push({ sql: sql.replace(/\s+/g, ' ').slice(0, 80), start: t0, ms: performance.now() - t0 });
}

/**
 * The worker is started from a blob: URL that loads DuckDB's worker script (same origin) with
 * importScripts. A worker started straight from its http URL takes its Content-Security-Policy from its
 * own response headers, so the page's <meta> policy would not reach it and DuckDB could be asked to read a
 * URL elsewhere (measured: it did). A blob: worker inherits the page's policy, so connect-src 'self'
 * holds inside DuckDB too (docs/security.md).
 */
function inheritingWorkerUrl(scriptUrl: string): string {
  const source = `importScripts(${JSON.stringify(scriptUrl)});`;
  return URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
}

export function getDb(): Promise<DbClient> {
  starting ??= start().catch((e) => {
    starting = null;
    throw e;
  });
  return starting;
}

async function start(): Promise<DbClient> {
  const bundles: duckdb.DuckDBBundles = {
    mvp: { mainModule: new URL(mvpWasm, location.href).href, mainWorker: new URL(mvpWorker, location.href).href },
    eh: { mainModule: new URL(ehWasm, location.href).href, mainWorker: new URL(ehWorker, location.href).href }
  };
  const bundle = await duckdb.selectBundle(bundles);
  const worker = new Worker(inheritingWorkerUrl(bundle.mainWorker!));
  const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
  await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
  // Extensions are never fetched: everything we need (CSV) is built in.
  await db.open({ query: { castBigIntToDouble: false } });
  const conn = await db.connect();

  // Reads are sent at once, changes one at a time (send-order.ts says why).
  const order = new SendOrder();
  const serial = <T>(fn: () => Promise<T>) => order.change(fn);
  const send = <T>(sql: string, fn: () => Promise<T>) => (onlyReads(sql) ? order.read(fn) : order.change(fn));
  const statements = new StatementCache((sql) => conn.prepare(sql));
  const run = async (sql: string, params: SqlParam[] = []) => {
    const t0 = performance.now();
    try {
      if (params.length === 0) return await conn.query(sql);
      return await statements.run(sql, (stmt) => stmt.query(...params));
    } finally {
      trace(sql, t0);
    }
  };
  // The SQL console's connection: its own, so its transaction (always rolled back) never holds up or
  // undoes the app's. Made on first use; made again if a rollback ever fails.
  let sandboxConn: Promise<duckdb.AsyncDuckDBConnection> | null = null;
  let sandboxQueue: Promise<unknown> = Promise.resolve();
  const sandbox = <T>(fn: (run: SandboxRun) => Promise<T>): Promise<T> => {
    const body = async () => {
      sandboxConn ??= db.connect().then(async (c) => {
        // USE is per connection: the console reads the tables the app reads.
        await c.query(`USE ${STORAGE_DATABASE}`);
        return c;
      });
      const c = await sandboxConn;
      await c.query('BEGIN TRANSACTION');
      try {
        return await fn({
          prepared: async (sql, params = []) => {
            const stmt = await c.prepare(sql);
            try {
              return await stmt.query(...params);
            } finally {
              await stmt.close();
            }
          },
          direct: (sql) => c.query(sql)
        });
      } finally {
        try {
          await c.query('ROLLBACK');
        } catch {
          sandboxConn = null;
          await c.close().catch(() => undefined);
        }
      }
    };
    const next = sandboxQueue.then(body, body);
    sandboxQueue = next.catch(() => undefined);
    return next;
  };
  const client: DbClient = {
    sandbox,
    exec: (sql) => serial(async () => {
      const t0 = performance.now();
      try {
        await conn.query(sql);
      } finally {
        trace(sql, t0);
      }
    }),
    query: (sql, params) => send(sql, async () => toPlainRows(await run(sql, params))),
    arrow: (sql, params) => send(sql, () => run(sql, params)),
    registerFile: (name, bytes) => serial(() => db.registerFileBuffer(name, bytes)),
    registerBlob: (name, blob) => serial(() => db.registerFileHandle(name, blob, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true)),
    dropFile: (name) => serial(async () => void (await db.dropFile(name))),
    arrowIpc: (sql) => serial(() => conn.useUnsafe((bindings, id) => bindings.runQuery(id, sql))),
    // duckdb-wasm names the table's schema only; DuckDB takes a database's name there as that database's main schema.
    insertArrowIpc: (name, bytes, database) => serial(() => conn.insertArrowFromIPCStream(bytes, { name, create: true, ...(database ? { schema: database } : {}) }))
  };
  // Storage first: macros are created in the database in use.
  await client.exec(STORAGE_SQL);
  await client.exec(MACROS_SQL);
  return client;
}
