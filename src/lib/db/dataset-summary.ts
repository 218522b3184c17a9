/**
 * What the app knows of the loaded data after every change of it: the derived tables rebuilt (the
 * population the measures read, the providers' locations, the referrals' summary tables) and the counts,
 * sources and coverage read back. The browser runs it after every load (state/dataset.svelte.ts); the build
 * runs the same functions on the demo to make its first view (first-view.ts), so the two cannot disagree.
 */
import type { DbClient } from './client';
import type { CoverageInput } from '../domain/coverage';
import type { ExtractKind } from '../domain/extracts';
import { LOOKUP_XY, PROVIDER_XY } from './sql/access';
import { AREA_POPULATION, REF_CENTRE, REFERENCE_VINTAGE } from './sql/reference';
import { asMeasureTables } from './sql/tables';
import {
  listSources, populationSources, rebuildAggregates, rebuildAreaPopulation, rebuildLocations, tableCounts, tableCoverage, tablesWithData,
  type LocateProvider, type PopulationSource, type SourceRow
} from './queries';

export interface DatasetSummary {
  /** Rows in each extract table. */
  counts: Partial<Record<ExtractKind, number>>;
  /** How many areas take population and deprivation from the extract, how many from the built-in reference. */
  populationSources: PopulationSource[];
  /** Where each table came from, with the built-in population as a source when it supplies any area's. */
  sources: SourceRow[];
  /** Which areas and years each table covers, against the population extract (domain/coverage.ts). */
  coverage: CoverageInput;
}

export const EMPTY_SUMMARY: DatasetSummary = { counts: {}, populationSources: [], sources: [], coverage: { sources: [], rows: [], populationAreas: 0 } };

/** How a source line names the built-in population: its vintage, and for how many areas. */
export function referenceSourceName(areas: number, mixed: boolean): string {
  const what = `${REFERENCE_VINTAGE.population} and ${REFERENCE_VINTAGE.deprivation}, built in (Open Government Licence)`;
  return `${what} for ${areas} area${areas === 1 ? '' : 's'}${mixed ? ' not in the population extract' : ''}`;
}

/** A published dashboard's aggregate tables are loaded (no record-level extracts). */
export const isPublished = (sources: readonly SourceRow[]) => sources.some((s) => s.origin === 'published' && s.table_name.startsWith('pub_'));

/** The tables the measures read: 'population' whenever an extract or the reference gives one (tables.ts asMeasureTables). */
export function measureTablesOf(summary: Pick<DatasetSummary, 'counts' | 'populationSources'>, hasCentres: boolean): ReadonlySet<string> {
  const counts = summary.counts;
  // Locations are rebuilt with every refresh (rebuildLocations), so they are there with their extract.
  return asMeasureTables([...Object.keys(counts), ...(summary.populationSources.length ? [AREA_POPULATION] : []),
    ...(hasCentres ? [REF_CENTRE] : []), ...(counts.providers ? [PROVIDER_XY] : []), ...(counts.lookup ? [LOOKUP_XY] : [])]);
}

/** Rebuild what is derived from the loaded tables, then read back what the app shows of them. */
export async function summariseData(db: DbClient, locate: LocateProvider): Promise<DatasetSummary> {
  const have = await tablesWithData(db);
  await rebuildAreaPopulation(db, have);
  // Where the providers and the lookup's finer centres are (British National Grid converted in the page: geo/points.ts).
  await rebuildLocations(db, have, locate);
  // The summary tables the area-level views read, built once per change of the data (sql/aggregates.ts); the
  // access summary reads the locations just made, so the tables are asked for again.
  await rebuildAggregates(db, await tablesWithData(db));
  const counts = await tableCounts(db);
  const popSources = await populationSources(db);
  // The reference, when it supplies any area's population, is a source like a file: every source line that
  // reads population names it, with its vintage and how many areas it covers.
  const fromReference = popSources.find((p) => p.pop_source === 'reference')?.areas ?? 0;
  const reference: SourceRow[] = fromReference
    ? [{ table_name: 'population', file_name: referenceSourceName(fromReference, popSources.length > 1), origin: 'reference', rows: fromReference, loaded_at: '' }]
    : [];
  const listed = await listSources(db);
  return {
    counts,
    populationSources: popSources,
    sources: [...listed, ...reference],
    coverage: {
      sources: listed,
      rows: isPublished(listed) ? [] : await tableCoverage(db),
      populationAreas: popSources.find((p) => p.pop_source === 'extract')?.areas ?? 0
    }
  };
}
