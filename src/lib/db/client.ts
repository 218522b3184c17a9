/**
 * The one small interface the rest of the app uses to talk to DuckDB. The browser implementation
 * (engine.ts) runs duckdb-wasm in a Web Worker; tests use the same interface over the node build,
 * so every SQL builder runs against a real DuckDB in unit tests too.
 */
import type { Table } from 'apache-arrow';

export type SqlParam = string | number | boolean | null;

/** How code inside a sandbox (DbClient.sandbox) runs a statement. */
export interface SandboxRun {
  /** One statement, prepared (DuckDB refuses a text holding two), with `?` parameters bound. */
  prepared(sql: string, params?: SqlParam[]): Promise<Table>;
  /**
   * One statement run as it is: only for a statement DuckDB cannot prepare (PIVOT, which DuckDB turns
   * into two). The caller must have checked it is one statement (db/sql/console-guard.ts).
   */
  direct(sql: string): Promise<Table>;
}

export interface DbClient {
  /** Run a statement (or several separated by `;`) that returns nothing of interest. */
  exec(sql: string): Promise<void>;
  /** Run one query with `?` parameters bound by DuckDB (never interpolated). */
  query<T = Record<string, unknown>>(sql: string, params?: SqlParam[]): Promise<T[]>;
  /** The same, returning the Arrow table (for large results handed to charts as columns). */
  arrow(sql: string, params?: SqlParam[]): Promise<Table>;
  /** Make bytes readable by read_csv under `name`. The buffer may be transferred (detached). */
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  /** Make a file (or a slice of one) readable by read_csv under `name`, read in blocks when queried: no copy made up front. */
  registerBlob(name: string, blob: Blob): Promise<void>;
  dropFile(name: string): Promise<void>;
  /** A query's whole result as an Arrow IPC stream, straight from the engine (no rows decoded on the page): how a table is kept. */
  arrowIpc(sql: string): Promise<Uint8Array>;
  /** Create table `name` from an Arrow IPC stream written by arrowIpc; in `database` when given (else the app's). */
  insertArrowIpc(name: string, bytes: Uint8Array, database?: string): Promise<void>;
  /**
   * Run `fn` on a connection of its own, inside a transaction that is always rolled back afterwards, so
   * whatever its statements do is undone and the app's own connection never sees it (the SQL console's
   * last line of defence). Sandboxes run one at a time.
   */
  sandbox<T>(fn: (run: SandboxRun) => Promise<T>): Promise<T>;
}

/** Arrow rows to plain objects: BigInt counts become numbers, DATE columns ISO strings. */
export function toPlainRows<T>(table: Table): T[] {
  const out: T[] = [];
  const dateFields = new Set(
    table.schema.fields.filter((f) => String(f.type).startsWith('Date')).map((f) => f.name)
  );
  for (const row of table.toArray()) {
    const obj = row.toJSON() as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (typeof v === 'bigint') obj[k] = Number(v);
      else if (dateFields.has(k) && typeof v === 'number') obj[k] = new Date(v).toISOString().slice(0, 10);
      else if (v && typeof v === 'object' && 'toJSON' in v && typeof (v as { toJSON: unknown }).toJSON === 'function' && !(v instanceof Date)) {
        obj[k] = JSON.parse(JSON.stringify(v, (_k, x) => (typeof x === 'bigint' ? Number(x) : x)));
      }
    }
    out.push(obj as T);
  }
  return out;
}
