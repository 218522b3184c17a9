/**
 * Parent-level boundaries made from area boundaries: every area's shape is unioned into its
 * parent's (e.g. districts into ICBs), so shared inner borders disappear and the parent is one
 * clean outline, as a commissioner expects to see an ICB.
 *
 * Why polygon-clipping and not topojson's merge: merge stitches the outline from arcs used once,
 * and where the outline touches itself (an estuary mouth, a point where four districts meet) it
 * can join the wrong arcs, drawing a region with triangles cut out of it (seen on ONS district
 * boundaries). A true polygon union has no such case. Coordinates are snapped to a 1e-7 degree
 * grid first (about 1 cm), so borders that meet to within that are recognised as shared.
 */
import polygonClipping, { type MultiPolygon as ClipMultiPolygon, type Polygon as ClipPolygon } from 'polygon-clipping';
import type { Position } from 'geojson';
import type { ParentOf } from '../domain/area-codes';
import { polygonList, toAreaGeometry } from './area-geometry';
import type { AreaFeature } from './boundaries';
import { rewindForD3 } from './winding';

const snap = (p: Position): [number, number] => [Math.round(p[0]! * 1e7) / 1e7, Math.round(p[1]! * 1e7) / 1e7];

/**
 * One feature per parent with at least one area boundary, sorted by code. Areas with no parent
 * in the lookup are left out.
 */
export function dissolveToParents(features: AreaFeature[], lookup: ParentOf[]): AreaFeature[] {
  const parentOf = new Map(lookup.map((l) => [l.area_code, l]));
  const groups = new Map<string, ClipPolygon[]>();
  for (const f of features) {
    const parent = parentOf.get(f.properties.code);
    if (!parent) continue;
    const polygons = polygonList(f.geometry).map((rings) => rings.map((ring) => ring.map(snap)));
    groups.set(parent.parent_code, [...(groups.get(parent.parent_code) ?? []), ...polygons]);
  }
  const nameOf = new Map(lookup.map((l) => [l.parent_code, l.parent_name ?? l.parent_code]));
  const out: AreaFeature[] = [];
  for (const code of [...groups.keys()].sort()) {
    const [first, ...rest] = groups.get(code)!;
    const union: ClipMultiPolygon = polygonClipping.union(first!, ...rest);
    const geometry = toAreaGeometry(union);
    if (!geometry) continue;
    // polygon-clipping winds exteriors anticlockwise (RFC 7946); d3 wants them clockwise.
    out.push({ type: 'Feature', geometry: rewindForD3(geometry), properties: { code, name: nameOf.get(code) ?? code, parent_code: null } });
  }
  return out;
}
