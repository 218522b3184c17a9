/**
 * State of the Plan view. The URL is the source of truth for the scenario (plan-url.ts); this class reads it
 * through `page`, writes it with `replaceQuery`, asks DuckDB for the baseline year's area rows (the Map's aggregates:
 * funding, population, deprivation, age) when the year or the data change, and derives every figure from them
 * with the pure planner (domain/plan/). Changing the budget or the policy re-runs the planner only (no query).
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { viewUrl } from './view-url.svelte';
import { sameValue } from './same-value';
import { replaceQuery } from './replace-query';
import type { MeasureYear } from '../db/queries';
import type { AreaAggregateRow } from '../domain/measures';
import { glidePath, type GlidePath, type ShareParts } from '../domain/plan/glide-waterfall';
import { compareScenarios, planOutcome, planShareParts, type PlanOutcome, type ScenarioDiff } from '../domain/plan/plan-outcome';
import { sourceLine } from '../export/source-line';
import { dataset } from './dataset.svelte';
import { DataYears } from './data-years.svelte';
import { Latest } from './latest.svelte';
import { defaultYear } from './map-url';
import { parsePlanView, writePlanView, type PlanView } from './plan-url';

export class PlanState {
  /** The data's years (data-years.svelte.ts). */
  readonly #years = new DataYears();
  get years(): MeasureYear[] {
    return this.#years.list;
  }
  rows = $state.raw<AreaAggregateRow[]>([]);
  readonly #load = new Latest();
  get loading(): boolean {
    return this.#load.loading;
  }
  get error(): string | null {
    return this.#load.error ?? this.#years.error;
  }

  readonly urlView: PlanView = $derived(parsePlanView(viewUrl.current.searchParams));
  /** Years with funding: a plan starts from money spent. */
  readonly fundingYears: MeasureYear[] = $derived(this.years.filter((y) => y.has_funding));
  readonly fy: string | null = $derived(
    this.urlView.fy && this.fundingYears.some((y) => y.fy === this.urlView.fy) ? this.urlView.fy : this.fundingYears.length ? defaultYear(this.years, 'funding') : null
  );
  readonly view: PlanView = $derived({ ...this.urlView, fy: this.fy });
  readonly sources: string = $derived(sourceLine(dataset.sources, ['funding', 'population']));

  readonly #sameWeights = sameValue<PlanView['weights']>();
  /** The need weights: the same object until they change (same-value.ts). */
  readonly #weights: PlanView['weights'] = $derived(this.#sameWeights(this.urlView.weights));
  readonly a: PlanOutcome = $derived(planOutcome(this.rows, this.#weights, this.urlView.a));
  readonly b: PlanOutcome | null = $derived(this.urlView.b ? planOutcome(this.rows, this.#weights, this.urlView.b) : null);
  readonly diffs: ScenarioDiff[] = $derived(this.b ? compareScenarios(this.a, this.b) : []);
  readonly glide: GlidePath | null = $derived.by(() => {
    if (!this.a.ok) return null;
    const areas = this.a.areas.map(({ code, baseline, share }) => ({ code, baseline, share }));
    return glidePath(areas, this.a.policy, this.urlView.years, this.urlView.growth / 100);
  });
  readonly parts: Map<string, ShareParts> = $derived(planShareParts(this.rows, this.#weights));
  /** The waterfall's area: the URL's if it is planned for, else the furthest under target. */
  readonly waterfallArea: { code: string; name: string } | null = $derived.by(() => {
    const areas = this.a.ok ? this.a.areas : [];
    const chosen = areas.find((x) => x.code === this.urlView.area);
    if (chosen) return chosen;
    const worst = this.a.ok ? this.a.headline.largestGapBefore : null;
    return worst ?? areas[0] ?? null;
  });

  constructor() {
    $effect(() => {
      if (dataset.status !== 'ready' || !this.#years.loaded) return;
      void dataset.version;
      void this.loadYear(this.fy);
    });
  }

  /** Change part of the view; the whole view is written to the URL. */
  set(changes: Partial<PlanView>): Promise<void> {
    return replaceQuery((params) => writePlanView(params, { ...this.view, ...changes }));
  }


  private loadYear(fy: string | null): Promise<void> {
    return this.#load.run(async () => (fy ? dataset.source.aggregates(await dataset.db(), fy, 'area', dataset.measureTables) : []), (rows) => {
      this.rows = rows;
    });
  }
}
