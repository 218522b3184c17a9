/**
 * State of the Capacity and provision view: the shared filters from the URL (filters-url.ts), one
 * query per chart (db/sql/capacity.ts, provision.ts), re-run when the filters or the data change.
 * Every query aggregates in DuckDB; only per-provider and per-area rows reach the page.
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { areaCapacity, cypGapByArea, fundingContinuity, providerCapacity, shortTermFunding, wellbeingChangeBy, type CapacityOptions, type ContractRow, type ProviderCapacity, type ShortTermFunding } from '../db/queries';
import type { AreaCapacity, CypGap, WellbeingChange } from '../domain/capacity';
import type { ParentOf } from '../domain/area-codes';
import { monthCompleteness, type CompletenessInputs, type IncompleteReason } from '../domain/completeness';
import { dataset } from './dataset.svelte';
import { sqlFilters } from './filters-url';
import { TrendFilterState } from './trend-filters.svelte';

/** What the view shows, one part per query: each part is set as its answer arrives (latest.svelte.ts runParts). */
export interface CapacityData {
  /** Places and accepted referrals by month, and per provider over the period (one query). */
  utilisation: ProviderCapacity;
  areas: AreaCapacity[];
  cyp: CypGap[];
  /** Each area's parent (for secondary suppression within parents, as Equity and the Map). */
  parents: ParentOf[];
  shortTerm: ShortTermFunding[];
  contracts: ContractRow[];
  wellbeing: WellbeingChange[];
  /** For the incomplete months of the accepted referrals by month (domain/completeness.ts). */
  completeness: CompletenessInputs;
}

export class CapacityState extends TrendFilterState implements CapacityData {
  // One signal per part, so a part's arrival redraws only the charts that read it.
  utilisation = $state.raw<ProviderCapacity>({ months: [], providers: [] });
  areas = $state.raw<AreaCapacity[]>([]);
  cyp = $state.raw<CypGap[]>([]);
  parents = $state.raw<ParentOf[]>([]);
  shortTerm = $state.raw<ShortTermFunding[]>([]);
  contracts = $state.raw<ContractRow[]>([]);
  wellbeing = $state.raw<WellbeingChange[]>([]);
  completeness = $state.raw<CompletenessInputs>({ asOf: null, delays: [], mature: false });

  /**
   * Months whose accepted referrals are not all in yet, and why: accepted referrals are counted by the
   * month received, so the 90% rule applies (places are known in advance and always complete).
   */
  readonly acceptedIncomplete: ReadonlyMap<string, IncompleteReason> = $derived(
    new Map(monthCompleteness(this.utilisation.months.map((m) => m.month), this.completeness).flatMap((c) => (c.reason ? [[c.month, c.reason] as const] : [])))
  );

  /** What the queries ask, as text: it changes only when its value does, so a URL change that asks the same runs nothing. */
  readonly #query: string | null = $derived(this.period ? JSON.stringify({ ...this.period, ...sqlFilters(this.filters) }) : null);

  constructor() {
    super();
    this.whenAsked(() => this.#query, (q) => this.load(JSON.parse(q)));
  }

  private load(opts: CapacityOptions): Promise<void> {
    return this.latest.runParts<CapacityData>(async () => {
      const db = await dataset.db();
      // All sent at once: the engine runs them back to back while the page draws each answer (db/engine.ts).
      // Which tables exist is known from the dataset's last refresh, saving each runner a round trip to ask.
      const have = dataset.measureTables;
      return {
        utilisation: providerCapacity(db, opts, have),
        areas: areaCapacity(db, opts, have),
        cyp: cypGapByArea(db, opts, have),
        parents: dataset.parents(),
        shortTerm: shortTermFunding(db, opts, have),
        contracts: fundingContinuity(db, opts, have),
        wellbeing: wellbeingChangeBy(db, { ...opts, by: 'service_category' }, have),
        // Asked once per change of the data, whatever the filters.
        completeness: dataset.completeness()
      };
    }, (key, value) => ((this as CapacityData)[key] = value));
  }
}
