/**
 * State of the Pathways view: the shared filters from the URL (filters-url.ts), the view's own choice
 * of outcome (`outcome`: declined, dna, withdrawn or lost), and one query, the cube of referrals by source,
 * service, provider sector and status (db/sql/pathways.ts), re-run when the filters or the data change.
 * The flows and the outcome rates are both made from that cube (domain/pathways/).
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { page } from '$app/state';
import { pathwayCells } from '../db/sql/pathways';
import type { CapacityOptions } from '../db/sql/capacity';
import { isOutcomeMeasure, type OutcomeMeasure } from '../domain/pathways/outcomes';
import type { PathwayCell } from '../domain/pathways/stages';
import { dataset } from './dataset.svelte';
import { sqlFilters } from './filters-url';
import { TrendFilterState } from './trend-filters.svelte';

export class PathwaysState extends TrendFilterState {
  cells = $state.raw<PathwayCell[]>([]);

  readonly period: { from: string; to: string } | null = $derived(
    this.range ? { from: this.filters.from ?? this.range.from, to: this.filters.to ?? this.range.to } : null
  );

  /** The outcome the rates are of (URL `outcome`; declined by default). */
  readonly outcome: OutcomeMeasure = $derived.by(() => {
    const v = page.url.searchParams.get('outcome');
    return isOutcomeMeasure(v) ? v : 'declined';
  });

  /** What the query asks, as text: a URL change that asks the same runs nothing. */
  readonly #query: string | null = $derived(this.period ? JSON.stringify({ ...this.period, ...sqlFilters(this.filters) }) : null);

  constructor() {
    super();
    $effect(() => {
      if (dataset.status !== 'ready' || !this.ready) return;
      void dataset.version;
      if (!this.#query) {
        this.latest.idle();
        return;
      }
      void this.load(JSON.parse(this.#query));
    });
  }

  setOutcome(outcome: OutcomeMeasure): Promise<void> {
    return this.set({}, { outcome: outcome === 'declined' ? null : outcome });
  }

  private load(opts: CapacityOptions): Promise<void> {
    return this.latest.run(async () => pathwayCells(await dataset.db(), opts, dataset.measureTables), (cells) => (this.cells = cells));
  }
}
