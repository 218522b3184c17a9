/**
 * The order the app sends work to the engine in. The worker runs what it is sent one message at a time, in the
 * order sent, so reads need not wait for each other: they are sent at once, and a view's queries run back to back
 * in the engine while the page takes in each answer, instead of each waiting for the page to take the one before
 * (with 1M referrals, Capacity's six queries took 61 ms one after another from the page, which was drawing
 * meanwhile; sent together they are done in about 50). A change (a statement, a file, an insert) waits for
 * everything sent before it has finished, and everything after it waits for it: nothing reads a half-made table,
 * and no change lands under a read that was asked before it.
 */
export class SendOrder {
  #lastChange: Promise<unknown> = Promise.resolve();
  #readsSince: Promise<unknown>[] = [];

  /** A read: after the last change, alongside other reads. */
  read<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.#lastChange.then(fn, fn);
    this.#readsSince.push(next.catch(() => undefined));
    return next;
  }

  /** A change: after everything before it, and before everything after it. */
  change<T>(fn: () => Promise<T>): Promise<T> {
    const before = Promise.all([this.#lastChange, ...this.#readsSince]);
    this.#readsSince = [];
    const next = before.then(fn, fn);
    this.#lastChange = next.catch(() => undefined);
    return next;
  }
}

/**
 * A statement that only reads: sent as a read. Anything else the app sends through `query` (a bound INSERT into
 * the sources, say) is sent as a change, so a read asked before it never sees it.
 */
export function onlyReads(sql: string): boolean {
  return /^\s*(SELECT|WITH|FROM|VALUES|DESCRIBE|SUMMARIZE|SHOW)\b/i.test(sql) && !/\b(INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|COPY|ATTACH|DETACH)\s/i.test(sql.replace(/'[^']*'/g, "''"));
}
