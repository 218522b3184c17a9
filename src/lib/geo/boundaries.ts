/**
 * Area boundaries for the Map. The default geography ships with the app as TopoJSON
 * (static/geo/areas.topo.json, object `areas`, properties code / name / parent_code / parent_name,
 * WGS84 longitude-latitude); it is fetched from our own origin once and decoded to GeoJSON features.
 * User boundary files (and British National Grid) come in a later slice through the same shape.
 */
import type { Feature, FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

export interface AreaProps {
  code: string;
  name: string;
  parent_code: string | null;
}

export type AreaFeature = Feature<Polygon | MultiPolygon, AreaProps>;

/** TopoJSON → one GeoJSON feature per area with a code. Throws on a file that is not area TopoJSON. */
export function decodeBoundaries(topology: unknown, objectName = 'areas'): AreaFeature[] {
  const topo = topology as Topology;
  if (topo?.type !== 'Topology' || !topo.objects) throw new Error('The boundary file is not TopoJSON.');
  const object = (topo.objects[objectName] ?? Object.values(topo.objects)[0]) as GeometryCollection | undefined;
  if (!object || object.type !== 'GeometryCollection') throw new Error('The boundary file has no collection of areas.');
  const collection = feature(topo, object) as FeatureCollection<Polygon | MultiPolygon, Record<string, unknown> | null>;
  const out: AreaFeature[] = [];
  for (const f of collection.features) {
    const p = f.properties ?? {};
    const code = p.code == null ? '' : String(p.code).trim();
    if (!code || !f.geometry) continue;
    out.push({
      type: 'Feature',
      geometry: f.geometry,
      properties: { code, name: p.name == null ? code : String(p.name), parent_code: p.parent_code == null ? null : String(p.parent_code) }
    });
  }
  return out;
}

const cache = new Map<string, Promise<AreaFeature[]>>();

/**
 * Fetch a JSON file of areas from our own origin and decode it, once per URL. A failed load is not
 * kept, so a retry can succeed. `what` names it in the error ("map boundaries", "hex map").
 */
export function loadAreasOnce(url: string, decode: (json: unknown) => AreaFeature[], what: string, fetchFn: typeof fetch = fetch): Promise<AreaFeature[]> {
  let p = cache.get(url);
  if (!p) {
    p = fetchFn(url)
      .then((res) => {
        if (!res.ok) throw new Error(`The ${what} could not be loaded (${res.status}).`);
        return res.json();
      })
      .then(decode);
    p.catch(() => cache.delete(url));
    cache.set(url, p);
  }
  return p;
}

/** Fetch and decode a boundary file once per URL (the default is `${base}/geo/areas.topo.json`). */
export function loadBoundaries(url: string, fetchFn: typeof fetch = fetch): Promise<AreaFeature[]> {
  return loadAreasOnce(url, (topo) => decodeBoundaries(topo), 'map boundaries', fetchFn);
}

export interface CodeMatch {
  /** Codes with both a boundary and data. */
  matched: string[];
  /** Codes in the data with no boundary: they cannot be drawn. */
  dataOnly: string[];
  /** Boundaries with no data (outside the loaded extracts). */
  boundaryOnly: string[];
}

/** Which area codes join between the boundaries and the data, both ways. Each list sorted, no duplicates. */
export function matchCodes(featureCodes: Iterable<string>, dataCodes: Iterable<string>): CodeMatch {
  const features = new Set(featureCodes);
  const data = new Set(dataCodes);
  const sorted = (xs: Iterable<string>) => [...xs].sort();
  return {
    matched: sorted([...data].filter((c) => features.has(c))),
    dataOnly: sorted([...data].filter((c) => !features.has(c))),
    boundaryOnly: sorted([...features].filter((c) => !data.has(c)))
  };
}
