/**
 * State of the Map page. The URL is the source of truth for the view (measure, year, classing,
 * need weights, selected area: see map-url.ts); this class reads it through `page`, writes it
 * with `goto`, queries DuckDB when the year or the loaded data change, and derives everything the
 * components draw. Need weights only re-run computeAreaMeasures (no query), so DfT moves live.
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { goto } from '$app/navigation';
import { base } from '$app/paths';
import { page } from '$app/state';
import { choroplethColours, type ChoroplethArea, type ChoroplethColours } from '../charts/choropleth';
import { areaAggregates, areaParents, measureYears, type MeasureYear } from '../db/queries';
import { areaKind, vintageHint, type ParentOf } from '../domain/area-codes';
import { computeAreaMeasures, measureById, type AreaAggregateRow, type AreaMeasureRow, type AreaMeasures, type MeasureDef } from '../domain/measures';
import { loadBoundaries, matchCodes, type AreaFeature, type CodeMatch } from '../geo/boundaries';
import { dissolveToParents } from '../geo/dissolve';
import { userBoundaries } from './boundaries.svelte';
import { dataset } from './dataset.svelte';
import { defaultYear, parseMapView, writeMapView, type AreaLevel, type MapView } from './map-url';
import { settings } from './settings.svelte';

export const DEFAULT_BOUNDARIES = () => `${base}/geo/areas.topo.json`;

/** One area as the map and the table twin draw it, for the chosen measure. */
export interface MapArea extends ChoroplethArea {
  row: AreaMeasureRow;
}

const capitalise = (s: string) => (/^[A-Z]{2,}/.test(s) ? s : s.charAt(0).toUpperCase() + s.slice(1));

export class MapState {
  years = $state.raw<MeasureYear[]>([]);
  aggregates = $state.raw<AreaAggregateRow[]>([]);
  /** The default geography (used until the user gives their own boundaries). */
  defaultFeatures = $state.raw<AreaFeature[]>([]);
  /** The population extract's area → parent lookup; empty when it has no parent codes. */
  parents = $state.raw<ParentOf[]>([]);
  yearsLoaded = $state(false);
  loading = $state(true);
  error = $state<string | null>(null);
  boundaryError = $state<string | null>(null);
  #request = 0;

  /** The view as the URL says it, before the year is resolved against the data. */
  readonly urlView: MapView = $derived(parseMapView(page.url.searchParams));
  readonly measure: MeasureDef = $derived(measureById(this.urlView.measure));
  /** The year shown: the URL's if the data has it, else the default for the measure. */
  readonly fy: string | null = $derived(
    this.urlView.fy && this.years.some((y) => y.fy === this.urlView.fy) ? this.urlView.fy : defaultYear(this.years, this.measure.source)
  );
  /** Parent level only when the data has parents to roll up to. */
  /** Boundaries of the loaded areas: the user's file if they gave one, else the default geography. */
  readonly areaFeatures: AreaFeature[] = $derived(userBoundaries.result?.areas ?? this.defaultFeatures);
  readonly level: AreaLevel = $derived(this.urlView.level === 'parent' && this.parents.length ? 'parent' : 'area');
  readonly view: MapView = $derived({ ...this.urlView, fy: this.fy, level: this.level });
  /** What the parents are called ('ICB', 'region'…), from their codes. */
  readonly parentLabel: string | null = $derived(
    this.parents.length ? (areaKind(this.parents.map((p) => p.parent_code)) ?? 'parent area') : null
  );
  readonly levels: { id: AreaLevel; label: string }[] = $derived(
    this.parentLabel
      ? [{ id: 'area', label: capitalise(areaKind(this.parents.map((p) => p.area_code)) ?? 'area') }, { id: 'parent', label: capitalise(this.parentLabel) }]
      : [{ id: 'area', label: 'Area' }]
  );
  /**
   * Boundaries drawn at the level shown. Parents are dissolved from the area boundaries, unless
   * the boundaries are already the parents' own (a user's ICB file, say).
   */
  readonly features: AreaFeature[] = $derived.by(() => {
    if (this.level === 'area') return this.areaFeatures;
    const parentCodes = new Set(this.parents.map((p) => p.parent_code));
    if (this.areaFeatures.some((f) => parentCodes.has(f.properties.code))) return this.areaFeatures;
    return dissolveToParents(this.areaFeatures, this.parents);
  });
  readonly results: AreaMeasures = $derived(computeAreaMeasures(this.aggregates, this.urlView.weights, settings.suppression));
  readonly colours: ChoroplethColours = $derived(
    choroplethColours(this.measure, this.results.rows.map((r) => r.measures[this.measure.id].value), this.urlView.classing)
  );
  readonly match: CodeMatch = $derived(matchCodes(this.features.map((f) => f.properties.code), this.results.rows.map((r) => r.area_code)));
  /** When the user's boundaries are in use, a sentence on codes that do not match, and why they might not. */
  readonly matchHint: string | null = $derived(
    userBoundaries.result && this.match.dataOnly.length ? vintageHint(this.match.boundaryOnly, this.match.dataOnly) : null
  );
  /** The user's boundaries carry the data's parent codes, not its area codes: say to switch level. */
  readonly levelHint: string | null = $derived.by(() => {
    if (!userBoundaries.result || this.level === 'parent' || !this.parents.length) return null;
    const parentCodes = new Set(this.parents.map((p) => p.parent_code));
    const hits = userBoundaries.result.areas.filter((f) => parentCodes.has(f.properties.code)).length;
    return hits > this.match.matched.length ? `These boundaries are for the data's ${this.parentLabel ?? 'parent areas'}: choose ${this.parentLabel ?? 'the parent level'} under Areas to map them.` : null;
  });
  readonly areas: MapArea[] = $derived.by(() => {
    const drawn = new Set(this.match.matched);
    const id = this.measure.id;
    return this.results.rows.map((row) => {
      const m = row.measures[id];
      return {
        code: row.area_code, name: row.area_name ?? row.area_code, value: m.value, lower: m.lower, upper: m.upper, rank: m.rank, suppressed: m.suppressed,
        fill: this.colours.fill(m.value), hasBoundary: drawn.has(row.area_code), row
      };
    });
  });
  /** Areas with a value for this measure ("rank 3 of N"). */
  readonly rankedCount: number = $derived(this.results.counts[this.measure.id]);
  readonly selected: MapArea | null = $derived(this.areas.find((a) => a.code === this.urlView.area) ?? null);

  constructor() {
    // Years: once the data engine is ready, and again whenever the loaded data change.
    $effect(() => {
      if (dataset.status !== 'ready') return;
      void dataset.version;
      void this.loadYears();
    });
    void this.loadFeatures();
    // Aggregates for the year and level shown (and again when the data change).
    $effect(() => {
      if (dataset.status !== 'ready' || !this.yearsLoaded) return;
      void dataset.version;
      const fy = this.fy;
      const level = this.level;
      void this.loadAggregates(fy, level);
    });
  }

  /** The profile page of an area, in the same view (year, level, weights). */
  profileHref(code: string): string {
    return `${base}/area/?${writeMapView(page.url.searchParams, { ...this.view, area: code }).toString()}`;
  }

  /** Change part of the view; the whole view is written to the URL. */
  set(changes: Partial<MapView>): Promise<void> {
    const next = { ...this.view, ...changes };
    const url = new URL(page.url);
    url.search = writeMapView(url.searchParams, next).toString();
    return goto(url, { replaceState: true, keepFocus: true, noScroll: true });
  }

  private async loadYears(): Promise<void> {
    try {
      const db = await dataset.db();
      this.parents = await areaParents(db);
      this.years = await measureYears(db);
    } catch (e) {
      this.error = (e as Error).message;
    } finally {
      this.yearsLoaded = true;
    }
  }

  /** Boundaries load apart from the data: without them the table twin still lists every area. */
  private async loadFeatures(): Promise<void> {
    try {
      this.defaultFeatures = await loadBoundaries(DEFAULT_BOUNDARIES());
      this.boundaryError = null;
    } catch (e) {
      this.boundaryError = (e as Error).message;
    }
  }

  private async loadAggregates(fy: string | null, level: AreaLevel): Promise<void> {
    const request = ++this.#request;
    this.loading = true;
    try {
      const rows = await areaAggregates(await dataset.db(), fy, level);
      // A later request (another year chosen meanwhile) wins.
      if (request !== this.#request) return;
      this.aggregates = rows;
      this.error = null;
    } catch (e) {
      if (request === this.#request) this.error = (e as Error).message;
    } finally {
      if (request === this.#request) this.loading = false;
    }
  }
}
