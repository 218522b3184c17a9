/**
 * Where the views' figures come from, chosen once when the data changes (state/dataset.svelte.ts
 * `source`): the record-level extracts, or a published dashboard's aggregate tables (publish/). Each
 * view asks its source; no query asks which kind of data is loaded.
 */
import type { ParentOf } from '../domain/area-codes';
import type { AreaAggregateRow } from '../domain/measures';
import type { DbClient } from './client';
import * as q from './queries';
import * as pub from './sql/published';
import type { WaitingMonthRow, WaitingOptions } from './sql/waiting';
import { completenessInputs } from './sql/completeness';
import type { CompletenessInputs } from '../domain/completeness';

export interface DataSource {
  kind: 'records' | 'published';
  overview(db: DbClient): Promise<q.OverviewFigures>;
  /** Financial years with funding or referrals, oldest first. */
  years(db: DbClient): Promise<q.MeasureYear[]>;
  /** `known`: the tables the measures can read, when the caller has them (dataset.measureTables): one round trip fewer. */
  aggregates(db: DbClient, fy: string | null, level?: q.AggregateLevel, known?: ReadonlySet<string>): Promise<AreaAggregateRow[]>;
  /** Area → parent (empty without a parent level). */
  parents(db: DbClient): Promise<ParentOf[]>;
  /** Whether areas roll up to all areas together. */
  canRollUp(db: DbClient): Promise<boolean>;
  waitingRange(db: DbClient): Promise<{ from: string; to: string } | null>;
  waitingSeries(db: DbClient, opts: WaitingOptions, known?: ReadonlySet<string>): Promise<WaitingMonthRow[]>;
  /** The extract's latest date and the delays to being taken on, for the incomplete-month rule (domain/completeness.ts). */
  completeness(db: DbClient): Promise<CompletenessInputs>;
  filterValues(db: DbClient): Promise<q.FilterValues>;
}

export const RECORDS: DataSource = {
  kind: 'records',
  overview: q.overviewFigures,
  years: q.measureYears,
  aggregates: q.areaAggregates,
  parents: q.areaParents,
  canRollUp: q.hasAreaPopulation,
  waitingRange: q.waitingMonthRange,
  waitingSeries: q.waitingSeries,
  completeness: completenessInputs,
  filterValues: q.filterValues
};

export const PUBLISHED: DataSource = {
  kind: 'published',
  overview: (db) => q.publishedOverview(db, PUBLISHED),
  years: (db) => db.query<q.MeasureYear>(pub.publishedYearsSql),
  aggregates: async (db, fy, level = 'area') => (fy === null ? [] : db.query<AreaAggregateRow>(pub.publishedAreaSql, [level, fy])),
  parents: (db) => db.query<ParentOf>(pub.publishedParentsSql),
  canRollUp: async () => true,
  waitingRange: async (db) => {
    const [r] = await db.query<{ from: string | null; to: string | null }>(pub.publishedMonthRangeSql);
    return r?.from && r.to ? { from: r.from, to: r.to } : null;
  },
  /**
   * A publication has the series per breakdown for every month: one area is that area's series; several
   * areas only as a breakdown by area; filters other than area are not in a publication (empty result).
   */
  waitingSeries: async (db, opts) => {
    if (opts.serviceCategories?.length || opts.referralSources?.length || opts.ageBands?.length || opts.providers?.length) return [];
    const by = opts.by ?? 'all';
    const areas = opts.areaCodes ?? [];
    if (by === 'all' && areas.length === 1) {
      const rows = await db.query<WaitingMonthRow>(pub.publishedWaitingSql(1), ['area', opts.from, opts.to, areas[0]!]);
      return rows.map((r) => ({ ...r, group: null }));
    }
    if (areas.length && by !== 'area') return [];
    return db.query<WaitingMonthRow>(pub.publishedWaitingSql(areas.length), [by, opts.from, opts.to, ...areas]);
  },
  /**
   * A publication has the extract's date (pub_area.waiting_as_of) but not the delays, so only the
   * partial-month rule applies to it.
   */
  completeness: async (db) => {
    const [r] = await db.query<{ as_of: string | null }>(pub.publishedAsOfSql);
    return { asOf: r?.as_of ?? null, delays: [], mature: false };
  },
  // A published dashboard filters by area only (its series are published by area, not by every combination).
  filterValues: async (db) => ({ area: await db.query<q.FilterValue>(pub.publishedAreasSql), service: [], source: [], age: [] })
};
