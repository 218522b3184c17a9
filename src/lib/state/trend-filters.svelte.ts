/**
 * What the trend views (Waiting lists, Capacity) share: the filters in the URL (filters-url.ts),
 * the values each filter offers and the data's month range, loaded when the data change. A view's
 * state class extends this and adds its own queries.
 */
import { viewUrl } from './view-url.svelte';
import { replaceQuery } from './replace-query';
import { type FilterValues } from '../db/queries';
import { dataset } from './dataset.svelte';
import { parseFilters, writeFilters, type TrendFilters } from './filters-url';
import { Latest } from './latest.svelte';

export class TrendFilterState {
  range = $state.raw<{ from: string; to: string } | null>(null);
  values = $state.raw<FilterValues>({ area: [], service: [], source: [], age: [] });
  /** The choices have been loaded (the view's queries wait for the range). */
  ready = $state(false);
  /** The view's queries, one at a time, the latest winning (latest.svelte.ts). */
  protected readonly latest = new Latest();
  get loading(): boolean {
    return this.latest.loading;
  }
  get error(): string | null {
    return this.latest.error;
  }

  readonly filters: TrendFilters = $derived(parseFilters(viewUrl.current.searchParams));
  /** The months asked for as text: it changes only when the months do, not when another filter is clicked. */
  readonly #periodKey: string | null = $derived(this.range ? `${this.filters.from ?? this.range.from}|${this.filters.to ?? this.range.to}` : null);
  /**
   * The period the view shows (the filter's months, else the data's range): the same object until the months
   * change, so a chart drawn from it (funding continuity) is not drawn again when another filter is clicked.
   */
  readonly period: { from: string; to: string } | null = $derived.by(() => {
    const [from, to] = this.#periodKey?.split('|') ?? [];
    return from && to ? { from, to } : null;
  });
  readonly areaName = $derived.by(() => {
    const names = new Map(this.values.area.map((a) => [a.value, a.label]));
    return (code: string | null) => (code === null ? 'All' : (names.get(code) ?? code));
  });

  constructor() {
    $effect(() => {
      if (dataset.status !== 'ready') return;
      void dataset.version;
      void this.loadChoices();
    });
  }

  /**
   * Run `load` with what the view's queries ask (`query`, as text: it changes only when its value does, so a URL
   * change that asks the same runs nothing) once the choices are in, and again when the data change; idle while
   * there is nothing to ask (`latest`: the view's own, or another for queries that ask something else). Call from
   * the subclass's constructor (it registers an effect).
   */
  protected whenAsked(query: () => string | null, load: (query: string) => Promise<void>, latest: Latest = this.latest): void {
    $effect(() => {
      if (dataset.status !== 'ready' || !this.ready) return;
      void dataset.version;
      const q = query();
      if (!q) {
        latest.idle();
        return;
      }
      void load(q);
    });
  }

  /** Change filters and/or the view's own parameters; written to the URL (replacing history: filters are not pages). */
  set(filters: Partial<TrendFilters>, params: Record<string, string | null> = {}): Promise<void> {
    return replaceQuery((search) => {
      const out = writeFilters(search, { ...this.filters, ...filters });
      for (const [k, v] of Object.entries(params)) (v === null || v === '' ? out.delete(k) : out.set(k, v));
      return out;
    });
  }

  private async loadChoices(): Promise<void> {
    try {
      const db = await dataset.db();
      this.range = await dataset.source.waitingRange(db);
      this.values = await dataset.source.filterValues(db);
    } catch (e) {
      this.latest.error = (e as Error).message;
    } finally {
      this.ready = true;
    }
  }
}
