/**
 * A provider's location as WGS84 longitude/latitude, from the providers extract's latitude and longitude or,
 * failing those, its British National Grid easting and northing (converted as boundary files are, reproject.ts).
 * Coordinates outside Great Britain and its waters are not a location: most often latitude and longitude
 * swapped, or grid references in the latitude and longitude columns; they are reported, never drawn or measured from.
 */
import { bngToWgs84 } from './reproject';

export interface RawCoordinates {
  latitude: number | null;
  longitude: number | null;
  easting: number | null;
  northing: number | null;
}

export type Located =
  | { ok: true; longitude: number; latitude: number; from: 'WGS84' | 'BNG' }
  | { ok: false; reason: 'none' | 'outside'; detail?: string };

/** Great Britain, Northern Ireland and their waters, generously. */
const LAT = [49.5, 61.2] as const;
const LON = [-8.8, 2.1] as const;
/** British National Grid's extent, metres. */
const EASTING = [0, 700_000] as const;
const NORTHING = [0, 1_300_000] as const;

const within = (v: number, [lo, hi]: readonly [number, number]) => Number.isFinite(v) && v >= lo && v <= hi;

export function locate(c: RawCoordinates): Located {
  if (c.latitude !== null && c.longitude !== null) {
    if (within(c.latitude, LAT) && within(c.longitude, LON)) return { ok: true, longitude: c.longitude, latitude: c.latitude, from: 'WGS84' };
    const swapped = within(c.longitude, LAT) && within(c.latitude, LON);
    const grid = within(c.longitude, EASTING) && within(c.latitude, NORTHING) && Math.abs(c.longitude) > 1000;
    return {
      ok: false, reason: 'outside',
      detail: swapped ? 'latitude and longitude look swapped' : grid ? 'these look like eastings and northings: put them in easting and northing columns' : 'latitude and longitude are outside Great Britain'
    };
  }
  if (c.easting !== null && c.northing !== null) {
    if (!within(c.easting, EASTING) || !within(c.northing, NORTHING)) return { ok: false, reason: 'outside', detail: 'easting and northing are outside the British National Grid' };
    const [longitude, latitude] = bngToWgs84([c.easting, c.northing]) as [number, number];
    return { ok: true, longitude, latitude, from: 'BNG' };
  }
  return { ok: false, reason: 'none' };
}
