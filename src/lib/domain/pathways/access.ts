/**
 * Access to provision on the Pathways view: from the distances per area and service category (db/sql/access.ts),
 * each area's distance to the nearest service of a kind, and the sentence naming the areas further than a chosen
 * distance. Distances are straight lines (RULE_NOTES.distance), not travel time.
 */
import { fmt1, fmtInt } from '../format';

/** One area's distance to its nearest provider of one service category, as the SQL gives it. */
export interface CategoryDistance {
  area_code: string;
  area_name: string | null;
  service_category: string;
  /** The category is a children and young people's service (the SQL's rule). */
  cyp: boolean;
  distance_km: number | null;
  provider_name: string | null;
}

export interface AreaDistance {
  area_code: string;
  name: string;
  km: number | null;
  /** The nearest provider, and its category. */
  provider: string | null;
  category: string | null;
}

/** Per area, the nearest of the categories `pick` accepts (areas with none of them: null). */
export function nearestOf(rows: readonly CategoryDistance[], pick: (r: CategoryDistance) => boolean): AreaDistance[] {
  const out = new Map<string, AreaDistance>();
  for (const r of rows) {
    const a = out.get(r.area_code) ?? { area_code: r.area_code, name: r.area_name ?? r.area_code, km: null, provider: null, category: null };
    if (pick(r) && r.distance_km !== null && (a.km === null || r.distance_km < a.km)) Object.assign(a, { km: r.distance_km, provider: r.provider_name, category: r.service_category });
    out.set(r.area_code, a);
  }
  return [...out.values()];
}

/** "3 areas are further than 20 km from any children and young people's service: Wirral (61.2 km), …" (furthest first). */
export function farSentence(rows: readonly AreaDistance[], km: number, what: string): string {
  const far = rows.filter((r) => r.km !== null && r.km > km).sort((a, b) => b.km! - a.km! || a.name.localeCompare(b.name));
  const measured = rows.filter((r) => r.km !== null).length;
  if (!measured) return '';
  if (!far.length) return `Every area's centre is within ${fmtInt(km)} km of ${what}.`;
  const list = far.slice(0, 8).map((r) => `${r.name} (${fmt1(r.km)} km)`).join(', ');
  const more = far.length > 8 ? ` and ${far.length - 8} more` : '';
  return `${far.length} of ${measured} ${measured === 1 ? 'area' : 'areas'} ${far.length === 1 ? 'is' : 'are'} further than ${fmtInt(km)} km from ${what}: ${list}${more}.`;
}
