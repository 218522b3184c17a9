/**
 * The committed reference geography (data/, made by scripts/build-reference.mjs) against figures
 * transcribed from the published sources: ONS mid-2020 population (LAD 2021 codes), MHCLG IMD 2019
 * (LAD 2019 codes) and ONS mid-2019 population (April 2019 codes).
 */
import { readFileSync, statSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';

const dir = path.resolve(__dirname, '../../data');
const csv = (f: string) => Papa.parse<Record<string, string>>(readFileSync(path.join(dir, f), 'utf8'), { header: true, skipEmptyLines: true }).data;
const areas = csv('reference/areas.csv');
const lads = areas.filter((a) => a.level === 'lad');
const byCode = new Map(areas.map((a) => [a.code, a]));
const num = (code: string, col: string) => Number(byCode.get(code)![col]);
const sum = (rows: Record<string, string>[], col: string) => rows.reduce((s, r) => s + Number(r[col]), 0);

// ONS mid-2020 estimate for England (MYE2, all persons).
const ENGLAND_MID_2020 = 56_550_138;

describe('reference population (mid-2020, LAD 2024)', () => {
  it('has England\'s 296 districts summing to the mid-2020 English total, each split into its three age bands', () => {
    expect(lads).toHaveLength(296);
    expect(sum(lads, 'population')).toBe(ENGLAND_MID_2020);
    for (const l of lads) expect(Number(l.pop_0_17) + Number(l.pop_18_64) + Number(l.pop_65_plus)).toBe(Number(l.population));
    // ONS regions nest districts exactly.
    expect(sum(areas.filter((a) => a.level === 'rgn'), 'population')).toBe(ENGLAND_MID_2020);
  });

  it('carries 2021 codes through the 2023 reorganisations by summing predecessors', () => {
    // Allerdale 97,831 + Carlisle 108,524 + Copeland 68,041 (mid-2020, 2021 codes).
    expect(num('E06000063', 'population')).toBe(97_831 + 108_524 + 68_041);
    expect(num('E06000063', 'pop_0_17')).toBe(18_043 + 21_562 + 12_833);
    // Barrow-in-Furness 66,726 + Eden 53,754 + South Lakeland 104,905.
    expect(num('E06000064', 'population')).toBe(66_726 + 53_754 + 104_905);
    // Mendip, Sedgemoor, South Somerset, Somerset West and Taunton.
    expect(num('E06000066', 'population')).toBe(116_288 + 123_446 + 168_696 + 155_421);
    for (const gone of ['E07000026', 'E07000028', 'E10000006', 'E07000187']) expect(byCode.has(gone)).toBe(false);
  });
});

describe('reference IMD 2019 average score', () => {
  const weighted = (pairs: [number, number][]) => pairs.reduce((s, [score, pop]) => s + score * pop, 0) / pairs.reduce((s, [, pop]) => s + pop, 0);

  it('is the population-weighted mean of the predecessors\' scores for a merged district', () => {
    // IMD 2019 scores: Allerdale 22.938, Carlisle 21.997, Copeland 25.012; mid-2020 populations.
    expect(num('E06000063', 'imd_score')).toBeCloseTo(weighted([[22.938, 97_831], [21.997, 108_524], [25.012, 68_041]]), 3);
    // Buckinghamshire (2020): Aylesbury Vale 11.183, Chiltern 6.952, South Bucks 9.481, Wycombe 10.742, weighted by ONS mid-2019.
    expect(num('E06000060', 'imd_score')).toBeCloseTo(weighted([[11.183, 203_219], [6.952, 96_046], [9.481, 70_440], [10.742, 174_268]]), 3);
  });

  it('keeps an unchanged district\'s published score, and deciles with the most deprived first', () => {
    expect(num('E06000009', 'imd_score')).toBe(45.039); // Blackpool, rank 1 in England
    expect(byCode.get('E06000009')!.imd_decile).toBe('1');
    const deciles = lads.map((l) => Number(l.imd_decile));
    expect(Math.min(...deciles)).toBe(1);
    expect(Math.max(...deciles)).toBe(10);
    const top = lads.filter((l) => l.imd_decile === '1').map((l) => Number(l.imd_score));
    const rest = lads.filter((l) => l.imd_decile !== '1').map((l) => Number(l.imd_score));
    expect(Math.min(...top)).toBeGreaterThan(Math.max(...rest));
  });
});

describe('reference lookups', () => {
  it('puts the 15 Lancashire and South Cumbria districts (Westmorland and Furness by best fit) in E54000048', () => {
    const lsc = lads.filter((l) => l.icb_code === 'E54000048').map((l) => l.code).sort();
    expect(lsc).toEqual([
      'E06000008', 'E06000009', 'E06000064', 'E07000117', 'E07000118', 'E07000119', 'E07000120', 'E07000121',
      'E07000122', 'E07000123', 'E07000124', 'E07000125', 'E07000126', 'E07000127', 'E07000128'
    ]);
    const icb = byCode.get('E54000048')!;
    expect(icb.ods_code).toBe('QE1');
    expect(icb.nhser_code).toBe('E40000010');
    const sicbls = areas.filter((a) => a.level === 'sicbl' && a.icb_code === 'E54000048').map((a) => a.ods_code).sort();
    expect(sicbls).toEqual(['00Q', '00R', '00X', '01A', '01E', '01K', '02G', '02M']);
  });

  it('keeps the shares of the 28 split districts, one best fit each', () => {
    const splits = csv('reference/lad-splits.csv');
    const districts = new Set(splits.map((s) => s.lad_code));
    expect(districts.size).toBe(28);
    for (const d of districts) {
      const pieces = splits.filter((s) => s.lad_code === d);
      expect(sum(pieces, 'share_of_lad_lsoas')).toBeCloseTo(1, 3);
      expect(pieces.filter((p) => p.best_fit === 'yes')).toHaveLength(1);
    }
    const wf = splits.filter((s) => s.lad_code === 'E06000064').map((s) => [s.sicbl_ods, s.share_of_lad_lsoas]);
    expect(wf).toEqual(expect.arrayContaining([['01K', '0.7465'], ['01H', '0.2535']]));
  });

  it('maps 2019 codes: Cumbria\'s districts merged whole, the county split', () => {
    const history = csv('reference/code-history.csv');
    const to = (code: string) => history.filter((h) => h.old_code === code).map((h) => `${h.change} ${h.new_code}`);
    expect(to('E07000026')).toEqual(['merged E06000063']); // Allerdale → Cumberland
    expect(to('E07000031')).toEqual(['merged E06000064']); // South Lakeland → Westmorland and Furness
    expect(to('E10000006')).toEqual(['split E06000063', 'split E06000064']);
    expect(to('E07000154')).toEqual(['merged E06000062']); // Northampton → West Northamptonshire
  });
});

describe('reference boundaries and hex map', () => {
  const ladCodes = lads.map((l) => l.code).sort();

  it('draws the same 296 districts in the boundaries and the hex map', () => {
    const topo = JSON.parse(readFileSync(path.join(dir, 'geo/lad24.topo.json'), 'utf8'));
    const codes = topo.objects.areas.geometries.map((g: { properties: { code: string } }) => g.properties.code).sort();
    expect(codes).toEqual(ladCodes);
    const hex = JSON.parse(readFileSync(path.join(dir, 'geo/lad23.hexjson'), 'utf8'));
    expect(Object.keys(hex.hexes).sort()).toEqual(ladCodes);
    const cells = new Set(Object.values(hex.hexes).map((h) => `${(h as { q: number }).q},${(h as { r: number }).r}`));
    expect(cells.size).toBe(296);
  });

  it('adds well under 1 MB to the build', () => {
    const bytes = (d: string): number =>
      readdirSync(d, { withFileTypes: true }).reduce((s, e) => s + (e.isDirectory() ? bytes(path.join(d, e.name)) : e.name.endsWith('.md') ? 0 : statSync(path.join(d, e.name)).size), 0);
    expect(bytes(dir)).toBeLessThan(400_000);
  });
});
