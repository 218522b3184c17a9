/**
 * State of the Waiting lists view. The URL holds the shared filters (filters-url.ts) and the view's
 * own choices: series, breakdown (`by`), SPC on/off, a target and a baseline length (months from the
 * start used for the SPC limits), and whether incomplete months (domain/completeness.ts) are kept in the
 * line and the limits (off by default). DuckDB aggregates; this class only picks a column, marks the
 * incomplete months and runs the SPC.
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { viewUrl } from './view-url.svelte';
import { type WaitingBy, type WaitingMonthRow } from '../db/queries';
import { spc, type SpcResult } from '../domain/spc';
import { monthCompleteness, type CompletenessInputs, type IncompleteReason, type MonthCompleteness } from '../domain/completeness';
import { isWaitingSeriesId, seriesPoints, waitingSeriesById, type WaitingSeriesDef } from '../domain/waiting-measures';
import type { TrendRow } from '../charts/trend-chart';
import { dataset } from './dataset.svelte';
import { describeFilters, sqlFilters } from './filters-url';
import { TrendFilterState } from './trend-filters.svelte';
import { settings } from './settings.svelte';

export const BREAKDOWNS: { id: WaitingBy; label: string }[] = [
  { id: 'all', label: 'None (all referrals)' },
  { id: 'area', label: 'Area' },
  { id: 'provider', label: 'Provider' },
  { id: 'service_category', label: 'Service category' },
  { id: 'referral_source', label: 'Referral source' },
  { id: 'age_band', label: 'Age band' }
];

export interface WaitingView {
  series: WaitingSeriesDef;
  by: WaitingBy;
  spc: boolean;
  target: number | null;
  /** Months from the start of the range the SPC limits are computed from; null = all. */
  baseline: number | null;
  /**
   * Leave moving ranges above 3.267 × their mean out of mR̄ (NHSRplotthedots' default); off by
   * default, as the Making Data Count tools.
   */
  screen: boolean;
  /** Keep incomplete months in the line and the SPC limits (they stay marked); off by default. */
  includeIncomplete: boolean;
}

function parseView(p: URLSearchParams): WaitingView {
  const series = p.get('series');
  const by = p.get('by');
  const num = (k: string) => {
    const raw = p.get(k);
    const n = raw === null || raw.trim() === '' ? NaN : Number(raw);
    return Number.isFinite(n) ? n : null;
  };
  const baseline = num('baseline');
  return {
    series: waitingSeriesById(isWaitingSeriesId(series) ? series : 'waiting'),
    by: BREAKDOWNS.some((b) => b.id === by) ? (by as WaitingBy) : 'all',
    spc: p.get('spc') === '1',
    target: num('target'),
    baseline: baseline !== null && baseline >= 2 ? Math.floor(baseline) : null,
    screen: p.get('screen') === '1',
    includeIncomplete: p.get('incomplete') === '1'
  };
}

const NO_INPUTS: CompletenessInputs = { asOf: null, delays: [], mature: false };

export class WaitingState extends TrendFilterState {
  rows = $state.raw<WaitingMonthRow[]>([]);
  /** The extract's date and delays to being taken on (the data's, whatever the filters). */
  completenessInputs = $state.raw<CompletenessInputs>(NO_INPUTS);
  private inputsAsked = 0;

  readonly view: WaitingView = $derived(parseView(viewUrl.current.searchParams));
  /** The months shown: the URL's, else the data's whole range. */
  readonly from: string | null = $derived(this.filters.from ?? this.range?.from ?? null);
  readonly to: string | null = $derived(this.filters.to ?? this.range?.to ?? null);
  readonly filterText: string = $derived(describeFilters(this.filters, this.range, (c) => this.areaName(c)));
  readonly months: string[] = $derived([...new Set(this.rows.map((r) => r.month))]);
  /** Each month's completeness under the series' rule (domain/completeness.ts). */
  readonly completeness: MonthCompleteness[] = $derived.by(() => {
    const takenOn = this.view.series.completeness === 'taken_on';
    // A publication carries the verdict made from the extracts when it was published (no delays in it).
    const published = new Map(this.rows.flatMap((r) => (r.accepted_incomplete !== undefined ? [[r.month, r.accepted_incomplete ?? null] as const] : [])));
    if (takenOn && published.size && !this.completenessInputs.delays.length) {
      return this.months.map((month) => {
        const reason = published.get(month) ?? null;
        return { month, incomplete: reason !== null, reason, expectedShare: null };
      });
    }
    return monthCompleteness(this.months, { asOf: this.completenessInputs.asOf, delays: takenOn ? this.completenessInputs.delays : null });
  });
  /** The incomplete months and why. */
  readonly incomplete: ReadonlyMap<string, IncompleteReason> = $derived(
    new Map(this.completeness.flatMap((c) => (c.reason ? [[c.month, c.reason] as const] : [])))
  );
  /** The chosen series, small numbers suppressed (domain/waiting-measures.ts), incomplete months marked. */
  readonly trend: TrendRow[] = $derived(
    seriesPoints(this.rows, this.view.series.id, settings.suppression).map((p) => ({ ...p, incomplete: this.incomplete.has(p.month) }))
  );
  /** SPC of the single series (no breakdown), when asked for. */
  readonly spc: SpcResult | null = $derived(
    this.view.spc && this.view.by === 'all' && this.trend.length
      ? spc(this.trend.map((t) => t.value), {
          higherIsBetter: this.view.series.higherIsBetter,
          target: this.view.target,
          baseline: this.view.baseline ? { start: 0, end: this.view.baseline } : null,
          screenOutliers: this.view.screen,
          // Incomplete months are left out of the mean, the limits and the rules unless the user keeps them in.
          exclude: this.view.includeIncomplete ? null : this.trend.flatMap((t, i) => (t.incomplete ? [i] : []))
        })
      : null
  );

  /**
   * What the query asks, as text: a derived string changes only when its value does, so choosing another series,
   * SPC or a target (the same rows) does not query again, as a new options object each time would.
   */
  readonly #query: string = $derived(JSON.stringify({ from: this.from, to: this.to, by: this.view.by, filters: sqlFilters(this.filters) }));

  constructor() {
    super();
    $effect(() => {
      if (dataset.status !== 'ready' || !this.ready) return;
      void dataset.version;
      void this.loadRows(JSON.parse(this.#query));
    });
    $effect(() => {
      if (dataset.status !== 'ready') return;
      void dataset.version;
      const asked = ++this.inputsAsked;
      void dataset.completeness().then(
        (c) => asked === this.inputsAsked && (this.completenessInputs = c),
        () => asked === this.inputsAsked && (this.completenessInputs = NO_INPUTS)
      );
    });
  }

  private loadRows(o: { from: string | null; to: string | null; by: WaitingBy; filters: ReturnType<typeof sqlFilters> }): Promise<void> {
    return this.latest.run(
      async () => (o.from && o.to ? dataset.source.waitingSeries(await dataset.db(), { from: o.from, to: o.to, by: o.by, ...o.filters }, dataset.measureTables) : []),
      (rows) => (this.rows = rows)
    );
  }
}
