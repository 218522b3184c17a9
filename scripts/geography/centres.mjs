/**
 * Each district's centre, for the distance from an area to its nearest provider (issue 19, access):
 *
 *   data/reference/lad-centres.csv   code, name, latitude, longitude (WGS84, 4 decimals: about 10 m)
 *
 * from the committed district boundaries (data/geo/lad24.topo.json). The centre is the district's area
 * centroid on the sphere (d3-geo geoCentroid). The reference has no population-weighted centres, so this is
 * a geographic centre; a user can load finer centres (LSOA population-weighted centroids) as a lookup. Where the
 * centroid falls outside the district (a crescent of coast, a district in two pieces), the point of the
 * district nearest to it on a 1 km grid stands in, so every centre is inside its own district.
 *
 *   node scripts/geography/centres.mjs
 */
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { geoBounds, geoCentroid, geoContains, geoDistance } from 'd3-geo';
import { feature } from 'topojson-client';
import { toCsv } from '../lib/csv.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** @param {number} v */
const round4 = (v) => Math.round(v * 1e4) / 1e4;

/**
 * @param {import('geojson').Feature} f
 * @returns {[number, number]} [longitude, latitude]
 */
export function insideCentre(f) {
  const c = /** @type {[number, number]} */ (geoCentroid(f));
  if (geoContains(f, c)) return c;
  const [[x0, y0], [x1, y1]] = geoBounds(f);
  let best = /** @type {[number, number] | null} */ (null);
  let bestD = Infinity;
  // About 1 km steps in latitude and, at 54°N, in longitude.
  for (let y = y0; y <= y1; y += 0.009) {
    for (let x = x0; x <= x1; x += 0.015) {
      if (!geoContains(f, [x, y])) continue;
      const d = geoDistance(c, [x, y]);
      if (d < bestD) { bestD = d; best = [x, y]; }
    }
  }
  return best ?? c;
}

/** @param {any} topology */
export function districtCentres(topology) {
  const fc = /** @type {import('geojson').FeatureCollection} */ (feature(topology, topology.objects.areas));
  return fc.features.map((f) => {
    const [lon, lat] = insideCentre(f);
    return { code: String(f.properties?.code), name: String(f.properties?.name), latitude: round4(lat), longitude: round4(lon) };
  }).sort((a, b) => a.code.localeCompare(b.code));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const topology = JSON.parse(readFileSync(path.join(root, 'data/geo/lad24.topo.json'), 'utf8'));
  const rows = districtCentres(topology);
  writeFileSync(path.join(root, 'data/reference/lad-centres.csv'), toCsv(['code', 'name', 'latitude', 'longitude'], rows, {}));
  console.log(`centres: ${rows.length} districts → data/reference/lad-centres.csv`);
}
