/**
 * One way for a view to load: the latest answer of a query that may be asked again (another year, a
 * filter) before the last answer came. Only the most recent ask sets the answer, `loading` and
 * `error`; an older, slower answer is dropped, so a view never shows the figures of a choice the
 * user has already left. Every view state (Map, Waiting lists, Capacity, Equity, area profile) loads
 * through one of these.
 */
export class Latest {
  loading = $state(true);
  error = $state<string | null>(null);
  #asked = 0;

  /** Run `query` and, if no later run has started meanwhile, hand its answer to `apply`. */
  async run<T>(query: () => Promise<T>, apply: (answer: T) => void): Promise<void> {
    const mine = this.#ask();
    try {
      const answer = await query();
      if (!mine()) return;
      apply(answer);
      this.error = null;
    } catch (e) {
      if (mine()) this.error = (e as Error).message;
    } finally {
      if (mine()) this.loading = false;
    }
  }

  /**
   * Like `run`, for an answer in parts asked together (one per chart): each part goes to `apply` as soon as it
   * arrives, if no later run has started, so the page draws one chart while the engine works out the next,
   * instead of drawing them all after the last answer. `loading` ends with the last part. A part that fails
   * sets `error`; the parts that arrived stay shown.
   */
  async runParts<T extends object>(ask: () => Promise<{ [K in keyof T]: Promise<T[K]> }>, apply: <K extends keyof T>(key: K, value: T[K]) => void): Promise<void> {
    const mine = this.#ask();
    try {
      const parts = await ask();
      const settled = await Promise.allSettled((Object.keys(parts) as (keyof T)[]).map(async (key) => {
        const value = await parts[key];
        if (mine()) apply(key, value);
      }));
      const failed = settled.find((s): s is PromiseRejectedResult => s.status === 'rejected');
      if (failed) throw failed.reason;
      if (mine()) this.error = null;
    } catch (e) {
      if (mine()) this.error = (e as Error).message;
    } finally {
      if (mine()) this.loading = false;
    }
  }

  /** A new ask: loading from now; the function says whether it is still the latest. */
  #ask(): () => boolean {
    const ask = ++this.#asked;
    this.loading = true;
    return () => ask === this.#asked;
  }

  /** Nothing to load (no period, say): not loading, no error, and any answer still coming is dropped. */
  idle(): void {
    this.#asked++;
    this.loading = false;
    this.error = null;
  }
}
