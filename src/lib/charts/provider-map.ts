/**
 * Plot options for the access map: the areas' outlines and every located provider as a dot coloured by its service
 * category (Okabe and Ito's colour-blind-safe palette), each outlined in dark grey so the pale colours stand out on
 * the land. Categories beyond the palette's eight share the neutral grey, named "other categories" in the key; the
 * table twin names every provider's category. A Mercator projection
 * fitted to the areas the data names (the outlines of other areas are not drawn).
 */
import * as Plot from '@observablehq/plot';
import type { Feature, FeatureCollection } from 'geojson';
import { geoMercator, geoPath } from 'd3-geo';
import { CHART_FONT, CHART_FONT_PX } from './label-fit';
import { CATEGORY_COLOURS, ROLE } from './palette';
import type { KeyItem } from './spec';

export interface MapPoint {
  key: string;
  name: string;
  category: string | null;
  longitude: number;
  latitude: number;
}

export interface ProviderMapConfig {
  /** Categories in key order (largest first); the first eight get a colour each. */
  categories: readonly string[];
  width?: number;
}

const OTHER = 'other categories';

/** The providers' categories, most providers first (ties by name): the order of the colours and of the key. */
export function categoriesByCount(points: readonly { service_category: string | null }[]): string[] {
  const n = new Map<string, number>();
  for (const x of points) if (x.service_category) n.set(x.service_category, (n.get(x.service_category) ?? 0) + 1);
  return [...n].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
}

/** Each category's colour (the ninth and later: grey, "other categories"). */
export function categoryStyle(categories: readonly string[]): (category: string | null) => { colour: string; label: string } {
  const index = new Map(categories.map((c, i) => [c, i]));
  return (category) => {
    const i = category === null ? undefined : index.get(category);
    return i !== undefined && i < CATEGORY_COLOURS.length
      ? { colour: CATEGORY_COLOURS[i]!, label: category! }
      : { colour: ROLE.neutral, label: OTHER };
  };
}

/** The key: one entry per drawn category (and "other categories" once). */
export function providerMapKey(categories: readonly string[]): KeyItem[] {
  const style = categoryStyle(categories);
  const seen = new Set<string>();
  return categories.flatMap((c) => {
    const s = style(c);
    if (seen.has(s.label)) return [];
    seen.add(s.label);
    return [{ label: s.label, colour: s.colour, mark: 'dot' as const }];
  });
}

export function providerMapOptions(points: readonly MapPoint[], outlines: readonly Feature[], config: ProviderMapConfig): Plot.PlotOptions {
  const width = config.width ?? 720;
  const fit: FeatureCollection = { type: 'FeatureCollection', features: [...outlines] };
  // The height that keeps the areas' shape at this width (within a phone's screen and a page).
  const bounds = geoPath(geoMercator().fitWidth(width - 16, fit)).bounds(fit);
  const height = Math.round(Math.min(900, Math.max(240, bounds[1][1] - bounds[0][1] + 16)));
  const style = categoryStyle(config.categories);
  return {
    width,
    height,
    margin: 8,
    style: { fontFamily: CHART_FONT, fontSize: `${CHART_FONT_PX}px` },
    projection: { type: 'mercator', domain: fit },
    color: { type: 'identity' },
    marks: [
      Plot.geo(fit, { fill: '#f0f4f5', stroke: ROLE.reference, strokeWidth: 0.6, ariaHidden: 'true' }),
      Plot.dot(points, {
        x: 'longitude', y: 'latitude', r: 4.5, stroke: '#212b32', strokeWidth: 0.7,
        fill: (p: MapPoint) => style(p.category).colour,
        title: (p: MapPoint) => `${p.name}${p.category ? ` (${p.category})` : ''}`, ariaHidden: 'true'
      })
    ]
  };
}
