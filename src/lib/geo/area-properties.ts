/**
 * Which of a boundary file's properties hold the area code, its name and a parent code, and the
 * map's area features built from that choice.
 *
 * ONS files name their columns <GEOGRAPHY><YY>CD / NM / NMW (LAD24CD, LAD24NM, ICB23CD…) and
 * their codes are GSS codes (one letter, eight digits: E06000001). We prefer columns named like
 * that whose values look like that; of several code columns the one unique per area is the area
 * code and the most detailed non-unique one its parent (an LAD file's ICB24CD).
 */
import type { MultiPolygon, Polygon, Position } from 'geojson';
import type { AreaFeature } from './boundaries';
import { polygonList, toAreaGeometry, type RawFeature } from './area-geometry';

export interface PropertySummary {
  name: string;
  /** Up to three distinct non-empty values, as text. */
  samples: string[];
  /** Features with a non-empty value. */
  filled: number;
  /** Distinct non-empty values. */
  distinct: number;
}

export interface PropertyChoice {
  codeProperty: string;
  nameProperty: string | null;
  parentProperty: string | null;
  warnings: string[];
}

// Any ONS column name: LAD24CD, LTLA22CD, ICB23CD, SICBL24CD, LSOA21CD, WD24CD, RGN21CD, lad24cd…
const ONS_CODE_NAME = /^[A-Z]{2,6}\d{2}CD$/i;
const ONS_NAME_NAME = /^[A-Z]+\d{2}NM$/i;
const ONS_WELSH_NAME = /^[A-Z]+\d{2}NMW$/i;
const GENERIC_CODE = /^(code|area_?code|areacd|gss_?code|geo_?code|ons_?code|id)$/i;
const PARENT_NAME = /^parent_?(code|cd)$/i;
const GENERIC_NAME = /^(name|area_?name|areanm|geo_?name|label|title)$/i;
/** GSS: a country letter and eight digits (E06000001, W06000002, S12000033, N09000001, K02000001). */
export const GSS_CODE = /^[EWSNKLMJ]\d{8}$/;

/** A property value as text; empty for null, blank, NaN. */
export function valueText(v: unknown): string {
  if (v == null) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'string') return v.trim();
  if (typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  return '';
}

/** Every property name (in first-seen order) with sample values and counts. */
export function summariseProperties(features: RawFeature[]): PropertySummary[] {
  const stats = new Map<string, { values: Set<string>; filled: number; samples: string[] }>();
  for (const f of features) {
    for (const [k, v] of Object.entries(f.properties)) {
      let s = stats.get(k);
      if (!s) stats.set(k, (s = { values: new Set(), filled: 0, samples: [] }));
      const t = valueText(v);
      if (!t) continue;
      s.filled++;
      if (!s.values.has(t)) {
        s.values.add(t);
        if (s.samples.length < 3) s.samples.push(t);
      }
    }
  }
  return [...stats].map(([name, s]) => ({ name, samples: s.samples, filled: s.filled, distinct: s.values.size }));
}

function gssShare(features: RawFeature[], name: string): number {
  let n = 0;
  let gss = 0;
  for (const f of features) {
    const t = valueText(f.properties[name]);
    if (!t) continue;
    n++;
    if (GSS_CODE.test(t)) gss++;
  }
  return n ? gss / n : 0;
}

/** "LAD24CD" → "LAD24"; lower-case forms too. */
const onsStem = (name: string) => (ONS_CODE_NAME.test(name) ? name.slice(0, -2) : null);

/** Auto-pick the code, name and parent properties. Null when the features have no properties at all. */
export function pickProperties(features: RawFeature[], summaries = summariseProperties(features)): PropertyChoice | null {
  const usable = summaries.filter((s) => s.filled > 0);
  if (!usable.length) return null;
  const total = features.length;
  const warnings: string[] = [];

  const codeLike = (s: PropertySummary, gss: number) => ONS_CODE_NAME.test(s.name) || GENERIC_CODE.test(s.name) || gss >= 0.9;
  const scored = usable.map((s) => {
    const gss = gssShare(features, s.name);
    const unique = s.distinct / Math.max(1, s.filled);
    const coverage = s.filled / total;
    // Name first, then values: an ONS column name beats a generic one beats none.
    const nameScore = ONS_CODE_NAME.test(s.name) ? 3 : GENERIC_CODE.test(s.name) ? (s.name.toLowerCase() === 'id' ? 1 : 2) : 0;
    return { s, gss, unique, coverage, codeLike: codeLike(s, gss), score: nameScore + 2 * gss + 3 * unique + 2 * coverage };
  });

  // Uniqueness weighs in the score rather than filtering: a file with each area split over several
  // rows still has its code column picked (the rows are then joined, with a warning).
  const candidates = scored.filter((c) => c.codeLike);
  let code = candidates.sort((a, b) => b.score - a.score)[0];
  if (!code) {
    // No recognisable code column: the column with the most distinct values, flagged for checking.
    code = [...scored].sort((a, b) => b.s.distinct - a.s.distinct || b.coverage - a.coverage)[0]!;
    warnings.push(`No property looks like an area code (for example LAD24CD holding codes such as E06000001); "${code.s.name}" was used: check it, or choose another.`);
  }
  const codeProperty = code.s.name;

  // Name: the code column's own ...NM, then any ...NM (English before Welsh), then generic names.
  const stem = onsStem(codeProperty);
  const names = usable.filter((s) => s.name !== codeProperty);
  const byName = (re: RegExp) => names.filter((s) => re.test(s.name)).sort((a, b) => b.distinct - a.distinct)[0];
  const nameSummary =
    (stem ? names.find((s) => s.name.toLowerCase() === `${stem}nm`.toLowerCase()) : undefined) ??
    byName(ONS_NAME_NAME) ??
    byName(GENERIC_NAME) ??
    byName(/name|nm$/i) ??
    byName(ONS_WELSH_NAME);
  const nameProperty = nameSummary?.name ?? null;
  if (!nameProperty) warnings.push('No property holds area names, so areas are labelled by their codes.');

  // Parent: a column called parent_code (the app's own format), else another code column, not
  // unique, with the most distinct values (the nearest level up).
  const parent =
    scored.find((c) => c.s.name !== codeProperty && PARENT_NAME.test(c.s.name)) ??
    scored
      .filter((c) => c.s.name !== codeProperty && (ONS_CODE_NAME.test(c.s.name) || c.gss >= 0.9) && c.s.distinct > 1 && c.s.distinct < code.s.distinct)
      .sort((a, b) => b.s.distinct - a.s.distinct)[0];

  return { codeProperty, nameProperty, parentProperty: parent?.s.name ?? null, warnings };
}

export interface BuiltAreas {
  areas: AreaFeature[];
  warnings: string[];
}

const examples = (xs: string[]) => xs.slice(0, 3).join(', ') + (xs.length > 3 ? ` and ${xs.length - 3} more` : '');

/**
 * One map area per distinct code: id = code, properties { code, name, parent_code }. Features with
 * no code are left out; several shapes with the same code (islands stored as separate rows) are
 * joined into one MultiPolygon. Both reported as warnings.
 */
export function buildAreas(features: RawFeature[], codeProperty: string, nameProperty: string | null, parentProperty: string | null): BuiltAreas {
  const byCode = new Map<string, { polygons: Position[][][]; name: string; parent: string | null; shapes: number }>();
  let noCode = 0;
  for (const f of features) {
    const code = valueText(f.properties[codeProperty]);
    if (!code) {
      noCode++;
      continue;
    }
    const name = nameProperty ? valueText(f.properties[nameProperty]) : '';
    const parent = parentProperty ? valueText(f.properties[parentProperty]) : '';
    let area = byCode.get(code);
    if (!area) byCode.set(code, (area = { polygons: [], name, parent: parent || null, shapes: 0 }));
    area.shapes++;
    if (!area.name && name) area.name = name;
    if (!area.parent && parent) area.parent = parent;
    area.polygons.push(...polygonList(f.geometry));
  }

  const warnings: string[] = [];
  if (noCode) warnings.push(`${noCode} of ${features.length} shapes ${noCode === 1 ? 'has' : 'have'} no value in "${codeProperty}" and ${noCode === 1 ? 'was' : 'were'} left out.`);
  const repeated = [...byCode].filter(([, a]) => a.shapes > 1).map(([c]) => c);
  if (repeated.length)
    warnings.push(`${repeated.length} ${repeated.length === 1 ? 'code appears' : 'codes appear'} on more than one shape (${examples(repeated)}); each code's shapes were joined into one area.`);

  const areas: AreaFeature[] = [...byCode].map(([code, a]) => ({
    type: 'Feature',
    id: code,
    geometry: toAreaGeometry(a.polygons) as Polygon | MultiPolygon,
    properties: { code, name: a.name || code, parent_code: a.parent }
  }));
  return { areas, warnings };
}
