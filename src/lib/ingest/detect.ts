/**
 * Which extract is this file? Each kind is scored by how many of its required fields the headers
 * map to (all are needed) and how many optional ones, with a nudge from the file name
 * ("SP referrals Q1.csv"). A file that maps none of any kind's required fields is reported as
 * unrecognised rather than guessed.
 */
import { EXTRACTS, EXTRACT_KINDS, missingRequired, requiredFields, type ExtractKind } from '../domain/extracts';
import { mapHeaders, normaliseHeader, type Mapping } from './headers';

export interface Detection {
  kind: ExtractKind;
  mapping: Mapping;
  /** Required fields the headers did not map: the user must pick them before loading. */
  missing: string[];
  /** 0..1: share of the kind's required fields mapped, weighted with optional ones. */
  confidence: number;
}

const NAME_HINTS: Record<ExtractKind, RegExp> = {
  referrals: /referr|caseload|activity/i,
  funding: /fund|ledger|financ|budget|spend|allocation|grant/i,
  providers: /provider|service|capacity|supplier|directory/i,
  population: /pop|census|mye|imd|depriv|need/i,
  lookup: /lookup|look-up|group|place|neighbourhood|footprint|mapping/i
};

/**
 * A column of people by age ("0 to 15", "F65 and over", "Aged 18-64", "90+", "M16 to 64"), as population
 * estimates have: three or more make a file a population extract, whatever else it has (an ONS small-area file's
 * "Total" would otherwise read as a funding amount).
 */
const AGE_COLUMN = /^\s*(f|m|females?|males?|persons?|all)?\s*(aged?\s*)?(\d{1,2}\s*(to|-|–)\s*\d{1,2}|\d{1,2}\s*(\+|plus|and over))\s*$/i;
const ageColumns = (headers: string[]) => headers.filter((h) => AGE_COLUMN.test(h)).length;

export function detectExtract(headers: string[], fileName = ''): Detection | null {
  let best: (Detection & { score: number }) | null = null;
  const byAge = ageColumns(headers) >= 3;
  for (const kind of EXTRACT_KINDS) {
    // A lookup is a few columns (area, group, its name, perhaps the area's name), or a few more with each
    // area's centre (finer centres: coordinates and a population): a wider file with an area and a parent
    // code but no coordinates is a population or activity extract, never a lookup.
    const mapping = mapHeaders(kind, headers);
    // Beside columns of people by age, a "Total" (or "Persons") column is everyone: the population.
    if (kind === 'population' && byAge && !('population' in mapping)) {
      const total = headers.findIndex((h, i) => /^(total|all persons|persons|all people)$/.test(normaliseHeader(h)) && !Object.values(mapping).includes(i));
      if (total >= 0) mapping.population = total;
    }
    const located = 'latitude' in mapping || 'easting' in mapping;
    if (kind === 'lookup' && headers.filter((h) => h.trim()).length > (located ? 8 : 4)) continue;
    const req = requiredFields(kind);
    const missing = missingRequired(kind, mapping, req);
    const reqHit = req.length - missing.length;
    const optional = EXTRACTS[kind].fields.length - req.length;
    const optHit = Object.keys(mapping).length - reqHit;
    if (reqHit === 0) continue;
    const score = (reqHit / req.length) * 10 + (optional ? optHit / optional : 0) * 3 + (NAME_HINTS[kind].test(fileName) ? 1.5 : 0) + (byAge && kind === 'population' ? 5 : 0);
    const confidence = Math.min(1, (reqHit / req.length) * 0.8 + (optional ? (optHit / optional) * 0.2 : 0.2));
    if (!best || score > best.score) {
      best = { kind, mapping, missing, confidence, score };
    }
  }
  if (!best) return null;
  const { score: _score, ...detection } = best;
  return detection;
}
