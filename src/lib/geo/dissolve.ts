/**
 * Parent-level boundaries made from area boundaries: every area's shape is merged into its
 * parent's (e.g. local authorities into ICBs) through TopoJSON, so shared inner borders disappear
 * and the parent is one clean outline, as a commissioner expects to see an ICB.
 */
import type { FeatureCollection, MultiPolygon, Polygon } from 'geojson';
import { merge } from 'topojson-client';
import { topology } from 'topojson-server';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { ParentOf } from '../domain/area-codes';
import type { AreaFeature } from './boundaries';


/**
 * One feature per parent with at least one area boundary, sorted by code. Areas with no parent
 * in the lookup are left out. Quantised to 1e6 steps of the extent so borders that meet to within
 * a few centimetres are recognised as shared (files built by hand rarely meet exactly).
 */
export function dissolveToParents(features: AreaFeature[], lookup: ParentOf[]): AreaFeature[] {
  const parentOf = new Map(lookup.map((l) => [l.area_code, l]));
  const withParent = features.filter((f) => parentOf.has(f.properties.code));
  if (!withParent.length) return [];
  const fc: FeatureCollection<Polygon | MultiPolygon> = { type: 'FeatureCollection', features: withParent };
  const topo = topology({ areas: fc }, 1e6) as unknown as Topology;
  const geoms = (topo.objects.areas as GeometryCollection).geometries;
  const groups = new Map<string, typeof geoms>();
  geoms.forEach((g, i) => {
    const code = parentOf.get(withParent[i]!.properties.code)!.parent_code;
    groups.set(code, [...(groups.get(code) ?? []), g]);
  });
  const nameOf = new Map(lookup.map((l) => [l.parent_code, l.parent_name ?? l.parent_code]));
  return [...groups.keys()].sort().map((code) => ({
    type: 'Feature',
    geometry: merge(topo, groups.get(code)! as Parameters<typeof merge>[1]),
    properties: { code, name: nameOf.get(code) ?? code, parent_code: null }
  }));
}
