/**
 * State of the Area profile page. The URL carries the same view as the Map (map-url.ts: area,
 * level, year, need weights), so a profile link is the map link on another path. For every
 * financial year it queries the area's level, the parents and the whole, then computes the
 * measures (need weights only re-run the computation, no query).
 *
 * Create it during a component's initialisation: the constructor registers effects.
 */
import { untrack } from 'svelte';
import { viewUrl } from './view-url.svelte';

import { computeAreaMeasures, type AreaAggregateRow } from '../domain/measures';
import { areaProfile, type AreaProfile, type ProfileYear } from '../domain/profile';
import { dataset } from './dataset.svelte';
import { parseMapView, type MapView } from './map-url';
import { settings } from './settings.svelte';
import { Latest } from './latest.svelte';

interface YearRows {
  fy: string;
  level: AreaAggregateRow[];
  parents: AreaAggregateRow[] | null;
  all: AreaAggregateRow[] | null;
}

export class ProfileState {
  rows = $state.raw<YearRows[]>([]);
  /** The profile's queries, the latest winning (latest.svelte.ts). */
  readonly #load = new Latest();
  get loading(): boolean {
    return this.#load.loading;
  }
  get error(): string | null {
    return this.#load.error;
  }

  readonly view: MapView = $derived(parseMapView(viewUrl.current.searchParams));
  readonly years: ProfileYear[] = $derived(
    this.rows.map((y) => ({
      fy: y.fy,
      level: computeAreaMeasures(y.level, this.view.weights, settings.suppression),
      parents: y.parents ? computeAreaMeasures(y.parents, this.view.weights, settings.suppression) : null,
      all: y.all ? computeAreaMeasures(y.all, this.view.weights, settings.suppression) : null
    }))
  );
  readonly profile: AreaProfile | null = $derived(this.view.area ? areaProfile(this.view.area, this.years, this.view.fy) : null);

  /** The level on its own: opening another area or changing the weights must not query again (the rows are every area's). */
  readonly #level: MapView['level'] = $derived(this.view.level);

  constructor() {
    $effect(() => {
      if (dataset.status !== 'ready') return;
      void dataset.version;
      void this.load(this.#level);
    });
  }

  private load(level: MapView['level']): Promise<void> {
    return this.#load.run(async () => {
      const known = untrack(() => dataset.measureTables);
      const db = await dataset.db();
      const hasParents = (await dataset.parents()).length > 0;
      // Rolling up (to parents or to everything) goes through the population.
      const hasPopulation = await dataset.source.canRollUp(db);
      const out: YearRows[] = [];
      for (const { fy } of await dataset.source.years(db)) {
        out.push({
          fy,
          // The Map's level: its own rows (an ICB's profile at ICB level); the population extract's parents only if it has them.
          level: await dataset.source.aggregates(db, fy, level === 'parent' && !hasParents ? 'area' : level, known),
          parents: level === 'area' && hasParents ? await dataset.source.aggregates(db, fy, 'parent', known) : null,
          all: hasPopulation ? await dataset.source.aggregates(db, fy, 'all', known) : null
        });
      }
      return out;
    }, (rows) => (this.rows = rows));
  }

}
