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
    const ask = ++this.#asked;
    this.loading = true;
    try {
      const answer = await query();
      if (ask !== this.#asked) return;
      apply(answer);
      this.error = null;
    } catch (e) {
      if (ask === this.#asked) this.error = (e as Error).message;
    } finally {
      if (ask === this.#asked) this.loading = false;
    }
  }

  /** Nothing to load (no period, say): not loading, no error, and any answer still coming is dropped. */
  idle(): void {
    this.#asked++;
    this.loading = false;
    this.error = null;
  }
}
