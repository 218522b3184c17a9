/**
 * Where the demo's providers are: a random point inside the district each serves (the committed district
 * boundaries, data/geo/lad24.topo.json), drawn from its own random stream so the other tables do not change.
 * Most services sit in the district's busier half, nearer its centre (a point drawn twice, the nearer kept),
 * as town-centre services do. The children and young people's services are where the story puts them
 * (story.mjs, 3: never in a coastal area), so the coastal districts are far from any: the access story.
 */
import { geoBounds, geoCentroid, geoContains, geoDistance } from 'd3-geo';
import { feature } from 'topojson-client';

/** @param {number} v */
const round4 = (v) => Math.round(v * 1e4) / 1e4;

/**
 * @param {any} topology the districts' TopoJSON (object `areas`, property `code`)
 * @returns {Map<string, import('geojson').Feature>}
 */
export function districtShapes(topology) {
  const fc = /** @type {import('geojson').FeatureCollection} */ (feature(topology, topology.objects.areas));
  return new Map(fc.features.map((f) => [String(f.properties?.code), f]));
}

/**
 * @param {import('geojson').Feature} shape
 * @param {import('./random.mjs').Rng} rng
 * @returns {[number, number]}
 */
function pointIn(shape, rng) {
  const [[x0, y0], [x1, y1]] = geoBounds(shape);
  const centre = /** @type {[number, number]} */ (geoCentroid(shape));
  const draw = () => {
    for (let i = 0; i < 500; i++) {
      const p = /** @type {[number, number]} */ ([rng.uniform(x0, x1), rng.uniform(y0, y1)]);
      if (geoContains(shape, p)) return p;
    }
    return centre;
  };
  const a = draw();
  const b = draw();
  return geoDistance(a, centre) <= geoDistance(b, centre) ? a : b;
}

/**
 * Sets each provider's latitude and longitude (4 decimals, about 10 m); leaves them blank where the district
 * has no shape.
 * @param {import('./providers.mjs').ProviderRow[]} providers
 * @param {Map<string, import('geojson').Feature>} shapes
 * @param {import('./random.mjs').Rng} rng
 */
export function placeProviders(providers, shapes, rng) {
  for (const p of providers) {
    const shape = shapes.get(p.area_code);
    if (!shape) continue;
    const [lon, lat] = pointIn(shape, rng);
    p.latitude = round4(lat);
    p.longitude = round4(lon);
  }
}
