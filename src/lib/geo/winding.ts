/**
 * Ring order for d3-geo. d3 works on the sphere, where a ring's winding says which side is
 * inside: an exterior ring must run clockwise (as seen on a map) and a hole anticlockwise. RFC 7946
 * GeoJSON (ONS downloads among them) uses the opposite "right-hand rule", which d3 reads as "the
 * whole globe except this area" and fills the map. Files come in both orders, and some mix them, so
 * each ring is checked on its own: taken alone, an exterior ring must enclose less than a hemisphere
 * and a hole more (it is the outside of the hole). Assumes no single area is bigger than a
 * hemisphere, which holds for any real area boundary.
 */
import { geoArea } from 'd3-geo';
import type { Position } from 'geojson';
import { polygonList, toAreaGeometry, type AreaGeometry } from './area-geometry';

/** Steradians enclosed by one ring as d3 reads it: 0 to 4π. */
export const ringArea = (ring: Position[]) => geoArea({ type: 'Polygon', coordinates: [ring] });

const reversed = (ring: Position[]) => ring.slice().reverse();

/** Exterior rings clockwise and holes anticlockwise, as d3-geo expects. Returns a new geometry; input untouched. */
export function rewindForD3(geometry: AreaGeometry): AreaGeometry {
  const polygons = polygonList(geometry).map((rings) =>
    rings.map((ring, i) => {
      const small = ringArea(ring) <= 2 * Math.PI;
      const isExterior = i === 0;
      return small === isExterior ? ring : reversed(ring);
    })
  );
  return toAreaGeometry(polygons)!;
}

/** True when d3 would fill more than a hemisphere for this geometry (the wrong-winding symptom). */
export const fillsTheGlobe = (geometry: AreaGeometry) => geoArea(geometry) > 2 * Math.PI;
