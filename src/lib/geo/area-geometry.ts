/**
 * Area geometry as read from a user's boundary file, before it is reprojected or simplified:
 * every feature reduced to a Polygon or MultiPolygon with 2-D positions, so the later steps
 * (reproject, simplify, rewind) deal with one shape. Points and lines are not areas: counted and dropped.
 */
import type { Feature, FeatureCollection, Geometry, MultiPolygon, Polygon, Position } from 'geojson';

export type AreaGeometry = Polygon | MultiPolygon;
export type RawProps = Record<string, unknown>;
export type RawFeature = Feature<AreaGeometry, RawProps>;
export type RawCollection = FeatureCollection<AreaGeometry, RawProps>;

export interface NormalisedFeatures {
  features: RawFeature[];
  /** Features whose geometry is a point or line (not an area). */
  notAreas: number;
  /** Features with no geometry, or only empty rings. */
  empty: number;
}

/** Polygons of any geometry (GeometryCollections flattened), 2-D, rings of fewer than 4 positions dropped. */
function polygonsOf(geometry: Geometry | null | undefined, out: Position[][][]): boolean {
  if (!geometry) return false;
  switch (geometry.type) {
    case 'Polygon':
      pushPolygon(geometry.coordinates, out);
      return true;
    case 'MultiPolygon':
      for (const p of geometry.coordinates) pushPolygon(p, out);
      return true;
    case 'GeometryCollection': {
      let any = false;
      for (const g of geometry.geometries ?? []) any = polygonsOf(g, out) || any;
      return any;
    }
    default:
      return false;
  }
}

function pushPolygon(rings: Position[][], out: Position[][][]) {
  if (!Array.isArray(rings)) return;
  const clean: Position[][] = [];
  for (const ring of rings) {
    if (!Array.isArray(ring)) continue;
    const r = ring.filter((p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1])).map((p) => [p[0]!, p[1]!]);
    // Close an unclosed ring (some writers omit the repeated first position).
    const first = r[0];
    const last = r[r.length - 1];
    if (first && last && (first[0] !== last[0] || first[1] !== last[1])) r.push([first[0]!, first[1]!]);
    if (r.length >= 4) clean.push(r);
    else if (clean.length === 0) return; // no usable exterior ring: the whole polygon goes
  }
  if (clean.length) out.push(clean);
}

/** Polygons → the simplest geometry: null for none, a Polygon for one, else a MultiPolygon. */
export function toAreaGeometry(polygons: Position[][][]): AreaGeometry | null {
  if (polygons.length === 0) return null;
  if (polygons.length === 1) return { type: 'Polygon', coordinates: polygons[0]! };
  return { type: 'MultiPolygon', coordinates: polygons };
}

export const polygonList = (g: AreaGeometry): Position[][][] => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates);

/**
 * Any features → area features. A feature-level `id` (common in TopoJSON) is kept as the
 * property `id` when the properties do not already have one, so it can be chosen as the code.
 */
export function normaliseFeatures(input: Feature<Geometry | null, unknown>[]): NormalisedFeatures {
  const features: RawFeature[] = [];
  let notAreas = 0;
  let empty = 0;
  for (const f of input) {
    const polygons: Position[][][] = [];
    const isArea = polygonsOf(f?.geometry, polygons);
    const geometry = toAreaGeometry(polygons);
    if (!geometry) {
      if (f?.geometry && !isArea) notAreas++;
      else empty++;
      continue;
    }
    const props: RawProps = f.properties && typeof f.properties === 'object' ? { ...(f.properties as RawProps) } : {};
    if (f.id != null && props.id === undefined) props.id = f.id;
    features.push({ type: 'Feature', geometry, properties: props });
  }
  return { features, notAreas, empty };
}

/** Number of positions in the features (shared borders counted once per feature). */
export function countPositions(features: RawFeature[]): number {
  let n = 0;
  for (const f of features) for (const p of polygonList(f.geometry)) for (const r of p) n += r.length;
  return n;
}

/** [[xmin, ymin], [xmax, ymax]] of all positions, planar (no antimeridian handling). */
export function planarBounds(features: RawFeature[]): [[number, number], [number, number]] | null {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const f of features)
    for (const p of polygonList(f.geometry))
      for (const r of p)
        for (const [x, y] of r) {
          if (x! < x0) x0 = x!;
          if (x! > x1) x1 = x!;
          if (y! < y0) y0 = y!;
          if (y! > y1) y1 = y!;
        }
  return x0 <= x1 ? [[x0, y0], [x1, y1]] : null;
}

/** Applies f to every position (returns new geometry). */
export function mapPositions(g: AreaGeometry, f: (p: Position) => Position): AreaGeometry {
  return toAreaGeometry(polygonList(g).map((p) => p.map((r) => r.map(f))))!;
}
