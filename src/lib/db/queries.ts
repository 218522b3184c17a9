/**
 * Typed query functions: the only way the app reads or writes DuckDB. Components and state call
 * these; the SQL itself lives in db/sql/.
 */
import type { ParentOf } from '../domain/area-codes';
import type { DbClient, SqlParam } from './client';
import { annualRatePer1000 } from '../domain/rates';
import { DEFAULT_NEED_WEIGHTS } from '../domain/need';
import type { ExtractKind } from '../domain/extracts';
import { canonicalTablesSql } from './sql/ingest';
import * as t from './sql/tables';
import * as o from './sql/overview';
import * as am from './sql/area-measures';
import * as ref from './sql/reference';
import * as agg from './sql/aggregates';
import * as acc from './sql/access';
import { engineMemorySql } from './sql/storage';
import { parseDuckDbSize } from '../ingest/memory-fit';
import { measureTables, validPeriod } from './sql/capacity';
import { filterValuesSql } from './sql/filters';
import * as pub from './sql/published';
import type { PublishedTable } from './sql/published';
import { waitingMonthRange as waitingMonthRangeRecords, waitingSeries as waitingSeriesRecords, type WaitingMonthRow, type WaitingOptions } from './sql/waiting';
import { computeAreaMeasures, type AreaAggregateRow } from '../domain/measures';
import { coverageSql } from './sql/coverage';
import type { CoverageRow } from '../domain/coverage';

export interface SourceRow {
  /** An extract, or a published dashboard's aggregate table (pub_area, pub_waiting). */
  table_name: ExtractKind | PublishedTable;
  file_name: string;
  origin: 'upload' | 'published' | 'demo' | 'reference';
  rows: number;
  loaded_at: string;
}

export async function tableExists(db: DbClient, table: string): Promise<boolean> {
  const [r] = await db.query<{ n: number }>(t.tableExistsSql, [table]);
  return (r?.n ?? 0) > 0;
}

export async function recordSource(
  db: DbClient,
  s: { table: string; fileName: string; origin: string; rows: number; mode: 'replace' | 'append' }
): Promise<void> {
  await db.exec(t.createSourcesSql);
  if (s.mode === 'replace') await db.query(t.clearSourcesForSql, [s.table]);
  await db.query(t.insertSourceSql, [s.table, s.fileName, s.origin, s.rows, new Date().toISOString()]);
}

export async function listSources(db: DbClient): Promise<SourceRow[]> {
  await db.exec(t.createSourcesSql);
  return db.query<SourceRow>(t.sourcesSql);
}

export async function existingTables(db: DbClient): Promise<string[]> {
  return (await db.query<{ table_name: string }>(t.existingTablesSql)).map((r) => r.table_name);
}

/** The tables with something in them: any other table, and an extract's once it has rows (tables.ts). */
export async function tablesWithData(db: DbClient): Promise<Set<string>> {
  return new Set((await db.query<{ table_name: string }>(t.tablesWithDataSql)).map((r) => r.table_name));
}

/** Every extract's table exists from the start (empty until something is loaded): create those that do not. */
export async function ensureCanonicalTables(db: DbClient): Promise<void> {
  await db.exec(canonicalTablesSql());
}

export async function tableCounts(db: DbClient): Promise<Partial<Record<ExtractKind, number>>> {
  const rows = await db.query<{ table_name: ExtractKind; n: number }>(t.tableCountsSql(await existingTables(db)));
  // An extract's table is there from the start; it counts as loaded once it has rows.
  return Object.fromEntries(rows.filter((r) => r.n > 0).map((r) => [r.table_name, r.n]));
}

export async function previewTable(db: DbClient, table: ExtractKind, limit = 10): Promise<Record<string, unknown>[]> {
  return db.query(t.previewSql(table, limit));
}

export async function clearAll(db: DbClient): Promise<void> {
  await db.exec(t.createSourcesSql);
  await db.exec(t.dropAllSql());
}

/**
 * Load the built-in reference (areas.csv and code-history.csv, fetched from our own origin) into
 * DuckDB once. A failure leaves the app working without it: no built-in population, no levels.
 */
export async function loadReference(db: DbClient, files: { areas: Uint8Array; history: Uint8Array; centres: Uint8Array }): Promise<void> {
  await db.registerFile('ref_centres.csv', files.centres);
  await db.exec(ref.createRefCentreSql('ref_centres.csv'));
  await db.dropFile('ref_centres.csv');
  await db.registerFile('ref_areas.csv', files.areas);
  await db.exec(ref.createRefAreaSql('ref_areas.csv'));
  await db.registerFile('ref_code_history.csv', files.history);
  await db.exec(ref.createRefHistorySql('ref_code_history.csv'));
  await db.exec(ref.createRefAliasSql);
  await db.dropFile('ref_areas.csv');
  await db.dropFile('ref_code_history.csv');
}

/** Rebuild area_population (the extract's areas, the rest from the reference) after the data changed. */
export async function rebuildAreaPopulation(db: DbClient, have?: ReadonlySet<string>): Promise<void> {
  await db.exec(ref.rebuildAreaPopulationSql(have ?? (await tablesWithData(db))));
}

/** The engine's memory limit and use, in bytes (limit null when the setting cannot be read). */
export async function engineMemory(db: DbClient): Promise<{ limit: number | null; used: number }> {
  const [r] = await db.query<{ memory_limit: string; used: number }>(engineMemorySql);
  return { limit: parseDuckDbSize(r?.memory_limit), used: r?.used ?? 0 };
}

/** Rebuild the referrals' summary tables (sql/aggregates.ts) after the data changed. */
export async function rebuildAggregates(db: DbClient, have?: ReadonlySet<string>): Promise<void> {
  await db.exec(agg.rebuildAggregatesSql(have ?? (await tablesWithData(db))));
}

export interface PopulationSource {
  pop_source: 'extract' | 'reference';
  areas: number;
}

/** How many areas take their population from the extract and how many from the reference. */
export async function populationSources(db: DbClient): Promise<PopulationSource[]> {
  if (!(await tableExists(db, ref.AREA_POPULATION))) return [];
  return db.query<PopulationSource>(ref.populationSourcesSql);
}

/** How many of the loaded areas have a parent at each reference level (0: the level is not offered). */
export async function referenceLevelCounts(db: DbClient): Promise<Record<ref.ReferenceLevel, number>> {
  const none = Object.fromEntries(ref.REFERENCE_LEVELS.map((l) => [l.id, 0])) as Record<ref.ReferenceLevel, number>;
  if (!(await tableExists(db, ref.AREA_POPULATION)) || !(await tableExists(db, ref.REF_AREA))) return none;
  const [row] = await db.query<Record<ref.ReferenceLevel, number>>(ref.referenceLevelCountsSql);
  return row ?? none;
}

/** The user's lookup extract, area → group (empty without one). */
export async function lookupGroups(db: DbClient): Promise<ParentOf[]> {
  return db.query<ParentOf>(am.lookupGroupsSql);
}

/** Each reference area's group at every level (for dissolving boundaries to it). */
export async function referenceGroups(db: DbClient): Promise<Partial<Record<ref.ReferenceLevel, ParentOf[]>>> {
  if (!(await tableExists(db, ref.REF_AREA))) return {};
  const out: Partial<Record<ref.ReferenceLevel, ParentOf[]>> = {};
  for (const { level, ...row } of await db.query<ParentOf & { level: ref.ReferenceLevel }>(ref.referenceGroupsSql)) (out[level] ??= []).push(row);
  return out;
}

/** Codes of the areas with a population: the extract's, or the reference's for the areas the data names. */
export async function populationAreaCodes(db: DbClient): Promise<string[]> {
  if (!(await tableExists(db, ref.AREA_POPULATION))) return [];
  return (await db.query<{ area_code: string }>(ref.populationAreaCodesSql)).map((r) => r.area_code);
}

export interface FundingGap {
  area_code: string;
  area_name: string | null;
  funding: number;
  fair_share: number | null;
  gap_gbp: number | null;
  dft: number | null;
}

export interface OverviewFigures {
  fy: string | null;
  months: number;
  referrals: number | null;
  referralRatePer1000: number | null;
  medianWaitDays: number | null;
  waitingNow: number | null;
  waitingAsOf: string | null;
  population: number | null;
  areas: number | null;
  fundingFy: string | null;
  fundingTotal: number | null;
  fundingPerHead: number | null;
  /** Most under-funded areas against a need-weighted fair share (default weights). */
  largestGaps: FundingGap[];
}

/** The Overview's figures from the record-level extracts. */
export async function overviewFigures(db: DbClient): Promise<OverviewFigures> {
  const have = await measureTables(db);
  const out: OverviewFigures = {
    fy: null, months: 0, referrals: null, referralRatePer1000: null, medianWaitDays: null,
    waitingNow: null, waitingAsOf: null, population: null, areas: null,
    fundingFy: null, fundingTotal: null, fundingPerHead: null, largestGaps: []
  };
  if (have.has('population')) {
    const [tot] = await db.query<{ population: number; areas: number }>(o.totalsSql);
    out.population = tot?.population ?? null;
    out.areas = tot?.areas ?? null;
  }
  if (have.has('referrals')) {
    const [latest] = await db.query<{ fy: string | null }>(o.latestYearSql);
    out.fy = latest?.fy ?? null;
    if (out.fy) {
      const [r] = await db.query<{ referrals: number; months: number; median_wait_days: number | null }>(o.referralFiguresSql, [out.fy]);
      out.referrals = r?.referrals ?? null;
      out.months = r?.months ?? 0;
      out.medianWaitDays = r?.median_wait_days ?? null;
      if (out.population && out.referrals !== null) out.referralRatePer1000 = annualRatePer1000(out.referrals, out.population, out.months);
    }
    const [w] = await db.query<{ waiting: number; as_of: string }>(o.waitingNowSql);
    out.waitingNow = w?.waiting ?? null;
    out.waitingAsOf = w?.as_of ?? null;
  }
  if (have.has('funding') && have.has('population')) {
    const years = (await db.query<{ fy: string }>(o.fundingYearsSql)).map((y) => y.fy);
    out.fundingFy = years.at(-1) ?? null;
    if (out.fundingFy) {
      // The same per-area measures as the Map (one place for fair share and DfT), default weights.
      const m = computeAreaMeasures(await areaAggregates(db, out.fundingFy), DEFAULT_NEED_WEIGHTS);
      out.fundingTotal = m.rows.reduce((sum, r) => sum + (r.population ? r.funding ?? 0 : 0), 0);
      out.fundingPerHead = out.population ? out.fundingTotal / out.population : null;
      out.largestGaps = m.rows
        .filter((r) => r.measures.dft.value !== null)
        .map((r) => ({ area_code: r.area_code, area_name: r.area_name, funding: r.funding ?? 0, fair_share: r.fair_share, gap_gbp: r.measures.gap_gbp.value, dft: r.measures.dft.value }))
        .sort((a, b) => (a.dft ?? 0) - (b.dft ?? 0))
        .slice(0, 5);
    }
  }
  return out;
}

/** The Overview's figures from a published dashboard's aggregates (the whole, and the areas), read through its source. */
export async function publishedOverview(db: DbClient, source: { years: (db: DbClient) => Promise<MeasureYear[]>; aggregates: typeof areaAggregates }): Promise<OverviewFigures> {
  const areaAggregates = source.aggregates;
  const years = await source.years(db);
  const fy = years.filter((y) => y.has_referrals).at(-1)?.fy ?? null;
  const fundingFy = years.filter((y) => y.has_funding).at(-1)?.fy ?? null;
  const [all] = fy ? await areaAggregates(db, fy, 'all') : [];
  const areaRows = fy ?? fundingFy ? await areaAggregates(db, (fy ?? fundingFy)!, 'area') : [];
  const population = all?.population ?? null;
  const months = all?.months ?? 0;
  const m = fundingFy ? computeAreaMeasures(await areaAggregates(db, fundingFy), DEFAULT_NEED_WEIGHTS) : null;
  const fundingTotal = m ? m.rows.reduce((sum, r) => sum + (r.population ? r.funding ?? 0 : 0), 0) : null;
  return {
    fy, months, referrals: all?.referrals ?? null,
    referralRatePer1000: population && all?.referrals != null ? annualRatePer1000(all.referrals, population, months) : null,
    medianWaitDays: all?.median_wait_days ?? null, waitingNow: all?.waiting ?? null, waitingAsOf: all?.waiting_as_of ?? null,
    population, areas: areaRows.filter((r) => r.population).length || null,
    fundingFy, fundingTotal, fundingPerHead: population && fundingTotal !== null ? fundingTotal / population : null,
    largestGaps: m
      ? m.rows.filter((r) => r.measures.dft.value !== null)
          .map((r) => ({ area_code: r.area_code, area_name: r.area_name, funding: r.funding ?? 0, fair_share: r.fair_share, gap_gbp: r.measures.gap_gbp.value, dft: r.measures.dft.value }))
          .sort((a, b) => (a.dft ?? 0) - (b.dft ?? 0)).slice(0, 5)
      : []
  };
}

export interface MeasureYear {
  fy: string;
  has_funding: boolean;
  has_referrals: boolean;
}

/** Financial years the Map can show (with funding or referrals), oldest first. */
export async function measureYears(db: DbClient): Promise<MeasureYear[]> {
  return db.query<MeasureYear>(am.measureYearsSql(await measureTables(db)));
}

/** Whether areas can be rolled up to all areas: a population, from an extract or the reference. */
export async function hasAreaPopulation(db: DbClient): Promise<boolean> {
  return tableExists(db, ref.AREA_POPULATION);
}

/**
 * Per-area aggregates for one financial year ('2024/25'), from whichever extracts are loaded.
 * With no year (nothing but population loaded) every area comes back with empty measures.
 */
export async function areaAggregates(db: DbClient, fy: string | null, level: am.AggregateLevel = 'area', known?: ReadonlySet<string>): Promise<AreaAggregateRow[]> {
  return db.query<AreaAggregateRow>(am.areaAggregatesSql(known ?? (await measureTables(db)), level), [fy]);
}

export interface ParentLevel {
  /** Distinct parent codes in the population extract (0 = no parent level to show). */
  parents: number;
  /** A sample of them, to name the level ('ICB', 'region'…). */
  sample: string[];
}

/** The population extract's area → parent lookup (empty without one). */
export async function areaParents(db: DbClient): Promise<ParentOf[]> {
  if (!(await tableExists(db, ref.AREA_POPULATION))) return [];
  return db.query<ParentOf>(am.areaParentsSql());
}

/** Whether the population extract carries parent codes, so areas can be rolled up. */
export async function parentLevel(db: DbClient): Promise<ParentLevel> {
  if (!(await tableExists(db, ref.AREA_POPULATION))) return { parents: 0, sample: [] };
  const [row] = await db.query<{ parents: number; sample: string[] | null }>(am.parentLevelSql());
  return { parents: Number(row?.parents ?? 0), sample: row?.sample ?? [] };
}

export type { WaitingMonthRow, WaitingOptions, WaitingBy } from './sql/waiting';
export type { AggregateLevel } from './sql/area-measures';

/** First and last months of the waiting-list series (null without referrals). */
export const waitingMonthRange = waitingMonthRangeRecords;

/** The monthly waiting-list series from the referrals (db/sql/waiting.ts). */
export const waitingSeries = waitingSeriesRecords;

export interface FilterValue {
  value: string;
  /** The area's name for areas; the value itself otherwise. */
  label: string;
  /** Referrals with this value. */
  n: number;
}
export type FilterValues = Record<'area' | 'service' | 'source' | 'age', FilterValue[]>;

/** What each shared filter can be set to, from the loaded referrals (all empty without them). */
export async function filterValues(db: DbClient): Promise<FilterValues> {
  const out: FilterValues = { area: [], service: [], source: [], age: [] };
  const rows = await db.query<FilterValue & { kind: keyof FilterValues }>(filterValuesSql(await tableExists(db, ref.AREA_POPULATION)));
  for (const { kind, ...v } of rows) out[kind].push(v);
  return out;
}

export { areaCapacity, providerCapacity, providerUtilisation, FILTERS_APPLIED, type CapacityMonth, type ProviderCapacity, type CapacityOptions, type CapacityQuery } from './sql/capacity';
export { cypGapByArea, fundingContinuity, shortTermFunding, wellbeingChangeBy, type ContractRow, type ShortTermFunding, type WellbeingBy } from './sql/provision';

/** Areas and years each table covers against the population extract (sql/coverage.ts), for domain/coverage.ts. */
export async function tableCoverage(db: DbClient): Promise<CoverageRow[]> {
  const sql = coverageSql(await tablesWithData(db));
  if (!sql) return [];
  const rows = await db.query<CoverageRow>(sql);
  return rows.map((r) => ({ ...r, years: Array.isArray(r.years) ? r.years.map(String) : [] }));
}

/** What locating one row (a provider, a finer centre) gives (geo/points.ts locate): a WGS84 point, or why there is none. */
export type LocateProvider = (c: { latitude: number | null; longitude: number | null; easting: number | null; northing: number | null }) =>
  { ok: true; longitude: number; latitude: number; from: 'WGS84' | 'BNG' } | { ok: false; reason: 'none' | 'outside'; detail?: string };

/**
 * Rebuild the locations of the providers and of the lookup's rows (sql/access.ts LOCATED) after the data changed:
 * every row with a coordinate, located in the page by `locate` (British National Grid needs proj4), written back
 * in chunks of bound values. Empty tables for an extract not loaded.
 */
export async function rebuildLocations(db: DbClient, have: ReadonlySet<string>, locate: LocateProvider): Promise<void> {
  for (const { table, xy } of acc.LOCATED) {
    await db.exec(acc.emptyXySql(xy));
    if (!have.has(table)) continue;
    const rows = await db.query<{ rid: number; latitude: number | null; longitude: number | null; easting: number | null; northing: number | null }>(acc.coordinatesSql(table));
    const values = rows.map((r): SqlParam[] => {
      const at = locate(r);
      return at.ok ? [Number(r.rid), at.longitude, at.latitude, at.from, null] : [Number(r.rid), null, null, null, at.detail ?? 'incomplete coordinates'];
    });
    for (let i = 0; i < values.length; i += 500) {
      const chunk = values.slice(i, i + 500);
      await db.query(`INSERT INTO ${xy} VALUES ${chunk.map(() => '(?, ?, ?, ?, ?)').join(', ')}`, chunk.flat());
    }
  }
}

/** Per area and service category: km to the nearest located provider active in the period (months 'yyyy-mm'). */
export async function areaAccess(db: DbClient, period: { from: string; to: string }, known?: ReadonlySet<string>): Promise<acc.AreaAccessRow[]> {
  const have = known ?? (await tablesWithData(db));
  if (!acc.canMeasureAccess(have) || !validPeriod(period)) return [];
  const q = acc.areaAccessSql(period, have);
  return q ? db.query<acc.AreaAccessRow>(q.sql, q.params) : [];
}

/** Every located provider (its latest row), for the access map. */
export async function providerPoints(db: DbClient, known?: ReadonlySet<string>): Promise<acc.ProviderPoint[]> {
  const have = known ?? (await tablesWithData(db));
  if (!have.has('providers') || !have.has(acc.PROVIDER_XY)) return [];
  return db.query<acc.ProviderPoint>(acc.providerPointsSql);
}

export interface LocationSummary {
  rows: number;
  with_coordinates: number;
  unplaced: number;
  examples: string[] | null;
}

/** How many providers rows carry coordinates, and how many of those could not be placed. */
export async function locationSummary(db: DbClient, known?: ReadonlySet<string>): Promise<LocationSummary> {
  const have = known ?? (await tablesWithData(db));
  if (!have.has('providers') || !have.has(acc.PROVIDER_XY)) return { rows: 0, with_coordinates: 0, unplaced: 0, examples: null };
  const [r] = await db.query<LocationSummary>(acc.locationSummarySql);
  return r ?? { rows: 0, with_coordinates: 0, unplaced: 0, examples: null };
}
