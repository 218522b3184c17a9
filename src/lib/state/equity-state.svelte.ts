/**
 * State of the Equity page. The URL is the source of truth for the view (year, funnel measure, deprivation
 * groups, need weights: equity-url.ts); this class reads it through `page`, writes it with `goto`, queries
 * DuckDB when the year, the grouping or the loaded data change, and derives everything the charts draw.
 * Every table shown passes through domain/equity/disclosure.ts (small-number suppression) here, so components
 * only ever see suppressed rows. Need weights only re-run computeAreaMeasures (no query).
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { areaAggregates, measureYears, type MeasureYear } from '../db/queries';
import { areaCapacity } from '../db/sql/capacity';
import { equityGradient, equityLongWaits, type GradientSqlRow, type LongWaitSqlRow } from '../db/sql/equity';
import { cypGapByArea } from '../db/sql/provision';
import type { AreaCapacity, CypGap } from '../domain/capacity';
import { cypRows, varietyRows, type CypRow, type VarietyRow } from '../domain/equity/cyp-variety';
import { anySuppressed, showCyp, showFunnel, showGradient } from '../domain/equity/disclosure';
import { fairShareRows, lorenzOfFunding, type FairShareRow, type Lorenz } from '../domain/equity/fair-share-rows';
import { funnelMeasureById, referralRateFunnel, waitOver18wFunnel, type FunnelAreaRow, type FunnelData, type FunnelMeasureDef } from '../domain/equity/funnel-data';
import { defaultGrouping, gradientRows, gradientSii, type Gradient, type GradientRow, type QuantileGrouping, type ShownSii } from '../domain/equity/gradient';
import { computeAreaMeasures, type AreaAggregateRow, type AreaMeasures } from '../domain/measures';
import type { SuppressedTable } from '../domain/stats/suppression';
import { sourceLine } from '../export/source-line';
import { dataset } from './dataset.svelte';
import { defaultYear } from './map-url';
import { fyMonths, parseEquityView, writeEquityView, type EquityView } from './equity-url';

export class EquityState {
  years = $state.raw<MeasureYear[]>([]);
  aggregates = $state.raw<AreaAggregateRow[]>([]);
  gradientSums = $state.raw<GradientSqlRow[]>([]);
  longWaits = $state.raw<LongWaitSqlRow[]>([]);
  cypGaps = $state.raw<CypGap[]>([]);
  provision = $state.raw<AreaCapacity[]>([]);
  /** The grouping the gradient sums were queried with. */
  loadedGrouping = $state<QuantileGrouping>('decile');
  yearsLoaded = $state(false);
  loading = $state(true);
  error = $state<string | null>(null);
  #request = 0;

  readonly urlView: EquityView = $derived(parseEquityView(page.url.searchParams));
  /** The URL's year if the data has it, else the latest year with referrals. */
  readonly fy: string | null = $derived(
    this.urlView.fy && this.years.some((y) => y.fy === this.urlView.fy) ? this.urlView.fy : defaultYear(this.years, 'referrals')
  );
  readonly view: EquityView = $derived({ ...this.urlView, fy: this.fy, groups: this.loadedGrouping });
  readonly measures: AreaMeasures = $derived(computeAreaMeasures(this.aggregates, this.urlView.weights));
  readonly sources: string = $derived(sourceLine(dataset.sources, ['population', 'referrals', 'funding', 'providers']));

  // Funnel -----------------------------------------------------------------------------------------------
  readonly funnelMeasure: FunnelMeasureDef = $derived(funnelMeasureById(this.urlView.funnel));
  readonly funnel: FunnelData | null = $derived.by(() => {
    if (this.urlView.funnel === 'wait_over_18w') {
      return waitOver18wFunnel(this.longWaits.map((e) => ({ code: e.area_code, name: e.area_name ?? e.area_code, denominator: e.first_contacts, events: e.waited_over_18w })));
    }
    const rows = this.aggregates.map((a) => ({ code: a.area_code, name: a.area_name ?? a.area_code, population: a.population, referrals: a.referrals }));
    return referralRateFunnel(rows, this.aggregates[0]?.months ?? 0);
  });
  /** Each area's parent code ('' without one), for secondary suppression within parents as on the Map. */
  readonly parentOf: (code: string) => string = $derived.by(() => {
    const parents = new Map(this.aggregates.map((a) => [a.area_code, a.parent_code ?? '']));
    return (code: string) => parents.get(code) ?? '';
  });
  readonly funnelShown: SuppressedTable<FunnelAreaRow> | null = $derived(
    this.funnel ? showFunnel(this.funnel.rows, this.funnel.measure, this.parentOf) : null
  );

  // Deprivation gradient ---------------------------------------------------------------------------------
  readonly gradient: Gradient = $derived(gradientRows(this.gradientSums, this.aggregates, this.loadedGrouping));
  readonly gradientShown: SuppressedTable<GradientRow> = $derived(showGradient(this.gradient.rows));
  // The SII of the referral rate uses every group's count: withheld when any of them is suppressed.
  readonly referralSii: ShownSii = $derived(
    anySuppressed(this.gradientShown, 'referrals') ? { status: 'suppressed' } : gradientSii(this.gradient.rows, 'referral_rate')
  );
  readonly fundingSii: ShownSii = $derived(gradientSii(this.gradient.rows, 'funding_per_head'));

  // Funding against need ---------------------------------------------------------------------------------
  readonly lorenz: Lorenz | null = $derived(lorenzOfFunding(this.measures.rows));
  readonly fairShare: FairShareRow[] = $derived(fairShareRows(this.measures.rows));
  readonly fundingYear: boolean = $derived(this.aggregates.some((a) => a.funding !== null));

  // Children and young people, service variety -----------------------------------------------------------
  readonly cyp: SuppressedTable<CypRow> = $derived(showCyp(cypRows(this.cypGaps), this.parentOf));
  readonly variety: VarietyRow[] = $derived(varietyRows(this.provision));

  constructor() {
    $effect(() => {
      if (dataset.status !== 'ready') return;
      void dataset.version;
      void this.loadYears();
    });
    $effect(() => {
      if (dataset.status !== 'ready' || !this.yearsLoaded) return;
      void dataset.version;
      void this.loadYear(this.fy, this.urlView.groups);
    });
  }

  /** Change part of the view; the whole view is written to the URL. */
  set(changes: Partial<EquityView>): Promise<void> {
    const next = { ...this.view, groups: this.urlView.groups, ...changes };
    const url = new URL(page.url);
    url.search = writeEquityView(url.searchParams, next).toString();
    return goto(url, { replaceState: true, keepFocus: true, noScroll: true });
  }

  private async loadYears(): Promise<void> {
    try {
      this.years = await measureYears(await dataset.db());
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.yearsLoaded = true;
    }
  }

  /** Everything for one year. The default grouping depends on the areas' deciles, so the gradient comes last. */
  private async loadYear(fy: string | null, groups: QuantileGrouping | null): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    try {
      const db = await dataset.db();
      const months = fy ? fyMonths(fy) : null;
      const [aggregates, longWaits, cypGaps, provision] = await Promise.all([
        areaAggregates(db, fy),
        equityLongWaits(db, fy),
        // The Capacity view's queries (month-based): the financial year's April to March.
        months ? cypGapByArea(db, months) : [],
        months ? areaCapacity(db, months) : []
      ]);
      const grouping = groups ?? defaultGrouping(decileCount(aggregates));
      const sums = await equityGradient(db, fy, grouping);
      // A later request (another year chosen meanwhile) wins.
      if (request !== this.#request) return;
      this.aggregates = aggregates;
      this.longWaits = longWaits;
      this.cypGaps = cypGaps;
      this.provision = provision;
      this.gradientSums = sums;
      this.loadedGrouping = grouping;
      this.error = null;
    } catch (e) {
      if (request === this.#request) this.error = (e as Error).message;
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }
}

function decileCount(rows: readonly AreaAggregateRow[]): number {
  return new Set(rows.filter((r) => r.population !== null && r.population > 0 && r.imd_decile !== null).map((r) => r.imd_decile)).size;
}
