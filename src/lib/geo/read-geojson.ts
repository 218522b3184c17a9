/**
 * GeoJSON and TopoJSON text → area features. GeoJSON may be a FeatureCollection, a single Feature,
 * a GeometryCollection or a bare geometry (ids and properties carried on geometries, as TopoJSON
 * does, are kept). TopoJSON may hold several objects: the one with the most geometries is read.
 */
import { feature } from 'topojson-client';
import type { Feature, Geometry } from 'geojson';
import type { Topology } from 'topojson-specification';
import { crsFromGeoJsonMember, type DeclaredCrs } from './reproject';

export type JsonRead =
  | { ok: true; format: 'GeoJSON' | 'TopoJSON'; features: Feature<Geometry | null, unknown>[]; declared: DeclaredCrs; warnings: string[] }
  | { ok: false; message: string };

const GEOMETRY_TYPES = new Set(['Point', 'MultiPoint', 'LineString', 'MultiLineString', 'Polygon', 'MultiPolygon', 'GeometryCollection']);

/** A geometry object as a feature, keeping the id and properties some writers put on geometries. */
function geometryAsFeature(g: Geometry & { id?: string | number; properties?: unknown }): Feature<Geometry | null, unknown> {
  const f: Feature<Geometry | null, unknown> = { type: 'Feature', geometry: g, properties: g.properties ?? {} };
  if (g.id != null) f.id = g.id;
  return f;
}

function readTopology(topo: Topology, name: string): JsonRead {
  const objects = Object.entries(topo.objects ?? {}).filter(([, o]) => o && typeof o === 'object');
  if (!objects.length || !Array.isArray(topo.arcs)) return { ok: false, message: `${name} is TopoJSON but holds no objects to read; export the boundaries again.` };
  const size = (o: { type: string | null; geometries?: unknown[] }) => (o.type === 'GeometryCollection' ? (o.geometries?.length ?? 0) : 1);
  const [objectName, object] = objects.sort((a, b) => size(b[1]) - size(a[1]))[0]!;
  const warnings =
    objects.length > 1
      ? [`The TopoJSON file holds ${objects.length} objects (${objects.map(([k]) => `"${k}"`).join(', ')}); "${objectName}", which has the most shapes (${size(object)}), was read.`]
      : [];
  let decoded;
  try {
    decoded = feature(topo, object);
  } catch {
    return { ok: false, message: `${name} is TopoJSON but its object "${objectName}" could not be decoded (its arcs may be damaged); export the boundaries again.` };
  }
  const features = decoded.type === 'FeatureCollection' ? decoded.features : [decoded];
  return { ok: true, format: 'TopoJSON', features: features as Feature<Geometry | null, unknown>[], declared: { kind: 'none' }, warnings };
}

/** Parsed JSON → features. `name` is the file name, for messages. */
export function readGeoJsonValue(json: unknown, name: string): JsonRead {
  const notGeo = `${name} is JSON but not GeoJSON or TopoJSON: boundary files need "type": "FeatureCollection" (GeoJSON) or "type": "Topology" (TopoJSON) at the top.`;
  if (!json || typeof json !== 'object' || Array.isArray(json)) return { ok: false, message: notGeo };
  const o = json as { type?: unknown; features?: unknown; crs?: unknown; geometry?: unknown; geometries?: unknown };
  const declared = crsFromGeoJsonMember(o.crs);
  switch (o.type) {
    case 'Topology':
      return readTopology(json as Topology, name);
    case 'FeatureCollection':
      if (!Array.isArray(o.features)) return { ok: false, message: `${name} is a GeoJSON FeatureCollection without a "features" list; export the boundaries again.` };
      return { ok: true, format: 'GeoJSON', features: o.features as Feature<Geometry | null, unknown>[], declared, warnings: [] };
    case 'Feature':
      return { ok: true, format: 'GeoJSON', features: [json as Feature<Geometry | null, unknown>], declared, warnings: [] };
    case 'GeometryCollection':
      if (!Array.isArray(o.geometries)) return { ok: false, message: notGeo };
      return { ok: true, format: 'GeoJSON', features: (o.geometries as Geometry[]).map(geometryAsFeature), declared, warnings: [] };
    default:
      if (typeof o.type === 'string' && GEOMETRY_TYPES.has(o.type)) return { ok: true, format: 'GeoJSON', features: [geometryAsFeature(json as Geometry)], declared, warnings: [] };
      return { ok: false, message: notGeo };
  }
}

/** JSON text → features, with a plain message for text that is not JSON. */
export function readGeoJsonText(text: string, name: string): JsonRead {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, message: `${name} is not valid JSON, so it cannot be read as GeoJSON or TopoJSON; boundary files must be GeoJSON, TopoJSON or a zipped shapefile (.zip).` };
  }
  return readGeoJsonValue(json, name);
}
