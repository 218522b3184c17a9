/**
 * State of the Map page. The URL is the source of truth for the view (measure, year, classing,
 * need weights, selected area: see map-url.ts); this class reads it through `page`, writes it
 * with `goto`, queries DuckDB when the year or the loaded data change, and derives everything the
 * components draw. Need weights only re-run computeAreaMeasures (no query), so DfT moves live.
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { base } from '$app/paths';
import { viewUrl } from './view-url.svelte';
import { sameValue } from './same-value';
import { replaceQuery } from './replace-query';
import { choroplethColours, type ChoroplethArea, type ChoroplethColours } from '../charts/choropleth';
import { lookupGroups, populationAreaCodes, providerPoints, referenceGroups, referenceLevelCounts, type MeasureYear } from '../db/queries';
import type { ProviderPoint } from '../db/sql/access';
import { REFERENCE_LEVELS, type ReferenceLevel } from '../db/sql/reference';
import { areaKind, referenceFamily, vintageHint, type ParentOf } from '../domain/area-codes';
import { computeAreaMeasures, measureById, type AreaAggregateRow, type AreaMeasureRow, type AreaMeasures, type MeasureDef } from '../domain/measures';
import { loadBoundaries, matchCodes, type AreaFeature, type CodeMatch } from '../geo/boundaries';
import { dissolveToParents } from '../geo/dissolve';
import { loadHexmap } from '../geo/hexmap';
import { userBoundaries } from './boundaries.svelte';
import { dataset } from './dataset.svelte';
import { defaultYear, parseMapView, writeMapView, type AreaLevel, type MapView } from './map-url';
import { settings } from './settings.svelte';
import { Latest } from './latest.svelte';

export const DEFAULT_BOUNDARIES = () => `${base}/geo/areas.topo.json`;
export const HEXMAP = () => `${base}/geo/lad23.hexjson`;

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
  /** The district hex cartogram, loaded the first time it is asked for. */
  hexes = $state.raw<AreaFeature[]>([]);
  /** The population extract's area → parent lookup; empty when it has no parent codes. */
  parents = $state.raw<ParentOf[]>([]);
  /** The user's own groupings (lookup extract), area → group; empty without one. */
  groups = $state.raw<ParentOf[]>([]);
  /** The built-in reference's area → group lookup at each level (for dissolving boundaries). */
  refGroups = $state.raw<Partial<Record<ReferenceLevel, ParentOf[]>>>({});
  /** How many of the loaded areas have a group at each reference level (0: not offered). */
  refCounts = $state.raw<Partial<Record<ReferenceLevel, number>>>({});
  /** Codes of the areas as loaded (whatever level is shown), to tell which kind of area they are. */
  areaCodes = $state.raw<string[]>([]);
  #dissolved = new WeakMap<AreaFeature[], Map<string, AreaFeature[]>>();
  yearsLoaded = $state(false);
  /** The level lookups (parents, reference, groupings) have loaded: until then some outlines cannot be drawn. */
  levelsLoaded = $state(false);
  /** The aggregates' queries, the latest winning (latest.svelte.ts). */
  readonly #load = new Latest();
  get loading(): boolean {
    return this.#load.loading;
  }
  get error(): string | null {
    return this.#load.error;
  }
  boundaryError = $state<string | null>(null);
  /** The located providers (sql/access.ts), loaded when the view asks to draw them. */
  providerPoints = $state.raw<ProviderPoint[]>([]);
  providerError = $state<string | null>(null);

  /** The view as the URL says it, before the year is resolved against the data. */
  readonly urlView: MapView = $derived(parseMapView(viewUrl.current.searchParams));
  readonly measure: MeasureDef = $derived(measureById(this.urlView.measure));
  /** The year shown: the URL's if the data has it, else the default for the measure. */
  readonly fy: string | null = $derived(
    this.urlView.fy && this.years.some((y) => y.fy === this.urlView.fy) ? this.urlView.fy : defaultYear(this.years, this.measure.source)
  );
  /** The kind of area the data is keyed by, as the reference names levels ('lad' for districts and anything else). */
  readonly areaFamily: 'lad' | ReferenceLevel = $derived(referenceFamily(this.areaCodes));
  /** The loaded areas include English districts (E06–E09): the built-in map and hex map draw them. */
  readonly hasDistricts: boolean = $derived(this.areaCodes.some((c) => /^E0[6-9]/.test(c)));
  /**
   * Boundaries of the loaded areas: the user's file if they gave one, else the built-in districts,
   * dissolved to sub-ICB locations or ICBs when the data is keyed by those.
   */
  readonly areaFeatures: AreaFeature[] = $derived.by(() => {
    if (userBoundaries.result) return userBoundaries.result.areas;
    if (this.areaFamily === 'lad') return this.defaultFeatures;
    const loaded = new Set(this.areaCodes);
    return this.dissolve(this.defaultFeatures, (this.refGroups[this.areaFamily] ?? []).filter((l) => loaded.has(l.parent_code)), null);
  });
  /** What the parents are called ('ICB', 'region'…), from their codes. */
  readonly parentLabel: string | null = $derived(
    this.parents.length ? (areaKind(this.parents.map((p) => p.parent_code)) ?? 'parent area') : null
  );
  /**
   * Levels offered: the areas as loaded, each reference level their codes roll up to, and the
   * population extract's parents unless they are a reference level already offered (an extract
   * whose parents are ICBs shows them once, as the reference's ICB level).
   */
  readonly levels: { id: AreaLevel; label: string }[] = $derived.by(() => {
    const family = REFERENCE_LEVELS.find((l) => l.id === this.areaFamily);
    const areaLabel = family?.label ?? (this.hasDistricts ? 'District' : capitalise(areaKind(this.areaCodes) ?? 'area'));
    const out: { id: AreaLevel; label: string }[] = [{ id: 'area', label: areaLabel }];
    const loaded = new Set(this.areaCodes);
    if (this.groups.some((g) => loaded.has(g.area_code))) out.push({ id: 'group', label: 'Your groupings' });
    for (const l of REFERENCE_LEVELS) if ((this.refCounts[l.id] ?? 0) > 0) out.push({ id: l.id, label: l.label });
    // Each area's parent must be its group at an offered level (Westmorland and Furness put in
    // North East and North Cumbria by the extract is not the reference's best fit: keep the level).
    const offered = REFERENCE_LEVELS.filter((l) => out.some((o) => o.id === l.id)).map((l) => new Map((this.refGroups[l.id] ?? []).map((g) => [g.area_code, g.parent_code])));
    if (this.parents.length && !this.parents.every((p) => offered.some((m) => m.get(p.area_code) === p.parent_code))) out.push({ id: 'parent', label: capitalise(this.parentLabel ?? 'parent area') });
    return out;
  });
  readonly level: AreaLevel = $derived(this.levels.some((l) => l.id === this.urlView.level) ? this.urlView.level : 'area');
  /** The hex cartogram is of districts: offered for district data on the built-in geography. */
  readonly hexAvailable: boolean = $derived(this.level === 'area' && this.areaFamily === 'lad' && !userBoundaries.result && this.hasDistricts);
  readonly shape: MapView['shape'] = $derived(this.urlView.shape === 'hex' && this.hexAvailable ? 'hex' : 'map');
  readonly view: MapView = $derived({ ...this.urlView, fy: this.fy, level: this.level, shape: this.urlView.shape });
  /**
   * Boundaries drawn at the level shown. Groups are dissolved from the area boundaries (only the
   * groups with data), unless the boundaries are already the groups' own (a user's ICB file, say).
   */
  readonly features: AreaFeature[] = $derived.by(() => {
    if (this.shape === 'hex') return this.hexes;
    if (this.level === 'area') return this.areaFeatures;
    const groups = new Set(this.aggregates.map((r) => r.area_code));
    const loaded = new Set(this.areaCodes);
    // The user's own boundaries may be the groups' (an ICB file): drawn as they are. A group that
    // is also one of the areas (a district that is its own place) does not count.
    if (userBoundaries.result && this.areaFeatures.some((f) => groups.has(f.properties.code) && !loaded.has(f.properties.code))) return this.areaFeatures;
    // Only the areas in the data: a group is drawn as the ground its figures cover (an ICB with one
    // district loaded is that district's outline, not the whole ICB's). A published dashboard has
    // no record of its areas here: its lookup is used whole.
    const lookup = (this.level === 'parent' ? this.parents : this.level === 'group' ? this.groups : (this.refGroups[this.level] ?? [])).filter((l) => !loaded.size || loaded.has(l.area_code));
    // The areas' own outlines when they are districts or the user's; else the built-in districts,
    // each taken to its group through its sub-ICB location (say).
    return userBoundaries.result || this.areaFamily === 'lad'
      ? this.dissolve(this.areaFeatures, lookup, groups)
      : this.dissolve(this.defaultFeatures, this.districtsOf(lookup), groups);
  });
  /**
   * Groups of the built-in levels that the data covers only in part (an ICB with one of its 13
   * districts loaded): their figures are for those districts alone, which the page says.
   */
  readonly partialGroups: { name: string; loaded: number; total: number }[] = $derived.by(() => {
    if (this.level === 'area' || this.level === 'parent' || this.level === 'group' || this.areaFamily !== 'lad') return [];
    const loaded = new Set(this.areaCodes);
    const byGroup = new Map<string, { name: string; loaded: number; total: number }>();
    for (const l of this.refGroups[this.level] ?? []) {
      if (!/^E0[6-9]/.test(l.area_code)) continue;
      const g = byGroup.get(l.parent_code) ?? { name: l.parent_name ?? l.parent_code, loaded: 0, total: 0 };
      g.total++;
      if (loaded.has(l.area_code)) g.loaded++;
      byGroup.set(l.parent_code, g);
    }
    return [...byGroup.values()].filter((g) => g.loaded > 0 && g.loaded < g.total).sort((a, b) => a.name.localeCompare(b.name));
  });
  readonly #sameWeights = sameValue<MapView['weights']>();
  /** The figures: the same array while they are the same, so the engine's figures for the demo's first view (the same numbers) do not draw the map again. */
  readonly #sameAggregates = sameValue<AreaAggregateRow[]>();
  /** The need weights: the same object until they change (same-value.ts), so a change of year or measure does not recompute every area first. */
  readonly #weights: MapView['weights'] = $derived(this.#sameWeights(this.urlView.weights));
  readonly results: AreaMeasures = $derived(computeAreaMeasures(this.aggregates, this.#weights, settings.suppression));
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
    // A first visit: the demo's first view (db/first-view.ts) until the engine is ready. Its years and areas, and
    // its figures for the year shown if it has them (the years the Map opens on, at the area level).
    $effect(() => {
      const first = dataset.firstView;
      if (!first || dataset.status === 'ready') return;
      this.years = first.map.years;
      this.areaCodes = first.map.areaCodes;
      this.yearsLoaded = true;
      const fy = this.fy;
      this.aggregates = this.#sameAggregates((fy !== null && this.level === 'area' && first.map.aggregates[fy]) || []);
    });
    // Years: once the data engine is ready, and again whenever the loaded data change.
    $effect(() => {
      if (dataset.status !== 'ready') return;
      void dataset.version;
      void this.loadYears();
    });
    void this.loadFeatures();
    $effect(() => {
      if (this.shape === 'hex' && !this.hexes.length) void this.loadHexes();
    });
    // Providers over the map: loaded when asked for, and again when the data change.
    $effect(() => {
      if (dataset.status !== 'ready' || !this.urlView.providers) return;
      void dataset.version;
      void this.loadProviderPoints();
    });
    // Aggregates for the year and level shown (and again when the data change).
    $effect(() => {
      if (dataset.status !== 'ready' || !this.yearsLoaded) return;
      void dataset.version;
      const fy = this.fy;
      const level = this.level;
      void this.loadAggregates(fy, level);
    });
  }

  /**
   * Data keyed by sub-ICB location (say) rolled up to ICBs: the default boundaries are districts,
   * so the lookup goes from each district of those sub-ICB locations (best fit) to the group.
   */
  private districtsOf(lookup: ParentOf[]): ParentOf[] {
    const groupOf = new Map(lookup.map((l) => [l.area_code, l]));
    const family = this.areaFamily === 'lad' ? null : this.refGroups[this.areaFamily] ?? [];
    return (family ?? []).flatMap((d) => {
      const g = groupOf.get(d.parent_code);
      return g ? [{ area_code: d.area_code, parent_code: g.parent_code, parent_name: g.parent_name }] : [];
    });
  }

  /** Dissolved outlines, kept per source, lookup and groups: a change of need weights must not dissolve again. */
  private dissolve(from: AreaFeature[], lookup: ParentOf[], groups: Set<string> | null): AreaFeature[] {
    const used = groups ? lookup.filter((l) => groups.has(l.parent_code)) : lookup;
    const key = used.map((l) => `${l.area_code}>${l.parent_code}`).join(',');
    let bySource = this.#dissolved.get(from);
    if (!bySource) this.#dissolved.set(from, (bySource = new Map()));
    let out = bySource.get(key);
    if (!out) {
      out = dissolveToParents(from, used);
      if (bySource.size > 20) bySource.clear();
      bySource.set(key, out);
    }
    return out;
  }

  /** The profile page of an area, in the same view (year, level, weights). */
  profileHref(code: string): string {
    return `${base}/area/?${writeMapView(viewUrl.current.searchParams, { ...this.view, area: code }).toString()}`;
  }

  /** Change part of the view; the whole view is written to the URL. */
  set(changes: Partial<MapView>): Promise<void> {
    const next = { ...this.view, ...changes };
    return replaceQuery((params) => writeMapView(params, next));
  }

  private async loadProviderPoints(): Promise<void> {
    try {
      this.providerPoints = await providerPoints(await dataset.db(), dataset.measureTables);
      this.providerError = null;
    } catch (e) {
      this.providerError = (e as Error).message;
    }
  }

  private async loadYears(): Promise<void> {
    try {
      const db = await dataset.db();
      this.years = await dataset.source.years(db);
      this.areaCodes = await populationAreaCodes(db);
      // The map can be drawn now (the aggregates query goes next); the levels above follow.
      this.yearsLoaded = true;
      this.parents = await dataset.parents();
      this.refCounts = await referenceLevelCounts(db);
      this.groups = await lookupGroups(db);
      this.refGroups = await referenceGroups(db);
    } catch (e) {
      this.#load.error = (e as Error).message;
    } finally {
      this.yearsLoaded = true;
      this.levelsLoaded = true;
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

  private async loadHexes(): Promise<void> {
    try {
      this.hexes = await loadHexmap(HEXMAP());
    } catch (e) {
      this.boundaryError = (e as Error).message;
    }
  }

  private loadAggregates(fy: string | null, level: AreaLevel): Promise<void> {
    // A later request (another year chosen meanwhile) wins.
    return this.#load.run(async () => dataset.source.aggregates(await dataset.db(), fy, level, dataset.measureTables), (rows) => (this.aggregates = this.#sameAggregates(rows)));
  }

}
