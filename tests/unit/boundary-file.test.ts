// User boundary files: GeoJSON / TopoJSON / zipped shapefile, WGS84 or British National Grid, read
// into the map's areas. Inputs are built here (squares over the English Midlands) so each test says
// what it feeds in; the real ONS files in /work/shared/reference/geography are read when present.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { geoArea, geoDistance } from 'd3-geo';
import { zipSync } from 'fflate';
import type { Feature, FeatureCollection, MultiPolygon, Polygon, Position } from 'geojson';
import proj4 from 'proj4';
import { topology } from 'topojson-server';
import { describe, expect, test } from 'vitest';
import { applyPropertyChoice, MAX_AREAS, readBoundaryFile, type BoundaryReadOk, type BoundaryReadResult } from '../../src/lib/geo/boundary-file';
import { encodingFromCpg } from '../../src/lib/geo/read-shapefile';
import { BNG_PROJ4, bngToWgs84, crsFromPrj, wgs84ToBng } from '../../src/lib/geo/reproject';
import { simplifyFeatures } from '../../src/lib/geo/simplify';
import { fillsTheGlobe, rewindForD3 } from '../../src/lib/geo/winding';
import { BNG_PRJ, WEB_MERCATOR_PRJ, WGS84_PRJ, writeShapefile, type ShapefileRecord } from './support/shapefile-writer';

type Props = Record<string, string | number>;
type Square = Feature<Polygon, Props>;

const encode = (v: unknown) => new TextEncoder().encode(typeof v === 'string' ? v : JSON.stringify(v));
const read = (name: string, content: unknown) => readBoundaryFile({ name, bytes: encode(content) });
function ok(r: BoundaryReadResult): BoundaryReadOk {
  if (!r.ok) throw new Error(`expected ok, got: ${r.message}`);
  return r;
}
function failed(r: BoundaryReadResult): string {
  if (r.ok) throw new Error('expected a failure');
  return r.message;
}
const allAreas = (r: BoundaryReadOk): FeatureCollection => ({ type: 'FeatureCollection', features: r.areas });
/** [[west, south], [east, north]] of the positions themselves (geoBounds would follow great circles, which bulge north). */
function coordBounds(r: BoundaryReadOk): [[number, number], [number, number]] {
  const ps = r.areas.flatMap((a) => (a.geometry.type === 'Polygon' ? [a.geometry.coordinates] : a.geometry.coordinates).flat(2));
  const xs = ps.map((p) => p[0]!);
  const ys = ps.map((p) => p[1]!);
  return [[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]];
}

/** The standard EPSG:27700 definition, written out here so the tests do not lean on the module's own copy. */
const EPSG_27700 =
  '+proj=tmerc +lat_0=49 +lon_0=-2 +k=0.9996012717 +x_0=400000 +y_0=-100000 +ellps=airy ' +
  '+towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +units=m +no_defs';
const toBng = proj4('WGS84', EPSG_27700);

// A cols × rows grid of 0.2° squares from 1.6°W 52°N: neighbours share their borders exactly.
// `ccw` gives RFC 7946 winding (anticlockwise exteriors, as ONS publishes); otherwise d3's.
function grid(cols: number, rows: number, { ccw = true, lon0 = -1.6, lat0 = 52, size = 0.2 } = {}): FeatureCollection<Polygon, Props> {
  const features: Square[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const [x0, x1, y0, y1] = [lon0 + c * size, lon0 + (c + 1) * size, lat0 + r * size, lat0 + (r + 1) * size];
      const ring: Position[] = [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
      features.push({
        type: 'Feature',
        geometry: { type: 'Polygon', coordinates: [ccw ? ring : ring.slice().reverse()] },
        properties: {
          OBJECTID: i + 1,
          LAD24CD: `E06${String(i + 1).padStart(6, '0')}`,
          LAD24NM: `Area ${i + 1}`,
          LAD24NMW: `Ardal ${i + 1}`,
          ICB24CD: `E5400000${8 + (i % 2)}`
        }
      });
    }
  return { type: 'FeatureCollection', features };
}

const mapCoords = <T extends Polygon | MultiPolygon>(g: T, f: (p: Position) => Position): T =>
  (g.type === 'Polygon'
    ? { ...g, coordinates: g.coordinates.map((r) => r.map(f)) }
    : { ...g, coordinates: (g as MultiPolygon).coordinates.map((p) => p.map((r) => r.map(f))) }) as T;
const projectCollection = (fc: FeatureCollection<Polygon, Props>, f: (p: Position) => Position): FeatureCollection<Polygon, Props> => ({
  ...fc,
  features: fc.features.map((x) => ({ ...x, geometry: mapCoords(x.geometry, f) }))
});
const bngGrid = (fc = grid(3, 2)) => projectCollection(fc, (p) => toBng.forward([p[0]!, p[1]!]));

/** Metres between two lon/lat points (spherical, ample for a few-metre check). */
const metres = (a: Position, b: Position) => geoDistance(a as [number, number], b as [number, number]) * 6_371_008.8;

describe('reading GeoJSON', () => {
  test('an RFC 7946 FeatureCollection: areas keyed by code, rewound for d3, in place', async () => {
    const r = ok(await read('lads.geojson', grid(3, 2)));
    expect(r.format).toBe('GeoJSON');
    expect(r.crs).toBe('WGS84');
    expect([r.codeProperty, r.nameProperty, r.parentProperty]).toEqual(['LAD24CD', 'LAD24NM', 'ICB24CD']);
    expect(r.areas.map((a) => a.id)).toEqual(['E06000001', 'E06000002', 'E06000003', 'E06000004', 'E06000005', 'E06000006']);
    expect(r.areas[0]!.properties).toEqual({ code: 'E06000001', name: 'Area 1', parent_code: 'E54000008' });
    // Anticlockwise exteriors would fill the globe in d3; after reading each area is a small square.
    for (const a of r.areas) expect(geoArea(a)).toBeLessThan(1e-4);
    const [[w, s], [e, n]] = coordBounds(r);
    expect([w, s, e, n].map((v) => +v.toFixed(6))).toEqual([-1.6, 52, -1, 52.4]);
    expect(r.simplified).toBe(false);
    expect(r.warnings).toEqual([]);
    expect(r.properties.map((p) => p.name)).toEqual(['OBJECTID', 'LAD24CD', 'LAD24NM', 'LAD24NMW', 'ICB24CD']);
    expect(r.properties[1]).toEqual({ name: 'LAD24CD', samples: ['E06000001', 'E06000002', 'E06000003'], filled: 6, distinct: 6 });
  });

  test('d3-wound input is left as it is', async () => {
    const r = ok(await read('cw.geojson', grid(2, 1, { ccw: false })));
    const source = grid(2, 1, { ccw: false }).features[0]!.geometry.coordinates;
    expect(r.areas[0]!.geometry.coordinates).toEqual(source);
  });

  test('a single Feature, a GeometryCollection with ids and a bare geometry are read', async () => {
    const one = grid(1, 1).features[0]!;
    expect(ok(await read('one.json', one)).areas.map((a) => a.properties.code)).toEqual(['E06000001']);
    const gc = { type: 'GeometryCollection', geometries: grid(2, 1).features.map((f) => ({ ...f.geometry, id: f.properties.LAD24CD })) };
    const r = ok(await read('gc.json', gc));
    expect(r.codeProperty).toBe('id');
    expect(r.areas.map((a) => a.id)).toEqual(['E06000001', 'E06000002']);
    // A bare polygon has no properties, hence no code.
    expect(failed(await read('shape.json', one.geometry))).toMatch(/no properties.*area code/);
  });

  test('a UTF-8 byte-order mark and 3-D positions are fine; points and lines are left out with a warning', async () => {
    const fc = grid(2, 1);
    fc.features[0]!.geometry.coordinates[0] = fc.features[0]!.geometry.coordinates[0]!.map((p) => [...p, 100]);
    const withPoint = { ...fc, features: [...fc.features, { type: 'Feature', geometry: { type: 'Point', coordinates: [-1, 52] }, properties: { LAD24CD: 'E06000099' } }] };
    const r = ok(await read('bom.geojson', '\ufeff' + JSON.stringify(withPoint)));
    expect(r.areas).toHaveLength(2);
    expect(r.areas[0]!.geometry.coordinates[0]![0]).toHaveLength(2);
    expect(r.warnings).toContain('1 feature is a point or line, not an area, and was left out.');
  });
});

test('GeoJSON saved as Windows-1252 (not UTF-8) still gets its accented names right', async () => {
  const fc = grid(1, 1);
  fc.features[0]!.properties.LAD24NM = 'Ynys Môn';
  const bytes = Uint8Array.from([...JSON.stringify(fc)].map((c) => c.charCodeAt(0)));
  expect(ok(await readBoundaryFile({ name: 'cp1252.geojson', bytes })).areas[0]!.properties.name).toBe('Ynys Môn');
});

describe('British National Grid', () => {
  test('the BNG definition reproduces the OS worked example (Caister water tower) to the millimetre', () => {
    // OS "A guide to coordinate systems in Great Britain", Annex C: OSGB36 52°39′27.2531″N 1°43′4.5177″E
    // is E 651409.903, N 313177.270. Same datum both sides, so this checks the projection alone.
    const airy = '+proj=longlat +ellps=airy +towgs84=446.448,-125.157,542.06,0.15,0.247,0.842,-20.489 +no_defs';
    const [e, n] = proj4(airy, BNG_PROJ4).forward([1 + 43 / 60 + 4.5177 / 3600, 52 + 39 / 60 + 27.2531 / 3600]);
    expect(Math.abs(e - 651409.903)).toBeLessThan(0.001);
    expect(Math.abs(n - 313177.27)).toBeLessThan(0.001);
  });

  test('BNG → WGS84 lands within 5 m of the published WGS84 position of the same point', () => {
    // The Helmert (OSGB36 → WGS84) result published for that point: 52°39′28.723″N, 1°42′57.787″E
    // (Movable Type / OS guide method; OSTN15 differs from Helmert by up to a few metres).
    const expected = [1 + 42 / 60 + 57.787 / 3600, 52 + 39 / 60 + 28.723 / 3600];
    expect(metres(bngToWgs84([651409.903, 313177.27]), expected)).toBeLessThan(5);
  });

  test('WGS84 → BNG → WGS84 comes back to the centimetre across Great Britain', () => {
    for (const p of [[-1.5, 52.2], [-5.7, 50.06], [-3.19, 55.95], [1.75, 52.48], [-6.3, 58.2], [-1.2, 60.4]]) {
      expect(metres(bngToWgs84(wgs84ToBng(p)), p)).toBeLessThan(0.01);
    }
  });

  test('a BNG GeoJSON with a crs member lands where its WGS84 original is', async () => {
    const bng = { ...bngGrid(), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::27700' } } };
    const r = ok(await read('bng.geojson', bng));
    expect(r.crs).toBe('EPSG:27700');
    expect(r.warnings).toEqual([]);
    const [[w, s], [e, n]] = coordBounds(r);
    for (const [got, want] of [[w, -1.6], [s, 52], [e, -1], [n, 52.4]]) expect(Math.abs(got! - want!)).toBeLessThan(1e-6);
    for (const a of r.areas) expect(geoArea(a)).toBeLessThan(1e-4);
    // Corner by corner, not just the bounds.
    const first = r.areas[0]!.geometry.coordinates[0] as Position[];
    expect(Math.min(...first.map((p) => metres(p, [-1.6, 52])))).toBeLessThan(0.05);
  });

  test('BNG with no crs member is recognised from its coordinate ranges, and said so', async () => {
    const r = ok(await read('bng.geojson', bngGrid()));
    expect(r.crs).toBe('EPSG:27700');
    expect(r.warnings).toEqual(['The file does not say which coordinate system it uses; from the coordinates it was read as British National Grid (EPSG:27700).']);
  });

  test('a crs member that contradicts the coordinates: the coordinates win, with a warning', async () => {
    const r = ok(await read('mislabelled.geojson', { ...grid(2, 1), crs: { type: 'name', properties: { name: 'EPSG:27700' } } }));
    expect(r.crs).toBe('WGS84');
    expect(r.warnings[0]).toMatch(/says "EPSG:27700", but the coordinates .* are longitude\/latitude/);
  });

  test('.prj texts: BNG, WGS84 and others by name', () => {
    expect(crsFromPrj(BNG_PRJ)).toEqual({ kind: 'known', crs: 'EPSG:27700', label: 'British_National_Grid' });
    expect(crsFromPrj(WGS84_PRJ)).toEqual({ kind: 'known', crs: 'WGS84', label: 'GCS_WGS_1984' });
    expect(crsFromPrj(WEB_MERCATOR_PRJ)).toEqual({ kind: 'other', label: 'WGS_1984_Web_Mercator_Auxiliary_Sphere' });
    expect(crsFromPrj('PROJCRS["OSGB36 / British National Grid",BASEGEOGCRS["OSGB36"],ID["EPSG",27700]]').kind).toBe('known');
    expect(crsFromPrj('')).toEqual({ kind: 'none' });
  });
});

describe('TopoJSON', () => {
  test('the object with the most geometries is read, properties and ids kept', async () => {
    const topo = topology({ lads: grid(3, 2), region: grid(1, 1) }, 1e5);
    const r = ok(await read('areas.topojson', topo));
    expect(r.format).toBe('TopoJSON');
    expect(r.areas).toHaveLength(6);
    expect(r.codeProperty).toBe('LAD24CD');
    expect(r.warnings).toContain('The TopoJSON file holds 2 objects ("lads", "region"); "lads", which has the most shapes (6), was read.');
    for (const a of r.areas) expect(geoArea(a)).toBeLessThan(1e-4);
  });

  test('the app\'s own geography format (object "areas", code/name/parent_code) reads with no questions', async () => {
    const fc = grid(3, 1, { ccw: false });
    const own = { ...fc, features: fc.features.map((f) => ({ ...f, id: f.properties.LAD24CD, properties: { code: f.properties.LAD24CD, name: f.properties.LAD24NM, parent_code: f.properties.ICB24CD } })) };
    const r = ok(await read('areas.topo.json', topology({ areas: own })));
    expect([r.codeProperty, r.nameProperty]).toEqual(['code', 'name']);
    expect(r.areas[1]!.properties).toEqual({ code: 'E06000002', name: 'Area 2', parent_code: 'E54000009' });
  });
});

describe('zipped shapefiles', () => {
  const records = (fc: FeatureCollection<Polygon, Props>, extra: (i: number) => Record<string, string> = () => ({})): ShapefileRecord[] =>
    fc.features.map((f, i) => ({
      geometry: f.geometry,
      properties: { LAD24CD: String(f.properties.LAD24CD), LAD24NM: String(f.properties.LAD24NM), ...extra(i) }
    }));
  const welsh = (i: number) => ({ LAD24NM: i === 0 ? 'Ynys Môn' : `Area ${i + 1}` });

  test('BNG in a subfolder, with .prj and UTF-8 .cpg, next to macOS clutter', async () => {
    const parts = writeShapefile(records(bngGrid(), welsh), { encoding: 'utf-8' });
    const zip = zipSync({
      'LAD_2024/LAD_2024_BUC.shp': parts.shp,
      'LAD_2024/LAD_2024_BUC.shx': parts.shx,
      'LAD_2024/LAD_2024_BUC.dbf': parts.dbf,
      'LAD_2024/LAD_2024_BUC.prj': encode(BNG_PRJ),
      'LAD_2024/LAD_2024_BUC.cpg': encode('UTF-8'),
      '__MACOSX/LAD_2024/._LAD_2024_BUC.shp': new Uint8Array([0, 5, 22, 7])
    });
    const r = ok(await readBoundaryFile({ name: 'lad24.zip', bytes: zip }));
    expect(r.format).toBe('Shapefile');
    expect(r.crs).toBe('EPSG:27700');
    expect(r.warnings).toEqual([]);
    expect(r.areas.map((a) => a.properties.name)).toEqual(['Ynys Môn', 'Area 2', 'Area 3', 'Area 4', 'Area 5', 'Area 6']);
    const [[w, s], [e, n]] = coordBounds(r);
    for (const [got, want] of [[w, -1.6], [s, 52], [e, -1], [n, 52.4]]) expect(Math.abs(got! - want!)).toBeLessThan(1e-6);
    for (const a of r.areas) expect(fillsTheGlobe(a.geometry)).toBe(false);
  });

  test('a Windows-1252 .dbf with no .cpg, and a "1252" .cpg, both decode Welsh names', async () => {
    const parts = writeShapefile(records(grid(2, 1), welsh), { encoding: 'windows-1252' });
    const bare = ok(await readBoundaryFile({ name: 'w.zip', bytes: zipSync({ 'w.shp': parts.shp, 'w.dbf': parts.dbf, 'w.prj': encode(WGS84_PRJ) }) }));
    expect(bare.areas[0]!.properties.name).toBe('Ynys Môn');
    const cpg = ok(await readBoundaryFile({ name: 'w.zip', bytes: zipSync({ 'W.SHP': parts.shp, 'W.DBF': parts.dbf, 'W.CPG': encode('1252') }) }));
    expect(cpg.areas[0]!.properties.name).toBe('Ynys Môn');
    expect(cpg.crs).toBe('WGS84');
    expect(['UTF-8', '65001', 'ANSI 1252', '88591', 'nonsense-xyz'].map(encodingFromCpg)).toEqual(['utf-8', 'utf-8', 'windows-1252', 'windows-1252', null]);
  });

  test('a zip holding GeoJSON rather than a shapefile is read too', async () => {
    const r = ok(await readBoundaryFile({ name: 'b.zip', bytes: zipSync({ 'data/lads.geojson': encode(grid(2, 1)) }) }));
    expect(r.format).toBe('GeoJSON');
    expect(r.areas).toHaveLength(2);
  });

  test('broken zips get a message saying what is missing', async () => {
    const parts = writeShapefile(records(grid(1, 1)));
    expect(failed(await readBoundaryFile({ name: 'x.zip', bytes: zipSync({ 'readme.txt': encode('hello') }) }))).toBe(
      'x.zip has no .shp file in it: a zipped shapefile needs at least its .shp and .dbf files (and the .prj), or upload a GeoJSON or TopoJSON file instead.'
    );
    expect(failed(await readBoundaryFile({ name: 'x.zip', bytes: zipSync({ 'a.shp': parts.shp, 'a.prj': encode(BNG_PRJ) }) }))).toMatch(/^x\.zip has a\.shp but no \.dbf file beside it/);
    expect(failed(await readBoundaryFile({ name: 'x.zip', bytes: encode('not a zip at all') }))).toMatch(/is named \.zip but is not a zip file/);
    expect(failed(await readBoundaryFile({ name: 'x.zip', bytes: zipSync({ 'a.shp': new Uint8Array(120), 'a.dbf': parts.dbf }) }))).toMatch(/could not be read as a shapefile/);
    const merc = zipSync({ 'a.shp': parts.shp, 'a.dbf': parts.dbf, 'a.prj': encode(WEB_MERCATOR_PRJ) });
    expect(failed(await readBoundaryFile({ name: 'm.zip', bytes: merc }))).toMatch(/^The \.prj file says its coordinates are in "WGS_1984_Web_Mercator_Auxiliary_Sphere", which Fairshare cannot convert/);
  });
});

describe('winding for d3', () => {
  const square: Position[] = [[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]; // anticlockwise on a map
  const hole: Position[] = [[0.25, 0.25], [0.75, 0.25], [0.75, 0.75], [0.25, 0.75], [0.25, 0.25]];

  test('an anticlockwise exterior is reversed; a clockwise one is kept', () => {
    const ccw: Polygon = { type: 'Polygon', coordinates: [square] };
    expect(fillsTheGlobe(ccw)).toBe(true);
    const fixed = rewindForD3(ccw);
    expect(fillsTheGlobe(fixed)).toBe(false);
    expect(geoArea(fixed)).toBeCloseTo((Math.PI / 180) ** 2, 6);
    expect(rewindForD3(fixed)).toEqual(fixed);
    expect(ccw.coordinates[0]).toEqual(square); // input untouched
  });

  test('holes end up opposite to their exterior, whatever order they came in', () => {
    const expected = (1 - 0.25) * (Math.PI / 180) ** 2;
    for (const ext of [square, square.slice().reverse()])
      for (const h of [hole, hole.slice().reverse()]) {
        const g = rewindForD3({ type: 'Polygon', coordinates: [ext, h] });
        expect(geoArea(g)).toBeCloseTo(expected, 7);
      }
  });

  test('each polygon of a MultiPolygon is fixed on its own (mixed orders)', () => {
    const far = square.map(([x, y]) => [x! + 5, y!]);
    const g = rewindForD3({ type: 'MultiPolygon', coordinates: [[square], [far.slice().reverse()]] });
    expect(geoArea(g)).toBeCloseTo(2 * (Math.PI / 180) ** 2, 6);
  });
});

describe('choosing the code and name properties', () => {
  const withProps = (rows: Props[]) => {
    const fc = grid(rows.length, 1);
    return { ...fc, features: fc.features.map((f, i) => ({ ...f, properties: rows[i]! })) };
  };

  test('lower-case ONS names; the Welsh name only when there is no English one', async () => {
    const a = ok(await read('a.json', withProps([{ fid: 1, lad24cd: 'W06000001', lad24nmw: 'Ynys Môn', lad24nm: 'Isle of Anglesey' }, { fid: 2, lad24cd: 'W06000002', lad24nmw: 'Gwynedd', lad24nm: 'Gwynedd' }])));
    expect([a.codeProperty, a.nameProperty, a.parentProperty]).toEqual(['lad24cd', 'lad24nm', null]);
    const b = ok(await read('b.json', withProps([{ LAD24CD: 'W06000001', LAD24NMW: 'Ynys Môn' }, { LAD24CD: 'W06000002', LAD24NMW: 'Gwynedd' }])));
    expect(b.nameProperty).toBe('LAD24NMW');
  });

  test('generic names, and GSS-looking values under an unknown column name', async () => {
    const a = ok(await read('a.json', withProps([{ areacode: 'E38000001', areaname: 'North' }, { areacode: 'E38000002', areaname: 'South' }])));
    expect([a.codeProperty, a.nameProperty]).toEqual(['areacode', 'areaname']);
    const b = ok(await read('b.json', withProps([{ shape_len: 12.5, zone: 'E02000001', label: 'Z1' }, { shape_len: 14, zone: 'E02000002', label: 'Z2' }])));
    expect([b.codeProperty, b.nameProperty]).toEqual(['zone', 'label']);
  });

  test('the unique code column is the code, the most detailed repeated one its parent', async () => {
    const rows = [1, 2, 3, 4].map((i) => ({ RGN21CD: 'E12000005', LAD21CD: `E0800000${i < 3 ? 1 : 2}`, LSOA21CD: `E0100000${i}`, LSOA21NM: `L ${i}` }));
    const r = ok(await read('lsoa.json', withProps(rows)));
    expect([r.codeProperty, r.nameProperty, r.parentProperty]).toEqual(['LSOA21CD', 'LSOA21NM', 'LAD21CD']);
  });

  test('no recognisable code: the most varied column is used, with a warning; no name: labelled by code', async () => {
    const r = ok(await read('a.json', withProps([{ zone: 'North', n: 1 }, { zone: 'South', n: 1 }])));
    expect(r.codeProperty).toBe('zone');
    expect(r.nameProperty).toBeNull();
    expect(r.areas[0]!.properties.name).toBe('North');
    expect(r.warnings).toEqual([
      'No property looks like an area code (for example LAD24CD holding codes such as E06000001); "zone" was used: check it, or choose another.',
      'No property holds area names, so areas are labelled by their codes.'
    ]);
  });

  test('repeated codes are joined into one area; empty codes are left out; both reported', async () => {
    const r = ok(await read('a.json', withProps([{ LAD24CD: 'E06000001', LAD24NM: 'A' }, { LAD24CD: 'E06000001', LAD24NM: 'A' }, { LAD24CD: ' ', LAD24NM: 'B' }, { LAD24CD: 'E06000002', LAD24NM: 'C' }])));
    expect(r.areas.map((a) => [a.id, a.geometry.type])).toEqual([['E06000001', 'MultiPolygon'], ['E06000002', 'Polygon']]);
    expect(r.warnings).toEqual([
      '1 of 4 shapes has no value in "LAD24CD" and was left out.',
      '1 code appears on more than one shape (E06000001); each code\'s shapes were joined into one area.'
    ]);
  });

  test('applyPropertyChoice: the user\'s own columns; the parent is kept unless it is now the code', async () => {
    const r = ok(await read('lads.geojson', grid(3, 2)));
    const byObject = applyPropertyChoice(r, 'OBJECTID', 'LAD24NMW');
    expect(byObject.areas.map((a) => a.id)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(byObject.areas[0]!.properties).toEqual({ code: '1', name: 'Ardal 1', parent_code: 'E54000008' });
    expect(byObject.warnings).toEqual([]);
    const byIcb = applyPropertyChoice(r, 'ICB24CD', null);
    expect(byIcb.parentProperty).toBeNull();
    expect(byIcb.areas.map((a) => a.id)).toEqual(['E54000008', 'E54000009']);
    expect(byIcb.areas[0]!.geometry.type).toBe('MultiPolygon');
    expect(byIcb.warnings).toEqual(["2 codes appear on more than one shape (E54000008, E54000009); each code's shapes were joined into one area."]);
    expect(applyPropertyChoice(r, 'nope', null).areas).toEqual([]);
    // The file's own notes survive a re-choice.
    const bng = ok(await read('bng.geojson', bngGrid()));
    expect(applyPropertyChoice(bng, 'OBJECTID', null).warnings[0]).toMatch(/read as British National Grid/);
  });
});

describe('bad input gets one clear sentence', () => {
  test.each([
    ['empty', 'lads.geojson', '', 'lads.geojson is empty: choose the boundary file again.'],
    ['blank', 'lads.geojson', '  \n', 'lads.geojson is empty: choose the boundary file again.'],
    ['not JSON', 'lads.geojson', '<html>', 'lads.geojson is not valid JSON, so it cannot be read as GeoJSON or TopoJSON; boundary files must be GeoJSON, TopoJSON or a zipped shapefile (.zip).'],
    ['JSON, not geo', 'lads.json', '{"rows": [1, 2]}', 'lads.json is JSON but not GeoJSON or TopoJSON: boundary files need "type": "FeatureCollection" (GeoJSON) or "type": "Topology" (TopoJSON) at the top.'],
    ['a JSON array', 'lads.json', '[1, 2]', 'lads.json is JSON but not GeoJSON or TopoJSON: boundary files need "type": "FeatureCollection" (GeoJSON) or "type": "Topology" (TopoJSON) at the top.'],
    ['no features', 'lads.json', '{"type": "FeatureCollection", "features": []}', 'lads.json has no area shapes in it: check it is the boundary file and export it again.'],
    ['a loose .shp', 'lads.shp', 'x', 'lads.shp is one part of a shapefile: put the .shp, .dbf and .prj files (and the .cpg if there is one) into one .zip file and upload that.'],
    ['KML', 'lads.kml', '<kml/>', 'lads.kml is KML, which Fairshare does not read: save the boundaries as GeoJSON (for example in QGIS) and upload that.']
  ])('%s', async (_, name, text, message) => {
    expect(failed(await readBoundaryFile({ name, bytes: new TextEncoder().encode(text) }))).toBe(message);
  });

  test('points only, no properties, unknown coordinates, an unsupported declared CRS', async () => {
    const points = { type: 'FeatureCollection', features: [{ type: 'Feature', geometry: { type: 'Point', coordinates: [-1, 52] }, properties: { code: 'E06000001' } }] };
    expect(failed(await read('gp.geojson', points))).toBe('gp.geojson holds points or lines, not area outlines (polygons), so it cannot colour areas on a map: use a boundary file of areas.');
    const bare = { ...grid(2, 1), features: grid(2, 1).features.map((f) => ({ ...f, properties: null })) };
    expect(failed(await read('b.geojson', bare))).toBe('The areas in b.geojson have no properties, so there is no area code to join the data to: add a code property (for example LAD24CD) and upload again.');
    const mercator = projectCollection(grid(2, 1), (p) => proj4('WGS84', 'EPSG:3857').forward([p[0]!, p[1]!]));
    expect(failed(await read('m.geojson', mercator))).toMatch(
      /^The coordinates in m\.geojson \(x from -178,111 to -133,583, y from 6,800,125 to 6,836,369\) are neither longitude\/latitude nor British National Grid metres, so the areas cannot be placed on the map: save the boundaries as WGS84/
    );
    const declared = { ...grid(2, 1), crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::3857' } } };
    expect(failed(await read('d.geojson', declared))).toMatch(/^The file's "crs" member says its coordinates are in "urn:ogc:def:crs:EPSG::3857", which Fairshare cannot convert/);
  });

  test('too many areas for a map', async () => {
    const tri = (i: number): Feature => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[i * 1e-4, 50], [i * 1e-4 + 5e-5, 50], [i * 1e-4, 50.0001], [i * 1e-4, 50]]] }, properties: { c: i } });
    const fc = { type: 'FeatureCollection', features: Array.from({ length: MAX_AREAS + 1 }, (_, i) => tri(i)) };
    expect(failed(await read('oa.geojson', fc))).toBe('oa.geojson has 50,001 areas, more than the 50,000 the map can draw: use a coarser geography (for example MSOAs or local authorities).');
  });
});

// A grid whose borders wiggle (deterministic noise shared by both neighbours), for simplification.
function wigglyGrid(cols: number, rows: number, perEdge: number, size = 0.2): FeatureCollection<Polygon, Props> {
  const amp = (size / perEdge) * 0.3;
  const noise = (a: number, b: number, k: number) => {
    const s = Math.sin(a * 12.9898 + b * 78.233 + k * 37.719) * 43758.5453;
    return (s - Math.floor(s) - 0.5) * 2 * amp;
  };
  const r6 = (v: number) => Math.round(v * 1e6) / 1e6;
  // Horizontal line at row r from column c to c+1, and vertical line at column c from row r to r+1.
  const h = (r: number, c: number) => Array.from({ length: perEdge + 1 }, (_, k) => [r6(-2 + (c + k / perEdge) * size), r6(52 + r * size + (k % perEdge ? noise(r, c + 1000, k) : 0))]);
  const v = (c: number, r: number) => Array.from({ length: perEdge + 1 }, (_, k) => [r6(-2 + c * size + (k % perEdge ? noise(c + 2000, r, k) : 0)), r6(52 + (r + k / perEdge) * size)]);
  const features: Square[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols; c++) {
      const ring = [...h(r, c).slice(0, -1), ...v(c + 1, r).slice(0, -1), ...h(r + 1, c).reverse().slice(0, -1), ...v(c, r).reverse()];
      const i = r * cols + c;
      features.push({ type: 'Feature', geometry: { type: 'Polygon', coordinates: [ring] }, properties: { MSOA21CD: `E02${String(i + 1).padStart(6, '0')}`, MSOA21NM: `M ${i + 1}` } });
    }
  return { type: 'FeatureCollection', features };
}

describe('simplification', () => {
  test('down to the point budget, every area kept, shared borders still shared', async () => {
    const fc = wigglyGrid(10, 10, 100); // 40,000 positions
    const r = ok(await readBoundaryFile({ name: 'msoa.geojson', bytes: encode(fc) }, { maxPositions: 10_000 }));
    expect(r.simplified).toBe(true);
    expect(r.positions.before).toBe(40_100);
    expect(r.positions.after).toBeLessThanOrEqual(10_500);
    expect(r.positions.after).toBeGreaterThan(5_000);
    expect(r.areas.map((a) => a.id)).toEqual(fc.features.map((f) => f.properties.MSOA21CD));
    for (const a of r.areas) expect(geoArea(a)).toBeLessThan(1e-4);
    // Left/right neighbours: the points each keeps on their shared border are the same points.
    const onBorder = (ring: Position[], x: number, y0: number, y1: number) =>
      new Set(ring.filter((p) => Math.abs(p[0]! - x) < 0.0007 && p[1]! > y0 + 1e-9 && p[1]! < y1 - 1e-9).map((p) => p.join()));
    let compared = 0;
    for (let row = 0; row < 10; row++)
      for (let c = 0; c < 9; c++) {
        const left = r.areas[row * 10 + c]!.geometry.coordinates[0] as Position[];
        const right = r.areas[row * 10 + c + 1]!.geometry.coordinates[0] as Position[];
        const x = -2 + (c + 1) * 0.2;
        const [y0, y1] = [52 + row * 0.2, 52 + (row + 1) * 0.2];
        const a = onBorder(left, x, y0, y1);
        expect(a).toEqual(onBorder(right, x, y0, y1));
        compared += a.size;
      }
    expect(compared).toBeGreaterThan(100);
  });

  test('tiny islands are not simplified away', () => {
    const island: Feature<Polygon, Props> = { type: 'Feature', geometry: { type: 'Polygon', coordinates: [[[-1, 50], [-0.9999, 50], [-0.99995, 50.0001], [-1, 50]]] }, properties: { code: 'E06000099' } };
    const fc = wigglyGrid(3, 3, 50);
    const features = [...fc.features, island].map((f) => ({ ...f, properties: { ...f.properties } }));
    const out = simplifyFeatures(features, 200);
    expect(out.features).toHaveLength(10);
    for (const f of out.features) expect((f.geometry.coordinates[0] as Position[]).length).toBeGreaterThanOrEqual(4);
  });

  test('a 10 MB file reads in a few seconds', async () => {
    const fc = wigglyGrid(32, 32, 130); // 532,000 positions
    const bytes = encode(fc);
    expect(bytes.length).toBeGreaterThan(10e6);
    const t0 = performance.now();
    const r = ok(await readBoundaryFile({ name: 'big.geojson', bytes }));
    const ms = performance.now() - t0;
    console.log(`boundary-file: ${(bytes.length / 1e6).toFixed(1)} MB, ${r.positions.before} → ${r.positions.after} positions in ${Math.round(ms)} ms`);
    expect(r.areas).toHaveLength(1024);
    expect(r.positions.after).toBeLessThanOrEqual(105_000);
    expect(ms).toBeLessThan(10_000);
  });

  test('a 10 MB British National Grid file too (simplified in metres, then only the kept points converted)', async () => {
    const r3 = (v: number) => Math.round(v * 1000) / 1000;
    const fc = projectCollection(wigglyGrid(30, 30, 125, 0.1), (p) => toBng.forward([p[0]!, p[1]!]).map(r3));
    const bytes = encode(fc);
    expect(bytes.length).toBeGreaterThan(10e6);
    const t0 = performance.now();
    const r = ok(await readBoundaryFile({ name: 'big-bng.geojson', bytes }));
    const ms = performance.now() - t0;
    console.log(`boundary-file: ${(bytes.length / 1e6).toFixed(1)} MB BNG, ${r.positions.before} → ${r.positions.after} positions in ${Math.round(ms)} ms`);
    expect(r.crs).toBe('EPSG:27700');
    expect(r.areas).toHaveLength(900);
    const [[w, s], [e, n]] = coordBounds(r);
    for (const [got, want] of [[w, -2], [s, 52], [e, 1], [n, 55]]) expect(Math.abs(got! - want!)).toBeLessThan(0.01);
    expect(ms).toBeLessThan(10_000);
  });
});

// The real ONS boundaries, when the shared reference folder is there (registered only then).
const REFERENCE = path.resolve(__dirname, '../../../shared/reference/geography');
const real: [string, number, string, string, string | null][] = [
  ['lad24_may2024_uk_buc_wgs84.geojson', 361, 'LAD24CD', 'LAD24NM', null],
  ['icb23_en_govuk_wgs84.geojson', 42, 'ICB23CD', 'ICB23NM', 'NHSER22CD'],
  ['icb22_jul2022_en_buc_simplified_wgs84.geojson', 42, 'ICB22CD', 'ICB22NM', null]
];
for (const [file, count, code, name, parent] of real) {
  const full = path.join(REFERENCE, file);
  if (existsSync(full)) {
    test(`reference file ${file}: every area, ONS columns picked, none fills the globe`, async () => {
      const bytes = new Uint8Array(readFileSync(full));
      const source = JSON.parse(new TextDecoder().decode(bytes)) as FeatureCollection;
      const t0 = performance.now();
      const r = ok(await readBoundaryFile({ name: file, bytes }));
      const ms = performance.now() - t0;
      console.log(`boundary-file: ${file} (${(bytes.length / 1e6).toFixed(2)} MB) read in ${Math.round(ms)} ms`);
      expect([r.codeProperty, r.nameProperty, r.parentProperty]).toEqual([code, name, parent]);
      expect(r.areas).toHaveLength(count);
      expect(new Set(r.areas.map((a) => a.id))).toEqual(new Set(source.features.map((f) => f.properties![code])));
      for (const a of r.areas) expect(fillsTheGlobe(a.geometry)).toBe(false);
      expect(r.warnings).toEqual([]);
      expect(ms).toBeLessThan(5_000);
      // Reprojected to BNG and read back, the same areas land in the same place.
      const bng = projectCollection(source as FeatureCollection<Polygon, Props>, (p) => toBng.forward([p[0]!, p[1]!]));
      const back = ok(await read(file, bng));
      expect(back.crs).toBe('EPSG:27700');
      const [[w1, s1], [e1, n1]] = coordBounds(r);
      const [[w2, s2], [e2, n2]] = coordBounds(back);
      for (const [a, b] of [[w1, w2], [s1, s2], [e1, e2], [n1, n2]]) expect(Math.abs(a! - b!)).toBeLessThan(1e-5);
    });
  }
}

test('a zip of extracts is told apart from a broken shapefile', async () => {
  const { zipSync, strToU8 } = await import('fflate');
  const { readBoundaryFile } = await import('../../src/lib/geo/boundary-file');
  const res = await readBoundaryFile({ name: 'extracts.zip', bytes: zipSync({ 'q2/referrals.csv': strToU8('a,b\n1,2\n') }) });
  expect(res.ok).toBe(false);
  expect(!res.ok && res.message).toMatch(/extracts\.zip holds tables \(referrals\.csv\), not boundaries: unzip it/);
});
