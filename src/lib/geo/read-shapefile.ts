/**
 * A zipped shapefile → features, the .prj text and the warnings worth showing.
 *
 * The zip is opened with fflate (only the parts we need are inflated); the .shp geometry and .dbf
 * attributes are parsed with shpjs, which we deliberately give no .prj so it returns the file's own
 * coordinates: the coordinate system is decided and converted in reproject.ts (shpjs would
 * reproject BNG without the datum shift, about 100 m off). The .dbf text encoding comes from the
 * .cpg when there is one; otherwise UTF-8 if the bytes are valid UTF-8, else Windows-1252 (what
 * ArcGIS and older QGIS wrote).
 * A zip holding a GeoJSON or TopoJSON file instead of a shapefile is handed back to be read as JSON.
 */
import { unzipSync } from 'fflate';
import { parseDbf, parseShp } from 'shpjs';
import type { Feature, Geometry } from 'geojson';

export type ZipRead =
  | { ok: true; kind: 'shapefile'; features: Feature<Geometry | null, Record<string, unknown>>[]; prj: string | null; warnings: string[] }
  | { ok: true; kind: 'json'; name: string; bytes: Uint8Array }
  | { ok: false; message: string };

const PARTS = /\.(shp|dbf|prj|cpg)$/i;
const JSON_FILE = /\.(geojson|topojson|json)$/i;
const ignored = (path: string) => /(^|\/)__MACOSX\//.test(path) || /(^|\/)\._/.test(path) || path.endsWith('/');
const baseOf = (path: string) => path.replace(/\.[^./]+$/, '').toLowerCase();

/** Looks like a zip archive (local file header "PK\x03\x04", or an empty archive "PK\x05\x06"). */
export const isZip = (bytes: Uint8Array) => bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5);

/** A .cpg's code page → a TextDecoder label (ESRI writes "UTF-8", "1252", "ANSI 1252", "65001", "88591"). */
export function encodingFromCpg(cpg: string): string | null {
  const t = cpg.trim().replace(/^"|"$/g, '');
  const known: Record<string, string> = { '65001': 'utf-8', utf8: 'utf-8', '88591': 'iso-8859-1', '885915': 'iso-8859-15', '1252': 'windows-1252' };
  const label = known[t.toLowerCase()] ?? (/^(ansi\s*)?(\d{3,4})$/i.test(t) ? `windows-${t.match(/(\d{3,4})$/)![1]}` : t);
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return null;
  }
}

/** UTF-8 when the records (after the binary header) are valid UTF-8, else Windows-1252. */
function guessEncoding(dbf: Uint8Array): string {
  const headerLength = dbf.length >= 10 ? dbf[8]! | (dbf[9]! << 8) : 0;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(dbf.subarray(headerLength));
    return 'utf-8';
  } catch {
    return 'windows-1252';
  }
}

export function readZip(bytes: Uint8Array, name: string): ZipRead {
  let files: Record<string, Uint8Array>;
  // Every name in the zip (only the shapefile parts and JSON are unpacked), to say what else it holds.
  const names: string[] = [];
  try {
    files = unzipSync(bytes, { filter: (f) => (names.push(f.name), !ignored(f.name) && (PARTS.test(f.name) || JSON_FILE.test(f.name))) });
  } catch (e) {
    return { ok: false, message: `${name} could not be opened as a zip file (${e instanceof Error ? e.message : 'unreadable'}); it may be damaged or encrypted: zip the shapefile again without a password.` };
  }
  const paths = Object.keys(files);
  const shps = paths.filter((p) => /\.shp$/i.test(p)).sort((a, b) => files[b]!.length - files[a]!.length);
  if (!shps.length) {
    const json = paths.find((p) => JSON_FILE.test(p));
    if (json) return { ok: true, kind: 'json', name: json, bytes: files[json]! };
    // A zip of extracts dropped with the boundaries is the likelier mistake than a broken shapefile.
    const tables = names.filter((p) => !ignored(p) && /\.(csv|tsv|parquet|xlsx?)$/i.test(p));
    if (tables.length) {
      return { ok: false, message: `${name} holds tables (${tables.slice(0, 3).map((p) => p.split('/').pop()).join(', ')}${tables.length > 3 ? ', …' : ''}), not boundaries: unzip it and load the files themselves on the Data page.` };
    }
    return { ok: false, message: `${name} has no .shp file in it: a zipped shapefile needs at least its .shp and .dbf files (and the .prj), or upload a GeoJSON or TopoJSON file instead.` };
  }
  const warnings: string[] = [];
  const shpPath = shps[0]!;
  if (shps.length > 1) warnings.push(`The zip holds ${shps.length} shapefiles; the largest, ${shpPath}, was read.`);

  // Companions share the .shp's path and name, in any letter case.
  const base = baseOf(shpPath);
  const sibling = (ext: string) => {
    const same = paths.find((p) => baseOf(p) === base && p.toLowerCase().endsWith(`.${ext}`));
    if (same) return same;
    const only = paths.filter((p) => p.toLowerCase().endsWith(`.${ext}`));
    return only.length === 1 ? only[0] : undefined;
  };
  const dbfPath = sibling('dbf');
  if (!dbfPath) return { ok: false, message: `${name} has ${shpPath} but no .dbf file beside it; the .dbf holds the area codes and names, so add it to the zip and upload again.` };
  const prjPath = sibling('prj');
  const cpgPath = sibling('cpg');
  const text = (p: string | undefined) => (p ? new TextDecoder().decode(files[p]!) : null);

  const dbf = files[dbfPath]!;
  let encoding = cpgPath ? encodingFromCpg(text(cpgPath)!) : null;
  if (cpgPath && !encoding) warnings.push(`The .cpg file names a text encoding this browser does not know ("${text(cpgPath)!.trim()}"); names were read as ${guessEncoding(dbf)}.`);
  encoding ??= guessEncoding(dbf);

  let geometries: (Geometry | null)[];
  let rows: Record<string, unknown>[];
  try {
    geometries = parseShp(files[shpPath]!);
  } catch (e) {
    return { ok: false, message: `${shpPath} in ${name} could not be read as a shapefile (${e instanceof Error ? e.message : 'unreadable'}); export it again, or use GeoJSON.` };
  }
  try {
    rows = parseDbf(dbf, encoding);
  } catch (e) {
    return { ok: false, message: `${dbfPath} in ${name} could not be read (${e instanceof Error ? e.message : 'unreadable'}); export the shapefile again, or use GeoJSON.` };
  }
  if (rows.length !== geometries.length)
    warnings.push(`The .shp has ${geometries.length} shapes but the .dbf has ${rows.length} rows; they were paired in order, so check the codes on the map.`);

  const features = geometries.map((geometry, i) => ({ type: 'Feature' as const, geometry, properties: rows[i] ?? {} }));
  return { ok: true, kind: 'shapefile', features, prj: text(prjPath), warnings };
}
