/**
 * The district hex cartogram (Open Innovations' HexJSON, MIT; static/geo/lad23.hexjson): one hex
 * per district, so Manchester is as visible as Westmorland and Furness, as NHS England's Fair
 * Shares guide draws allocation maps. The hexes are made into ordinary area features in a small
 * patch of "longitude/latitude" about 0°, 0° (where Mercator is all but linear), so the Map's one
 * choropleth component draws them with its colours, legend, focus, tooltip and exports.
 */
import type { Position } from 'geojson';
import { loadAreasOnce, type AreaFeature } from './boundaries';
import { rewindForD3 } from './winding';

export interface HexJson {
  layout: 'odd-r' | 'even-r' | 'odd-q' | 'even-q';
  hexes: Record<string, { n?: string; q: number; r: number }>;
}

/** Hex radius in degrees: 60 rows span about 3°, near enough flat for Mercator. */
const R = 0.03;

/**
 * Pointy-topped hexes for the row layouts (odd-r: odd rows pushed half a hex right; even-r: even
 * rows), columns for the column layouts. Row numbers grow northwards, as the HexJSON maps of the
 * UK are drawn. Throws on a file that is not HexJSON.
 */
export function hexFeatures(hexjson: unknown): AreaFeature[] {
  const h = hexjson as HexJson;
  if (!h || typeof h.hexes !== 'object' || !/^(odd|even)-[rq]$/.test(String(h.layout))) throw new Error('The hex map is not HexJSON.');
  const rows = h.layout.endsWith('-r');
  const shiftOdd = h.layout.startsWith('odd');
  const w = Math.sqrt(3) * R;
  return Object.entries(h.hexes)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([code, { n, q, r }]) => {
      const shifted = (Math.abs(rows ? r : q) % 2 === 1) === shiftOdd;
      // Row layouts: pointy top, columns w apart, rows 1.5R apart. Column layouts: flat top, transposed.
      const [cx, cy] = rows ? [q * w + (shifted ? w / 2 : 0), r * 1.5 * R] : [q * 1.5 * R, r * w + (shifted ? w / 2 : 0)];
      const start = rows ? 90 : 0;
      const ring: Position[] = [];
      for (let k = 0; k <= 6; k++) {
        const a = ((start - 60 * (k % 6)) * Math.PI) / 180;
        ring.push([cx + R * Math.cos(a), cy + R * Math.sin(a)]);
      }
      return {
        type: 'Feature',
        geometry: rewindForD3({ type: 'Polygon', coordinates: [ring] }),
        properties: { code, name: n ?? code, parent_code: null }
      } as AreaFeature;
    });
}

/** Fetch and build the hex features once per URL. */
export function loadHexmap(url: string, fetchFn: typeof fetch = fetch): Promise<AreaFeature[]> {
  return loadAreasOnce(url, hexFeatures, 'hex map', fetchFn);
}
