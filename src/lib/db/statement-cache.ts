/**
 * Prepared statements kept by SQL text, least recently used dropped first. A view's query text depends
 * only on which tables exist and how many values each filter has (the values are bound), so changing a
 * filter back and forth re-runs the same few texts; preparing one again costs DuckDB-wasm 5–40 ms of
 * parsing and planning each time (the Capacity view's funding timeline: ~30 ms of its ~35).
 *
 * DuckDB re-plans a prepared statement itself when a table it reads has been replaced since. A cached
 * statement that fails anyway (a table dropped) is closed and the query tried once with a fresh one, so
 * a stale plan can cost a retry but never give an answer of its own.
 */
export interface Closable {
  close(): Promise<unknown>;
}

export class StatementCache<S extends Closable> {
  readonly #entries = new Map<string, S>();
  /** Statements being prepared: two reads of the same text sent together share one (engine.ts sends reads at once). */
  readonly #preparing = new Map<string, Promise<S>>();

  constructor(
    private readonly prepare: (sql: string) => Promise<S>,
    readonly capacity = 64
  ) {}

  get size(): number {
    return this.#entries.size;
  }

  /** Run `use` on the cached statement for `sql` (prepared on first use). */
  async run<T>(sql: string, use: (stmt: S) => Promise<T>): Promise<T> {
    const cached = this.#entries.get(sql);
    if (cached) {
      // Most recently used goes last (Map keeps insertion order).
      this.#entries.delete(sql);
      this.#entries.set(sql, cached);
      try {
        return await use(cached);
      } catch {
        await this.#evict(sql);
      }
    }
    let preparing = this.#preparing.get(sql);
    if (!preparing) {
      preparing = this.prepare(sql);
      this.#preparing.set(sql, preparing);
      void preparing.then(() => this.#preparing.delete(sql), () => this.#preparing.delete(sql));
    }
    const stmt = await preparing;
    this.#entries.set(sql, stmt);
    while (this.#entries.size > this.capacity) await this.#evict(this.#entries.keys().next().value as string);
    try {
      return await use(stmt);
    } catch (e) {
      // A statement that fails fresh is not kept: the error is the query's own.
      await this.#evict(sql);
      throw e;
    }
  }

  /** Close every statement (e.g. before the engine goes away). */
  async clear(): Promise<void> {
    for (const sql of [...this.#entries.keys()]) await this.#evict(sql);
  }

  async #evict(sql: string): Promise<void> {
    const stmt = this.#entries.get(sql);
    this.#entries.delete(sql);
    await stmt?.close().catch(() => undefined);
  }
}
