/**
 * The demo's first view: what the Overview and the Map show on a first visit, worked out at build time by the app's own
 * queries on the demo's own tables (scripts/demo/first-view.ts, through `makeFirstView` below) and shipped
 * beside them. A first-time visitor sees the figures and the map drawn from it while the engine starts (about a second: its
 * 34 MB of wasm to fetch and compile) and the demo loads; then the engine's own figures replace it, the same
 * numbers (the e2e test `first-view.spec.ts` compares the two). It is only ever shown for the demo it was made
 * from (`id`, which the manifest names too), and never when this browser keeps data or boundaries of its own.
 */
import type { DbClient } from './client';
import type { AreaAggregateRow } from '../domain/measures';
import { measureYears, overviewFigures, populationAreaCodes, areaAggregates, type LocateProvider, type MeasureYear, type OverviewFigures } from './queries';
import { measureTablesOf, summariseData, type DatasetSummary } from './dataset-summary';

export interface FirstView {
  /** The demo it was made from: the same as the manifest's `firstView.id` (a digest of the demo's files). */
  id: string;
  summary: DatasetSummary;
  /** The reference's district centres loaded (the access measures read them). */
  hasCentres: boolean;
  /** The Overview's figures (the page a visitor lands on). */
  overview: OverviewFigures;
  map: {
    years: MeasureYear[];
    /** The areas as loaded (what kind of area the data is keyed by). */
    areaCodes: string[];
    /** Every area's inputs at the area level, for each year the Map opens on for some measure. */
    aggregates: Record<string, AreaAggregateRow[]>;
  };
}

/** Where the manifest says the first view is, and which demo it belongs to. */
export interface FirstViewRef {
  path: string;
  id: string;
}

/**
 * The first view of the data loaded in `db` (the reference and the demo), with the years the Map opens on
 * (`openingYears`: map-url.ts's defaultYear for each measure source).
 */
export async function makeFirstView(
  db: DbClient,
  id: string,
  locate: LocateProvider,
  hasCentres: boolean,
  openingYears: (years: MeasureYear[]) => (string | null)[]
): Promise<FirstView> {
  const summary = await summariseData(db, locate);
  const years = await measureYears(db);
  const areaCodes = await populationAreaCodes(db);
  const aggregates: Record<string, AreaAggregateRow[]> = {};
  for (const fy of new Set(openingYears(years))) {
    if (fy !== null) aggregates[fy] = await areaAggregates(db, fy, 'area', measureTablesOf(summary, hasCentres));
  }
  return { id, summary, hasCentres, overview: await overviewFigures(db), map: { years, areaCodes, aggregates } };
}

/** The shipped first view, or null when there is none, it is unreadable or it belongs to another demo. */
export async function fetchFirstView(baseUrl: string, ref: FirstViewRef | undefined, fetcher: typeof fetch = fetch): Promise<FirstView | null> {
  if (!ref) return null;
  try {
    const res = await fetcher(`${baseUrl}/${ref.path}`, { cache: 'no-cache' });
    if (!res.ok) return null;
    const view = (await res.json()) as FirstView;
    return view && view.id === ref.id && view.map && view.summary ? view : null;
  } catch {
    return null;
  }
}
