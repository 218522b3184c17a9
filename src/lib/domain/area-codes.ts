/**
 * ONS GSS area codes: which kind of area a code names, and why two code lists fail to match.
 * Used by the upload report (merging population columns) and the Map (data vs boundaries).
 */

/** ONS code families: codes of one family name the same kind of area, whatever their vintage. */
const CODE_FAMILY: Record<string, string> = {
  E06: 'local authority', E07: 'local authority', E08: 'local authority', E09: 'local authority', E10: 'local authority',
  W06: 'local authority', S12: 'local authority', N09: 'local authority',
  E38: 'sub-ICB / CCG', E54: 'ICB', E01: 'LSOA', W01: 'LSOA', E02: 'MSOA', W02: 'MSOA', E12: 'region', E40: 'NHS region'
};
export const family = (code: string) => CODE_FAMILY[code.slice(0, 3)] ?? code.replace(/\d+$/, '');

/**
 * Codes of the same kind unmatched on both sides usually mean two boundary vintages (local
 * authority codes changed in 2019-2023: Dorset, Bucks, Northants, Cumbria, North Yorkshire,
 * Somerset); codes of different kinds mean two geographies; Welsh codes on one side only mean
 * one file covers England only.
 */
export function vintageHint(fileOnly: string[], tableOnly: string[]): string | null {
  const notes: string[] = [];
  const welsh = (xs: string[]) => xs.length > 0 && xs.some((c) => /^[WSN]/.test(c));
  if (welsh(tableOnly) && !fileOnly.some((c) => /^[WSN]/.test(c))) notes.push('The loaded table has Welsh, Scottish or Northern Irish areas that this file does not cover (it may be England only).');
  if (welsh(fileOnly) && !tableOnly.some((c) => /^[WSN]/.test(c))) notes.push('This file has Welsh, Scottish or Northern Irish areas that the loaded table does not cover.');
  const english = (xs: string[]) => xs.filter((c) => !/^[WSN]/.test(c));
  const f = english(fileOnly);
  const t = english(tableOnly);
  if (f.length && t.length) {
    const shared = f.some((x) => t.some((y) => family(x) === family(y)));
    notes.push(
      shared
        ? 'Codes of the same kind are unmatched on both sides: the two files probably use different boundary vintages (for example 2019 and 2021 local authorities). Use files of the same year, or a lookup to recode one of them.'
        : 'The unmatched codes are of different kinds (for example local authority and ICB codes): check both files use the same geography.'
    );
  }
  return notes.length ? notes.join(' ') : null;
}


/** One row of an area → parent lookup (from the population extract's parent columns). */
export interface ParentOf {
  area_code: string;
  parent_code: string;
  parent_name: string | null;
}

/** The kind of area most of the codes name ('local authority', 'ICB'…), or null when none is recognised. */
export function areaKind(codes: Iterable<string>): string | null {
  const counts = new Map<string, number>();
  for (const c of codes) {
    const k = CODE_FAMILY[c.slice(0, 3)];
    if (k) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
}

/**
 * Which level of the built-in reference most of the codes name: sub-ICB locations (E38), ICBs
 * (E54), NHS regions (E40) or ONS regions (E12); 'lad' for districts and anything else (the
 * default boundaries are districts). ODS codes (00Q, QE1) are recoded to these when loaded.
 */
export function referenceFamily(codes: Iterable<string>): 'lad' | 'sicbl' | 'icb' | 'nhser' | 'rgn' {
  const byPrefix: Record<string, 'sicbl' | 'icb' | 'nhser' | 'rgn'> = { E38: 'sicbl', E54: 'icb', E40: 'nhser', E12: 'rgn' };
  const counts = new Map<string, number>();
  let total = 0;
  for (const c of codes) {
    total++;
    const k = byPrefix[c.slice(0, 3)] ?? 'lad';
    counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  if (!total) return 'lad';
  return [...counts].sort((a, b) => b[1] - a[1])[0]![0] as 'lad' | 'sicbl' | 'icb' | 'nhser' | 'rgn';
}

/**
 * Codes of areas that hold other areas: a row for one of them beside rows for the areas it holds is a subtotal
 * (ONS population files list England, its regions and its counties above the districts; a sub-ICB file may
 * carry its ICBs' totals), and loading it as an area would count its people twice and make a country look like
 * one very large district. Each entry: the prefixes, what such a row is, and the prefixes of the areas it holds
 * (`'*'`: any code not itself in the entry). A county (E10) beside unitary authorities (E06) is not a
 * subtotal: an upper-tier file lists both as areas. Regions (E12, E40) stay areas in a file of regions.
 */
export const SUBTOTAL_AREAS: readonly { prefixes: readonly string[]; what: string; holds: readonly string[] | '*' }[] = [
  { prefixes: ['K02', 'K03', 'K04', 'E92', 'W92', 'S92', 'N92'], what: 'country total', holds: '*' },
  { prefixes: ['E12', 'E40'], what: 'region total', holds: ['E06', 'E07', 'E08', 'E09', 'E10', 'E11', 'E13', 'E38', 'E54', 'E01', 'E02'] },
  { prefixes: ['E10'], what: 'county total', holds: ['E07'] },
  { prefixes: ['E11'], what: 'metropolitan county total', holds: ['E08'] },
  { prefixes: ['E13'], what: 'Inner or Outer London total', holds: ['E09'] },
  { prefixes: ['E54'], what: 'ICB total', holds: ['E38'] },
  { prefixes: ['E06', 'E07', 'E08', 'E09', 'W06'], what: 'local authority total', holds: ['E01', 'E02', 'W01', 'W02'] }
];
