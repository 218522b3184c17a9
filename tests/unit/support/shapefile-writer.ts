/**
 * A minimal ESRI shapefile writer for tests: polygons (shape type 5) with text attributes, written
 * as .shp, .shx and .dbf bytes per the ESRI Shapefile Technical Description (1998) and dBase III.
 * Exterior rings are written clockwise and holes anticlockwise, as the format requires.
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';

export interface ShapefileRecord {
  geometry: Polygon | MultiPolygon;
  properties: Record<string, string>;
}

export interface ShapefileParts {
  shp: Uint8Array;
  shx: Uint8Array;
  dbf: Uint8Array;
}

/** Twice the planar signed area: positive when anticlockwise (x east, y north). */
const signedArea2 = (ring: Position[]) => ring.reduce((s, p, i) => (i ? s + (ring[i - 1]![0]! * p[1]! - p[0]! * ring[i - 1]![1]!) : s), 0);
const orient = (ring: Position[], clockwise: boolean) => (signedArea2(ring) < 0 === clockwise ? ring : ring.slice().reverse());

/** Text as dBase bytes: UTF-8, or Windows-1252 for the Latin-1 range (enough for test names). */
function encode(text: string, encoding: 'utf-8' | 'windows-1252'): Uint8Array {
  if (encoding === 'utf-8') return new TextEncoder().encode(text);
  return Uint8Array.from([...text].map((c) => (c.charCodeAt(0) < 256 ? c.charCodeAt(0) : 0x3f)));
}

export function writeShapefile(records: ShapefileRecord[], options: { encoding?: 'utf-8' | 'windows-1252' } = {}): ShapefileParts {
  const encoding = options.encoding ?? 'utf-8';
  const shapes = records.map((r) => {
    const polygons = r.geometry.type === 'Polygon' ? [r.geometry.coordinates] : r.geometry.coordinates;
    const rings = polygons.flatMap((p) => p.map((ring, i) => orient(ring, i === 0)));
    const points = rings.flat();
    const xs = points.map((p) => p[0]!);
    const ys = points.map((p) => p[1]!);
    const box = [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)] as const;
    return { rings, points, box };
  });
  const all = shapes.flatMap((s) => [s.box]);
  const fileBox = [Math.min(...all.map((b) => b[0])), Math.min(...all.map((b) => b[1])), Math.max(...all.map((b) => b[2])), Math.max(...all.map((b) => b[3]))];

  const contentLengths = shapes.map((s) => 44 + 4 * s.rings.length + 16 * s.points.length);
  const shpLength = 100 + contentLengths.reduce((a, n) => a + 8 + n, 0);
  const shxLength = 100 + 8 * shapes.length;
  const shp = new DataView(new ArrayBuffer(shpLength));
  const shx = new DataView(new ArrayBuffer(shxLength));
  for (const [view, length] of [[shp, shpLength], [shx, shxLength]] as const) {
    view.setInt32(0, 9994); // file code, big-endian
    view.setInt32(24, length / 2); // file length in 16-bit words
    view.setInt32(28, 1000, true); // version
    view.setInt32(32, 5, true); // polygon
    fileBox.forEach((v, i) => view.setFloat64(36 + 8 * i, v, true));
  }
  let offset = 100;
  shapes.forEach((s, i) => {
    shx.setInt32(100 + 8 * i, offset / 2);
    shx.setInt32(104 + 8 * i, contentLengths[i]! / 2);
    shp.setInt32(offset, i + 1); // record number, 1-based
    shp.setInt32(offset + 4, contentLengths[i]! / 2);
    let o = offset + 8;
    shp.setInt32(o, 5, true);
    s.box.forEach((v, k) => shp.setFloat64(o + 4 + 8 * k, v, true));
    shp.setInt32(o + 36, s.rings.length, true);
    shp.setInt32(o + 40, s.points.length, true);
    o += 44;
    let start = 0;
    for (const ring of s.rings) {
      shp.setInt32(o, start, true);
      o += 4;
      start += ring.length;
    }
    for (const p of s.points) {
      shp.setFloat64(o, p[0]!, true);
      shp.setFloat64(o + 8, p[1]!, true);
      o += 16;
    }
    offset += 8 + contentLengths[i]!;
  });

  // dBase III: one character field per property, as wide as its longest value.
  const names = [...new Set(records.flatMap((r) => Object.keys(r.properties)))];
  const values = records.map((r) => names.map((n) => encode(r.properties[n] ?? '', encoding)));
  const widths = names.map((_, j) => Math.max(1, ...values.map((v) => v[j]!.length)));
  const headerLength = 32 + 32 * names.length + 1;
  const recordLength = 1 + widths.reduce((a, b) => a + b, 0);
  const dbf = new Uint8Array(headerLength + recordLength * records.length + 1);
  const dv = new DataView(dbf.buffer);
  dbf[0] = 0x03;
  dbf.set([125, 1, 1], 1); // last update 2025-01-01
  dv.setUint32(4, records.length, true);
  dv.setUint16(8, headerLength, true);
  dv.setUint16(10, recordLength, true);
  names.forEach((n, j) => {
    const at = 32 + 32 * j;
    dbf.set(new TextEncoder().encode(n.slice(0, 10)), at);
    dbf[at + 11] = 'C'.charCodeAt(0);
    dbf[at + 16] = widths[j]!;
  });
  dbf[headerLength - 1] = 0x0d;
  values.forEach((row, i) => {
    let at = headerLength + recordLength * i;
    dbf[at++] = 0x20; // not deleted
    row.forEach((bytes, j) => {
      dbf.fill(0x20, at, at + widths[j]!);
      dbf.set(bytes, at);
      at += widths[j]!;
    });
  });
  dbf[dbf.length - 1] = 0x1a;
  return { shp: new Uint8Array(shp.buffer), shx: new Uint8Array(shx.buffer), dbf };
}

/** The .prj ESRI writes for British National Grid. */
export const BNG_PRJ =
  'PROJCS["British_National_Grid",GEOGCS["GCS_OSGB_1936",DATUM["D_OSGB_1936",SPHEROID["Airy_1830",6377563.396,299.3249646]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Transverse_Mercator"],PARAMETER["False_Easting",400000.0],' +
  'PARAMETER["False_Northing",-100000.0],PARAMETER["Central_Meridian",-2.0],PARAMETER["Scale_Factor",0.9996012717],' +
  'PARAMETER["Latitude_Of_Origin",49.0],UNIT["Meter",1.0]]';

/** The .prj ESRI writes for WGS84 longitude/latitude. */
export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** The .prj ESRI writes for Web Mercator (a projection Fairshare refuses, by name). */
export const WEB_MERCATOR_PRJ =
  'PROJCS["WGS_1984_Web_Mercator_Auxiliary_Sphere",GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],' +
  'PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Mercator_Auxiliary_Sphere"],PARAMETER["False_Easting",0.0],' +
  'PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",0.0],PARAMETER["Standard_Parallel_1",0.0],UNIT["Meter",1.0]]';
