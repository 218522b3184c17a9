/**
 * Builds the reference geography the app ships in data/ (committed; see data/README.md) from the
 * ONS / MHCLG / NHS files in ../shared/reference/geography (Open Government Licence v3.0) and the
 * Open Innovations district hex map (MIT):
 *
 *   data/reference/areas.csv         every area at five levels: local authority district (LAD 2024),
 *                                    sub-ICB location, ICB, NHS England region, ONS region, with
 *                                    their parents, mid-2020 population (0-17, 18-64, 65+) and the
 *                                    IMD 2019 average score
 *   data/reference/lad-splits.csv    the 28 districts split across sub-ICB locations, with shares
 *   data/reference/code-history.csv  2019 -> 2024 district codes (merged and split)
 *   data/geo/lad24.topo.json         England's 296 districts, simplified and quantised TopoJSON
 *   data/geo/lad23.hexjson           the district hex cartogram (MIT notice in data/README.md)
 *
 *   node scripts/build-reference.mjs [--source DIR]
 *
 * Run it only when the sources change: the app's build copies data/ and never needs ../shared.
 * The steps are exported as pure functions for the unit tests.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { geoArea } from 'd3-geo';
import Papa from 'papaparse';
import { quantize } from 'topojson-client';
import { topology as buildTopology } from 'topojson-server';
import { presimplify, quantile, simplify } from 'topojson-simplify';
import { toCsv } from './lib/csv.mjs';
import { MERGERS, SPLITS, isDistrict } from './geography/code-history.mjs';
import { REGIONS } from './geography/regions.mjs';
import { MID_2019_POPULATION } from './geography/predecessor-weights.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const AREA_COLUMNS = /** @type {const} */ ([
  'level', 'code', 'ods_code', 'name', 'sicbl_code', 'icb_code', 'nhser_code', 'rgn_code',
  'population', 'pop_0_17', 'pop_18_64', 'pop_65_plus', 'imd_score', 'imd_decile'
]);
export const SPLIT_COLUMNS = /** @type {const} */ (['lad_code', 'lad_name', 'sicbl_code', 'sicbl_ods', 'icb_code', 'share_of_lad_lsoas', 'best_fit']);
export const HISTORY_COLUMNS = /** @type {const} */ (['old_code', 'old_name', 'change', 'new_code', 'new_name', 'year']);

/** @param {string} text @returns {Record<string, string>[]} */
const readCsv = (text) => /** @type {any[]} */ (Papa.parse(text.replace(/^\uFEFF/, ''), { header: true, skipEmptyLines: true }).data);

/**
 * Mid-2020 population of each LAD 2024, from LAD 2021 rows: districts merged in 2023 are the sums
 * of their predecessors (population counts add up exactly).
 * @param {Record<string, string>[]} lad21 rows of population_mid2020_lad21_broad_age_bands_ew.csv
 * @returns {Map<string, { population: number, pop_0_17: number, pop_18_64: number, pop_65_plus: number }>}
 */
export function populationLad24(lad21) {
  const successorOf = new Map(MERGERS.flatMap((m) => m.predecessors.map(([code]) => [code, m.successor])));
  /** @type {Map<string, { population: number, pop_0_17: number, pop_18_64: number, pop_65_plus: number }>} */
  const out = new Map();
  for (const r of lad21) {
    if (!r.lad21_code?.startsWith('E')) continue;
    const code = successorOf.get(r.lad21_code) ?? r.lad21_code;
    const row = out.get(code) ?? { population: 0, pop_0_17: 0, pop_18_64: 0, pop_65_plus: 0 };
    row.population += Number(r.total_population);
    row.pop_0_17 += Number(r.age_0_17);
    row.pop_18_64 += Number(r.age_18_64);
    row.pop_65_plus += Number(r.age_65_74) + Number(r.age_75_84) + Number(r.age_85_plus);
    out.set(code, row);
  }
  return out;
}

/**
 * IMD 2019 average score of each LAD 2024. An average score is itself a population-weighted mean
 * of LSOA scores, so a merged district's is the population-weighted mean of its predecessors':
 * mid-2020 populations for the 2023 changes, ONS mid-2019 for Buckinghamshire (2020) and
 * Northamptonshire (2021), whose districts were gone before mid-2020 (predecessor-weights.mjs).
 * @param {Record<string, string>[]} imd19 rows of imd2019_lad19_summary_england.csv
 * @param {Record<string, string>[]} lad21
 * @returns {Map<string, number>}
 */
export function imdLad24(imd19, lad21) {
  const pop21 = new Map(lad21.map((r) => [r.lad21_code, Number(r.total_population)]));
  const successorOf = new Map(MERGERS.flatMap((m) => m.predecessors.map(([code]) => [code, m.successor])));
  /** @type {Map<string, { weighted: number, weight: number }>} */
  const sums = new Map();
  for (const r of imd19) {
    const code = successorOf.get(r.ltla19_code) ?? r.ltla19_code;
    const weight = successorOf.has(r.ltla19_code) ? (pop21.get(r.ltla19_code) ?? MID_2019_POPULATION[r.ltla19_code]) : 1;
    if (weight === undefined) throw new Error(`no population to weight ${r.ltla19_code}'s IMD score into ${code}`);
    const s = sums.get(code) ?? { weighted: 0, weight: 0 };
    s.weighted += Number(r.Score) * weight;
    s.weight += weight;
    sums.set(code, s);
  }
  return new Map([...sums].map(([code, s]) => [code, Math.round((s.weighted / s.weight) * 1000) / 1000]));
}

/**
 * Deciles of the districts' IMD average scores across England: 1 = the tenth with the highest
 * scores (most deprived), as IMD deciles run. Ties take the lower rank.
 * @param {Map<string, number>} scores
 */
export function imdDeciles(scores) {
  const sorted = [...scores.values()].sort((a, b) => b - a);
  return new Map([...scores].map(([code, s]) => [code, Math.ceil(((sorted.indexOf(s) + 1) * 10) / sorted.length)]));
}

/**
 * @typedef {Record<string, string | number | null>} AreaRow
 * @param {{ lookup: Record<string, string>[], lad21: Record<string, string>[], imd19: Record<string, string>[],
 *   icbRegions: Map<string, { code: string, name: string }>, ladRegions: Map<string, string> }} src
 * @returns {{ areas: AreaRow[], splits: AreaRow[] }}
 */
export function buildAreas({ lookup, lad21, imd19, icbRegions, ladRegions }) {
  const pop = populationLad24(lad21);
  const imd = imdLad24(imd19, lad21);
  const deciles = imdDeciles(new Map([...imd].filter(([code]) => pop.has(code))));
  /** @type {Map<string, Record<string, string>[]>} */
  const byLad = new Map();
  for (const r of lookup) byLad.set(r.ltla24_code, [...(byLad.get(r.ltla24_code) ?? []), r]);

  /** @type {AreaRow[]} */
  const lads = [];
  /** @type {AreaRow[]} */
  const splits = [];
  for (const [code, rows] of [...byLad].sort()) {
    // A district split across sub-ICB locations goes whole to the one holding most of its LSOAs
    // (best fit), so its population and its activity always count in the same place.
    const best = [...rows].sort((a, b) => Number(b.share_of_lad_lsoas) - Number(a.share_of_lad_lsoas))[0];
    const p = pop.get(code);
    const score = imd.get(code);
    const rgn = ladRegions.get(code);
    if (!best || !p || score === undefined || !rgn) throw new Error(`${code}: missing ${!p ? 'population' : score === undefined ? 'IMD' : 'region'}`);
    const icb = icbRegions.get(best.icb24_code);
    if (!icb) throw new Error(`${best.icb24_code}: no NHS region`);
    lads.push({
      level: 'lad', code, ods_code: null, name: best.ltla24_name, sicbl_code: best.sicbl24_code, icb_code: best.icb24_code,
      nhser_code: icb.code, rgn_code: rgn, ...p, imd_score: score, imd_decile: deciles.get(code) ?? null
    });
    if (rows.length > 1) {
      for (const r of rows) {
        splits.push({
          lad_code: code, lad_name: r.ltla24_name, sicbl_code: r.sicbl24_code, sicbl_ods: r.sicbl24_code_nhs, icb_code: r.icb24_code,
          share_of_lad_lsoas: Number(r.share_of_lad_lsoas), best_fit: r === best ? 'yes' : 'no'
        });
      }
    }
  }

  /**
   * Sums over the pieces of districts in each group; IMD as the population-weighted mean. A piece
   * is a district's share of a sub-ICB location (by LSOA count), or a whole district: these rows
   * describe areas an extract is keyed by, so a sub-ICB location or ICB gets its apportioned
   * population, not the best-fit one district roll-ups use.
   * @param {string} level
   * @param {{ lad: AreaRow, share: number, key: string }[]} pieces
   * @param {(code: string) => Partial<AreaRow>} describe
   */
  const groups = (level, pieces, describe) => {
    /** @type {Map<string, { lad: AreaRow, share: number }[]>} */
    const members = new Map();
    for (const p of pieces) members.set(p.key, [...(members.get(p.key) ?? []), p]);
    return [...members].sort().map(([code, ps]) => {
      const sum = (/** @type {string} */ c) => ps.reduce((s, p) => s + Math.round(Number(p.lad[c]) * p.share), 0);
      const weighted = ps.reduce((s, p) => s + Number(p.lad.imd_score) * Number(p.lad.population) * p.share, 0);
      const weight = ps.reduce((s, p) => s + Number(p.lad.population) * p.share, 0);
      return {
        level, code, ods_code: null, name: code, sicbl_code: null, icb_code: null, nhser_code: null, rgn_code: null,
        ...describe(code), population: sum('population'), pop_0_17: sum('pop_0_17'), pop_18_64: sum('pop_18_64'), pop_65_plus: sum('pop_65_plus'),
        imd_score: Math.round((weighted / weight) * 1000) / 1000, imd_decile: null
      };
    });
  };
  const ladOf = new Map(lads.map((l) => [String(l.code), l]));
  const pieces = (/** @type {(r: Record<string, string>) => string} */ key) =>
    lookup.map((r) => ({ lad: /** @type {AreaRow} */ (ladOf.get(r.ltla24_code)), share: Number(r.share_of_lad_lsoas), key: key(r) }));
  const first = (/** @type {string} */ col, /** @type {string} */ code) => lookup.find((r) => r[col] === code) ?? {};
  const sicbls = groups('sicbl', pieces((r) => r.sicbl24_code), (code) => {
    const r = first('sicbl24_code', code);
    return { ods_code: r.sicbl24_code_nhs, name: r.sicbl24_name, icb_code: r.icb24_code, nhser_code: icbRegions.get(String(r.icb24_code))?.code };
  });
  const icbs = groups('icb', pieces((r) => r.icb24_code), (code) => {
    const r = first('icb24_code', code);
    return { ods_code: r.icb24_code_nhs, name: String(r.icb24_name).replace(/ Integrated Care Board$/, ' ICB'), nhser_code: icbRegions.get(code)?.code };
  });
  const nhsers = groups('nhser', pieces((r) => String(icbRegions.get(r.icb24_code)?.code)), (code) => ({
    name: `NHS England ${[...icbRegions.values()].find((r) => r.code === code)?.name}`
  }));
  const rgns = groups('rgn', lads.map((lad) => ({ lad, share: 1, key: String(lad.rgn_code) })), (code) => ({ name: REGIONS[code] ?? code }));
  return { areas: [...lads, ...sicbls, ...icbs, ...nhsers, ...rgns], splits };
}

/**
 * Code history rows. Merged codes map to their successor; a split county names its successors and
 * maps to none. Predecessors of predecessors are not needed: every 2019 code changed at most once.
 * @param {Set<string>} lad24 codes of LAD 2024 (checked: every successor is one)
 */
export function codeHistory(lad24) {
  /** @type {AreaRow[]} */
  const rows = [];
  for (const m of MERGERS) {
    if (!lad24.has(m.successor)) throw new Error(`${m.successor} is not a 2024 district`);
    for (const [code, name] of m.predecessors) {
      rows.push({ old_code: code, old_name: name, change: 'merged', new_code: m.successor, new_name: m.successorName, year: m.year });
    }
  }
  for (const s of SPLITS) {
    for (const succ of s.successors) {
      const name = MERGERS.find((m) => m.successor === succ)?.successorName ?? succ;
      rows.push({ old_code: s.code, old_name: s.name, change: 'split', new_code: succ, new_name: name, year: s.year });
    }
  }
  return rows.sort((a, b) => (String(a.old_code) + a.new_code < String(b.old_code) + b.new_code ? -1 : 1));
}

/**
 * The 2019 district list, carried through the history, must give exactly the 2024 list: a check
 * that the hand-written history in code-history.mjs has neither a gap nor an extra.
 * @param {string[]} codes2019 @param {Set<string>} lad24
 */
export function checkHistory(codes2019, lad24) {
  const successorOf = new Map(MERGERS.flatMap((m) => m.predecessors.map(([code]) => [code, m.successor])));
  const carried = new Set(codes2019.filter(isDistrict).map((c) => successorOf.get(c) ?? c));
  const missing = [...lad24].filter((c) => !carried.has(c));
  const extra = [...carried].filter((c) => !lad24.has(c));
  if (missing.length || extra.length) throw new Error(`code history: 2024 districts not reached ${missing.join(' ')}; left over ${extra.join(' ')}`);
}

/**
 * Rings wound as d3-geo reads them (exterior clockwise, holes anticlockwise): ONS files follow
 * RFC 7946, the opposite, which d3 would fill as the whole globe but the district. Each ring alone:
 * an exterior must enclose less than a hemisphere, a hole more (as src/lib/geo/winding.ts does).
 * @param {any} geometry Polygon or MultiPolygon
 */
export function rewindForD3(geometry) {
  const fix = (/** @type {number[][][]} */ rings) =>
    rings.map((ring, i) => ((geoArea({ type: 'Polygon', coordinates: [ring] }) <= 2 * Math.PI) === (i === 0) ? ring : ring.slice().reverse()));
  return geometry.type === 'Polygon'
    ? { type: 'Polygon', coordinates: fix(geometry.coordinates) }
    : { type: 'MultiPolygon', coordinates: geometry.coordinates.map(fix) };
}

/**
 * England's districts as TopoJSON, object `areas`, properties { code, name }: simplified
 * (Visvalingam, keeping `keep` of the points, small islands kept as triangles) and quantised.
 * @param {any} geojson the LAD 2024 BUC FeatureCollection (UK)
 */
export function districtTopology(geojson, { keep = 0.12, quantization = 2e4 } = {}) {
  const features = geojson.features
    .filter((/** @type {any} */ f) => String(f.properties.LAD24CD).startsWith('E'))
    .map((/** @type {any} */ f) => ({ type: 'Feature', id: f.properties.LAD24CD, properties: { code: f.properties.LAD24CD, name: f.properties.LAD24NM }, geometry: rewindForD3(f.geometry) }))
    .sort((/** @type {any} */ a, /** @type {any} */ b) => (a.id < b.id ? -1 : 1));
  let topo = /** @type {any} */ (presimplify(/** @type {any} */ (buildTopology({ areas: { type: 'FeatureCollection', features } }, 1e6))));
  for (const arc of topo.arcs) {
    const [first, last] = [arc[0], arc[arc.length - 1]];
    if (first[0] !== last[0] || first[1] !== last[1]) continue;
    const interior = arc.slice(1, -1).sort((/** @type {number[]} */ a, /** @type {number[]} */ b) => Number(b[2]) - Number(a[2]));
    for (const point of interior.slice(0, 2)) point[2] = Infinity;
  }
  topo = simplify(topo, quantile(topo, 1 - keep));
  return quantize(topo, quantization);
}

function main() {
  const { values } = parseArgs({ options: { source: { type: 'string' } } });
  const src = path.resolve(values.source ?? path.join(root, '../shared/reference/geography'));
  const read = (/** @type {string} */ f) => readFileSync(path.join(src, f), 'utf8');
  const lookup = readCsv(read('lad24_sicbl24_icb24_lookup_apr2024.csv'));
  const lad21 = readCsv(read('population_mid2020_lad21_broad_age_bands_ew.csv'));
  const imd19 = readCsv(read('imd2019_lad19_summary_england.csv'));
  const icbGeo = JSON.parse(read('icb23_en_govuk_wgs84.geojson'));
  const hexText = read('lad23_hexmap_odileeds.hexjson');
  const hex = JSON.parse(hexText);
  const icbRegions = new Map(icbGeo.features.map((/** @type {any} */ f) => [f.properties.ICB23CD, { code: f.properties.NHSER22CD, name: f.properties.NHSER22NM }]));
  const ladRegions = new Map(Object.entries(hex.hexes).map(([code, h]) => [code, /** @type {any} */ (h).region]));

  const lad24 = new Set(lookup.map((r) => r.ltla24_code));
  checkHistory(imd19.map((r) => r.ltla19_code), lad24);
  const { areas, splits } = buildAreas({ lookup, lad21, imd19, icbRegions, ladRegions });
  const topo = districtTopology(JSON.parse(read('lad24_may2024_uk_buc_wgs84.geojson')));
  if (topo.objects.areas.geometries.length !== 296) throw new Error(`expected 296 districts, got ${topo.objects.areas.geometries.length}`);

  mkdirSync(path.join(root, 'data/reference'), { recursive: true });
  mkdirSync(path.join(root, 'data/geo'), { recursive: true });
  writeFileSync(path.join(root, 'data/reference/areas.csv'), toCsv(AREA_COLUMNS, areas));
  writeFileSync(path.join(root, 'data/reference/lad-splits.csv'), toCsv(SPLIT_COLUMNS, splits));
  writeFileSync(path.join(root, 'data/reference/code-history.csv'), toCsv(HISTORY_COLUMNS, codeHistory(lad24)));
  const topoJson = JSON.stringify(topo);
  writeFileSync(path.join(root, 'data/geo/lad24.topo.json'), topoJson);
  // England only, layout kept; the MIT notice is in data/README.md.
  const england = { layout: hex.layout, hexes: Object.fromEntries(Object.entries(hex.hexes).filter(([c]) => c.startsWith('E')).map(([c, h]) => [c, { n: /** @type {any} */ (h).n, q: /** @type {any} */ (h).q, r: /** @type {any} */ (h).r, region: /** @type {any} */ (h).region }])) };
  writeFileSync(path.join(root, 'data/geo/lad23.hexjson'), JSON.stringify(england));
  const count = (/** @type {string} */ l) => areas.filter((a) => a.level === l).length;
  console.log(`reference: ${count('lad')} districts, ${count('sicbl')} sub-ICB locations, ${count('icb')} ICBs, ${count('nhser')} NHS regions, ${count('rgn')} regions; ${splits.length} split rows; lad24.topo.json ${(topoJson.length / 1024).toFixed(0)} KB`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main();
  } catch (error) {
    console.error(`build-reference failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
