/**
 * Which coordinate system a boundary file uses, and British National Grid → WGS84.
 *
 * The map draws WGS84 longitude/latitude. ONS and OS files also come in British National Grid
 * (EPSG:27700, metres). We read the declared system (a GeoJSON `crs` member or a shapefile's
 * .prj), check it against the coordinates' ranges, and fall back to the ranges alone when nothing
 * is declared. BNG → WGS84 uses the standard EPSG:27700 definition with the 7-parameter Helmert
 * shift (OSGB36 → WGS84), good to a few metres: ample for area maps (OSTN15 would be ~0.1 m).
 */
import proj4 from 'proj4';
import type { Position } from 'geojson';
import { mapPositions, type RawFeature } from './area-geometry';

export type Crs = 'WGS84' | 'EPSG:27700';

export const BNG_PROJ4 =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';

let converter: proj4.Converter | null = null;
const bng = () => (converter ??= proj4(BNG_PROJ4, 'WGS84'));

/** Rounded to 1e-7° (about 1 cm): no false precision in memory or in a saved copy. */
const round7 = (v: number) => Math.round(v * 1e7) / 1e7;

/** One BNG [easting, northing] → WGS84 [longitude, latitude]. */
export function bngToWgs84(p: Position): Position {
  const [lon, lat] = bng().forward([p[0]!, p[1]!]);
  return [round7(lon), round7(lat)];
}

/** One WGS84 [longitude, latitude] → BNG [easting, northing] (used by tests and diagnostics). */
export function wgs84ToBng(p: Position): Position {
  const [x, y] = bng().inverse([p[0]!, p[1]!]);
  return [x, y];
}

export function reprojectFeatures(features: RawFeature[], crs: Crs): RawFeature[] {
  if (crs === 'WGS84') return features;
  return features.map((f) => ({ ...f, geometry: mapPositions(f.geometry, bngToWgs84) }));
}

/** What a file says about its coordinate system. */
export type DeclaredCrs = { kind: 'none' } | { kind: 'known'; crs: Crs; label: string } | { kind: 'other'; label: string };

// EPSG codes that are longitude/latitude on (or within a metre of) WGS84: WGS 84, ETRS89, its 3-D form.
const LONLAT_EPSG = new Set(['4326', '4258', '4937', '4979']);

/** From a GeoJSON `crs` member: named ("urn:ogc:def:crs:EPSG::27700", "EPSG:27700", CRS84) or old-style {type: 'EPSG', properties: {code}}. */
export function crsFromGeoJsonMember(crs: unknown): DeclaredCrs {
  if (!crs || typeof crs !== 'object') return { kind: 'none' };
  const c = crs as { type?: unknown; properties?: { name?: unknown; code?: unknown } };
  const name = c.properties?.name != null ? String(c.properties.name) : c.properties?.code != null ? `EPSG:${c.properties.code}` : '';
  if (!name) return { kind: 'none' };
  if (/CRS:?84$/i.test(name)) return { kind: 'known', crs: 'WGS84', label: name };
  const epsg = name.match(/EPSG(?::+|\/\d+\/|\/)(\d+)$/i)?.[1];
  if (epsg === '27700') return { kind: 'known', crs: 'EPSG:27700', label: name };
  if (epsg && LONLAT_EPSG.has(epsg)) return { kind: 'known', crs: 'WGS84', label: name };
  return { kind: 'other', label: name };
}

/** From a shapefile's .prj (ESRI WKT): BNG, geographic WGS84/ETRS89, or something else (named). */
export function crsFromPrj(prj: string | null | undefined): DeclaredCrs {
  const text = (prj ?? '').trim();
  if (!text) return { kind: 'none' };
  const compact = text.replace(/[\s_]+/g, ' ').toLowerCase();
  const projected = /^projcrs|^projcs/i.test(text);
  const name = text.match(/^\w+\[\s*"([^"]*)"/)?.[1] ?? text.slice(0, 60);
  if (projected) {
    if (compact.includes('british national grid') || compact.includes('osgb') || /authority\["epsg",\s*"?27700/i.test(text) || /id\["epsg",\s*27700\]/i.test(text))
      return { kind: 'known', crs: 'EPSG:27700', label: name };
    return { kind: 'other', label: name };
  }
  if (/^geogcs|^geogcrs|^geodcrs/i.test(text)) {
    if (/wgs ?(19)?84|etrs ?(19)?89/.test(compact)) return { kind: 'known', crs: 'WGS84', label: name };
    return { kind: 'other', label: name };
  }
  return { kind: 'other', label: name };
}

type Bounds = [[number, number], [number, number]];

/** Coordinates that can only be longitude/latitude. */
export const looksLonLat = ([[x0, y0], [x1, y1]]: Bounds) => x0 >= -180 && x1 <= 180 && y0 >= -90 && y1 <= 90;
/** Coordinates inside British National Grid's extent (GB and Northern Ireland, with a margin), metres. */
export const looksBng = ([[x0, y0], [x1, y1]]: Bounds) => x0 >= -100_000 && x1 <= 800_000 && y0 >= -100_000 && y1 <= 1_400_000;

const fmt = (v: number) => (Math.abs(v) >= 1000 ? Math.round(v).toLocaleString('en-GB') : String(Math.round(v * 1000) / 1000));
const rangeText = ([[x0, y0], [x1, y1]]: Bounds) => `x from ${fmt(x0)} to ${fmt(x1)}, y from ${fmt(y0)} to ${fmt(y1)}`;
const RESAVE = 'save the boundaries as WGS84 longitude/latitude (EPSG:4326) or British National Grid (EPSG:27700), for example with QGIS "Export → Save Features As…", and upload again';

export type CrsDecision = { ok: true; crs: Crs; warnings: string[] } | { ok: false; message: string };

/**
 * The coordinate system to read the file in. The coordinates decide when a declaration disagrees
 * with them (a common mislabel); a declared system we cannot transform is refused by name.
 */
export function decideCrs(declared: DeclaredCrs, bounds: Bounds, source: string): CrsDecision {
  const lonLat = looksLonLat(bounds);
  const grid = !lonLat && looksBng(bounds);
  if (declared.kind === 'other') {
    return { ok: false, message: `The ${source} says its coordinates are in "${declared.label}", which Fairshare cannot convert: ${RESAVE}.` };
  }
  if (!lonLat && !grid) {
    return { ok: false, message: `The coordinates (${rangeText(bounds)}) are neither longitude/latitude nor British National Grid metres, so the areas cannot be placed on the map: ${RESAVE}.` };
  }
  const found: Crs = lonLat ? 'WGS84' : 'EPSG:27700';
  const warnings: string[] = [];
  // Undeclared longitude/latitude is GeoJSON's default (RFC 7946): nothing to say.
  if (declared.kind === 'none') {
    if (found === 'EPSG:27700') warnings.push('The file does not say which coordinate system it uses; from the coordinates it was read as British National Grid (EPSG:27700).');
  } else if (declared.crs !== found) {
    warnings.push(`The ${source} says "${declared.label}", but the coordinates (${rangeText(bounds)}) are ${found === 'WGS84' ? 'longitude/latitude' : 'British National Grid metres'}; they were read as such.`);
  }
  return { ok: true, crs: found, warnings };
}
