/**
 * State of the Equity page. The URL is the source of truth for the view (year, funnel measure, deprivation
 * groups, need weights: equity-url.ts); this class reads it through `page`, writes it with `replaceQuery`, queries
 * DuckDB when the year, the grouping or the loaded data change, and derives everything the charts draw.
 * Every table shown passes through domain/equity/disclosure.ts (small-number suppression) here, so components
 * only ever see suppressed rows. Need weights only re-run computeAreaMeasures (no query).
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { untrack } from 'svelte';
import { viewUrl } from './view-url.svelte';
import { replaceQuery } from './replace-query';
import { type MeasureYear } from '../db/queries';
import { areaCapacity } from '../db/sql/capacity';
import { equityDsrBands, equityGradient, equityLongWaits, type DsrBandSqlRow, type GradientSqlRow, type LongWaitSqlRow } from '../db/sql/equity';
import { cypGapByArea } from '../db/sql/provision';
import type { AreaCapacity, CypGap } from '../domain/capacity';
import { cypRows, varietyRows, type CypRow, type VarietyRow } from '../domain/equity/cyp-variety';
import { anySuppressed, showCyp, showFunnel, showGradient } from '../domain/equity/disclosure';
import { fairShareRows, lorenzOfFunding, type FairShareRow, type Lorenz } from '../domain/equity/fair-share-rows';
import {
  dsrNote, funnelMeasureById, referralRateDsrFunnel, referralRateFunnel, waitOver18wFunnel, type FunnelAreaRow, type FunnelData, type FunnelMeasureDef
} from '../domain/equity/funnel-data';
import { defaultGrouping, gradientRows, type Gradient, type GradientRow, type QuantileGrouping, type ShownSii, type SiiOutcome } from '../domain/equity/gradient';
import { gradientSiiOffPage } from '../workers/sii-client';
import { computeAreaMeasures, type AreaAggregateRow, type AreaMeasures } from '../domain/measures';
import type { SuppressedTable } from '../domain/stats/suppression';
import { sourceLine } from '../export/source-line';
import { dataset } from './dataset.svelte';
import { defaultYear } from './map-url';
import { fyMonths, parseEquityView, writeEquityView, type EquityView } from './equity-url';
import { settings } from './settings.svelte';
import { DataYears } from './data-years.svelte';
import { Latest } from './latest.svelte';
import { sameValue } from './same-value';

export class EquityState {
  /** The data's years (data-years.svelte.ts). */
  readonly #years = new DataYears();
  get years(): MeasureYear[] {
    return this.#years.list;
  }
  aggregates = $state.raw<AreaAggregateRow[]>([]);
  gradientSums = $state.raw<GradientSqlRow[]>([]);
  longWaits = $state.raw<LongWaitSqlRow[]>([]);
  dsrBands = $state.raw<DsrBandSqlRow[]>([]);
  cypGaps = $state.raw<CypGap[]>([]);
  provision = $state.raw<AreaCapacity[]>([]);
  /** The grouping the gradient sums were queried with. */
  loadedGrouping = $state<QuantileGrouping>('decile');
  /** The year's queries, the latest winning (latest.svelte.ts). */
  readonly #load = new Latest();
  /** How many deciles the areas have, for the data version it was counted on (loadYear). */
  #deciles: { version: number; count: number } | null = null;
  get loading(): boolean {
    return this.#load.loading;
  }
  get error(): string | null {
    return this.#load.error ?? this.#years.error;
  }

  readonly urlView: EquityView = $derived(parseEquityView(viewUrl.current.searchParams));
  /** The URL's year if the data has it, else the latest year with referrals. */
  readonly fy: string | null = $derived(
    this.urlView.fy && this.years.some((y) => y.fy === this.urlView.fy) ? this.urlView.fy : defaultYear(this.years, 'referrals')
  );
  readonly view: EquityView = $derived({ ...this.urlView, fy: this.fy, groups: this.loadedGrouping });
  readonly #sameWeights = sameValue<EquityView['weights']>();
  /** The need weights: the same object until they change (same-value.ts), so a change of year does not recompute the measures first. */
  readonly weights: EquityView['weights'] = $derived(this.#sameWeights(this.urlView.weights));
  /** The funnel's measure, on its own: a change of year does not rebuild the funnel from the old figures. */
  readonly #funnelId: EquityView['funnel'] = $derived(this.urlView.funnel);
  readonly measures: AreaMeasures = $derived(computeAreaMeasures(this.aggregates, this.weights, settings.suppression));
  readonly sources: string = $derived(sourceLine(dataset.sources, ['population', 'referrals', 'funding', 'providers']));

  // Funnel -----------------------------------------------------------------------------------------------
  readonly funnelMeasure: FunnelMeasureDef = $derived(funnelMeasureById(this.#funnelId));
  readonly funnel: FunnelData | null = $derived.by(() => {
    if (this.#funnelId === 'wait_over_18w') {
      return waitOver18wFunnel(this.longWaits.map((e) => ({ code: e.area_code, name: e.area_name ?? e.area_code, denominator: e.first_contacts, events: e.waited_over_18w })));
    }
    if (this.#funnelId === 'referral_rate_dsr') {
      return referralRateDsrFunnel(
        this.dsrBands.map((b) => ({
          code: b.area_code, name: b.area_name ?? b.area_code,
          populations: [b.pop_0_17, b.pop_18_64, b.pop_65_plus],
          referrals: b.ref_0_17 === null || b.ref_18_64 === null || b.ref_65_plus === null ? null : [b.ref_0_17, b.ref_18_64, b.ref_65_plus],
          unknownAge: b.ref_unknown
        })),
        this.dsrBands[0]?.months ?? 0
      );
    }
    const rows = this.aggregates.map((a) => ({ code: a.area_code, name: a.area_name ?? a.area_code, population: a.population, referrals: a.referrals }));
    return referralRateFunnel(rows, this.aggregates[0]?.months ?? 0);
  });
  /** Each area's parent code ('' without one), for secondary suppression within parents as on the Map. */
  readonly parentOf: (code: string) => string = $derived.by(() => {
    const parents = new Map(this.aggregates.map((a) => [a.area_code, a.parent_code ?? '']));
    return (code: string) => parents.get(code) ?? '';
  });
  // A standardised rate is suppressed as a rate: by its count of referrals (its x, the effective population, is
  // not a count of people, and with fewer than 10 referrals there is none).
  readonly funnelShown: SuppressedTable<FunnelAreaRow> | null = $derived(
    this.funnel ? showFunnel(this.funnel.rows, this.funnel.measure === 'referral_rate_dsr' ? 'referral_rate' : this.funnel.measure, this.parentOf, settings.suppression) : null
  );
  /** What the standardised funnel left out, for its subtitle ('' otherwise). */
  readonly funnelNote: string = $derived(dsrNote(this.funnel, settings.suppression));

  // Deprivation gradient ---------------------------------------------------------------------------------
  readonly gradient: Gradient = $derived(gradientRows(this.gradientSums, this.aggregates, this.loadedGrouping));
  readonly gradientShown: SuppressedTable<GradientRow> = $derived(showGradient(this.gradient.rows, settings.suppression));
  /** The year's SIIs, computed with its figures (loadYear), off the page (workers/sii-client.ts). */
  #sii = $state.raw<{ referral: SiiOutcome; funding: SiiOutcome }>({ referral: { status: 'too-few', groups: 0 }, funding: { status: 'too-few', groups: 0 } });
  // The SII of the referral rate uses every group's count: withheld when any of them is suppressed.
  readonly referralSii: ShownSii = $derived(anySuppressed(this.gradientShown, 'referrals') ? { status: 'suppressed' } : this.#sii.referral);
  readonly fundingSii: ShownSii = $derived(this.#sii.funding);

  // Funding against need ---------------------------------------------------------------------------------
  readonly lorenz: Lorenz | null = $derived(lorenzOfFunding(this.measures.rows));
  readonly fairShare: FairShareRow[] = $derived(fairShareRows(this.measures.rows));
  readonly fundingYear: boolean = $derived(this.aggregates.some((a) => a.funding !== null));

  // Children and young people, service variety -----------------------------------------------------------
  readonly cyp: SuppressedTable<CypRow> = $derived(showCyp(cypRows(this.cypGaps), this.parentOf, settings.suppression));
  readonly variety: VarietyRow[] = $derived(varietyRows(this.provision));

  /** The grouping the link asks for, on its own: the query effect must not re-run when only the weights or the funnel change. */
  readonly #groupsParam: QuantileGrouping | null = $derived(this.urlView.groups);

  constructor() {
    $effect(() => {
      if (dataset.status !== 'ready' || !this.#years.loaded) return;
      void dataset.version;
      void this.loadYear(this.fy, this.#groupsParam);
    });
  }

  /** Change part of the view; the whole view is written to the URL. */
  set(changes: Partial<EquityView>): Promise<void> {
    const next = { ...this.view, groups: this.urlView.groups, ...changes };
    return replaceQuery((params) => writeEquityView(params, next));
  }


  /** Everything for one year. The default grouping depends on the areas' deciles, so the gradient comes last. */
  private loadYear(fy: string | null, groups: QuantileGrouping | null): Promise<void> {
    return this.#load.run(async () => {
      // The tables there are, as of the last refresh: not asked of the engine again by each query.
      const known = untrack(() => dataset.measureTables);
      const db = await dataset.db();
      const months = fy ? fyMonths(fy) : null;
      // The gradient first: its two SIIs (10⁵ simulated repetitions each) are then computed in a worker while the
      // engine answers the other queries, instead of on the page after them. Its default grouping depends on how
      // many deciles the areas have, which the last year loaded of the same data says (the areas' deciles are the
      // population's, whatever the year): then it is asked together with the aggregates, one wait fewer.
      const version = untrack(() => dataset.version);
      const expected = groups ?? (this.#deciles?.version === version ? defaultGrouping(this.#deciles.count) : null);
      const asked = dataset.source.aggregates(db, fy, 'area', known);
      const gradientAsked = expected ? equityGradient(db, fy, expected, known) : null;
      gradientAsked?.catch(() => undefined); // its failure is reported where it is awaited, or it is not used
      const aggregates = await asked;
      this.#deciles = { version, count: decileCount(aggregates) };
      const grouping = groups ?? defaultGrouping(this.#deciles.count);
      const gradientSums = gradientAsked && expected === grouping ? await gradientAsked : await equityGradient(db, fy, grouping, known);
      const rows = gradientRows(gradientSums, aggregates, grouping).rows;
      const siis = Promise.all([gradientSiiOffPage(rows, 'referral_rate'), gradientSiiOffPage(rows, 'funding_per_head')]);
      const [longWaits, dsrBands, cypGaps, provision] = await Promise.all([
        equityLongWaits(db, fy, known),
        equityDsrBands(db, fy, known),
        // The Capacity view's queries (month-based): the financial year's April to March.
        months ? cypGapByArea(db, months, known) : [],
        // Service variety needs the providers and the population only: without the referrals the query leaves out
        // the open caseload, which Equity does not show (8–14 ms of a change of year with 1M–5M referrals).
        months ? areaCapacity(db, months, new Set([...known].filter((t) => t !== 'referrals'))) : []
      ]);
      const [referral, funding] = await siis;
      return { aggregates, longWaits, dsrBands, cypGaps, provision, gradientSums, grouping, sii: { referral, funding } };
    }, (y) => {
      this.aggregates = y.aggregates;
      this.longWaits = y.longWaits;
      this.dsrBands = y.dsrBands;
      this.cypGaps = y.cypGaps;
      this.provision = y.provision;
      this.gradientSums = y.gradientSums;
      this.loadedGrouping = y.grouping;
      this.#sii = y.sii;
    });
  }

}

function decileCount(rows: readonly AreaAggregateRow[]): number {
  return new Set(rows.filter((r) => r.population !== null && r.population > 0 && r.imd_decile !== null).map((r) => r.imd_decile)).size;
}
