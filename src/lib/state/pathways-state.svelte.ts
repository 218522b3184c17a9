/**
 * State of the Pathways view: the shared filters from the URL (filters-url.ts), the view's own choice
 * of outcome (`outcome`: declined, dna, withdrawn or lost), and one query, the cube of referrals by source,
 * service, provider sector and status (db/sql/pathways.ts), re-run when the filters or the data change.
 * The flows and the outcome rates are both made from that cube (domain/pathways/). Access to provision (where
 * providers are, each area's distances) is asked again only when the period or the data change.
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { viewUrl } from './view-url.svelte';
import type { Feature } from 'geojson';
import { pathwayCells } from '../db/sql/pathways';
import { areaAccess, locationSummary, populationAreaCodes, providerPoints, type LocationSummary } from '../db/queries';
import type { AreaAccessRow, ProviderPoint } from '../db/sql/access';
import { loadBoundaries } from '../geo/boundaries';
import { DEFAULT_BOUNDARIES } from './map-state.svelte';
import { userBoundaries } from './boundaries.svelte';
import type { CapacityOptions } from '../db/sql/capacity';
import { isOutcomeMeasure, type OutcomeMeasure } from '../domain/pathways/outcomes';
import type { PathwayCell } from '../domain/pathways/stages';
import { dataset } from './dataset.svelte';
import { sqlFilters } from './filters-url';
import { TrendFilterState } from './trend-filters.svelte';
import { Latest } from './latest.svelte';

export interface AccessData {
  points: ProviderPoint[];
  distances: AreaAccessRow[];
  summary: LocationSummary;
  /** Outlines of the areas the data names (the user's boundaries, else the built-in districts). */
  outlines: Feature[];
}

const NO_ACCESS: AccessData = { points: [], distances: [], summary: { rows: 0, with_coordinates: 0, unplaced: 0, examples: null }, outlines: [] };

/** The distance the access sentence counts areas beyond (URL `km`), km. */
export const DEFAULT_KM = 20;

export class PathwaysState extends TrendFilterState {
  cells = $state.raw<PathwayCell[]>([]);
  access = $state.raw<AccessData>(NO_ACCESS);

  /** The outcome the rates are of (URL `outcome`; declined by default). */
  readonly outcome: OutcomeMeasure = $derived.by(() => {
    const v = viewUrl.current.searchParams.get('outcome');
    return isOutcomeMeasure(v) ? v : 'declined';
  });

  /** What the query asks, as text: a URL change that asks the same runs nothing. */
  readonly #query: string | null = $derived(this.period ? JSON.stringify({ ...this.period, ...sqlFilters(this.filters) }) : null);

  /** Access to provision asks only the period (where providers are does not follow the filters). */
  readonly #period: string | null = $derived(this.period ? JSON.stringify(this.period) : null);
  readonly #accessLoad = new Latest();

  override get loading(): boolean {
    return this.latest.loading || this.#accessLoad.loading;
  }
  override get error(): string | null {
    return this.latest.error ?? this.#accessLoad.error;
  }

  constructor() {
    super();
    this.whenAsked(() => this.#query, (q) => this.load(JSON.parse(q)));
    this.whenAsked(() => this.#period, (q) => this.loadAccess(JSON.parse(q)), this.#accessLoad);
  }

  /** Areas further than this from a service are named (URL `km`, 1–500; 20 by default). */
  readonly km: number = $derived.by(() => {
    const v = Number(viewUrl.current.searchParams.get('km'));
    return Number.isFinite(v) && v >= 1 && v <= 500 ? v : DEFAULT_KM;
  });

  /** The service category the distance chart shows (URL `kind`); null: any children and young people's service. */
  readonly kind: string | null = $derived(viewUrl.current.searchParams.get('kind'));

  setKind(kind: string | null): Promise<void> {
    return this.set({}, { kind });
  }

  setKm(km: number): Promise<void> {
    return this.set({}, { km: km === DEFAULT_KM || !Number.isFinite(km) ? null : String(Math.round(km)) });
  }

  setOutcome(outcome: OutcomeMeasure): Promise<void> {
    return this.set({}, { outcome: outcome === 'declined' ? null : outcome });
  }

  private load(opts: CapacityOptions): Promise<void> {
    return this.latest.run(async () => pathwayCells(await dataset.db(), opts, dataset.measureTables), (cells) => (this.cells = cells));
  }

  private loadAccess(period: { from: string; to: string }): Promise<void> {
    return this.#accessLoad.run(async () => {
      const db = await dataset.db();
      const have = dataset.measureTables;
      const access: AccessData = {
        points: await providerPoints(db, have),
        distances: await areaAccess(db, period, have),
        summary: await locationSummary(db, have),
        outlines: []
      };
      if (access.points.length) access.outlines = await this.outlines(await populationAreaCodes(db), access.points.map((p) => p.area_code));
      return access;
    }, (access) => (this.access = access));
  }

  /** The boundaries of the data's areas (and of the areas providers name), from the user's file or the built-in districts. */
  private async outlines(areaCodes: string[], providerAreas: (string | null)[]): Promise<Feature[]> {
    const codes = new Set([...areaCodes, ...providerAreas.filter((c): c is string => c !== null)]);
    const all = userBoundaries.result?.areas ?? (await loadBoundaries(DEFAULT_BOUNDARIES()).catch(() => []));
    return all.filter((f) => codes.has(f.properties.code));
  }
}
