/**
 * Keeps a boundary file light enough to draw: full-resolution ONS boundaries hold millions of
 * points, an SVG map needs a hundred thousand at most. The features are turned into a TopoJSON
 * topology (so a border shared by two areas is one arc, simplified once, and neighbours still meet),
 * simplified with Visvalingam's effective-area weights down to a point budget, and turned back into
 * features in the same order. Files already under the budget pass through untouched.
 */
import { feature } from 'topojson-client';
import { topology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import type { FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Objects, Topology } from 'topojson-specification';
import { countPositions, normaliseFeatures, type RawFeature } from './area-geometry';

/** Positions the map's features may hold in all (a border shared by two areas counts twice). */
export const MAX_POSITIONS = 100_000;
/** Grid the topology snaps to: 1e6 steps across the file's extent (about 1 m across Great Britain). */
const QUANTIZATION = 1e6;

export interface SimplifyResult {
  features: RawFeature[];
  positionsBefore: number;
  positionsAfter: number;
  simplified: boolean;
}

type WeightedArcs = [number, number, number][][];

/**
 * Simplification must not erase an area: a ring that is one closed arc keeps its two heaviest
 * interior points, every other arc its heaviest one, so each ring keeps at least three corners.
 */
function protectRings(arcs: WeightedArcs) {
  for (const arc of arcs) {
    const first = arc[0]!;
    const last = arc[arc.length - 1]!;
    const keep = first[0] === last[0] && first[1] === last[1] ? 2 : 1;
    const interior = arc.slice(1, -1).sort((a, b) => b[2] - a[2]);
    for (const point of interior.slice(0, keep)) point[2] = Infinity;
  }
}

/** Features → at most about `maxPositions` positions, shared borders kept shared; ids and properties kept. */
export function simplifyFeatures(features: RawFeature[], maxPositions = MAX_POSITIONS): SimplifyResult {
  const positionsBefore = countPositions(features);
  if (positionsBefore <= maxPositions) return { features, positionsBefore, positionsAfter: positionsBefore, simplified: false };

  // Geometry only: properties stay on the input features and are matched back by order.
  const bare: FeatureCollection = { type: 'FeatureCollection', features: features.map((f) => ({ type: 'Feature', properties: {}, geometry: f.geometry })) };
  const topo = presimplify(topology({ areas: bare }, QUANTIZATION) as Topology<Objects<{}>>);
  const arcs = topo.arcs as unknown as WeightedArcs;
  protectRings(arcs);

  let arcPoints = 0;
  let fixed = 0;
  for (const arc of arcs) {
    arcPoints += arc.length;
    for (const p of arc) if (!Number.isFinite(p[2])) fixed++;
  }
  // Each arc point appears in one or two features' rings: scale the budget from positions to arc points.
  const target = Math.floor((maxPositions * arcPoints) / positionsBefore);
  const movable = arcPoints - fixed;
  const keep = Math.max(0, target - fixed);
  const minWeight = keep >= movable ? 0 : keep === 0 ? Infinity : quantile(topo, keep / movable);
  const out = simplify(topo, minWeight) as Topology;

  const collection = feature(out, out.objects.areas as GeometryCollection) as FeatureCollection<Geometry | null>;
  const result: RawFeature[] = features.map((f, i) => {
    const g = normaliseFeatures([{ type: 'Feature', properties: {}, geometry: collection.features[i]?.geometry ?? null }]).features[0]?.geometry;
    // Never lose an area: if its shape collapsed on the grid, keep the unsimplified one.
    return { ...f, geometry: g ?? f.geometry };
  });
  return { features: result, positionsBefore, positionsAfter: countPositions(result), simplified: true };
}
