/**
 * State of the Capacity and provision view: the shared filters from the URL (filters-url.ts), one
 * query per chart (db/sql/capacity.ts, provision.ts), re-run when the filters or the data change.
 * Every query aggregates in DuckDB; only per-provider and per-area rows reach the page.
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { areaCapacity, cypGapByArea, fundingContinuity, providerCapacity, shortTermFunding, wellbeingChangeBy, type CapacityMonth, type CapacityOptions, type ContractRow, type ShortTermFunding } from '../db/queries';
import type { AreaCapacity, CypGap, ProviderSummary, WellbeingChange } from '../domain/capacity';
import type { ParentOf } from '../domain/area-codes';
import { monthCompleteness, type CompletenessInputs, type IncompleteReason } from '../domain/completeness';
import { dataset } from './dataset.svelte';
import { sqlFilters } from './filters-url';
import { TrendFilterState } from './trend-filters.svelte';

export interface CapacityData {
  months: CapacityMonth[];
  providers: ProviderSummary[];
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

const EMPTY: CapacityData = {
  months: [], providers: [], areas: [], cyp: [], parents: [], shortTerm: [], contracts: [], wellbeing: [],
  completeness: { asOf: null, delays: [], mature: false }
};

export class CapacityState extends TrendFilterState {
  data = $state.raw<CapacityData>(EMPTY);

  /**
   * Months whose accepted referrals are not all in yet, and why: accepted referrals are counted by the
   * month received, so the 90% rule applies (places are known in advance and always complete).
   */
  readonly acceptedIncomplete: ReadonlyMap<string, IncompleteReason> = $derived(
    new Map(monthCompleteness(this.data.months.map((m) => m.month), this.data.completeness).flatMap((c) => (c.reason ? [[c.month, c.reason] as const] : [])))
  );

  /** What the queries ask, as text: it changes only when its value does, so a URL change that asks the same runs nothing. */
  readonly #query: string | null = $derived(this.period ? JSON.stringify({ ...this.period, ...sqlFilters(this.filters) }) : null);

  constructor() {
    super();
    this.whenAsked(() => this.#query, (q) => this.load(JSON.parse(q)));
  }

  private load(opts: CapacityOptions): Promise<void> {
    return this.latest.run(async () => {
      const db = await dataset.db();
      // All sent at once: the engine runs them back to back while the page takes in each answer (db/engine.ts).
      // Which tables exist is known from the dataset's last refresh, saving each runner a round trip to ask.
      const have = dataset.measureTables;
      const [{ months, providers }, areas, cyp, parents, shortTerm, contracts, wellbeing, completeness] = await Promise.all([
        providerCapacity(db, opts, have),
        areaCapacity(db, opts, have),
        cypGapByArea(db, opts, have),
        dataset.parents(),
        shortTermFunding(db, opts, have),
        fundingContinuity(db, opts, have),
        wellbeingChangeBy(db, { ...opts, by: 'service_category' }, have),
        // Asked once per change of the data, whatever the filters.
        dataset.completeness()
      ]);
      const data: CapacityData = { months, providers, areas, cyp, parents, shortTerm, contracts, wellbeing, completeness };
      return data;
    }, (data) => (this.data = data));
  }
}
