/**
 * A user's boundary file → the map's areas. Bytes in, result out: no DOM, no fetch, so an upload
 * component and the unit tests (Node) call the very same function.
 *
 *   read (GeoJSON / TopoJSON / zipped shapefile) → area polygons only → coordinate system
 *   → simplify to a point budget (in the file's own coordinates, shared borders kept shared)
 *   → BNG to WGS84 → rings wound for d3 → code / name / parent properties picked → areas
 *
 * Bad input never throws: it gives { ok: false, message } with one sentence saying what is wrong
 * and what to do. Things worth knowing but not fatal (a mislabelled coordinate system, shapes with
 * no code, codes on several shapes) come back as warnings.
 */
import type { Feature, Geometry } from 'geojson';
import type { AreaFeature } from './boundaries';
import { countPositions, normaliseFeatures, planarBounds, type RawCollection, type RawFeature } from './area-geometry';
import { buildAreas, pickProperties, summariseProperties, type PropertySummary } from './area-properties';
import { readGeoJsonText } from './read-geojson';
import { isZip, readZip } from './read-shapefile';
import { crsFromPrj, decideCrs, reprojectFeatures, type Crs, type DeclaredCrs } from './reproject';
import { MAX_POSITIONS, simplifyFeatures } from './simplify';
import { rewindForD3 } from './winding';

export type { Crs } from './reproject';
export type { PropertySummary } from './area-properties';

export interface BoundaryFileInput {
  name: string;
  bytes: Uint8Array;
}

export type BoundaryFormat = 'GeoJSON' | 'TopoJSON' | 'Shapefile';

export interface BoundaryReadOk {
  ok: true;
  format: BoundaryFormat;
  /** The file's coordinate system (the output is always WGS84 longitude/latitude). */
  crs: Crs;
  /** Area shapes in WGS84, simplified, wound for d3, with the file's own properties. */
  features: RawCollection;
  /** Every property, with sample values, for a "which column is the code?" picker. */
  properties: PropertySummary[];
  codeProperty: string;
  /** Null when no property holds names (areas are then labelled by code). */
  nameProperty: string | null;
  /** A parent area code (e.g. ICB24CD in a local authority file), when there is one. */
  parentProperty: string | null;
  /** The map's areas from the chosen properties: id = code, properties { code, name, parent_code }. */
  areas: AreaFeature[];
  /** Positions before and after simplification (a border shared by two areas counts twice). */
  positions: { before: number; after: number };
  simplified: boolean;
  /** Notes about the file itself (coordinate system, dropped shapes…). */
  readWarnings: string[];
  /** readWarnings and the notes about the chosen properties (missing or repeated codes…). */
  warnings: string[];
}

export interface BoundaryReadError {
  ok: false;
  message: string;
}

export type BoundaryReadResult = BoundaryReadOk | BoundaryReadError;

/** More areas than an SVG map can draw usefully (LSOAs in England and Wales: about 36,000). */
export const MAX_AREAS = 50_000;

const fail = (message: string): BoundaryReadError => ({ ok: false, message });
const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

const UNSUPPORTED: [RegExp, string][] = [
  [/\.(shp|shx|dbf|prj|cpg)$/i, 'is one part of a shapefile: put the .shp, .dbf and .prj files (and the .cpg if there is one) into one .zip file and upload that'],
  [/\.(kml|kmz)$/i, 'is KML, which Fairshare does not read: save the boundaries as GeoJSON (for example in QGIS) and upload that'],
  [/\.(gpkg|gml|gdb|tab|mif|fgb)$/i, 'is in a GIS format Fairshare does not read: save the boundaries as GeoJSON or a zipped shapefile and upload that'],
  [/\.(csv|tsv|txt|xlsx?|parquet)$/i, 'is a table, not boundaries: boundary files are GeoJSON, TopoJSON or a zipped shapefile (load tables on the Data page)']
];

/** Text of a JSON file: UTF-16 with a BOM, UTF-8 (BOM dropped), or Windows-1252 when the bytes are not valid UTF-8. */
function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder('utf-16le').decode(bytes);
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

interface Parsed {
  format: BoundaryFormat;
  features: Feature<Geometry | null, unknown>[];
  declared: DeclaredCrs;
  crsSource: string;
  warnings: string[];
}

function parse(file: BoundaryFileInput): Parsed | BoundaryReadError {
  const { name, bytes } = file;
  if (isZip(bytes)) {
    const zip = readZip(bytes, name);
    if (!zip.ok) return zip;
    if (zip.kind === 'shapefile')
      return { format: 'Shapefile', features: zip.features, declared: crsFromPrj(zip.prj), crsSource: '.prj file', warnings: zip.warnings };
    return parse({ name: `${zip.name} (in ${name})`, bytes: zip.bytes });
  }
  if (/\.zip$/i.test(name)) return fail(`${name} is named .zip but is not a zip file; zip the shapefile's .shp, .dbf and .prj files again and upload the new .zip.`);
  const unsupported = UNSUPPORTED.find(([re]) => re.test(name));
  if (unsupported) return fail(`${name} ${unsupported[1]}.`);
  const text = decodeText(bytes);
  if (!text.trim()) return fail(`${name} is empty: choose the boundary file again.`);
  const json = readGeoJsonText(text, name);
  if (!json.ok) return json;
  return { format: json.format, features: json.features, declared: json.declared, crsSource: 'file\'s "crs" member', warnings: json.warnings };
}

function withChoice(
  base: Omit<BoundaryReadOk, 'areas' | 'warnings' | 'codeProperty' | 'nameProperty' | 'parentProperty'>,
  codeProperty: string,
  nameProperty: string | null,
  parentProperty: string | null,
  choiceWarnings: string[]
): BoundaryReadOk {
  const built = buildAreas(base.features.features, codeProperty, nameProperty, parentProperty);
  return {
    ...base,
    codeProperty,
    nameProperty,
    parentProperty,
    areas: built.areas,
    warnings: [...base.readWarnings, ...choiceWarnings, ...built.warnings]
  };
}

/** Reads a boundary file (GeoJSON, TopoJSON or zipped shapefile; WGS84 or British National Grid). Never throws. */
export async function readBoundaryFile(file: BoundaryFileInput, options: { maxPositions?: number } = {}): Promise<BoundaryReadResult> {
  const name = file.name || 'The boundary file';
  try {
    if (!file.bytes || file.bytes.length === 0) return fail(`${name} is empty: choose the boundary file again.`);
    const parsed = parse({ name, bytes: file.bytes });
    if ('ok' in parsed) return parsed;

    const { features: raw, notAreas, empty } = normaliseFeatures(parsed.features);
    if (!raw.length) {
      if (notAreas) return fail(`${name} holds points or lines, not area outlines (polygons), so it cannot colour areas on a map: use a boundary file of areas.`);
      return fail(`${name} has no area shapes in it: check it is the boundary file and export it again.`);
    }
    if (raw.length > MAX_AREAS)
      return fail(`${name} has ${plural(raw.length, 'area')}, more than the ${MAX_AREAS.toLocaleString('en-GB')} the map can draw: use a coarser geography (for example MSOAs or local authorities).`);
    const readWarnings = [...parsed.warnings];
    if (notAreas) readWarnings.push(`${plural(notAreas, 'feature is a point or line', 'features are points or lines')}, not an area, and ${notAreas === 1 ? 'was' : 'were'} left out.`);
    if (empty) readWarnings.push(`${plural(empty, 'feature has', 'features have')} no shape and ${empty === 1 ? 'was' : 'were'} left out.`);

    const properties = summariseProperties(raw);
    const choice = pickProperties(raw, properties);
    if (!choice)
      return fail(`The areas in ${name} have no properties, so there is no area code to join the data to: add a code property (for example LAD24CD) and upload again.`);

    const crs = decideCrs(parsed.declared, planarBounds(raw)!, parsed.crsSource);
    if (!crs.ok) return fail(crs.message.replace(/^The coordinates/, `The coordinates in ${name}`));
    readWarnings.push(...crs.warnings);

    // Simplify in the file's own coordinates (metres for BNG), then convert only what is kept.
    const simple = simplifyFeatures(raw, options.maxPositions ?? MAX_POSITIONS);
    const wgs84: RawFeature[] = reprojectFeatures(simple.features, crs.crs).map((f) => ({ ...f, geometry: rewindForD3(f.geometry) }));

    const base = {
      ok: true as const,
      format: parsed.format,
      crs: crs.crs,
      features: { type: 'FeatureCollection' as const, features: wgs84 },
      properties,
      positions: { before: simple.positionsBefore, after: countPositions(wgs84) },
      simplified: simple.simplified,
      readWarnings
    };
    return withChoice(base, choice.codeProperty, choice.nameProperty, choice.parentProperty, choice.warnings);
  } catch (e) {
    // A bug or a file shape nobody foresaw: still a message, never a broken page.
    return fail(`${name} could not be read (${e instanceof Error ? e.message : String(e)}); check it is GeoJSON, TopoJSON or a zipped shapefile.`);
  }
}

/**
 * The user's own choice of code, name (and parent) properties. The parent defaults to the
 * auto-picked one unless it is now the code or the name. Returns the result with new areas and warnings.
 */
export function applyPropertyChoice(
  result: BoundaryReadOk,
  codeProperty: string,
  nameProperty: string | null,
  parentProperty: string | null = result.parentProperty === codeProperty || result.parentProperty === nameProperty ? null : result.parentProperty
): BoundaryReadOk {
  const known = new Set(result.properties.map((p) => p.name));
  const notes: string[] = [];
  if (!known.has(codeProperty)) notes.push(`The file has no property "${codeProperty}", so no area has a code.`);
  const { ok, format, crs, features, properties, positions, simplified, readWarnings } = result;
  const base = { ok, format, crs, features, properties, positions, simplified, readWarnings };
  return withChoice(base, codeProperty, nameProperty && known.has(nameProperty) ? nameProperty : null, parentProperty && known.has(parentProperty) ? parentProperty : null, notes);
}
