/**
 * An area's profile: every Map measure for one area against its parent and against all areas,
 * with its rank among areas of its level, and each measure's trend over the financial years.
 * Pure: the state layer runs computeAreaMeasures per year and level and hands the results here.
 */
import { MEASURES, type AreaMeasures, type MeasureDef, type MeasureValue } from './measures';

export interface ProfileYear {
  fy: string;
  /** Measures of every area of the level the profile's area belongs to (ranks come from these). */
  level: AreaMeasures;
  /** Measures of the parents, when the area is an area with a parent (not itself a parent). */
  parents: AreaMeasures | null;
  /** The one row for all areas together (code ALL). */
  all: AreaMeasures | null;
}

export interface ProfileMeasure {
  measure: MeasureDef;
  /** The chosen year's figure for the area, with its rank out of `count`. */
  area: MeasureValue;
  count: number;
  parent: MeasureValue | null;
  all: MeasureValue | null;
  /** One point per year, oldest first; value null where the year has no data for the measure. */
  trend: { fy: string; value: number | null; lower: number | null; upper: number | null; suppressed: boolean }[];
}

export interface AreaProfile {
  code: string;
  name: string;
  parentCode: string | null;
  parentName: string | null;
  population: number | null;
  fy: string;
  measures: ProfileMeasure[];
}

const empty: MeasureValue = { value: null, lower: null, upper: null, rank: null, suppressed: false };

/**
 * Null when the area is in none of the years (an unknown code in a link). `fy` picks the year of
 * the headline figures; it falls back to the latest year the area appears in.
 */
export function areaProfile(code: string, years: ProfileYear[], fy: string | null): AreaProfile | null {
  const present = years.filter((y) => y.level.rows.some((r) => r.area_code === code));
  if (!present.length) return null;
  const year = present.find((y) => y.fy === fy) ?? present.at(-1)!;
  const row = year.level.rows.find((r) => r.area_code === code)!;
  const parentRow = row.parent_code ? (year.parents?.rows.find((r) => r.area_code === row.parent_code) ?? null) : null;
  const allRow = year.all?.rows[0] ?? null;
  return {
    code,
    name: row.area_name ?? code,
    parentCode: row.parent_code,
    parentName: parentRow?.area_name ?? null,
    population: row.population,
    fy: year.fy,
    measures: MEASURES.map((m) => ({
      measure: m,
      area: row.measures[m.id],
      count: year.level.counts[m.id],
      parent: parentRow?.measures[m.id] ?? (row.parent_code ? empty : null),
      all: allRow?.measures[m.id] ?? null,
      trend: years.map((y) => {
        const v = y.level.rows.find((r) => r.area_code === code)?.measures[m.id] ?? empty;
        return { fy: y.fy, value: v.value, lower: v.lower, upper: v.upper, suppressed: v.suppressed };
      })
    }))
  };
}
